/**
 * Turning a closed WAL segment into its Parquet file, idempotently: if the Parquet file already
 * exists (a crash after the rename, before the unlink) the segment is only removed. Used for
 * normal hourly flushes and for recovery after a crash, so both take the same path.
 */
import { existsSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import type { ParquetFileWriter } from '../lake/parquet-file.ts';
import type { TableBatch } from '../lake/table-batch.ts';
import { toLakeWriteError } from '../lake/lake-errors.ts';
import { decodeSegment } from './wal-codec.ts';
import { segmentParquetPath, segmentPath, type SegmentId } from './wal-segment.ts';

export interface Conversion {
  readonly id: SegmentId;
  readonly rows: number;
  /** Bytes at the end of the segment that were not a whole record (a write torn by a crash). */
  readonly tornBytes: number;
  /** The Parquet file existed already (converted before a crash); nothing was written. */
  readonly alreadyDone: boolean;
  readonly parquetPath: string;
}

export async function convertSegment(lakeDir: string, writer: string, id: SegmentId, parquet: ParquetFileWriter): Promise<Conversion> {
  const path = segmentPath(lakeDir, writer, id);
  const target = segmentParquetPath(lakeDir, writer, id);
  if (existsSync(target)) {
    await unlink(path).catch(() => undefined);
    return { id, rows: 0, tornBytes: 0, alreadyDone: true, parquetPath: target };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw toLakeWriteError(cause, `reading write-ahead log ${path}`);
  }
  const decoded = decodeSegment(id.table, bytes);
  if (decoded.rows > 0) await parquet.write(id.table, decoded.columns as unknown as TableBatch<typeof id.table>, target);
  try {
    await unlink(path);
  } catch (cause) {
    throw toLakeWriteError(cause, `removing converted write-ahead log ${path}`);
  }
  return { id, rows: decoded.rows, tornBytes: decoded.tornBytes, alreadyDone: false, parquetPath: target };
}
