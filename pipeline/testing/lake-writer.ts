/**
 * Writes row objects into a lake in the contract's layout (one file per table and date
 * partition, named for hour 00) through the lake's own Parquet writer. For test lakes; not the fast path.
 */
import { lakeFilePath, ParquetFileWriter } from '../../lake/parquet-file.ts';
import { partitionOf, type TableName } from '../../lake/schema.ts';
import { rowsToBatch, type RowOf } from '../../lake/table-batch.ts';

export type LakeRows = { [T in TableName]?: RowOf<T>[] };

export async function writeLakeRows(lakeDir: string, tables: LakeRows, writerId = 'fixture'): Promise<number> {
  const writer = await ParquetFileWriter.open({ threads: 1 });
  let files = 0;
  try {
    for (const [table, rows] of Object.entries(tables) as [TableName, RowOf<TableName>[]][]) {
      const parts = new Map<string, RowOf<TableName>[]>();
      for (const r of rows) {
        const p = partitionOf((r as { ts_recv: number }).ts_recv);
        const key = p.date;
        let list = parts.get(key);
        if (!list) parts.set(key, (list = []));
        list.push(r);
      }
      for (const [key, list] of parts) {
        await writer.write(table, rowsToBatch(table, list), lakeFilePath(lakeDir, table, { date: key, hour: '00' }, writerId, 0));
        files++;
      }
    }
  } finally {
    await writer.close();
  }
  return files;
}
