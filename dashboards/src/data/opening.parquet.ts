// The first ten minutes of every listing in 5-second buckets (dashboards/sql/opening.sql).
import { sqlFile } from '../../lib/attach.ts';
import { parquetLoader } from '../../lib/loader.ts';

await parquetLoader('opening.parquet', ['lake'], async ({ attachLake }) => {
  await attachLake(['trades', 'listings']);
  return sqlFile('opening');
});
