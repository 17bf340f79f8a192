// The run's round trips, times as timestamps.
import { attachRun } from '../../lib/attach.ts';
import { parquetLoader } from '../../lib/loader.ts';

await parquetLoader('trades.parquet', ['run'], async ({ conn, path }) => {
  await attachRun(conn, path('run'));
  return `SELECT * REPLACE (make_timestamp(opened_us) AS opened_us, make_timestamp(closed_us) AS closed_us),
      (closed_us - opened_us) / 6e7 AS held_min FROM trades ORDER BY opened_us`;
});
