/**
 * A worker thread that turns closed write-ahead-log segments into Parquet files, so the
 * recorder's thread only captures, decodes and logs. Messages:
 * {init: {memoryLimit}} → {id: 0, ready: true};
 * {id, lakeDir, writer, segment} → {id, conversion} | {id, error: {code, message}};
 * {id, close: true} → {id, closed: true}.
 */
import { ParquetFileWriter } from '../lake/parquet-file.ts';
import { toLakeWriteError } from '../lake/lake-errors.ts';
import { convertSegment } from './segment-converter.ts';
import type { SegmentId } from './wal-segment.ts';

declare const self: Worker;

let parquet: ParquetFileWriter | undefined;

self.onmessage = async (e: MessageEvent) => {
  const m = e.data as { id: number; init?: { memoryLimit: string }; close?: boolean; lakeDir?: string; writer?: string; segment?: SegmentId };
  if (m.init) {
    // DuckDB keeps freed buffers up to its memory limit: without one the worker's RSS creeps
    // towards 80 % of RAM over a long recording
    parquet = await ParquetFileWriter.open({ threads: 1, memoryLimit: m.init.memoryLimit });
    self.postMessage({ id: 0, ready: true });
    return;
  }
  if (m.close) {
    await parquet?.close();
    self.postMessage({ id: m.id, closed: true });
    return;
  }
  try {
    const conversion = await convertSegment(m.lakeDir!, m.writer!, m.segment!, parquet!);
    // a segment is tens of MB read, decoded and dropped: collect now so RSS stays flat
    Bun.gc(true);
    self.postMessage({ id: m.id, conversion });
  } catch (err) {
    const error = toLakeWriteError(err, 'converting a write-ahead log segment');
    self.postMessage({ id: m.id, error: { code: error.code, message: error.message } });
  }
};
