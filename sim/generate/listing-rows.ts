/**
 * The lake rows of one generated listing: what a recorder attached to the live sim would have
 * written for it. Trades of the first hour are the live sim's trades (same bars, same ids), the
 * first seconds of aggre.deals and the Min1 kline pushes go to raw_frames as the exact bytes,
 * the opening book comes from running the live symbol market for its first two seconds, and
 * status rows follow the listing's walk. Beyond the first hour klines come from the path's bars
 * (Min60 to 24 h, Hour4 to day 7; UTC-aligned windows take the bars that start in them).
 */
import { encodeFrame } from '../../adapters/mexc/proto/codec.ts';
import type { ListingPlan } from '../market/listing-plan.ts';
import { barTrades } from '../market/bar-trades.ts';
import { CandleSet, type Candle } from '../market/candles.ts';
import type { ListingSource } from '../market/trade-source.ts';
import { SymbolMarket, type PublicTrade } from '../market/symbol-market.ts';
import { listingMakerStyle } from '../market/market.ts';
import { dealsFrame, frameHeader, klineFrame } from '../server/frame-builders.ts';
import type { PartitionBuffers } from './partition-buffers.ts';

export interface ListingRowOptions {
  readonly seed: number;
  /** Trades (and Min1 klines) are written for this long after the open. */
  readonly tradeMs: number;
  /** raw_frames hold the aggre.deals@100ms pushes for this long after the open. */
  readonly rawMs: number;
  /** The opening book is followed (depth deltas, book tickers) for this long. */
  readonly bookMs: number;
}

export function writeListingRows(plan: ListingPlan, source: ListingSource, out: PartitionBuffers, o: ListingRowOptions): void {
  const sym = plan.symbol;
  const conn = `gen-${sym}`;
  const latUs = 20_000 + (plan.index % 97) * 1000;
  let seq = 0;
  const time = (eventMs: number) => ({ ts_event: eventMs, ts_recv: eventMs * 1000 + latUs, seq: ++seq, conn_id: conn, symbol: sym });
  const fs = { symbol: sym, priceScale: plan.priceScale, quantityScale: plan.quantityScale };
  const pMul = 10 ** plan.priceScale;
  const qMul = 10 ** plan.quantityScale;

  // discovery: calendar, symbolsV2 walk, exchangeInfo / defaultSymbols at the open
  out.push('listings', {
    ...time(plan.createdAt), vcoin_id: plan.vcoinId, vcoin_name: plan.vcoinName, vcoin_name_full: plan.vcoinNameFull, zone: plan.zone,
    first_seen: plan.createdAt, scheduled_open: plan.scheduledOpen, actual_open: plan.actualOpen, api_tradable: plan.apiTradable,
    status_timeline: JSON.stringify(plan.statusTimeline.map((c) => [c.atMs, ...c.tuple])),
  });
  const status = (ms: number, source: string, extra: Record<string, unknown>) => out.push('status', {
    ...time(ms), source, vcoin_id: plan.vcoinId, sts: null, st: null, tt: null, open_time: plan.scheduledOpen, exchange_status: null, api_tradable: null, ...extra,
  });
  status(plan.createdAt, 'calendar', {});
  for (const c of plan.statusTimeline) status(c.atMs, 'symbols_v2', { sts: c.tuple[0], st: c.tuple[1], tt: c.tuple[2] });
  status(plan.createdAt, 'exchange_info', { exchange_status: '2', api_tradable: false });
  status(plan.actualOpen, 'exchange_info', { exchange_status: '1', api_tradable: plan.apiTradable });
  if (plan.apiTradable) status(plan.actualOpen, 'default_symbols', { api_tradable: true });

  // trades of the first hour, their 100 ms deal frames, Min1 candles
  const candles = new CandleSet(100_000);
  const path = source.path;
  const horizon = plan.actualOpen + o.tradeMs;
  let tradeSeq = 0;
  let window: PublicTrade[] = [];
  let windowEnd = -1;
  const flushWindow = () => {
    if (window.length === 0) return;
    const sendTime = frameHeader(o.seed, '', undefined, windowEnd).sendTime;
    if (windowEnd - 100 < plan.actualOpen + o.rawMs) {
      const frame = dealsFrame(o.seed, fs, '100ms', window, windowEnd);
      out.push('raw_frames', {
        ts_recv: sendTime * 1000 + latUs, seq: ++seq, conn_id: conn, channel: frame.channel, symbol: sym, kind: 'ws_binary', frame: encodeFrame(frame),
      });
    }
    for (const t of window) {
      out.push('trades', {
        ...time(sendTime), price: t.ticks / pMul, qty: t.lots / qMul, side: t.side === 1 ? 'buy' : 'sell', trade_time: t.timeMs, trade_id: t.id,
      });
    }
    window = [];
  };
  for (let i = 0; i < path.length; i++) {
    const bar = source.bar(i);
    if (bar.startMs >= horizon) break;
    const tr = barTrades(o.seed, source.stream, i, bar, source.scales);
    for (let k = 0; k < tr.length; k++) {
      const t = tr.timeMs[k]!;
      const end = Math.floor(t / 100) * 100 + 100;
      if (end !== windowEnd) {
        flushWindow();
        windowEnd = end;
      }
      tradeSeq++;
      window.push({ timeMs: t, ticks: tr.ticks[k]!, lots: tr.lots[k]!, side: tr.side[k] as 1 | 2, id: `${sym}-${tradeSeq}` });
      candles.addTrade(t, tr.ticks[k]! / pMul, tr.lots[k]! / qMul);
    }
  }
  flushWindow();

  const klineRow = (interval: string, c: Candle) => out.push('klines', {
    ...time(c.closeTime), interval, open_time: c.openTime, close_time: c.closeTime, open: c.open, high: c.high, low: c.low,
    close: c.close, base_volume: c.volume, quote_volume: c.amount,
  });
  for (const c of candles.closed.get('Min1')!) {
    klineRow('Min1', c);
    const frame = klineFrame(o.seed, fs, 'Min1', c, c.closeTime);
    out.push('raw_frames', {
      ts_recv: frame.sendTime! * 1000 + latUs, seq: ++seq, conn_id: conn, channel: frame.channel, symbol: sym, kind: 'ws_binary', frame: encodeFrame(frame),
    });
  }
  // Min60 to 24 h (closed hours from the trades, then the path's bars), Hour4 to day 7
  for (const c of candles.closed.get('Min60')!) klineRow('Min60', c);
  let cur: Candle | undefined = candles.current.get('Min60');
  let curInterval = 'Min60';
  const dayEnd = plan.actualOpen + 86_400_000;
  for (let i = 0; i < path.length; i++) {
    const b = source.bar(i);
    if (b.startMs < horizon) continue;
    const [interval, span] = b.startMs < dayEnd ? ['Min60', 3_600_000] : ['Hour4', 14_400_000];
    const start = Math.floor(b.startMs / span) * span;
    if (cur === undefined || start >= cur.closeTime || interval !== curInterval) {
      if (cur !== undefined) klineRow(curInterval, cur);
      cur = { openTime: start, closeTime: start + span, open: b.open, high: b.high, low: b.low, close: b.close, volume: 0, amount: 0, trades: 0 };
      curInterval = interval;
    }
    cur.high = Math.max(cur.high, b.high);
    cur.low = Math.min(cur.low, b.low);
    cur.close = b.close;
    cur.amount += b.quote;
    cur.volume += b.quote / ((b.open + b.close) / 2);
  }
  if (cur !== undefined) klineRow(curInterval, cur);

  writeOpeningBook(plan, source, out, o, time);
}

