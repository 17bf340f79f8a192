/**
 * Normalized events → lake rows (lake/schema.ts). The connection id is not part of an event, so
 * it is passed in. Private account events are not market data and are not recorded here.
 */
import type { GapEvent, Level, SniperEvent, StatusEvent } from '../core/events.ts';
import type { TableName } from '../lake/schema.ts';
import type { RowOf } from '../lake/table-batch.ts';

/** Something that takes lake rows: the lake sink, the Kafka publisher, or both. */
export interface RowSink {
  append<T extends TableName>(table: T, row: RowOf<T>): void;
}

function split(levels: readonly Level[]): [number[], number[]] {
  const px = new Array<number>(levels.length);
  const qty = new Array<number>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    px[i] = levels[i]![0];
    qty[i] = levels[i]![1];
  }
  return [px, qty];
}

export function gapRow(g: GapEvent, connId: string): RowOf<'gaps'> {
  return {
    ts_event: g.tsEvent, ts_recv: g.tsRecv, seq: g.seq, conn_id: connId, symbol: g.symbol, channel: g.channel, reason: g.reason,
    from_us: g.fromUs, to_us: g.toUs, detail: g.detail ?? null,
  };
}

export function statusRow(s: StatusEvent, connId: string): RowOf<'status'> {
  return {
    ts_event: s.tsEvent, ts_recv: s.tsRecv, seq: s.seq, conn_id: connId, symbol: s.symbol, source: s.source, vcoin_id: s.vcoinId,
    sts: s.sts ?? null, st: s.st ?? null, tt: s.tt ?? null, open_time: s.openTime ?? null,
    exchange_status: s.exchangeStatus ?? null, api_tradable: s.apiTradable ?? null,
  };
}

/** Append the rows of one event; returns how many rows were written (0 or 1). */
export function appendEvent(sink: RowSink, e: SniperEvent, connId: string): number {
  const t = { ts_event: e.tsEvent, ts_recv: e.tsRecv, seq: e.seq, conn_id: connId };
  switch (e.type) {
    case 'trade':
      sink.append('trades', { ...t, symbol: e.symbol, price: e.price, qty: e.qty, side: e.side, trade_time: e.tradeTime, trade_id: e.tradeId ?? null });
      return 1;
    case 'book_delta': {
      const [bp, bq] = split(e.bids);
      const [ap, aq] = split(e.asks);
      sink.append('depth_updates', {
        ...t, symbol: e.symbol, kind: 'delta', from_version: e.fromVersion, to_version: e.toVersion,
        bid_prices: bp, bid_qtys: bq, ask_prices: ap, ask_qtys: aq,
      });
      return 1;
    }
    case 'book_snapshot': {
      const [bp, bq] = split(e.bids);
      const [ap, aq] = split(e.asks);
      sink.append('depth_updates', {
        ...t, symbol: e.symbol, kind: e.source === 'rest' ? 'snapshot' : 'limit', from_version: e.version, to_version: e.version,
        bid_prices: bp, bid_qtys: bq, ask_prices: ap, ask_qtys: aq,
      });
      return 1;
    }
    case 'book_ticker':
      sink.append('book_tickers', { ...t, symbol: e.symbol, bid_price: e.bidPrice, bid_qty: e.bidQty, ask_price: e.askPrice, ask_qty: e.askQty });
      return 1;
    case 'kline':
      sink.append('klines', {
        ...t, symbol: e.symbol, interval: e.interval, open_time: e.openTime, close_time: e.closeTime,
        open: e.open, high: e.high, low: e.low, close: e.close, base_volume: e.baseVolume, quote_volume: e.quoteVolume,
      });
      return 1;
    case 'mini_ticker':
      sink.append('mini_tickers', {
        ...t, symbol: e.symbol, price: e.price, rate: e.rate, zoned_rate: e.zonedRate, high: e.high, low: e.low,
        quote_volume: e.quoteVolume, base_volume: e.baseVolume,
      });
      return 1;
    case 'status':
      sink.append('status', statusRow(e, connId));
      return 1;
    case 'gap':
      sink.append('gaps', gapRow(e, connId));
      return 1;
    default:
      return 0;
  }
}

/** Fan rows out to several sinks (the lake and Kafka). */
export function fanOut(sinks: readonly RowSink[]): RowSink {
  if (sinks.length === 1) return sinks[0]!;
  return {
    append(table, row) {
      for (const s of sinks) s.append(table, row);
    },
  };
}
