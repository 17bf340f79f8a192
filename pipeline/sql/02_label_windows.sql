-- 02_label_windows: for each listing with a decision time, the stretch of its recorded market a
-- snipe would meet: from the last book snapshot before the entry window opens (or 60 s before
-- it) to past the time stop. The views label_trades, label_depth and label_tickers serve one
-- batch of listings at a time (variable label_batch; batches follow the open time, and
-- label_lo_us / label_hi_us bound the batch's time range so scans skip row groups outside it)
-- as rows the labeler turns into events.
-- Inputs: listing_facts, trades, depth_updates, book_tickers.
-- Variables: window_start_ms, horizon_ms, label_batch_size, label_batch, label_lo_us, label_hi_us,
-- label_lo_date, label_hi_date (the hive partitions the range touches, so scans skip other files).

CREATE OR REPLACE TABLE label_windows AS
WITH w AS (
  SELECT symbol, known_open_ms AS open_ms, decision_ms, coalesce(api_tradable, true) AS api_tradable,
         (known_open_ms - getvariable('window_start_ms')) * 1000 AS arm_us
  FROM listing_facts WHERE decision_ms IS NOT NULL AND known_open_ms IS NOT NULL
), snaps AS (
  SELECT symbol, ts_recv FROM depth_updates WHERE kind IN ('snapshot', 'limit')
)
SELECT w.symbol, w.open_ms, w.decision_ms, w.api_tradable,
       least(coalesce(s.ts_recv, w.arm_us - 60000000), w.arm_us - 60000000) AS from_us,
       (w.open_ms + getvariable('horizon_ms')) * 1000 AS to_us,
       (row_number() OVER (ORDER BY w.open_ms, w.symbol) - 1) // getvariable('label_batch_size') AS batch_no,
       (row_number() OVER (ORDER BY w.open_ms, w.symbol) - 1) % getvariable('label_batch_size') AS pos
FROM w ASOF LEFT JOIN snaps s ON w.symbol = s.symbol AND w.arm_us >= s.ts_recv
ORDER BY w.open_ms, w.symbol;

-- One view per event kind, each ordered by (listing, ts_recv, seq) by the reader; `pos` is the
-- listing's position in its batch. Trades come as doubles for zero-copy reading.
CREATE OR REPLACE VIEW label_trades AS
WITH b AS (SELECT * FROM label_windows WHERE batch_no = getvariable('label_batch'))
SELECT b.pos::DOUBLE AS pos, t.ts_recv::DOUBLE AS ts_recv, t.seq::DOUBLE AS seq, t.ts_event::DOUBLE AS ts_event,
       t.price, t.qty, (t.side = 'sell')::DOUBLE AS is_sell, t.trade_time::DOUBLE AS trade_time
FROM trades t JOIN b ON t.symbol = b.symbol AND t.ts_recv >= b.from_us AND t.ts_recv < b.to_us
WHERE t.ts_recv >= getvariable('label_lo_us') AND t.ts_recv < getvariable('label_hi_us')
  AND t.date BETWEEN getvariable('label_lo_date') AND getvariable('label_hi_date');

CREATE OR REPLACE VIEW label_depth AS
WITH b AS (SELECT * FROM label_windows WHERE batch_no = getvariable('label_batch'))
SELECT b.pos, d.ts_recv, d.seq, d.ts_event, d.kind AS depth_kind, d.from_version, d.to_version,
       d.bid_prices, d.bid_qtys, d.ask_prices, d.ask_qtys
FROM depth_updates d JOIN b ON d.symbol = b.symbol AND d.ts_recv >= b.from_us AND d.ts_recv < b.to_us
WHERE d.ts_recv >= getvariable('label_lo_us') AND d.ts_recv < getvariable('label_hi_us')
  AND d.date BETWEEN getvariable('label_lo_date') AND getvariable('label_hi_date');

CREATE OR REPLACE VIEW label_tickers AS
WITH b AS (SELECT * FROM label_windows WHERE batch_no = getvariable('label_batch'))
SELECT b.pos, k.ts_recv, k.seq, k.ts_event, k.bid_price, k.bid_qty, k.ask_price, k.ask_qty
FROM book_tickers k JOIN b ON k.symbol = b.symbol AND k.ts_recv >= b.from_us AND k.ts_recv < b.to_us
WHERE k.ts_recv >= getvariable('label_lo_us') AND k.ts_recv < getvariable('label_hi_us')
  AND k.date BETWEEN getvariable('label_lo_date') AND getvariable('label_hi_date');