function writeOpeningBook(
  plan: ListingPlan, source: ListingSource, out: PartitionBuffers, o: ListingRowOptions,
  time: (ms: number) => Record<string, unknown>,
): void {
  const m = new SymbolMarket(o.seed, plan.symbol, source, listingMakerStyle(plan), plan);
  const lv = (side: 'bid' | 'ask') => m.book.top(side, 20);
  let t = Math.floor(plan.actualOpen / 10) * 10;
  const end = plan.actualOpen + o.bookMs;
  let snapshotDone = false;
  let pending: { side: string; ticks: number; lots: number; version: number }[] = [];
  while (t < end) {
    const r = m.advance(t, t + 10);
    t += 10;
    pending.push(...r.changes);
    if (!snapshotDone) {
      if (m.lastTicks === undefined) continue;
      snapshotDone = true;
      const bids = lv('bid');
      const asks = lv('ask');
      out.push('depth_updates', {
        ...time(t), kind: 'snapshot', from_version: m.book.version, to_version: m.book.version,
        bid_prices: bids.map((x) => x[0] / m.pMul), bid_qtys: bids.map((x) => x[1] / m.qMul),
        ask_prices: asks.map((x) => x[0] / m.pMul), ask_qtys: asks.map((x) => x[1] / m.qMul),
      });
      pending = [];
      continue;
    }
    if (t % 100 !== 0) continue;
    const header = frameHeader(o.seed, '', m, t);
    if (pending.length > 0) {
      const net = new Map<string, (typeof pending)[number]>();
      for (const c of pending) net.set(`${c.side}${c.ticks}`, c);
      const asks = [...net.values()].filter((c) => c.side === 'ask').sort((a, b) => a.ticks - b.ticks);
      const bids = [...net.values()].filter((c) => c.side === 'bid').sort((a, b) => b.ticks - a.ticks);
      out.push('depth_updates', {
        ...time(header.sendTime), kind: 'delta', from_version: pending[0]!.version, to_version: pending[pending.length - 1]!.version,
        bid_prices: bids.map((c) => c.ticks / m.pMul), bid_qtys: bids.map((c) => c.lots / m.qMul),
        ask_prices: asks.map((c) => c.ticks / m.pMul), ask_qtys: asks.map((c) => c.lots / m.qMul),
      });
      pending = [];
    }
    const bid = m.book.top('bid', 1)[0];
    const ask = m.book.top('ask', 1)[0];
    if (bid !== undefined && ask !== undefined) {
      out.push('book_tickers', {
        ...time(header.sendTime), bid_price: bid[0] / m.pMul, bid_qty: bid[1] / m.qMul, ask_price: ask[0] / m.pMul, ask_qty: ask[1] / m.qMul,
      });
    }
  }
}
