// Each listing's status tuple timeline relative to its open (dashboards/sql/status-segments.sql).
import { sqlFile } from '../../lib/attach.ts';
import { parquetLoader } from '../../lib/loader.ts';

await parquetLoader('status-segments.parquet', ['lake'], async ({ attachLake }) => {
  await attachLake(['status', 'listings']);
  return sqlFile('status-segments');
});
