-- A backtest run's equity curve, at most about 2,000 points: per time bucket the first, lowest,
-- highest and last equity, so drawdowns between samples stay visible. Reads the run view `equity`.
WITH bounds AS (SELECT min(ts_us) AS lo, greatest(max(ts_us) - min(ts_us), 1) AS span FROM equity),
b AS (
  SELECT least(((ts_us - lo) * 2000) // span, 1999) AS bucket, ts_us, equity FROM equity, bounds
)
SELECT min(ts_us) // 1000 AS t_ms, arg_min(equity, ts_us) AS first, min(equity) AS low,
       max(equity) AS high, arg_max(equity, ts_us) AS last
FROM b GROUP BY bucket ORDER BY t_ms
