/**
 * The lake sink: rows of every table go to a per-table write-ahead log (written every ~200 ms,
 * fsync'd every ~1 s), and each closed hourly segment becomes one Parquet file. Opening the sink
 * first converts whatever an earlier run left in the log, so a kill -9 loses at most the rows
 * not yet written out (about the last tick) and a restart continues where it stopped.
 *
 * Errors: a table that cannot be written (full disk, permissions) is reported once, in one log
 * line naming the table, the cause and what to do; the other tables keep recording. Its rows
 * buffer in memory (bounded) and are retried; Parquet conversions that fail stay in the log and
 * are retried too, so nothing that reached the log is lost.
 */
import { WallClock } from '../core/clock.ts';
import { componentLogger, type Logger } from '../core/logger.ts';
import { TABLE_NAMES, type TableName } from '../lake/schema.ts';
import type { RowOf } from '../lake/table-batch.ts';
import { toLakeWriteError, type LakeWriteError } from '../lake/lake-errors.ts';
import { InlineConverter, WorkerConverter, type SegmentConverter } from './segment-converters.ts';
import { TableLog } from './table-log.ts';
import { listSegments, type SegmentId } from './wal-segment.ts';

export interface LakeSinkOptions {
  readonly lakeDir: string;
  /** Stable id of this writer (file names); two writers on one lake need different ids. */
  readonly writerId: string;
  readonly tickMs?: number;
  readonly fsyncMs?: number;
  readonly segmentMaxBytes?: number;
  readonly maxBufferedBytes?: number;
  readonly hourGraceMs?: number;
  readonly retryMs?: number;
  /** Convert segments to Parquet on a worker thread (default) or on this thread. */
  readonly convertOn?: 'worker' | 'inline';
  /** DuckDB memory limit of the converter (default 1GB; a segment needs about twice its size). */
  readonly converterMemoryLimit?: string;
  /** Local time in µs (tests move it). */
  readonly nowUs?: () => number;
  readonly logger?: Logger;
}

export interface TableStats {
  readonly rowsAppended: number;
  readonly rowsInParquet: number;
  readonly files: number;
  readonly droppedRows: number;
  /** Rows refused because they break the table contract (a bug upstream). */
  readonly invalidRows: number;
  readonly failing: string | undefined;
}

export class LakeSink {
  private readonly tables = new Map<TableName, TableLog>();
  private readonly converted = new Map<TableName, { rows: number; files: number }>();
  private readonly queue: SegmentId[] = [];
  private converting: Promise<void> | undefined;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly nowUs: () => number;
  private readonly log: Logger;
  private conversionFailure: LakeWriteError | undefined;
  private closed = false;

  private constructor(private readonly o: LakeSinkOptions, private readonly converter: SegmentConverter) {
    const clock = new WallClock();
    this.nowUs = o.nowUs ?? (() => clock.nowUs());
    this.log = o.logger ?? componentLogger('ingest.lake');
  }

  /** Open the sink: recover what an earlier run left in the log, then start the timers. */
  static async open(o: LakeSinkOptions): Promise<LakeSink> {
    const limit = o.converterMemoryLimit ?? '1GB';
    const converter = (o.convertOn ?? 'worker') === 'worker'
      ? new WorkerConverter(o.lakeDir, o.writerId, limit)
      : await InlineConverter.open(o.lakeDir, o.writerId, limit);
    const sink = new LakeSink(o, converter);
    await sink.recover();
    const tick = setInterval(() => sink.tick(), o.tickMs ?? 200);
    const sync = setInterval(() => sink.sync(), o.fsyncMs ?? 1000);
    tick.unref();
    sync.unref();
    sink.timers.push(tick, sync);
    return sink;
  }

  private async recover(): Promise<void> {
    for (const table of TABLE_NAMES) {
      for (const id of listSegments(this.o.lakeDir, this.o.writerId, table)) {
        const c = await this.converter.convert(id);
        this.count(table, c.rows);
        if (c.rows > 0 || c.tornBytes > 0) {
          this.log.warn({ table, rows: c.rows, tornBytes: c.tornBytes, file: c.parquetPath }, `recovered ${c.rows} ${table} rows from the write-ahead log of an earlier run`);
        }
      }
    }
  }

