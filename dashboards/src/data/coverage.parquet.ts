// Lake coverage per table and date partition, from the Parquet footers (no scan): files, rows,
// and the first and last receive time (the ts_recv column statistics).
import { TABLE_NAMES } from '../../../lake/schema.ts';
import { tableHasFiles } from '../../../lake/read-lake.ts';
import { parquetLoader } from '../../lib/loader.ts';
import { sqlString } from '../../lib/emit-parquet.ts';

await parquetLoader('coverage.parquet', ['lake'], async ({ path }) => {
  const lake = path('lake');
  const parts: string[] = [];
  for (const table of TABLE_NAMES) {
    if (!(await tableHasFiles(lake, table))) continue;
    parts.push(`SELECT ${sqlString(table)} AS table_name, file_name, row_group_num_rows AS rows,
        TRY_CAST(stats_min_value AS BIGINT) AS lo, TRY_CAST(stats_max_value AS BIGINT) AS hi
      FROM parquet_metadata(${sqlString(`${lake}/${table}/**/*.parquet`)}) WHERE path_in_schema = 'ts_recv'`);
  }
  if (parts.length === 0) throw new Error(`the lake ${lake} has no Parquet files`);
  return `SELECT table_name, regexp_extract(file_name, 'date=([0-9-]+)', 1) AS date,
      count(DISTINCT file_name) AS files, sum(rows) AS rows,
      make_timestamp(min(lo)) AS first_recv, make_timestamp(max(hi)) AS last_recv
    FROM (${parts.join(' UNION ALL ')}) GROUP BY ALL ORDER BY table_name, date`;
});
