/**
 * Lake rows → normalized events: the inverse of ingest/event-rows.ts for the tables the live
 * runner acts on. ingest hands out rows (its RowSink contract), the lake stores rows, and the
 * backtester reads rows back into events; building the live events from the very rows that are
 * recorded is what lets a replay of the recording see exactly what the live runner saw.
 *
 * Only tables a lake replay reads are acted on (trades, depth_updates, book_tickers, klines,
 * status, gaps). mini_tickers are recorded but not acted on (a replay does not read them), and
 * `listings` rows are written only when a recorder stops.
 */
import type { GapReason, KlineInterval, Level, SniperEvent, StatusSource } from '../core/events.ts';
import type { TableName } from '../lake/schema.ts';
import type { RowOf } from '../lake/table-batch.ts';

export const ACTED_TABLES = ['trades', 'depth_updates', 'book_tickers', 'klines', 'status', 'gaps'] as const satisfies readonly TableName[];
export type ActedTable = (typeof ACTED_TABLES)[number];

export function isActedTable(t: TableName): t is ActedTable {
  return (ACTED_TABLES as readonly string[]).includes(t);
}

function levels(prices: ArrayLike<number>, qtys: ArrayLike<number>): Level[] {
  const out = new Array<Level>(prices.length);
  for (let i = 0; i < prices.length; i++) out[i] = [prices[i]!, qtys[i]!];
  return out;
}

const time = (r: { ts_event: number; ts_recv: number; seq: number }) => ({ tsEvent: r.ts_event, tsRecv: r.ts_recv, seq: r.seq });

/** The event a row of an acted table stands for. */
export function rowToEvent<T extends ActedTable>(table: T, row: RowOf<T>): SniperEvent {
  switch (table) {
    case 'trades': {
      const r = row as RowOf<'trades'>;
      return { type: 'trade', symbol: r.symbol, price: r.price, qty: r.qty, side: r.side === 'buy' ? 'buy' : 'sell', tradeTime: r.trade_time, ...time(r) };
    }
    case 'depth_updates': {
      const r = row as RowOf<'depth_updates'>;
      const bids = levels(r.bid_prices, r.bid_qtys);
      const asks = levels(r.ask_prices, r.ask_qtys);
      if (r.kind === 'delta') return { type: 'book_delta', symbol: r.symbol, bids, asks, fromVersion: r.from_version, toVersion: r.to_version, ...time(r) };
      return { type: 'book_snapshot', symbol: r.symbol, bids, asks, version: r.to_version, source: r.kind === 'limit' ? 'limit' : 'rest', ...time(r) };
    }
    case 'book_tickers': {
      const r = row as RowOf<'book_tickers'>;
      return { type: 'book_ticker', symbol: r.symbol, bidPrice: r.bid_price, bidQty: r.bid_qty, askPrice: r.ask_price, askQty: r.ask_qty, ...time(r) };
    }
    case 'klines': {
      const r = row as RowOf<'klines'>;
      return {
        type: 'kline', symbol: r.symbol, interval: r.interval as KlineInterval, openTime: r.open_time, closeTime: r.close_time,
        open: r.open, high: r.high, low: r.low, close: r.close, baseVolume: r.base_volume, quoteVolume: r.quote_volume, ...time(r),
      };
    }
    case 'status': {
      const r = row as RowOf<'status'>;
      return {
        type: 'status', source: r.source as StatusSource, symbol: r.symbol, vcoinId: r.vcoin_id, ...time(r),
        ...(r.sts === null ? {} : { sts: r.sts }), ...(r.st === null ? {} : { st: r.st }), ...(r.tt === null ? {} : { tt: r.tt }),
        ...(r.open_time === null ? {} : { openTime: r.open_time }), ...(r.exchange_status === null ? {} : { exchangeStatus: r.exchange_status }),
        ...(r.api_tradable === null ? {} : { apiTradable: r.api_tradable }),
      };
    }
    case 'gaps': {
      const r = row as RowOf<'gaps'>;
      return {
        type: 'gap', symbol: r.symbol, channel: r.channel, reason: r.reason as GapReason, fromUs: r.from_us, toUs: r.to_us,
        ...(r.detail === null ? {} : { detail: r.detail }), ...time(r),
      };
    }
    default:
      throw new Error(`${String(table)} is not a table the live runner acts on`);
  }
}
