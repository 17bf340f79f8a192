/**
 * The write-ahead log of one lake table: rows are encoded into the segment of their hour
 * (by ts_recv), written out every tick (or every MB), and a segment is closed when its hour is
 * over or it reaches its size limit; closed segments are handed to the converter.
 *
 * A write failure (full disk, permission) puts only this table into the failing state: its rows
 * keep buffering in memory up to a limit (then are dropped and counted), writes are retried, and
 * the state change is reported once each way. Other tables are not affected.
 */
import { partitionOf, type TableName } from '../lake/schema.ts';
import type { RowOf } from '../lake/table-batch.ts';
import { LakeWriteError, toLakeWriteError } from '../lake/lake-errors.ts';
import { WalEncoder } from './wal-codec.ts';
import { nextPart, SegmentFile, segmentPath, type SegmentId } from './wal-segment.ts';

const HOUR_US = 3_600_000_000;

export interface TableLogOptions {
  readonly lakeDir: string;
  readonly writer: string;
  readonly segmentMaxBytes: number;
  readonly writeChunkBytes: number;
  readonly maxBufferedBytes: number;
  readonly hourGraceUs: number;
  readonly retryUs: number;
  /** Called when a segment is closed and ready to become Parquet. */
  readonly onClosed: (id: SegmentId) => void;
  /** Called for a row refused by the table contract (a bug upstream: logged, never thrown). */
  readonly onInvalid: (table: TableName, error: Error) => void;
  /** Called on a change of health: an error (failing) or undefined (recovered). */
  readonly onHealth: (table: TableName, error: LakeWriteError | undefined, droppedRows: number) => void;
}

interface Open {
  readonly seg: SegmentFile;
  readonly enc: WalEncoder;
  readonly hourStartUs: number;
  /** Records taken from the encoder but not yet on disk (only while failing). */
  readonly unwritten: Uint8Array[];
  unwrittenRows: number[];
  closing: boolean;
  /** Appended to since the last tick: a past hour still being filled (a backfill) stays open. */
  touched: boolean;
}

export class TableLog {
  private readonly open = new Map<string, Open>();
  private last: Open | undefined;
  private readonly parts = new Map<number, number>();
  failure: LakeWriteError | undefined;
  private retryAtUs = 0;
  rowsAppended = 0;
  droppedRows = 0;
  invalidRows = 0;
  private droppedAtFailure = 0;

  constructor(readonly table: TableName, private readonly o: TableLogOptions) {}

  append(row: RowOf<TableName>, tsRecvUs: number): void {
    let s = this.last;
    if (s === undefined || tsRecvUs < s.hourStartUs || tsRecvUs >= s.seg.hourEndUs || s.closing) s = this.segmentFor(tsRecvUs);
    if (this.failure !== undefined && this.bufferedBytes() >= this.o.maxBufferedBytes) {
      this.droppedRows++;
      return;
    }
    try {
      s.enc.append(row);
    } catch (e) {
      // a row that breaks the table contract is refused (and reported); recording goes on
      this.invalidRows++;
      this.o.onInvalid(this.table, e as Error);
      return;
    }
    s.touched = true;
    this.rowsAppended++;
    if (s.enc.pendingBytes >= this.o.writeChunkBytes) this.writeOut(s, 0);
    if (s.seg.size + s.enc.pendingBytes >= this.o.segmentMaxBytes) this.beginClose(s, 0);
  }

  private segmentFor(tsRecvUs: number): Open {
    const hourStartUs = Math.floor(tsRecvUs / HOUR_US) * HOUR_US;
    let s: Open | undefined;
    for (const o of this.open.values()) if (o.hourStartUs === hourStartUs && !o.closing) s = o;
    if (s === undefined) {
      const { date, hour } = partitionOf(hourStartUs);
      const part = this.parts.get(hourStartUs) ?? nextPart(this.o.lakeDir, this.o.writer, this.table, date, hour);
      this.parts.set(hourStartUs, part + 1);
      const id: SegmentId = { table: this.table, date, hour, part };
      s = {
        seg: new SegmentFile(id, segmentPath(this.o.lakeDir, this.o.writer, id), hourStartUs + HOUR_US),
        enc: new WalEncoder(this.table), hourStartUs, unwritten: [], unwrittenRows: [], closing: false, touched: false,
      };
      this.open.set(s.seg.path, s);
    }
    this.last = s;
    return s;
  }

  private bufferedBytes(): number {
    let n = 0;
    for (const s of this.open.values()) {
      n += s.enc.pendingBytes;
      for (const r of s.unwritten) n += r.length;
    }
    return n;
  }

  /** Move pending rows to disk. Returns false while the table is failing. */
  private writeOut(s: Open, nowUs: number): boolean {
    const rows = s.enc.pendingRows;
    const rec = s.enc.take();
    if (rec !== undefined) {
      s.unwritten.push(rec);
      s.unwrittenRows.push(rows);
    }
    if (this.failure !== undefined && nowUs < this.retryAtUs) return false;
    while (s.unwritten.length > 0) {
      try {
        s.seg.append(s.unwritten[0]!, s.unwrittenRows[0]!);
      } catch (e) {
        this.fail(e, nowUs);
        return false;
      }
      s.unwritten.shift();
      s.unwrittenRows.shift();
    }
    if (this.failure !== undefined) this.recover();
    return true;
  }

  private fail(e: unknown, nowUs: number): void {
    const error = toLakeWriteError(e, `lake table ${this.table}`);
    this.retryAtUs = nowUs + this.o.retryUs;
    if (this.failure === undefined || this.failure.code !== error.code) {
      this.failure = error;
      this.droppedAtFailure = this.droppedRows;
      this.o.onHealth(this.table, error, this.droppedRows);
    }
  }

  private recover(): void {
    this.failure = undefined;
    this.o.onHealth(this.table, undefined, this.droppedRows - this.droppedAtFailure);
  }

  private beginClose(s: Open, nowUs: number): void {
    s.closing = true;
    if (this.last === s) this.last = undefined;
    this.finishClose(s, nowUs);
  }

  private finishClose(s: Open, nowUs: number): void {
    if (!this.writeOut(s, nowUs)) return;
    try {
      s.seg.close();
    } catch (e) {
      this.fail(e, nowUs);
      return;
    }
    this.open.delete(s.seg.path);
    if (s.seg.rows > 0) this.o.onClosed(s.seg.id);
  }

  /** Periodic work: write pending rows, close segments whose hour is over, retry after failures. */
  tick(nowUs: number): void {
    for (const s of [...this.open.values()]) {
      const over = nowUs >= s.seg.hourEndUs + this.o.hourGraceUs && !s.touched;
      s.touched = false;
      if (s.closing) this.finishClose(s, nowUs);
      else if (over) this.beginClose(s, nowUs);
      else this.writeOut(s, nowUs);
    }
  }

  /** fsync every segment written since the last sync. */
  sync(onError: (e: unknown) => void): void {
    for (const s of this.open.values()) s.seg.sync(onError);
  }

  /** Close every segment (end of recording). Segments that cannot be written stay failing. */
  closeAll(nowUs: number): void {
    this.retryAtUs = 0;
    for (const s of [...this.open.values()]) this.beginClose(s, nowUs);
  }

  get pendingSegments(): number {
    return this.open.size;
  }
}
