-- Rows per lake table per hour of receive time; hours with none inside a table's range are
-- coverage gaps. Reads a view `lake_times(table_name, ts_recv)` the loader builds over every table.
SELECT table_name, time_bucket(INTERVAL 1 hour, make_timestamp(ts_recv)) AS hour, count(*) AS rows
FROM lake_times GROUP BY ALL ORDER BY table_name, hour
