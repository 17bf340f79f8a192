-- What the strategy decided over a backtest run: counts per decision and reason.
-- Reads the run view `decisions`.
SELECT kind, decision, coalesce(reason, '') AS reason, count(*) AS n, count(DISTINCT symbol) AS symbols
FROM decisions GROUP BY ALL ORDER BY n DESC
