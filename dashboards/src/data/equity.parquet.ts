// The run's equity curve, bucketed to about 2,000 points (dashboards/sql/equity.sql).
import { attachRun, sqlFile } from '../../lib/attach.ts';
import { parquetLoader } from '../../lib/loader.ts';

await parquetLoader('equity.parquet', ['run'], async ({ conn, path }) => {
  await attachRun(conn, path('run'));
  return sqlFile('equity');
});
