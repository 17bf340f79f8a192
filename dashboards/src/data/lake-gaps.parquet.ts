// The recorder's own gap records (disconnects, version gaps, malformed frames, ...).
import { parquetLoader } from '../../lib/loader.ts';

await parquetLoader('lake-gaps.parquet', ['lake'], async ({ attachLake }) => {
  await attachLake(['gaps']);
  return `SELECT symbol, channel, reason, make_timestamp(from_us) AS from_time, make_timestamp(to_us) AS to_time,
      (to_us - from_us) / 1e6 AS seconds, detail FROM gaps ORDER BY from_us`;
});
