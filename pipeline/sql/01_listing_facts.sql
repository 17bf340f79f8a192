-- 01_listing_facts: one row per listing (symbol). Ex-post facts: announcement, status timeline,
-- scheduled and actual open, first trade, first-minute and first-hour statistics, plus the
-- decision time (the moment a sniper arms: the schedule in force, minus the lead). Facts after the
-- decision time are for labels and reports only; 03_features never reads them.
-- Inputs: views listings, status, trades. Variables: decision_lead_ms, from_ms, to_ms.

CREATE OR REPLACE TABLE listing_decisions AS
WITH sched AS (
  SELECT symbol, ts_recv, open_time,
         lead(ts_recv) OVER (PARTITION BY symbol ORDER BY ts_recv, seq) AS next_recv
  FROM status WHERE open_time IS NOT NULL
), cand AS (
  -- the schedule seen at ts_recv stays in force until the next schedule observation
  SELECT symbol, open_time,
         greatest(ts_recv // 1000, open_time - getvariable('decision_lead_ms')) AS decide_ms,
         coalesce(next_recv // 1000, 9223372036854775807) AS until_ms
  FROM sched
)
SELECT symbol, min(decide_ms) AS decision_ms, arg_min(open_time, decide_ms) AS known_open_ms
FROM cand WHERE decide_ms < until_ms GROUP BY symbol;

CREATE OR REPLACE TABLE listing_facts AS
WITH lst AS (
  SELECT symbol, any_value(vcoin_id) AS vcoin_id, any_value(vcoin_name) AS vcoin_name,
         any_value(zone) AS zone, min(first_seen) AS first_seen_ms,
         arg_max(scheduled_open, ts_recv) AS listed_open_ms, min(actual_open) AS listed_actual_ms,
         bool_or(api_tradable) AS api_tradable
  FROM listings GROUP BY symbol
), st AS (
  SELECT symbol, min(ts_recv) // 1000 AS first_status_ms,
         min(ts_recv) FILTER (WHERE source = 'calendar') // 1000 AS announced_ms,
         count(*) AS status_observations,
         count(DISTINCT open_time) AS distinct_schedules,
         arg_max(open_time, ts_recv) FILTER (WHERE open_time IS NOT NULL) AS last_open_ms,
         bool_or(api_tradable) AS status_api_tradable
  FROM status GROUP BY symbol
), tuples AS (
  SELECT symbol, ts_recv, sts, st, tt,
         lag(sts || ':' || st || ':' || tt) OVER (PARTITION BY symbol ORDER BY ts_recv, seq) AS prev
  FROM status WHERE source = 'symbols_v2' AND sts IS NOT NULL AND st IS NOT NULL AND tt IS NOT NULL
), timeline AS (
  SELECT symbol, string_agg(sts || ':' || st || ':' || tt, ' > ' ORDER BY ts_recv) AS status_timeline
  FROM tuples WHERE prev IS NULL OR prev <> sts || ':' || st || ':' || tt GROUP BY symbol
), base AS (
  SELECT l.symbol, l.vcoin_id, l.vcoin_name, l.zone,
         coalesce(st.announced_ms, st.first_status_ms, l.first_seen_ms) AS announced_ms,
         least(coalesce(st.first_status_ms, l.first_seen_ms), l.first_seen_ms) AS first_seen_ms,
         coalesce(st.last_open_ms, l.listed_open_ms) AS scheduled_open_ms,
         l.listed_actual_ms, coalesce(l.api_tradable, st.status_api_tradable) AS api_tradable,
         coalesce(st.status_observations, 0) AS status_observations,
         greatest(coalesce(st.distinct_schedules, 1) - 1, 0) AS schedule_changes,
         coalesce(tl.status_timeline, '') AS status_timeline,
         d.decision_ms, d.known_open_ms
  FROM lst l LEFT JOIN st USING (symbol) LEFT JOIN timeline tl USING (symbol) LEFT JOIN listing_decisions d USING (symbol)
  WHERE coalesce(d.decision_ms, l.listed_open_ms) >= getvariable('from_ms')
    AND coalesce(d.decision_ms, l.listed_open_ms) < getvariable('to_ms')
), first_trade AS (
  SELECT t.symbol, min(t.trade_time) AS first_trade_ms, arg_min(t.price, t.trade_time * 1000000 + t.seq) AS first_price
  FROM trades t SEMI JOIN base b ON t.symbol = b.symbol GROUP BY t.symbol
), windows AS (
  SELECT t.symbol,
         max(price) FILTER (WHERE trade_time < f.first_trade_ms + 60000) AS high_1m,
         min(price) FILTER (WHERE trade_time < f.first_trade_ms + 60000) AS low_1m,
         arg_max(price, trade_time * 1000000 + t.seq) FILTER (WHERE trade_time < f.first_trade_ms + 60000) AS close_1m,
         coalesce(sum(price * qty) FILTER (WHERE trade_time < f.first_trade_ms + 60000), 0) AS quote_volume_1m,
         count(*) FILTER (WHERE trade_time < f.first_trade_ms + 60000) AS trades_1m,
         max(price) AS high_1h, min(price) AS low_1h,
         arg_max(price, trade_time * 1000000 + t.seq) AS close_1h,
         sum(price * qty) AS quote_volume_1h, count(*) AS trades_1h
  FROM trades t JOIN first_trade f USING (symbol)
  WHERE t.trade_time < f.first_trade_ms + 3600000
  GROUP BY t.symbol
)
SELECT b.symbol, b.vcoin_id, b.vcoin_name, b.zone, b.announced_ms, b.first_seen_ms,
       b.scheduled_open_ms, coalesce(b.listed_actual_ms, f.first_trade_ms) AS actual_open_ms,
       coalesce(b.listed_actual_ms, f.first_trade_ms) - b.scheduled_open_ms AS open_delay_ms,
       b.decision_ms, b.known_open_ms, b.api_tradable, b.status_observations, b.schedule_changes,
       b.status_timeline, f.first_trade_ms, f.first_price,
       w.high_1m, w.low_1m, w.close_1m, w.quote_volume_1m, coalesce(w.trades_1m, 0) AS trades_1m,
       w.high_1h, w.low_1h, w.close_1h, w.quote_volume_1h, coalesce(w.trades_1h, 0) AS trades_1h,
       w.high_1h / f.first_price - 1 AS pump_1h, (w.high_1h - w.low_1h) / f.first_price AS range_1h
FROM base b LEFT JOIN first_trade f USING (symbol) LEFT JOIN windows w USING (symbol)
ORDER BY b.symbol;
