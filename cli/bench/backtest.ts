/**
 * `sniper bench backtest`: events/s through the full backtest loop (lake → DuckDB → merge →
 * books → sim venue → listing-sniper → decision log) side by side with a plain DuckDB scan of the
 * same events into JS column vectors (same columns, no sort, no merge, no strategy), on a
 * synthetic lake of 4M rows × scale. Then peak RSS of a backtest process on that lake and on one
 * three times larger, next to the size the larger lake's events would take loaded whole (as bare
 * columns, and as JS event objects, measured): memory stays flat because the replay streams one
 * day at a time.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runBacktest } from '../../backtest/engine.ts';
import { sqlList } from '../../backtest/lake-files.ts';
import { writeSyntheticLake } from '../../backtest/synthetic-lake.ts';
import { f64Column } from '../../lake/column-vectors.ts';
import { listingSniper } from '../../strategies/listing-sniper.ts';
import { result, type Benchmark } from './types.ts';

const ROWS_PER_DAY = 1_000_000;

async function lakeOf(rows: number, log: (l: string) => void): Promise<string> {
  const dir = join(tmpdir(), `sniper-bench-backtest-${rows}`);
  if (!existsSync(join(dir, 'status'))) {
    mkdirSync(dir, { recursive: true });
    const t = performance.now();
    await writeSyntheticLake({ dir, rows, days: Math.max(1, Math.round(rows / ROWS_PER_DAY)), listings: 60 });
    log(`wrote a ${rows.toLocaleString('en-US')}-row lake to ${dir} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return dir;
}

function duSize(dir: string): number {
  let s = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) s += e.isDirectory() ? duSize(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return s;
}

/** The plain scan: the replay's market columns read chunk by chunk into JS typed arrays. */
async function plainScan(dir: string): Promise<{ rows: number; seconds: number }> {
  const t = performance.now();
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  let rows = 0;
  let sink = 0;
  const glob = (table: string) => sqlList([join(dir, table, '**', '*.parquet')]);
  const queries = [
    `SELECT ts_recv::DOUBLE, seq::DOUBLE, ts_event::DOUBLE, price, qty, (side = 'buy')::DOUBLE, trade_time::DOUBLE FROM read_parquet(${glob('trades')})`,
    `SELECT ts_recv::DOUBLE, seq::DOUBLE, ts_event::DOUBLE, from_version::DOUBLE, to_version::DOUBLE, bid_prices, bid_qtys, ask_prices, ask_qtys FROM read_parquet(${glob('depth_updates')})`,
    `SELECT ts_recv::DOUBLE, seq::DOUBLE, ts_event::DOUBLE, bid_price, bid_qty, ask_price, ask_qty FROM read_parquet(${glob('book_tickers')})`,
    `SELECT ts_recv::DOUBLE, seq::DOUBLE, ts_event::DOUBLE FROM read_parquet(${glob('status')})`,
  ];
  try {
    for (const q of queries) {
      const res = await con.stream(q);
      for (;;) {
        const chunk = await res.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        const ts = f64Column(chunk, 0, chunk.rowCount);
        for (let i = 0; i < ts.length; i++) sink += ts[i]!;
        rows += chunk.rowCount;
      }
    }
  } finally {
    con.closeSync();
    inst.closeSync();
  }
  if (sink === 0) throw new Error('scan read nothing');
  return { rows, seconds: (performance.now() - t) / 1000 };
}

