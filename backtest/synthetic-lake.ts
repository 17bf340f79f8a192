/**
 * A large synthetic lake written straight from DuckDB SQL (no JS rows), for benchmarks: `symbols`
 * pairs with oscillating trades, 3-level depth deltas on a 0.01 price grid (so books stay a few
 * dozen levels deep, as recorded books do) and book tickers, spread evenly over `days`,
 * plus calendar/status events for `listings` of them, each with a book snapshot 2 s before and its
 * first trade 50 ms after its scheduled open. Deterministic (hash-based noise). Partitioned by date in the lake layout.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface SyntheticLakeOptions {
  readonly dir: string;
  /** Total market rows (trades ≈ 50 %, depth ≈ 35 %, tickers ≈ 15 %). */
  readonly rows: number;
  readonly symbols?: number;
  readonly listings?: number;
  readonly days?: number;
  readonly startMs?: number;
}

export async function writeSyntheticLake(o: SyntheticLakeOptions): Promise<{ rows: number }> {
  const symbols = o.symbols ?? 200;
  const listings = Math.min(o.listings ?? 40, symbols);
  const days = o.days ?? 2;
  const start = (o.startMs ?? Date.parse('2026-03-01T00:00:00Z')) * 1000;
  const spanUs = days * 86_400_000_000;
  const nT = Math.floor(o.rows * 0.5);
  const nD = Math.floor(o.rows * 0.35);
  const nB = o.rows - nT - nD;
  // listing k (symbol k < listings) opens at start + (k + 0.5) · span / listings; before that it has no rows
  const openUs = (k: string) => `(${start} + ((${k}) + 0.5) * ${Math.floor(spanUs / listings)})::BIGINT`;
  const noise = (x: string, salt: number) => `((hash(${x} * 7919 + ${salt}) % 1000000)::DOUBLE / 1000000.0)`;
  const base = (n: number, salt: number) => `
    SELECT i, (i % ${symbols}) AS k, 'SYN' || lpad((i % ${symbols})::VARCHAR, 4, '0') || 'USDT' AS symbol,
           (${start} + (i::DOUBLE / ${n}) * ${spanUs})::BIGINT AS ts, ${noise('i', salt)} AS u
    FROM range(${n}) r(i)`;
  const live = `(k >= ${listings} OR ts >= ${openUs('k')})`;
  const price = `(1.0 + (k % 17) * 0.37) * (1 + 0.02 * sin(ts / 6e8 + k))`;
  const openPrice = `(1.0 + (k % 17) * 0.37) * (1 + 0.02 * sin(${openUs('k')} / 6e8 + k))`;
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  const copy = async (table: string, sql: string) => {
    mkdirSync(join(o.dir, table), { recursive: true });
    await con.run(`COPY (SELECT *, strftime(make_timestamp(ts_recv), '%Y-%m-%d') AS date FROM (${sql})) TO '${join(o.dir, table)}' (FORMAT parquet, PARTITION_BY (date), OVERWRITE_OR_IGNORE true, FILENAME_PATTERN 'bench-{i}')`);
  };
  try {
    await copy('trades', `SELECT (ts / 1000 - 30)::BIGINT AS ts_event, ts AS ts_recv, i::BIGINT AS seq, 'bench' AS conn_id, symbol,
        round(${price} * (1 + 0.004 * (u - 0.5)), 4) AS price, round(1 + u * 50, 2) AS qty, CASE WHEN u > 0.5 THEN 'buy' ELSE 'sell' END AS side,
        (ts / 1000)::BIGINT AS trade_time, NULL::VARCHAR AS trade_id FROM (${base(nT, 1)}) WHERE ${live}
      UNION ALL
      SELECT (${openUs('k')} / 1000 + 20)::BIGINT, ${openUs('k')} + 50000, (1e12 + k)::BIGINT, 'bench', 'SYN' || lpad(k::VARCHAR, 4, '0') || 'USDT',
        round(${openPrice}, 2), 5, 'buy', (${openUs('k')} / 1000 + 20)::BIGINT, NULL FROM range(${listings}) r(k)`);
    await copy('depth_updates', `SELECT (ts / 1000 - 30)::BIGINT AS ts_event, ts AS ts_recv, i::BIGINT AS seq, 'bench' AS conn_id, symbol, 'delta' AS kind,
        i::BIGINT AS from_version, i::BIGINT AS to_version,
        [round(${price} - 0.01, 2), round(${price} - 0.02, 2), round(${price} - 0.03, 2)]::DOUBLE[] AS bid_prices,
        [round(10 + u * 500, 2), CASE WHEN u < 0.1 THEN 0 ELSE round(20 + u * 900, 2) END, round(1000 * u, 2)]::DOUBLE[] AS bid_qtys,
        [round(${price} + 0.01, 2), round(${price} + 0.02, 2), round(${price} + 0.03, 2)]::DOUBLE[] AS ask_prices,
        [round(10 + (1 - u) * 500, 2), CASE WHEN u > 0.9 THEN 0 ELSE round(20 + u * 700, 2) END, round(900 * u, 2)]::DOUBLE[] AS ask_qtys
        FROM (${base(nD, 2)}) WHERE ${live}
      UNION ALL
      SELECT (${openUs('k')} / 1000 - 2000)::BIGINT, ${openUs('k')} - 2000000, (1e12 + k)::BIGINT, 'bench', 'SYN' || lpad(k::VARCHAR, 4, '0') || 'USDT', 'snapshot', 1, 1,
        [round(${openPrice} - 0.01, 2), round(${openPrice} - 0.02, 2)]::DOUBLE[], [500, 800]::DOUBLE[],
        [round(${openPrice}, 2), round(${openPrice} + 0.01, 2), round(${openPrice} + 0.02, 2)]::DOUBLE[], [30, 60, 5000]::DOUBLE[] FROM range(${listings}) r(k)`);
    await copy('book_tickers', `SELECT (ts / 1000 - 30)::BIGINT AS ts_event, ts AS ts_recv, i::BIGINT AS seq, 'bench' AS conn_id, symbol,
        round(${price} * 0.999, 4) AS bid_price, round(10 + u * 500, 2) AS bid_qty, round(${price} * 1.001, 4) AS ask_price, round(10 + (1 - u) * 500, 2) AS ask_qty
        FROM (${base(nB, 3)}) WHERE ${live}`);
    await copy('status', `SELECT (ts_recv / 1000)::BIGINT AS ts_event, ts_recv, k::BIGINT AS seq, 'bench' AS conn_id, symbol, source, 'v' || k AS vcoin_id,
        sts, st, tt, (${openUs('k')} / 1000)::BIGINT AS open_time, NULL::VARCHAR AS exchange_status, api AS api_tradable
        FROM (SELECT k, 'SYN' || lpad(k::VARCHAR, 4, '0') || 'USDT' AS symbol, s.* FROM range(${listings}) r(k),
          (VALUES ('calendar', NULL, NULL, NULL, NULL, -3600000000), ('symbols_v2', 2, 2, 4, NULL, -600000000), ('default_symbols', NULL, NULL, NULL, TRUE, 0)) s(source, sts, st, tt, api, dt))
        CROSS JOIN LATERAL (SELECT GREATEST(${start}, ${openUs('k')} + dt)::BIGINT AS ts_recv)`);
    const r = await con.runAndReadAll(`SELECT (SELECT count(*) FROM '${join(o.dir, 'trades')}/**/*.parquet') + (SELECT count(*) FROM '${join(o.dir, 'depth_updates')}/**/*.parquet') + (SELECT count(*) FROM '${join(o.dir, 'book_tickers')}/**/*.parquet') + (SELECT count(*) FROM '${join(o.dir, 'status')}/**/*.parquet')`);
    return { rows: Number(r.getRows()[0]![0]) };
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}
