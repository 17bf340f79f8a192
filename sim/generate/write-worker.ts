/**
 * A worker thread that owns the Parquet writer (lake/parquet-file.ts), so `sniper generate`
 * builds the next listings while the previous partitions are encoded and written.
 * Messages: {id, table, path, cols} → {id, bytes} | {id, error}; {id, close: true} → {id, closed: true}.
 */
import { ParquetFileWriter } from '../../lake/parquet-file.ts';
import type { TableName } from '../../lake/schema.ts';
import type { TableBatch } from '../../lake/table-batch.ts';

declare const self: Worker;

const writer = await ParquetFileWriter.open({ threads: 1 });

self.onmessage = async (e: MessageEvent) => {
  const m = e.data as { id: number; close?: boolean; table?: TableName; path?: string; cols?: Record<string, unknown[]> };
  if (m.close) {
    await writer.close();
    self.postMessage({ id: m.id, closed: true });
    return;
  }
  try {
    const w = await writer.write(m.table!, m.cols as unknown as TableBatch<TableName>, m.path!);
    self.postMessage({ id: m.id, bytes: w.bytes });
  } catch (err) {
    self.postMessage({ id: m.id, error: (err as Error).message });
  }
};
self.postMessage({ id: 0, ready: true });
