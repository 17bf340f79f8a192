/**
 * Reading one batch of label events into per-listing event lists: trades through zero-copy
 * column vectors (the bulk of the rows), depth and tickers as row objects (a few per listing),
 * then each listing's lists merged by (tsRecv, seq).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { BookDeltaEvent, BookSnapshotEvent, BookTickerEvent, Level, SniperEvent, TradeEvent } from '../../core/events.ts';
import { f64Column } from '../../lake/column-vectors.ts';

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

function levels(prices: unknown, qtys: unknown): Level[] {
  const p = (prices as number[] | null) ?? [];
  const q = (qtys as number[] | null) ?? [];
  return p.map((x, i) => [x, q[i] ?? 0] as const);
}

async function readTrades(conn: DuckDBConnection, symbols: readonly string[], into: SniperEvent[][]): Promise<void> {
  const result = await conn.run('SELECT pos, ts_recv, seq, ts_event, price, qty, is_sell, trade_time FROM label_trades ORDER BY pos, ts_recv, seq');
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    const [pos, recv, seq, evt, price, qty, sell, tt] = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => f64Column(chunk, c, n)) as Float64Array[];
    for (let i = 0; i < n; i++) {
      const p = pos![i]!;
      const e: TradeEvent = {
        type: 'trade', symbol: symbols[p]!, price: price![i]!, qty: qty![i]!, side: sell![i] === 1 ? 'sell' : 'buy',
        tradeTime: tt![i]!, tsEvent: evt![i]!, tsRecv: recv![i]!, seq: seq![i]!,
      };
      into[p]!.push(e);
    }
  }
}

function depthEvent(r: Record<string, unknown>, symbol: string): BookSnapshotEvent | BookDeltaEvent {
  const time = { tsEvent: num(r.ts_event), tsRecv: num(r.ts_recv), seq: num(r.seq) };
  const bids = levels(r.bid_prices, r.bid_qtys);
  const asks = levels(r.ask_prices, r.ask_qtys);
  if (r.depth_kind === 'delta') return { type: 'book_delta', symbol, bids, asks, fromVersion: num(r.from_version), toVersion: num(r.to_version), ...time };
  return { type: 'book_snapshot', symbol, bids, asks, version: num(r.to_version), source: r.depth_kind === 'limit' ? 'limit' : 'rest', ...time };
}

function tickerEvent(r: Record<string, unknown>, symbol: string): BookTickerEvent {
  return {
    type: 'book_ticker', symbol, bidPrice: num(r.bid_price), bidQty: num(r.bid_qty), askPrice: num(r.ask_price), askQty: num(r.ask_qty),
    tsEvent: num(r.ts_event), tsRecv: num(r.ts_recv), seq: num(r.seq),
  };
}

const before = (a: SniperEvent, b: SniperEvent): boolean => a.tsRecv < b.tsRecv || (a.tsRecv === b.tsRecv && a.seq <= b.seq);

function merge(a: readonly SniperEvent[], b: readonly SniperEvent[]): SniperEvent[] {
  if (b.length === 0) return a as SniperEvent[];
  if (a.length === 0) return b as SniperEvent[];
  const out: SniperEvent[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) out.push(before(a[i]!, b[j]!) ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** The events of every listing of the current batch (label_batch), in (tsRecv, seq) order. */
export async function readBatchEvents(conn: DuckDBConnection, symbols: readonly string[]): Promise<SniperEvent[][]> {
  const trades: SniperEvent[][] = symbols.map(() => []);
  await readTrades(conn, symbols, trades);
  const depth: SniperEvent[][] = symbols.map(() => []);
  for (const r of (await conn.runAndReadAll('SELECT * FROM label_depth ORDER BY pos, ts_recv, seq')).getRowObjectsJS()) {
    const p = num(r.pos);
    depth[p]!.push(depthEvent(r, symbols[p]!));
  }
  const tickers: SniperEvent[][] = symbols.map(() => []);
  for (const r of (await conn.runAndReadAll('SELECT * FROM label_tickers ORDER BY pos, ts_recv, seq')).getRowObjectsJS()) {
    const p = num(r.pos);
    tickers[p]!.push(tickerEvent(r, symbols[p]!));
  }
  return symbols.map((_, p) => merge(merge(trades[p]!, depth[p]!), tickers[p]!));
}
