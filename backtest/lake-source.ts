/**
 * The lake as one event stream: per time unit, one DuckDB streaming query per table
 * (ORDER BY ts_recv, seq, then file and row for ties, so the order is deterministic), merged by
 * (tsRecv, seq) with core/stream-merge. Market tables come through column vectors; symbols are
 * an ENUM, so each row carries a small integer instead of a string.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { SniperEvent, StatusSource, GapReason } from '../core/events.ts';
import { mergeCursors, type MergeCursor } from '../core/stream-merge.ts';
import type { TableName } from '../lake/schema.ts';
import { DepthCursor, RowCursor, TradeCursor, type ChunkCursor } from './cursors.ts';
import { BookTickerCursor, KLINE_INTERVALS, KlineCursor, MiniTickerCursor } from './summary-cursors.ts';
import { listUnits, sqlList, type LakeUnit } from './lake-files.ts';

export const REPLAY_TABLES = ['status', 'listings', 'gaps', 'klines', 'mini_tickers', 'book_tickers', 'depth_updates', 'trades'] as const satisfies readonly TableName[];
export type ReplayTable = (typeof REPLAY_TABLES)[number];

export interface LakeSourceOptions {
  readonly lakeDir: string;
  readonly fromUs?: number;
  readonly toUs?: number;
  readonly tables?: readonly ReplayTable[];
  /** DuckDB threads (default: DuckDB's own). */
  readonly threads?: number;
  /** DuckDB memory limit (default 1GB); sorts beyond it spill to a temp folder. */
  readonly memoryLimit?: string;
}

const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));
const HEAD = 'ts_recv::DOUBLE AS ts_recv, seq::DOUBLE AS seq, ts_event::DOUBLE AS ts_event';
const SYM = 'CAST(enum_code(symbol::lake_symbol) AS INTEGER) AS sym';

const SELECTS: Record<ReplayTable, string> = {
  trades: `${HEAD}, ${SYM}, price::DOUBLE, qty::DOUBLE, (side = 'buy')::DOUBLE, trade_time::DOUBLE`,
  depth_updates: `${HEAD}, ${SYM}, (CASE kind WHEN 'snapshot' THEN 1 WHEN 'limit' THEN 2 ELSE 0 END)::DOUBLE, from_version::DOUBLE, to_version::DOUBLE,
    len(bid_prices)::DOUBLE, len(bid_qtys)::DOUBLE, len(ask_prices)::DOUBLE, len(ask_qtys)::DOUBLE,
    flatten([bid_prices::DOUBLE[], bid_qtys::DOUBLE[], ask_prices::DOUBLE[], ask_qtys::DOUBLE[]])`,
  book_tickers: `${HEAD}, ${SYM}, bid_price::DOUBLE, bid_qty::DOUBLE, ask_price::DOUBLE, ask_qty::DOUBLE`,
  klines: `${HEAD}, ${SYM}, (CASE interval ${KLINE_INTERVALS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} ELSE 0 END)::DOUBLE, open_time::DOUBLE, close_time::DOUBLE, open::DOUBLE, high::DOUBLE, low::DOUBLE, close::DOUBLE, base_volume::DOUBLE, quote_volume::DOUBLE`,
  mini_tickers: `${HEAD}, ${SYM}, price::DOUBLE, rate::DOUBLE, zoned_rate::DOUBLE, high::DOUBLE, low::DOUBLE, quote_volume::DOUBLE, base_volume::DOUBLE`,
  status: `${HEAD}, ${SYM}, symbol, source, vcoin_id, sts, st, tt, open_time::DOUBLE AS open_time, exchange_status, api_tradable`,
  listings: `${HEAD}, ${SYM}, symbol, vcoin_id, vcoin_name, vcoin_name_full, zone, scheduled_open::DOUBLE AS scheduled_open`,
  gaps: `${HEAD}, ${SYM}, symbol, channel, reason, from_us::DOUBLE AS from_us, to_us::DOUBLE AS to_us, detail`,
};

