-- 03_features: the four confidence factors of each listing, computed ONLY from what was known at
-- its decision time: status rows with ts_recv before it, reference-market prices received before
-- it, and labels of other listings whose snipe had finished (exit_ms) before it.
-- Inputs: listing_decisions, listing_facts (the symbol list only), listings, status, klines
-- (market pairs, Min1), labels. Variables: market_symbols, market_lookback_ms, history_prior,
-- notice_p10_ms, notice_p50_ms, notice_p90_ms, recent_window_ms, competitor_window_ms,
-- isolation_cap_ms, min_history.
-- Raw factors:
--   history  smoothed success rate of earlier finished snipes with the same zone and last tuple
--   market   mean over the market pairs of (lookback log return / realised volatility)
--   timing   normal score of the advance notice on the real figures' quantiles
--   external isolation: ln(gap to the nearest other scheduled open before + 1 min) + ln(gap to the
--            nearest after + 1 min), from schedules known before the decision, gaps capped
-- Each factor = Φ((raw − mean) / SD) over the listings decided earlier (0.5 until min_history of
-- them), so all four are percentiles on one scale and their weights compare.

CREATE OR REPLACE TABLE features AS
WITH d0 AS (
  SELECT f.symbol, d.decision_ms, d.known_open_ms
  FROM listing_facts f JOIN listing_decisions d USING (symbol)
), d AS (
  -- calendar attributes only from listing rows recorded before the decision
  SELECT d0.symbol, any_value(d0.decision_ms) AS decision_ms, any_value(d0.known_open_ms) AS known_open_ms,
         arg_max(l.zone, l.ts_recv) AS zone
  FROM d0 LEFT JOIN listings l ON l.symbol = d0.symbol AND l.ts_recv < d0.decision_ms * 1000
  GROUP BY d0.symbol
), pre AS (
  SELECT s.* FROM status s JOIN d ON s.symbol = d.symbol AND s.ts_recv < d.decision_ms * 1000
), known AS (
  SELECT d.symbol,
         min(p.ts_recv) // 1000 AS first_seen_ms,
         count(DISTINCT p.open_time) AS schedules_seen,
         count(*) AS observations,
         arg_max(p.sts || ':' || p.st || ':' || p.tt, p.ts_recv) FILTER (WHERE p.source = 'symbols_v2' AND p.sts IS NOT NULL) AS last_tuple,
         -- membership of defaultSymbols as seen before the decision (exchangeInfo says "not yet" for every listing)
         arg_max(p.api_tradable, p.ts_recv) FILTER (WHERE p.source = 'default_symbols' AND p.api_tradable IS NOT NULL) AS api_tradable_known
  FROM d JOIN pre p USING (symbol) GROUP BY d.symbol
), schedules AS (
  -- each (listing, scheduled open) and when it was first seen, bucketed by the isolation cap
  -- (≥ the competitor window) for an equi-join
  SELECT symbol, open_time, min(ts_recv) AS first_us, open_time // getvariable('isolation_cap_ms') AS bucket
  FROM status WHERE open_time IS NOT NULL GROUP BY symbol, open_time
), near AS (
  SELECT d.*, d.known_open_ms // getvariable('isolation_cap_ms') + unnest([-1, 0, 1]) AS bucket FROM d
), competitors AS (
  -- other listings whose schedule, as seen before our decision, falls near our open: how many
  -- within the competitor window, and the gaps to the nearest before and after (capped)
  SELECT n.symbol,
         count(DISTINCT s.symbol) FILTER (WHERE abs(s.open_time - n.known_open_ms) <= getvariable('competitor_window_ms')) AS competing,
         min(n.known_open_ms - s.open_time) FILTER (WHERE s.open_time <= n.known_open_ms) AS gap_before_ms,
         min(s.open_time - n.known_open_ms) FILTER (WHERE s.open_time > n.known_open_ms) AS gap_after_ms
  FROM near n JOIN schedules s USING (bucket)
  WHERE s.symbol <> n.symbol AND s.first_us < n.decision_ms * 1000
    AND abs(s.open_time - n.known_open_ms) < getvariable('isolation_cap_ms')
  GROUP BY n.symbol
), ref_returns AS (
  -- the market pairs' Min1 closes as running sums of log returns and squared log returns
  SELECT symbol, ts_recv, ln(close / lag(close) OVER w) AS r
  FROM klines
  WHERE interval = 'Min1' AND list_contains(string_split(getvariable('market_symbols'), ','), symbol) AND close > 0
  WINDOW w AS (PARTITION BY symbol ORDER BY ts_recv, seq)
), ref AS (
  SELECT symbol, ts_recv,
         sum(coalesce(r, 0)) OVER w AS cum_r, sum(coalesce(r * r, 0)) OVER w AS cum_r2
  FROM ref_returns WINDOW w AS (PARTITION BY symbol ORDER BY ts_recv ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
), pairs AS (
  SELECT d.symbol, d.decision_ms, p.pair FROM d CROSS JOIN (SELECT DISTINCT symbol AS pair FROM ref) p
), ref_now AS (
  SELECT p.symbol, p.pair, r.cum_r, r.cum_r2 FROM pairs p ASOF JOIN ref r ON p.pair = r.symbol AND p.decision_ms * 1000 > r.ts_recv
), ref_then AS (
  SELECT p.symbol, p.pair, r.cum_r, r.cum_r2 FROM pairs p ASOF JOIN ref r
    ON p.pair = r.symbol AND (p.decision_ms - getvariable('market_lookback_ms')) * 1000 > r.ts_recv
), market_z AS (
  -- per pair: the lookback's log return over its realised volatility (N(0,1) without a trend);
  -- averaged over the pairs
  SELECT n.symbol, avg((n.cum_r - t.cum_r) / sqrt(n.cum_r2 - t.cum_r2)) AS market_z, count(*) AS market_pairs
  FROM ref_now n JOIN ref_then t USING (symbol, pair)
  WHERE n.cum_r2 - t.cum_r2 > 0
  GROUP BY n.symbol
), events AS (
  -- decisions and resolved snipes on one time line; at equal ms a decision sorts first, so a
  -- snipe resolving in the same millisecond is not yet known
  SELECT d.symbol, coalesce(d.zone, '') || '|' || coalesce(k.last_tuple, '') AS key, d.decision_ms * 2 AS t2, 0 AS resolved, 0 AS success, 0.0 AS ret
  FROM d LEFT JOIN known k USING (symbol)
  UNION ALL
  SELECT l.symbol, coalesce(ld.zone, '') || '|' || coalesce(lk.last_tuple, ''), l.exit_ms * 2 + 1, 1, l.success, l.net_return
  FROM labels l JOIN d ld USING (symbol) LEFT JOIN known lk USING (symbol)
), running AS (
  SELECT symbol, resolved, key,
         sum(resolved) OVER w_key AS n_key, sum(success) OVER w_key AS s_key,
         sum(resolved) OVER w_all AS n_all, sum(success) OVER w_all AS s_all,
         sum(resolved) OVER w_recent AS n_recent, sum(ret) OVER w_recent AS r_recent
  FROM events
  WINDOW w_key AS (PARTITION BY key ORDER BY t2 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
         w_all AS (ORDER BY t2 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
         w_recent AS (ORDER BY t2 RANGE BETWEEN 2 * getvariable('recent_window_ms') PRECEDING AND CURRENT ROW)
), hist AS (
  SELECT symbol, key AS history_key, n_key AS history_n, s_key AS history_successes,
         (s_all + 1.0) / (n_all + 2.0) AS base_rate, n_recent AS recent_n,
         CASE WHEN n_recent > 0 THEN r_recent / n_recent END AS recent_mean_return
  FROM running WHERE resolved = 0
), raw AS (
  SELECT d.symbol, d.decision_ms, d.known_open_ms, d.zone,
         k.first_seen_ms, d.known_open_ms - k.first_seen_ms AS notice_ms,
         greatest(coalesce(k.schedules_seen, 1) - 1, 0) AS schedule_changes,
         coalesce(k.observations, 0) AS observations_before, k.last_tuple, k.api_tradable_known,
         coalesce(c.competing, 0) AS competing_listings,
         least(coalesce(c.gap_before_ms, getvariable('isolation_cap_ms')), getvariable('isolation_cap_ms')) AS gap_before_ms,
         least(coalesce(c.gap_after_ms, getvariable('isolation_cap_ms')), getvariable('isolation_cap_ms')) AS gap_after_ms,
         hour(make_timestamp(d.known_open_ms * 1000)) AS open_hour_utc,
         m.market_z, coalesce(m.market_pairs, 0) AS market_pairs,
         -- advance notice as a normal score on the real figures' log-linear quantile table
         CASE WHEN k.first_seen_ms IS NULL THEN NULL
              WHEN d.known_open_ms - k.first_seen_ms <= getvariable('notice_p50_ms')
              THEN -1.2815516 * ln(greatest(d.known_open_ms - k.first_seen_ms, 1) / getvariable('notice_p50_ms')) / ln(getvariable('notice_p10_ms') / getvariable('notice_p50_ms'))
              ELSE 1.2815516 * ln((d.known_open_ms - k.first_seen_ms) / getvariable('notice_p50_ms')) / ln(getvariable('notice_p90_ms') / getvariable('notice_p50_ms')) END AS notice_z,
         h.history_key, h.history_n, h.history_successes, h.base_rate, h.recent_n, h.recent_mean_return
  FROM d LEFT JOIN known k USING (symbol) LEFT JOIN competitors c USING (symbol)
  LEFT JOIN market_z m USING (symbol) LEFT JOIN hist h USING (symbol)
), raw_factors AS (
  SELECT *,
    (history_successes + getvariable('history_prior') * base_rate) / (history_n + getvariable('history_prior')) AS history_raw,
    market_z AS market_raw,
    notice_z AS timing_raw,
    ln(gap_before_ms + 60000.0) + ln(gap_after_ms + 60000.0) AS external_raw
  FROM raw
), scaled AS (
  -- each raw factor in standard units of the listings decided before this one (mean and SD of
  -- their raw values), so every factor lands on the same scale: Φ(standard score), a percentile
  SELECT *,
    count(history_raw) OVER w AS n_hist, avg(history_raw) OVER w AS mu_hist, stddev_pop(history_raw) OVER w AS sd_hist,
    count(market_raw) OVER w AS n_mkt, avg(market_raw) OVER w AS mu_mkt, stddev_pop(market_raw) OVER w AS sd_mkt,
    count(timing_raw) OVER w AS n_tim, avg(timing_raw) OVER w AS mu_tim, stddev_pop(timing_raw) OVER w AS sd_tim,
    count(external_raw) OVER w AS n_ext, avg(external_raw) OVER w AS mu_ext, stddev_pop(external_raw) OVER w AS sd_ext
  FROM raw_factors
  WINDOW w AS (ORDER BY decision_ms, symbol ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT * EXCLUDE (n_hist, mu_hist, sd_hist, n_mkt, mu_mkt, sd_mkt, n_tim, mu_tim, sd_tim, n_ext, mu_ext, sd_ext),
  CASE WHEN n_hist >= getvariable('min_history') AND sd_hist > 0 THEN normal_cdf((history_raw - mu_hist) / sd_hist) ELSE 0.5 END AS history,
  CASE WHEN market_raw IS NOT NULL AND n_mkt >= getvariable('min_history') AND sd_mkt > 0 THEN normal_cdf((market_raw - mu_mkt) / sd_mkt) ELSE 0.5 END AS market,
  CASE WHEN timing_raw IS NOT NULL AND n_tim >= getvariable('min_history') AND sd_tim > 0 THEN normal_cdf((timing_raw - mu_tim) / sd_tim) ELSE 0.5 END AS timing,
  CASE WHEN n_ext >= getvariable('min_history') AND sd_ext > 0 THEN normal_cdf((external_raw - mu_ext) / sd_ext) ELSE 0.5 END AS external
FROM scaled ORDER BY decision_ms, symbol;
