// Rows per lake table per minute or hour (scans only the ts_recv column), to find stretches with no data.
import { TABLE_NAMES } from '../../../lake/schema.ts';
import { sqlFile } from '../../lib/attach.ts';
import { parquetLoader } from '../../lib/loader.ts';

await parquetLoader('lake-activity.parquet', ['lake'], async ({ conn, attachLake }) => {
  const present = await attachLake(TABLE_NAMES);
  if (present.length === 0) throw new Error('the lake has no Parquet files');
  await conn.run(`CREATE VIEW lake_times AS ${present.map((t) => `SELECT '${t}' AS table_name, ts_recv FROM ${t}`).join(' UNION ALL ')}`);
  return sqlFile('lake-activity');
});
