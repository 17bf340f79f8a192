-- Rows per lake table per time bucket of receive time: minutes when the lake spans under six
-- hours (a live recording), hours otherwise; buckets with none inside a table's range are
-- coverage gaps. Reads a view `lake_times(table_name, ts_recv)` the loader builds over every table.
WITH size AS (
  SELECT CASE WHEN max(ts_recv) - min(ts_recv) < 21600000000 THEN 60 ELSE 3600 END AS seconds FROM lake_times
)
SELECT table_name, time_bucket(to_seconds(size.seconds), make_timestamp(ts_recv)) AS bucket,
       any_value(size.seconds) AS bucket_seconds, count(*) AS rows
FROM lake_times, size GROUP BY table_name, bucket ORDER BY table_name, bucket