const ROW_NAMES: Partial<Record<ReplayTable, readonly string[]>> = {
  status: ['ts_recv', 'seq', 'ts_event', 'sym', 'symbol', 'source', 'vcoin_id', 'sts', 'st', 'tt', 'open_time', 'exchange_status', 'api_tradable'],
  listings: ['ts_recv', 'seq', 'ts_event', 'sym', 'symbol', 'vcoin_id', 'vcoin_name', 'vcoin_name_full', 'zone', 'scheduled_open'],
  gaps: ['ts_recv', 'seq', 'ts_event', 'sym', 'symbol', 'channel', 'reason', 'from_us', 'to_us', 'detail'],
};

function rowToEvent(table: ReplayTable): (r: Record<string, unknown>) => SniperEvent {
  const time = (r: Record<string, unknown>) => ({ tsRecv: Number(r.ts_recv), seq: Number(r.seq), tsEvent: Number(r.ts_event) });
  switch (table) {
    case 'status':
      return (r) => {
        const [sts, st, tt, openTime, exchangeStatus] = [num(r.sts), num(r.st), num(r.tt), num(r.open_time), str(r.exchange_status)];
        const api = r.api_tradable;
        return {
          type: 'status', source: String(r.source) as StatusSource, symbol: String(r.symbol), vcoinId: String(r.vcoin_id), ...time(r),
          ...(sts === undefined ? {} : { sts }), ...(st === undefined ? {} : { st }), ...(tt === undefined ? {} : { tt }),
          ...(openTime === undefined ? {} : { openTime }), ...(exchangeStatus === undefined ? {} : { exchangeStatus }),
          ...(api === null || api === undefined ? {} : { apiTradable: Boolean(api) }),
        };
      };
    case 'listings':
      return (r) => ({
        type: 'listing', symbol: String(r.symbol), vcoinId: String(r.vcoin_id), vcoinName: String(r.vcoin_name), vcoinNameFull: String(r.vcoin_name_full),
        firstOpenTime: num(r.scheduled_open) ?? NaN, zone: str(r.zone) ?? '', ...time(r),
      });
    case 'gaps':
      return (r) => ({
        type: 'gap', symbol: String(r.symbol), channel: String(r.channel), reason: String(r.reason) as GapReason,
        fromUs: Number(r.from_us), toUs: Number(r.to_us), ...(str(r.detail) === undefined ? {} : { detail: String(r.detail) }), ...time(r),
      });
    default:
      throw new Error(`${table} is not a row table`);
  }
}

export class LakeSource {
  private constructor(
    private readonly instance: DuckDBInstance,
    /** Two connections per table: unit i streams on set i % 2 while unit i + 1 sorts on the other. */
    private readonly connections: Map<ReplayTable, readonly [DuckDBConnection, DuckDBConnection]>,
    readonly units: readonly LakeUnit[],
    readonly symbols: readonly string[],
    readonly totalRows: number,
    private readonly o: LakeSourceOptions,
  ) {}

