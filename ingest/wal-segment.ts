/**
 * WAL segment files: `<lake>/_wal/<writer>/<table>/<YYYY-MM-DD>_<HH>_<part>.wal`. One segment
 * holds rows of one table and one hour and becomes exactly one Parquet file,
 * `<lake>/<table>/date=<date>/<HH>-<writer>-<part>.parquet`, so converting a segment twice (a
 * crash between the rename and the unlink) is detected by the Parquet file's existence.
 *
 * Appends are plain write(2)s (they survive kill -9 in the page cache); fsync runs about once a
 * second for power loss. A failed append truncates the file back to its last whole record, so a
 * partial write never hides the records that follow it.
 */
import { closeSync, fsync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../lake/schema.ts';
import { lakeFilePath, safeWriterId } from '../lake/parquet-file.ts';
import { toLakeWriteError } from '../lake/lake-errors.ts';

export interface SegmentId {
  readonly table: TableName;
  readonly date: string;
  readonly hour: string;
  readonly part: number;
}

export function walDir(lakeDir: string, writer: string, table?: TableName): string {
  const base = join(lakeDir, '_wal', safeWriterId(writer));
  return table === undefined ? base : join(base, table);
}

export function segmentPath(lakeDir: string, writer: string, id: SegmentId): string {
  return join(walDir(lakeDir, writer, id.table), `${id.date}_${id.hour}_${String(id.part).padStart(4, '0')}.wal`);
}

export function segmentParquetPath(lakeDir: string, writer: string, id: SegmentId): string {
  return lakeFilePath(lakeDir, id.table, { date: id.date, hour: id.hour }, writer, id.part);
}

const SEGMENT_NAME = /^(\d{4}-\d{2}-\d{2})_(\d{2})_(\d+)\.wal$/;

/** The segments left in a table's WAL folder, oldest first. */
export function listSegments(lakeDir: string, writer: string, table: TableName): SegmentId[] {
  let names: string[];
  try {
    names = readdirSync(walDir(lakeDir, writer, table));
  } catch {
    return [];
  }
  const out: SegmentId[] = [];
  for (const n of names) {
    const m = SEGMENT_NAME.exec(n);
    if (m) out.push({ table, date: m[1]!, hour: m[2]!, part: Number(m[3]) });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.hour.localeCompare(b.hour) || a.part - b.part);
}

/** The next unused part number for (table, date, hour) of this writer, over Parquet files and segments. */
export function nextPart(lakeDir: string, writer: string, table: TableName, date: string, hour: string): number {
  let max = -1;
  const prefix = `${hour}-${safeWriterId(writer)}-`;
  try {
    for (const n of readdirSync(join(lakeDir, table, `date=${date}`))) {
      if (n.startsWith(prefix) && n.endsWith('.parquet')) max = Math.max(max, Number(n.slice(prefix.length, -8)) || 0);
    }
  } catch {
    // no folder yet
  }
  for (const s of listSegments(lakeDir, writer, table)) if (s.date === date && s.hour === hour) max = Math.max(max, s.part);
  return max + 1;
}

/** An open segment being appended to. */
export class SegmentFile {
  private fd: number | undefined;
  /** Bytes of whole records on disk. */
  size = 0;
  rows = 0;
  dirty = false;

  constructor(readonly id: SegmentId, readonly path: string, readonly hourEndUs: number) {}

  /** Append one framed record. Throws LakeWriteError; on failure the file keeps only whole records. */
  append(record: Uint8Array, rows: number): void {
    try {
      if (this.fd === undefined) {
        mkdirSync(join(this.path, '..'), { recursive: true });
        this.fd = openSync(this.path, 'a');
      }
      let off = 0;
      while (off < record.length) off += writeSync(this.fd, record, off, record.length - off);
    } catch (cause) {
      if (this.fd !== undefined) {
        try {
          ftruncateSync(this.fd, this.size);
        } catch {
          // the device may refuse (e.g. /dev/full); the reader stops at the torn record anyway
        }
        // reopen on the next attempt: the path may have been fixed (space freed, mode changed)
        try {
          closeSync(this.fd);
        } catch {
          // already unusable
        }
        this.fd = undefined;
      }
      throw toLakeWriteError(cause, `write-ahead log ${this.path}`);
    }
    this.size += record.length;
    this.rows += rows;
    this.dirty = true;
  }

  /** fsync in the background; errors are reported through the callback. */
  sync(onError: (e: unknown) => void): void {
    if (this.fd === undefined || !this.dirty) return;
    this.dirty = false;
    fsync(this.fd, (e) => {
      // once closed, close() has fsync'd synchronously; a late error is about a closed fd
      if (e && this.fd !== undefined) onError(toLakeWriteError(e, `fsync ${this.path}`));
    });
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      if (this.dirty) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  get opened(): boolean {
    return this.fd !== undefined;
  }
}
