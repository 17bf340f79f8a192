// Counts of the strategy's decisions over the run (dashboards/sql/decisions.sql).
import { attachRun, sqlFile } from '../../lib/attach.ts';
import { parquetLoader } from '../../lib/loader.ts';

await parquetLoader('decisions.parquet', ['run'], async ({ conn, path }) => {
  await attachRun(conn, path('run'));
  return sqlFile('decisions');
});