/** Bytes per event when events are held as JS objects (the lake's mix: trades, 3-level depth, tickers), measured. */
function jsBytesPerEvent(): number {
  Bun.gc(true);
  const before = process.memoryUsage().heapUsed;
  const keep: unknown[] = [];
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const t = { tsEvent: i, tsRecv: i * 1000, seq: i, symbol: 'SYN0001USDT' };
    const r = i % 20;
    if (r < 10) keep.push({ ...t, type: 'trade', price: 1 + i * 1e-6, qty: 2 + i * 1e-6, side: 'buy', tradeTime: i });
    else if (r < 17) keep.push({ ...t, type: 'book_delta', fromVersion: i, toVersion: i, bids: [[1 + i * 1e-6, 1.5], [0.99, 2.5], [0.98, 3.5]], asks: [[1.01 + i * 1e-6, 1.5], [1.02, 2.5], [1.03, 3.5]] });
    else keep.push({ ...t, type: 'book_ticker', bidPrice: 1 + i * 1e-6, bidQty: 1.5, askPrice: 1.01, askQty: 2.5 });
  }
  Bun.gc(true);
  const bytes = (process.memoryUsage().heapUsed - before) / n;
  if (keep.length !== n) throw new Error('unreachable');
  return bytes;
}

async function probe(lake: string): Promise<{ events: number; peakRssBytes: number }> {
  const script = resolve(import.meta.dir, '..', '..', 'backtest', 'rss-probe.ts');
  const proc = Bun.spawn([process.execPath, script, lake], { stdout: 'pipe', stderr: 'pipe' });
  const [code, out, err] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  if (code !== 0) throw new Error(`rss probe failed: ${err.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as { events: number; peakRssBytes: number };
}

export const backtestBenchmark: Benchmark = {
  name: 'backtest',
  summary: 'events/s through the full backtest loop (listing-sniper) vs a plain DuckDB scan; peak RSS streaming',
  async run({ scale, log }) {
    const rows = Math.round(4_000_000 * scale);
    const lake = await lakeOf(rows, log);
    const loops: number[] = [];
    const scans: number[] = [];
    for (let round = 0; round < 3; round++) {
      const s = await plainScan(lake);
      scans.push(s.rows / s.seconds);
      const r = await runBacktest({ lakeDir: lake, strategy: listingSniper, params: { minScore: 0 } });
      if (r.events !== s.rows) throw new Error(`backtest saw ${r.events} events, the scan ${s.rows}`);
      loops.push(r.events / (r.elapsedMs / 1000));
      log(`round ${round + 1}: loop ${Math.round(loops.at(-1)!).toLocaleString('en-US')} ev/s (${r.metrics.trades} trades, ${r.venue.orders} orders), scan ${Math.round(scans.at(-1)!).toLocaleString('en-US')} rows/s`);
    }
    const loop = Math.max(...loops);
    const scan = Math.max(...scans);
    const big = await lakeOf(rows * 3, log);
    const small = await probe(lake);
    const large = await probe(big);
    // the 3x lake loaded whole: as bare columns (8 bytes per value: trades 7, depth 5 + 12 levels,
    // tickers 7) and as JS event objects (measured bytes per event)
    const columnsBytes = large.events * 8 * (0.5 * 7 + 0.35 * 17 + 0.15 * 7);
    const objectsBytes = large.events * jsBytesPerEvent();
    log(`lake ${small.events.toLocaleString('en-US')} events (${(duSize(lake) / 1e6).toFixed(0)} MB Parquet): peak RSS ${(small.peakRssBytes / 1e6).toFixed(0)} MB; `
      + `lake ${large.events.toLocaleString('en-US')} events (${(duSize(big) / 1e6).toFixed(0)} MB Parquet; loaded whole ${(columnsBytes / 1e6).toFixed(0)} MB as bare columns, `
      + `${(objectsBytes / 1e6).toFixed(0)} MB as JS events): peak RSS ${(large.peakRssBytes / 1e6).toFixed(0)} MB`);
    return [
      result('backtest.events_per_s', loop, 'events/s', scan),
      result('backtest.peak_rss_mb_3x_lake', large.peakRssBytes / 1e6, 'MB', small.peakRssBytes / 1e6),
      result('backtest.3x_lake_as_js_events_mb', objectsBytes / 1e6, 'MB', large.peakRssBytes / 1e6),
      result('backtest.3x_lake_as_columns_mb', columnsBytes / 1e6, 'MB', large.peakRssBytes / 1e6),
    ];
  },
};
