-- 04_status_patterns: the status-pattern study. For each (sts, st, tt) tuple: in how many listings
-- it appeared, how long before the actual open it first appeared, and how reliably an open
-- followed; for each whole sequence of tuples: the same. Turns the "ready state" rule (2, 2, 4)
-- into a measured fact. Inputs: status, listing_facts.

CREATE OR REPLACE TABLE status_tuple_events AS
WITH obs AS (
  SELECT s.symbol, s.ts_recv // 1000 AS ms, s.seq, s.sts, s.st, s.tt,
         lag(s.sts || ':' || s.st || ':' || s.tt) OVER (PARTITION BY s.symbol ORDER BY s.ts_recv, s.seq) AS prev
  FROM status s SEMI JOIN listing_facts f ON s.symbol = f.symbol
  WHERE s.source = 'symbols_v2' AND s.sts IS NOT NULL AND s.st IS NOT NULL AND s.tt IS NOT NULL
)
SELECT o.symbol, o.sts, o.st, o.tt, min(o.ms) AS first_ms, max(o.ms) AS last_ms, count(*) AS observations,
       any_value(f.actual_open_ms) AS actual_open_ms
FROM obs o JOIN listing_facts f USING (symbol)
GROUP BY o.symbol, o.sts, o.st, o.tt;

CREATE OR REPLACE TABLE status_patterns AS
SELECT sts, st, tt,
       count(*) AS listings,
       count(*) FILTER (WHERE actual_open_ms >= first_ms) AS opened_after,
       count(*) FILTER (WHERE actual_open_ms >= first_ms)::DOUBLE / count(*) AS open_rate,
       count(*) FILTER (WHERE actual_open_ms >= first_ms AND actual_open_ms - first_ms <= 3600000)::DOUBLE / count(*) AS open_within_1h_rate,
       count(*) FILTER (WHERE actual_open_ms < first_ms)::DOUBLE / count(*) AS seen_after_open_rate,
       quantile_cont((actual_open_ms - first_ms) / 60000.0, 0.1) FILTER (WHERE actual_open_ms >= first_ms) AS lead_min_p10,
       quantile_cont((actual_open_ms - first_ms) / 60000.0, 0.5) FILTER (WHERE actual_open_ms >= first_ms) AS lead_min_p50,
       quantile_cont((actual_open_ms - first_ms) / 60000.0, 0.9) FILTER (WHERE actual_open_ms >= first_ms) AS lead_min_p90,
       quantile_cont((actual_open_ms - last_ms) / 60000.0, 0.5) FILTER (WHERE actual_open_ms >= last_ms) AS last_seen_before_open_min_p50
FROM status_tuple_events GROUP BY sts, st, tt ORDER BY listings DESC, sts, st, tt;

CREATE OR REPLACE TABLE status_sequences AS
WITH obs AS (
  SELECT s.symbol, s.ts_recv // 1000 AS ms, s.sts || ':' || s.st || ':' || s.tt AS tuple,
         lag(s.sts || ':' || s.st || ':' || s.tt) OVER (PARTITION BY s.symbol ORDER BY s.ts_recv, s.seq) AS prev
  FROM status s SEMI JOIN listing_facts f ON s.symbol = f.symbol
  WHERE s.source = 'symbols_v2' AND s.sts IS NOT NULL AND s.st IS NOT NULL AND s.tt IS NOT NULL
), changes AS (
  -- the walk each listing showed before its open: every change of tuple, in order (a tuple that
  -- comes back appears again)
  SELECT o.symbol, o.ms, o.tuple, f.actual_open_ms
  FROM obs o JOIN listing_facts f USING (symbol)
  WHERE (o.prev IS NULL OR o.prev <> o.tuple) AND (f.actual_open_ms IS NULL OR o.ms <= f.actual_open_ms)
), pre AS (
  SELECT symbol, string_agg(tuple, ' > ' ORDER BY ms) AS sequence, any_value(actual_open_ms) AS actual_open_ms,
         min(ms) AS first_ms, arg_max(tuple, ms) AS last_tuple, max(ms) AS last_change_ms
  FROM changes GROUP BY symbol
)
SELECT sequence, count(*) AS listings,
       count(actual_open_ms)::DOUBLE / count(*) AS open_rate,
       any_value(last_tuple) AS last_tuple,
       quantile_cont((actual_open_ms - first_ms) / 60000.0, 0.5) AS total_lead_min_p50,
       quantile_cont((actual_open_ms - last_change_ms) / 60000.0, 0.1) AS last_change_lead_min_p10,
       quantile_cont((actual_open_ms - last_change_ms) / 60000.0, 0.5) AS last_change_lead_min_p50,
       quantile_cont((actual_open_ms - last_change_ms) / 60000.0, 0.9) AS last_change_lead_min_p90
FROM pre GROUP BY sequence ORDER BY listings DESC, sequence;
