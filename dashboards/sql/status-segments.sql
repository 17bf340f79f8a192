-- Each listing's symbolsV2 status tuple (sts:st:tt) over time, one row per stretch where it held,
-- in minutes relative to the listing's open (actual open, else the last scheduled open seen).
-- Reads the lake views `status` and `listings`.
WITH opens AS (
  SELECT symbol, coalesce(max(actual_open), max(scheduled_open)) AS open_ms FROM listings GROUP BY symbol
), sched AS (
  SELECT symbol, max(open_time) AS open_ms FROM status WHERE open_time IS NOT NULL GROUP BY symbol
), obs AS (
  SELECT symbol, ts_recv // 1000 AS t_ms, concat_ws(':', sts, st, tt) AS tuple
  FROM status WHERE source = 'symbols_v2' AND sts IS NOT NULL
), marked AS (
  SELECT *, lag(tuple) OVER (PARTITION BY symbol ORDER BY t_ms) AS prev,
         max(t_ms) OVER (PARTITION BY symbol) AS last_ms
  FROM obs
), changes AS (
  SELECT symbol, tuple, t_ms AS from_ms,
         coalesce(lead(t_ms) OVER (PARTITION BY symbol ORDER BY t_ms), last_ms) AS to_ms
  FROM marked WHERE prev IS NULL OR prev <> tuple
)
SELECT c.symbol, c.tuple, c.from_ms, c.to_ms, coalesce(o.open_ms, s.open_ms) AS open_ms,
       (c.from_ms - coalesce(o.open_ms, s.open_ms)) / 60000.0 AS from_min,
       (c.to_ms - coalesce(o.open_ms, s.open_ms)) / 60000.0 AS to_min
FROM changes c LEFT JOIN opens o USING (symbol) LEFT JOIN sched s USING (symbol)
ORDER BY c.symbol, c.from_ms
