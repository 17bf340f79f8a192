/**
 * One cursor per lake table over a DuckDB streaming result, for core/stream-merge. Market tables
 * (trades, depth, book tickers, klines, mini tickers) arrive as Arrow record batches
 * (backtest/arrow-batch.ts, one bulk copy per column out of DuckDB) and are read column-wise into one reused event object per
 * table: no object per row. Every query's first four columns are ts_recv, seq, ts_event (DOUBLE) and
 * the symbol code (INTEGER, an index into the run's symbol list).
 * The rare tables (status, listings, gaps) are read as rows by `RowCursor`.
 */
import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import type { RecordBatch, Schema } from 'apache-arrow';
import type { BookDeltaEvent, BookSnapshotEvent, Level, SniperEvent, TradeEvent } from '../core/events.ts';
import type { FlatLevels } from '../core/order-book.ts';
import type { MergeCursor } from '../core/stream-merge.ts';
import { arrowSchema, f64Of, i32Of, listOf, toRecordBatch, type ColumnKind } from './arrow-batch.ts';
import { f64Column, i32Column } from '../lake/column-vectors.ts';

export const HEAD: readonly (readonly [string, ColumnKind])[] = [['ts_recv', 'f64'], ['seq', 'f64'], ['ts_event', 'f64'], ['sym', 'i32']];
export const f64s = (...names: string[]): [string, ColumnKind][] => names.map((n) => [n, 'f64']);

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export abstract class ChunkCursor implements MergeCursor<SniperEvent> {
  done = false;
  ts = 0;
  seq = 0;
  protected i = 0;
  protected n = 0;
  protected tsCol = new Float64Array(0);
  protected seqCol = new Float64Array(0);
  protected evCol = new Float64Array(0);
  protected symCol = new Int32Array(0);
  /** The next chunk, already requested: DuckDB produces it while JS works through this one. */
  private ahead: Promise<DuckDBDataChunk | null> | undefined;
  rows = 0;

  /** The Arrow schema of the query's columns; undefined for row-read tables. */
  protected readonly schema: Schema | undefined = undefined;

  constructor(private readonly result: DuckDBResult, protected readonly symbols: readonly string[]) {}

  async load(): Promise<void> {
    for (;;) {
      const chunk = await (this.ahead ?? this.result.fetchChunk());
      this.ahead = undefined;
      if (chunk === null || chunk.rowCount === 0) {
        this.done = true;
        return;
      }
      this.ahead = this.result.fetchChunk();
      const n = chunk.rowCount;
      if (this.schema !== undefined) {
        const batch = toRecordBatch(chunk, this.schema);
        this.tsCol = f64Of(batch, 0);
        this.seqCol = f64Of(batch, 1);
        this.evCol = f64Of(batch, 2);
        this.symCol = i32Of(batch, 3);
        this.bind(batch, chunk);
      } else {
        this.tsCol = f64Column(chunk, 0, n);
        this.seqCol = f64Column(chunk, 1, n);
        this.evCol = f64Column(chunk, 2, n);
        this.symCol = i32Column(chunk, 3, n);
        this.bind(undefined, chunk);
      }
      this.i = 0;
      this.n = n;
      this.ts = this.tsCol[0]!;
      this.seq = this.seqCol[0]!;
      this.rows += n;
      return;
    }
  }

  step(): boolean {
    const i = ++this.i;
    if (i >= this.n) return false;
    this.ts = this.tsCol[i]!;
    this.seq = this.seqCol[i]!;
    return true;
  }

  protected abstract bind(batch: RecordBatch | undefined, chunk: DuckDBDataChunk): void;
  abstract current(): SniperEvent;
}

export class TradeCursor extends ChunkCursor {
  private price = new Float64Array(0);
  private qty = new Float64Array(0);
  private buy = new Float64Array(0);
  private tradeTime = new Float64Array(0);
  private readonly ev: Mutable<TradeEvent> = { type: 'trade', symbol: '', price: 0, qty: 0, side: 'buy', tradeTime: 0, tsEvent: 0, tsRecv: 0, seq: 0 };
  protected override readonly schema = arrowSchema([...HEAD, ...f64s('price', 'qty', 'is_buy', 'trade_time')]);

  protected bind(batch: RecordBatch): void {
    this.price = f64Of(batch, 4);
    this.qty = f64Of(batch, 5);
    this.buy = f64Of(batch, 6);
    this.tradeTime = f64Of(batch, 7);
  }

  current(): SniperEvent {
    const i = this.i;
    const e = this.ev;
    e.symbol = this.symbols[this.symCol[i]!]!;
    e.price = this.price[i]!;
    e.qty = this.qty[i]!;
    e.side = this.buy[i] === 1 ? 'buy' : 'sell';
    e.tradeTime = this.tradeTime[i]!;
    e.tsEvent = this.evCol[i]!;
    e.tsRecv = this.tsCol[i]!;
    e.seq = this.seqCol[i]!;
    return e;
  }
}

