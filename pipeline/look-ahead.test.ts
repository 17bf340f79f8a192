/**
 * No look-ahead: features are computed only from what was known at each listing's decision time.
 * Two lakes agree on every row received before a cutoff and disagree on every row after it
 * (prices, statuses, schedules, zones, tradability); every listing decided before the cutoff
 * must get the same features from both, while later listings do change (so the test can fail).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runPipeline } from './run-pipeline.ts';
import { buildWorld, type World } from './testing/fixture-world.ts';
import { writeLakeRows } from './testing/lake-writer.ts';

const TRUE = { history: 0.4, market: 0.3, timing: 0.2, external: 0.1 };
let base: string;
let world: World;
let cutoffMs: number;

function mutateAfter(w: World, cutoffUs: number): World['rows'] {
  const after = <T extends { ts_recv: number }>(r: T) => r.ts_recv >= cutoffUs;
  return {
    trades: w.rows.trades.map((r) => (after(r) ? { ...r, price: r.price * 0.4, qty: r.qty * 3 } : r)),
    depth_updates: w.rows.depth_updates.map((r) => (after(r)
      ? { ...r, bid_prices: Array.from(r.bid_prices, (p) => p * 0.4), ask_prices: Array.from(r.ask_prices, (p) => p * 0.4) } : r)),
    status: w.rows.status.map((r) => (after(r)
      ? { ...r, sts: 9, st: 9, tt: 9, open_time: r.open_time === null ? null : r.open_time + 7_200_000, api_tradable: r.api_tradable === null ? null : !r.api_tradable }
      : r)),
    klines: w.rows.klines.map((r) => (after(r) ? { ...r, close: r.close * 1.5, high: r.high * 1.5 } : r)),
    listings: w.rows.listings.map((r) => (after(r) ? { ...r, zone: 'MUTATED', api_tradable: false, scheduled_open: r.scheduled_open! + 7_200_000 } : r)),
  };
}

async function features(lake: string): Promise<Map<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await runPipeline(conn, { lakeDir: lake });
    const rows = (await conn.runAndReadAll('SELECT * FROM features ORDER BY symbol')).getRowObjectsJson();
    return new Map(rows.map((r) => [r.symbol as string, JSON.stringify(r)]));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'pipeline-lookahead-'));
  world = buildWorld({ listings: 80, weights: TRUE, seed: 17, meanSpacingMs: 40 * 60_000 });
  cutoffMs = world.listings[40]!.decisionMs + 1;
  await writeLakeRows(join(base, 'a'), world.rows);
  await writeLakeRows(join(base, 'b'), mutateAfter(world, cutoffMs * 1000));
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('no look-ahead', () => {
  test('features of listings decided before the cutoff ignore everything after it', async () => {
    const a = await features(join(base, 'a'));
    const b = await features(join(base, 'b'));
    const before = world.listings.filter((l) => l.decisionMs < cutoffMs);
    const later = world.listings.filter((l) => l.decisionMs >= cutoffMs);
    expect(before.length).toBe(41);
    for (const l of before) expect(b.get(l.symbol)).toBe(a.get(l.symbol)!);
    const changed = later.filter((l) => b.get(l.symbol) !== a.get(l.symbol));
    expect(changed.length).toBeGreaterThan(later.length / 2);
  });
});
