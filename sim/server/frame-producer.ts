/**
 * Turns market ticks into the exchange's binary pushes. Called once per 10 ms tick; every
 * channel kind has its cadence: 10ms/100ms aggre.* windows aligned to market time, limit depth
 * and bookTicker.batch every 100 ms when the book changed, klines every second, miniTicker(s)
 * every 3 s. Frames are only encoded for channels with subscribers; their content never depends
 * on who subscribed, so two runs with one seed send identical bytes.
 */
import { encodeFrame, type MexcPushFrame } from '../../adapters/mexc/proto/codec.ts';
import { KLINE_INTERVALS } from '../../adapters/mexc/channels.ts';
import type { LevelChange } from '../market/book.ts';
import type { Market, SymbolTick } from '../market/market.ts';
import type { PublicTrade, SymbolMarket } from '../market/symbol-market.ts';
import { scaled } from '../market/format.ts';
import { miniTickerItem, MINI_TICKER_ZONES } from './mini-ticker.ts';
import { dealsFrame, frameHeader, klineFrame } from './frame-builders.ts';

export interface FrameSink {
  hasSubscribers(channel: string): boolean;
  publish(channel: string, symbol: string | undefined, frame: Uint8Array): void;
}

interface Window {
  trades: PublicTrade[];
  changes: LevelChange[];
  bookChanged: boolean;
  tradedSinceMini: boolean;
}

const SPEEDS = ['10ms', '100ms'] as const;