function levelsOf(prices: Float64Array, qtys: Float64Array, start: number, qtyStart: number, count: number): Level[] {
  const out: Level[] = [];
  for (let k = 0; k < count; k++) out.push([prices[start + k]!, qtys[qtyStart + k]!]);
  return out;
}

/** A depth event whose levels live in the chunk's list buffers; `bids`/`asks` are built only if read. */
class FlatDepthEvent {
  type: 'book_delta' | 'book_snapshot' = 'book_delta';
  symbol = '';
  tsEvent = 0;
  tsRecv = 0;
  seq = 0;
  fromVersion = 0;
  toVersion = 0;
  version = 0;
  source: 'rest' | 'limit' = 'rest';
  readonly flat: Mutable<FlatLevels> = {
    bidPrices: new Float64Array(0), bidQtys: new Float64Array(0), bidStart: 0, bidQtyStart: 0, bidCount: 0,
    askPrices: new Float64Array(0), askQtys: new Float64Array(0), askStart: 0, askQtyStart: 0, askCount: 0,
  };
  get bids(): Level[] {
    const f = this.flat;
    return levelsOf(f.bidPrices, f.bidQtys, f.bidStart, f.bidQtyStart, f.bidCount);
  }
  get asks(): Level[] {
    const f = this.flat;
    return levelsOf(f.askPrices, f.askQtys, f.askStart, f.askQtyStart, f.askCount);
  }
}

/**
 * Depth rows arrive with their four level lists flattened into one (fewer vectors to sort and
 * fetch): [bid prices, bid qtys, ask prices, ask qtys], with each list's length in columns 7-10.
 */
export class DepthCursor extends ChunkCursor {
  private kind = new Float64Array(0);
  private fromV = new Float64Array(0);
  private toV = new Float64Array(0);
  private lens: Float64Array[] = [];
  private offsets = new Int32Array(0);
  private readonly ev = new FlatDepthEvent();
  protected override readonly schema = arrowSchema([...HEAD, ...f64s('kind', 'from_version', 'to_version', 'n_bid', 'n_bid_qty', 'n_ask', 'n_ask_qty'), ['levels', 'list_f64']]);

  protected bind(batch: RecordBatch): void {
    this.kind = f64Of(batch, 4);
    this.fromV = f64Of(batch, 5);
    this.toV = f64Of(batch, 6);
    this.lens = [7, 8, 9, 10].map((c) => f64Of(batch, c));
    const levels = listOf(batch, 11);
    this.offsets = levels.offsets;
    const f = this.ev.flat;
    f.bidPrices = levels.values;
    f.bidQtys = levels.values;
    f.askPrices = levels.values;
    f.askQtys = levels.values;
  }

  current(): SniperEvent {
    const i = this.i;
    const e = this.ev;
    const kind = this.kind[i]!;
    e.type = kind === 0 ? 'book_delta' : 'book_snapshot';
    e.source = kind === 2 ? 'limit' : 'rest';
    e.symbol = this.symbols[this.symCol[i]!]!;
    e.tsEvent = this.evCol[i]!;
    e.tsRecv = this.tsCol[i]!;
    e.seq = this.seqCol[i]!;
    e.fromVersion = this.fromV[i]!;
    e.toVersion = this.toV[i]!;
    e.version = e.toVersion;
    const nb = this.lens[0]![i]!;
    const nbq = this.lens[1]![i]!;
    const na = this.lens[2]![i]!;
    const naq = this.lens[3]![i]!;
    const f = e.flat;
    const off = this.offsets[i]!;
    f.bidStart = off;
    f.bidQtyStart = off + nb;
    f.bidCount = Math.min(nb, nbq);
    f.askStart = off + nb + nbq;
    f.askQtyStart = off + nb + nbq + na;
    f.askCount = Math.min(na, naq);
    return e as unknown as BookDeltaEvent | BookSnapshotEvent;
  }
}

/** Rows of a rare table, converted to events one by one (status, listings, gaps). */
export class RowCursor extends ChunkCursor {
  private rowsOf: SniperEvent[] = [];
  constructor(result: DuckDBResult, symbols: readonly string[], private readonly toEvent: (row: Record<string, unknown>) => SniperEvent, private readonly names: readonly string[]) {
    super(result, symbols);
  }
  protected bind(_batch: undefined, chunk: DuckDBDataChunk): void {
    this.rowsOf = chunk.getRowObjects(this.names).map((r) => this.toEvent(r as Record<string, unknown>));
  }
  current(): SniperEvent {
    return this.rowsOf[this.i]!;
  }
}
