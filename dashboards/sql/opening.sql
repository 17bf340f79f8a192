-- The opening minutes of every listing: from its first trade, price relative to the first
-- price and traded quote volume per 5-second bucket, for the first 10 minutes.
-- Reads the lake views `trades` and `listings` (listing symbols only, when listings exist).
WITH listed AS (
  SELECT DISTINCT symbol FROM listings
), t AS (
  SELECT symbol, trade_time, price, price * qty AS quote FROM trades
  WHERE NOT EXISTS (SELECT 1 FROM listed) OR symbol IN (SELECT symbol FROM listed)
), firsts AS (
  SELECT symbol, min(trade_time) AS open_ms, arg_min(price, trade_time) AS first_price FROM t GROUP BY symbol
)
SELECT t.symbol, ((t.trade_time - f.open_ms) // 5000) * 5 AS second,
       arg_max(t.price, t.trade_time) / any_value(f.first_price) - 1 AS ret,
       max(t.price) / any_value(f.first_price) - 1 AS high_ret,
       sum(t.quote) AS quote_volume, count(*) AS trades
FROM t JOIN firsts f USING (symbol)
WHERE t.trade_time < f.open_ms + 600000
-- ordered by time first, so each symbol's line and the median across symbols run left to right
GROUP BY ALL ORDER BY second, t.symbol