export class FrameProducer {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly market: Market, private readonly sink: FrameSink) {}

  private win(symbol: string): Window {
    let w = this.windows.get(symbol);
    if (w === undefined) {
      w = { trades: [], changes: [], bookChanged: false, tradedSinceMini: false };
      this.windows.set(symbol, w);
    }
    return w;
  }

  /** Produce the frames of the tick that ended at `endMs` (a multiple of 10). */
  afterTick(ticks: readonly SymbolTick[], endMs: number): void {
    const at100 = endMs % 100 === 0;
    for (const t of ticks) {
      const w = this.win(t.market.symbol);
      w.trades.push(...t.trades);
      w.changes.push(...t.changes);
      if (t.changes.length > 0) w.bookChanged = true;
      if (t.trades.length > 0) w.tradedSinceMini = true;
      this.windowFrames(t.market, '10ms', t.trades, t.changes, endMs);
    }
    if (at100) {
      for (const [symbol, w] of this.windows) {
        const m = this.market.symbols.get(symbol)!;
        this.windowFrames(m, '100ms', w.trades, w.changes, endMs);
        if (w.bookChanged) this.bookFrames(m, endMs);
        w.trades = [];
        w.changes = [];
        w.bookChanged = false;
      }
    }
    if (endMs % 1000 === 0) this.klineFrames(endMs);
    if (endMs % 3000 === 0) this.miniTickerFrames(endMs);
  }

  private emit(channel: string, m: SymbolMarket | undefined, endMs: number, body: Record<string, unknown>): void {
    const frame = { ...frameHeader(this.market.scenario.seed, channel, m, endMs), ...body } as MexcPushFrame;
    this.sink.publish(channel, m?.symbol, encodeFrame(frame));
  }

  private emitFrame(frame: MexcPushFrame): void {
    this.sink.publish(frame.channel!, frame.symbol, encodeFrame(frame));
  }

  private windowFrames(m: SymbolMarket, speed: (typeof SPEEDS)[number], trades: readonly PublicTrade[], changes: readonly LevelChange[], endMs: number): void {
    const sym = m.symbol;
    if (trades.length > 0) {
      const ch = `spot@public.aggre.deals.v3.api.pb@${speed}@${sym}`;
      if (this.sink.hasSubscribers(ch)) this.emitFrame(dealsFrame(this.market.scenario.seed, m, speed, trades, endMs));
    }
    if (changes.length > 0) {
      const ch = `spot@public.aggre.depth.v3.api.pb@${speed}@${sym}`;
      if (this.sink.hasSubscribers(ch)) {
        const net = new Map<string, LevelChange>();
        for (const c of changes) net.set(`${c.side}${c.ticks}`, c);
        const asks = [...net.values()].filter((c) => c.side === 'ask').sort((a, b) => a.ticks - b.ticks);
        const bids = [...net.values()].filter((c) => c.side === 'bid').sort((a, b) => b.ticks - a.ticks);
        const item = (c: LevelChange) => ({ price: scaled(c.ticks, m.priceScale), quantity: scaled(c.lots, m.quantityScale) });
        this.emit(ch, m, endMs, { bodyField: 313, publicAggreDepths: {
          asks: asks.map(item), bids: bids.map(item), eventType: `spot@public.aggre.depth.v3.api.pb@${speed}`,
          fromVersion: String(changes[0]!.version), toVersion: String(changes[changes.length - 1]!.version),
          lastOrderCreateTime: endMs - 1,
        } });
      }
      const bt = `spot@public.aggre.bookTicker.v3.api.pb@${speed}@${sym}`;
      if (this.sink.hasSubscribers(bt)) {
        const bid = m.book.top('bid', 1)[0];
        const ask = m.book.top('ask', 1)[0];
        if (bid !== undefined && ask !== undefined) {
          this.emit(bt, m, endMs, { bodyField: 315, publicAggreBookTicker: {
            bidPrice: scaled(bid[0], m.priceScale), bidQuantity: scaled(bid[1], m.quantityScale),
            askPrice: scaled(ask[0], m.priceScale), askQuantity: scaled(ask[1], m.quantityScale),
            version: String(m.book.version), lastOrderCreateTime: endMs - 1,
          } });
        }
      }
    }
  }

  private bookFrames(m: SymbolMarket, endMs: number): void {
    for (const level of [5, 10, 20] as const) {
      const ch = `spot@public.limit.depth.v3.api.pb@${m.symbol}@${level}`;
      if (!this.sink.hasSubscribers(ch)) continue;
      const item = ([t, l]: [number, number]) => ({ price: scaled(t, m.priceScale), quantity: scaled(l, m.quantityScale) });
      this.emit(ch, m, endMs, { bodyField: 303, publicLimitDepths: {
        asks: m.book.top('ask', level).map(item), bids: m.book.top('bid', level).map(item),
        eventType: 'spot@public.limit.depth.v3.api.pb', version: String(m.book.version), lastOrderCreateTime: endMs - 1,
      } });
    }
    const batch = `spot@public.bookTicker.batch.v3.api.pb@${m.symbol}`;
    const bid = m.book.top('bid', 1)[0];
    const ask = m.book.top('ask', 1)[0];
    if (this.sink.hasSubscribers(batch) && bid !== undefined && ask !== undefined) {
      this.emit(batch, m, endMs, { bodyField: 311, publicBookTickerBatch: {
        items: [{ bidPrice: scaled(bid[0], m.priceScale), bidQuantity: scaled(bid[1], m.quantityScale),
          askPrice: scaled(ask[0], m.priceScale), askQuantity: scaled(ask[1], m.quantityScale) }],
        version: String(m.book.version), lastOrderCreateTime: endMs - 1,
      } });
    }
  }

  private klineFrames(endMs: number): void {
    for (const m of this.market.symbols.values()) {
      if (m.lastTicks === undefined) continue;
      for (const interval of KLINE_INTERVALS) {
        const ch = `spot@public.kline.v3.api.pb@${m.symbol}@${interval}`;
        if (!this.sink.hasSubscribers(ch)) continue;
        const c = m.candles.live(interval, endMs - 1);
        if (c !== undefined) this.emitFrame(klineFrame(this.market.scenario.seed, m, interval, c, endMs));
      }
    }
  }

  private miniTickerFrames(endMs: number): void {
    const changed: SymbolMarket[] = [];
    for (const m of this.market.symbols.values()) {
      if (m.lastTicks === undefined) continue;
      const w = this.win(m.symbol);
      if (w.tradedSinceMini) changed.push(m);
      w.tradedSinceMini = false;
      for (const tz of MINI_TICKER_ZONES) {
        const ch = `spot@public.miniTicker.v3.api.pb@${m.symbol}@${tz}`;
        if (!this.sink.hasSubscribers(ch)) continue;
        const item = miniTickerItem(m, endMs, tz);
        if (item !== undefined) this.emit(ch, m, endMs, { bodyField: 309, publicMiniTicker: item });
      }
    }
    for (const tz of MINI_TICKER_ZONES) {
      const ch = `spot@public.miniTickers.v3.api.pb@${tz}`;
      if (!this.sink.hasSubscribers(ch) || changed.length === 0) continue;
      const items = changed.map((m) => miniTickerItem(m, endMs, tz)).filter((x) => x !== undefined);
      this.emit(ch, undefined, endMs, { bodyField: 310, publicMiniTickers: { items } });
    }
  }
}
