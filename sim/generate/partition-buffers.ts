/**
 * Row buffers for `sniper generate`, one columnar batch per (table, date partition). Rows of a
 * date are flushed to one Parquet file (lake/parquet-file.ts, in a worker thread) once no later
 * listing can add to it, so memory stays bounded however many listings are generated.
 */
import { lakeFilePath } from '../../lake/parquet-file.ts';
import { columnsOf } from '../../lake/table-batch.ts';
import type { TableName } from '../../lake/schema.ts';
import type { PartitionWriter } from './worker-writer.ts';

type Columns = Record<string, unknown[]>;

const DAY_US = 86_400_000_000;

export class PartitionBuffers {
  private readonly buffers = new Map<TableName, Map<number, Columns>>();
  private readonly parts = new Map<string, number>();
  private readonly pending: Promise<unknown>[] = [];
  rows = 0;
  files = 0;
  bytes = 0;

  constructor(private readonly lake: string, private readonly writer: PartitionWriter, private readonly writerId: string) {}

  /** The columns of (table, day of tsRecvUs), created on first use. */
  columns(table: TableName, tsRecvUs: number): Columns {
    const day = Math.floor(tsRecvUs / DAY_US);
    let byDay = this.buffers.get(table);
    if (byDay === undefined) {
      byDay = new Map();
      this.buffers.set(table, byDay);
    }
    let cols = byDay.get(day);
    if (cols === undefined) {
      cols = {};
      for (const c of columnsOf(table)) cols[c.name] = [];
      byDay.set(day, cols);
    }
    return cols;
  }

  /** Append one row (an object with every column of the table). */
  push(table: TableName, row: Readonly<Record<string, unknown>>): void {
    const cols = this.columns(table, row.ts_recv as number);
    for (const name in cols) cols[name]!.push(row[name] ?? null);
    this.rows++;
  }

  /** Write every partition whose day ends before `beforeUs`. */
  flushBefore(beforeUs: number): void {
    for (const [table, byDay] of this.buffers) {
      for (const [day, cols] of byDay) {
        if ((day + 1) * DAY_US > beforeUs) continue;
        byDay.delete(day);
        this.write(table, day, cols);
      }
    }
  }

  private write(table: TableName, day: number, cols: Columns): void {
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    const key = `${table}/${date}`;
    const part = (this.parts.get(key) ?? 0) + 1;
    this.parts.set(key, part);
    const path = lakeFilePath(this.lake, table, { date, hour: '00' }, this.writerId, part);
    const p = this.writer.write(table, cols, path).then((w) => {
      this.files++;
      this.bytes += w.bytes;
    });
    this.pending.push(p);
  }

  /** Flush everything and wait for the writes. */
  async finish(): Promise<void> {
    this.flushBefore(Number.MAX_SAFE_INTEGER);
    await Promise.all(this.pending);
  }

  /** Wait for writes when too many are queued (back-pressure). */
  async drain(maxPending = 32): Promise<void> {
    if (this.pending.length > maxPending) {
      await Promise.all(this.pending);
      this.pending.length = 0;
    }
  }
}