  private logFor(table: TableName): TableLog {
    let t = this.tables.get(table);
    if (t === undefined) {
      t = new TableLog(table, {
        lakeDir: this.o.lakeDir, writer: this.o.writerId,
        segmentMaxBytes: this.o.segmentMaxBytes ?? 64 * 2 ** 20,
        writeChunkBytes: 2 ** 20,
        maxBufferedBytes: this.o.maxBufferedBytes ?? 256 * 2 ** 20,
        hourGraceUs: (this.o.hourGraceMs ?? 10_000) * 1000,
        retryUs: (this.o.retryMs ?? 5000) * 1000,
        onClosed: (id) => this.enqueue(id),
        onHealth: (tbl, error, dropped) => this.health(tbl, error, dropped),
        onInvalid: (tbl, error) => this.invalid(tbl, error),
      });
      this.tables.set(table, t);
    }
    return t;
  }

  /** Append one row; `ts_recv` (µs) picks its hourly file. */
  append<T extends TableName>(table: T, row: RowOf<T>): void {
    if (this.closed) throw new Error('the lake sink is closed');
    this.logFor(table).append(row as RowOf<TableName>, (row as unknown as { ts_recv: number }).ts_recv);
  }

  private lastInvalidLogMs = 0;

  private invalid(table: TableName, error: Error): void {
    const now = Date.now();
    if (now - this.lastInvalidLogMs < 10_000) return;
    this.lastInvalidLogMs = now;
    this.log.error({ table, invalidRows: this.tables.get(table)?.invalidRows }, `refused a ${table} row that breaks the table contract: ${error.message}`);
  }

  private health(table: TableName, error: LakeWriteError | undefined, dropped: number): void {
    if (error !== undefined) {
      this.log.error({ table, code: error.code }, `LAKE WRITE FAILED for ${table}: ${error.message}; buffering in memory and retrying, other tables keep recording`);
    } else {
      this.log.warn({ table, droppedRows: dropped }, `lake table ${table} is being written again${dropped > 0 ? ` (${dropped} rows were dropped while it failed)` : ''}`);
    }
  }

  private tick(): void {
    const now = this.nowUs();
    for (const t of this.tables.values()) t.tick(now);
  }

  private sync(): void {
    for (const t of this.tables.values()) t.sync((e) => this.log.error({ table: t.table }, `fsync failed: ${(e as Error).message}`));
  }

  private enqueue(id: SegmentId): void {
    this.queue.push(id);
    this.converting ??= this.drain().finally(() => {
      this.converting = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const id = this.queue[0]!;
      try {
        const c = await this.converter.convert(id);
        this.count(id.table, c.rows);
        this.queue.shift();
        if (this.conversionFailure !== undefined) {
          this.conversionFailure = undefined;
          this.log.warn({ table: id.table }, 'Parquet files are being written again');
        }
      } catch (e) {
        const error = toLakeWriteError(e, `converting ${id.table} ${id.date} ${id.hour}h part ${id.part} to Parquet`);
        if (this.conversionFailure?.code !== error.code) {
          this.log.error({ table: id.table, code: error.code }, `LAKE WRITE FAILED: ${error.message}; the rows stay in the write-ahead log and are retried`);
        }
        this.conversionFailure = error;
        if (this.closed) return;
        await Bun.sleep(this.o.retryMs ?? 5000);
      }
    }
  }

  private count(table: TableName, rows: number): void {
    const c = this.converted.get(table) ?? { rows: 0, files: 0 };
    c.rows += rows;
    if (rows > 0) c.files++;
    this.converted.set(table, c);
  }

  /** Write every pending row to the log now (normally done each tick). */
  flushLog(): void {
    this.tick();
  }

  stats(): Record<string, TableStats> {
    const out: Record<string, TableStats> = {};
    for (const table of TABLE_NAMES) {
      const t = this.tables.get(table);
      const c = this.converted.get(table);
      if (t === undefined && c === undefined) continue;
      out[table] = {
        rowsAppended: t?.rowsAppended ?? 0, rowsInParquet: c?.rows ?? 0, files: c?.files ?? 0,
        droppedRows: t?.droppedRows ?? 0, invalidRows: t?.invalidRows ?? 0, failing: t?.failure?.message,
      };
    }
    return out;
  }

  /**
   * Close every segment and convert it to Parquet. Rows that cannot be written (a failing
   * table) are reported; what reached the log stays there for the next run to recover.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const t of this.timers) clearInterval(t);
    const now = this.nowUs();
    for (const t of this.tables.values()) t.closeAll(now);
    this.closed = true;
    await this.converting;
    if (this.queue.length > 0) await this.drain();
    for (const t of this.tables.values()) {
      if (t.failure !== undefined) this.log.error({ table: t.table }, `closing with ${t.table} unwritten: ${t.failure.message}`);
    }
    await this.converter.close();
  }
}
