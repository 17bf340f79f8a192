/** Rows of the label_events view → the normalized events the fill model reads. */
import type { Level, SniperEvent } from '../../core/events.ts';

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

function levels(prices: unknown, qtys: unknown): Level[] {
  const p = (prices as number[] | null) ?? [];
  const q = (qtys as number[] | null) ?? [];
  return p.map((x, i) => [x, q[i] ?? 0] as const);
}

export function eventFromRow(r: Record<string, unknown>): SniperEvent {
  const time = { tsEvent: num(r.ts_event), tsRecv: num(r.ts_recv), seq: num(r.seq) };
  const symbol = r.symbol as string;
  switch (r.kind) {
    case 'trade':
      return { type: 'trade', symbol, price: num(r.price), qty: num(r.qty), side: r.side === 'sell' ? 'sell' : 'buy', tradeTime: num(r.trade_time), ...time };
    case 'ticker':
      return { type: 'book_ticker', symbol, bidPrice: num(r.bid_price), bidQty: num(r.bid_qty), askPrice: num(r.ask_price), askQty: num(r.ask_qty), ...time };
    default: {
      const bids = levels(r.bid_prices, r.bid_qtys);
      const asks = levels(r.ask_prices, r.ask_qtys);
      if (r.depth_kind === 'delta') {
        return { type: 'book_delta', symbol, bids, asks, fromVersion: num(r.from_version), toVersion: num(r.to_version), ...time };
      }
      return { type: 'book_snapshot', symbol, bids, asks, version: num(r.to_version), source: r.depth_kind === 'limit' ? 'limit' : 'rest', ...time };
    }
  }
}