  static async open(o: LakeSourceOptions): Promise<LakeSource> {
    const tables = o.tables ?? REPLAY_TABLES;
    const units = listUnits(o.lakeDir, tables, o.fromUs, o.toUs);
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: o.memoryLimit ?? '1GB',
      ...(o.threads === undefined ? {} : { threads: String(o.threads) }),
    });
    const connections = new Map<ReplayTable, readonly [DuckDBConnection, DuckDBConnection]>();
    try {
      const main = await instance.connect();
      const allFiles = (t: ReplayTable) => units.flatMap((u) => u.files[t] ?? []);
      const present = tables.filter((t) => allFiles(t).length > 0);
      const symbolSql = present.map((t) => `SELECT DISTINCT symbol FROM read_parquet(${sqlList(allFiles(t))}, union_by_name = true) WHERE symbol IS NOT NULL`).join(' UNION ');
      const symbols = present.length === 0 ? [] : (await main.runAndReadAll(`SELECT symbol FROM (${symbolSql}) ORDER BY symbol`)).getRows().map((r) => String(r[0]));
      await main.run(`CREATE TYPE lake_symbol AS ENUM (${symbols.length === 0 ? "''" : symbols.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ')})`);
      let totalRows = 0;
      for (const t of present) {
        const r = await main.runAndReadAll(`SELECT COALESCE(SUM(num_rows), 0)::DOUBLE FROM parquet_file_metadata(${sqlList(allFiles(t))})`);
        totalRows += Number(r.getRows()[0]![0]);
      }
      main.closeSync();
      for (const t of present) connections.set(t, [await instance.connect(), await instance.connect()]);
      return new LakeSource(instance, connections, units, symbols, totalRows, o);
    } catch (e) {
      for (const pair of connections.values()) for (const c of pair) c.closeSync();
      instance.closeSync();
      throw e;
    }
  }

  private async cursor(table: ReplayTable, files: readonly string[], set: 0 | 1): Promise<ChunkCursor> {
    const where: string[] = [];
    if (this.o.fromUs !== undefined && Number.isFinite(this.o.fromUs)) where.push(`ts_recv >= ${Math.trunc(this.o.fromUs)}`);
    if (this.o.toUs !== undefined && Number.isFinite(this.o.toUs)) where.push(`ts_recv < ${Math.trunc(this.o.toUs)}`);
    const sql = `SELECT ${SELECTS[table]} FROM read_parquet(${sqlList(files)}, filename = true, file_row_number = true, union_by_name = true)`
      + `${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ts_recv, seq, ${files.length > 1 ? 'filename, ' : ''}file_row_number`;
    const result = await this.connections.get(table)![set].stream(sql);
    switch (table) {
      case 'trades':
        return new TradeCursor(result, this.symbols);
      case 'depth_updates':
        return new DepthCursor(result, this.symbols);
      case 'book_tickers':
        return new BookTickerCursor(result, this.symbols);
      case 'klines':
        return new KlineCursor(result, this.symbols);
      case 'mini_tickers':
        return new MiniTickerCursor(result, this.symbols);
      default:
        return new RowCursor(result, this.symbols, rowToEvent(table), ROW_NAMES[table]!);
    }
  }

  /**
   * Visit every event in (tsRecv, seq) order. Events may be reused objects (see core/strategy.ts).
   * `onUnit` is told after each time unit (progress). Tables are listed rare-first, so on exact
   * (tsRecv, seq) ties listing information comes before market data.
   */
  async forEach(visit: (e: SniperEvent) => void, onUnit?: (unit: LakeUnit, rowsSoFar: number) => void): Promise<number> {
    let rows = 0;
    // every table's query of a unit starts at once, and the next unit's start before this one is merged
    const open = (i: number): Promise<MergeCursor<SniperEvent>[]> => {
      const unit = this.units[i]!;
      const tables = REPLAY_TABLES.filter((t) => unit.files[t] !== undefined && this.connections.has(t));
      return Promise.all(tables.map((t) => this.cursor(t, unit.files[t]!, (i % 2) as 0 | 1)));
    };
    let next = this.units.length > 0 ? open(0) : undefined;
    for (let i = 0; i < this.units.length; i++) {
      const cursors = await next!;
      next = i + 1 < this.units.length ? open(i + 1) : undefined;
      next?.catch(() => undefined); // surfaced when awaited
      let n = 0;
      await mergeCursors(cursors, (e) => {
        n++;
        visit(e);
      });
      rows += n;
      onUnit?.(this.units[i]!, rows);
    }
    return rows;
  }

  /** Run a query on a fresh connection (latency fitting, listing facts). */
  async query(sql: string): Promise<unknown[][]> {
    const c = await this.instance.connect();
    try {
      return (await c.runAndReadAll(sql)).getRows() as unknown[][];
    } finally {
      c.closeSync();
    }
  }

  filesOf(table: ReplayTable): string[] {
    return this.units.flatMap((u) => u.files[table] ?? []);
  }

  close(): void {
    for (const pair of this.connections.values()) for (const c of pair) c.closeSync();
    this.instance.closeSync();
  }
}
