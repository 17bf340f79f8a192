import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { FACTORS } from '../core/confidence.ts';
import { runPipeline } from './run-pipeline.ts';
import { loadSamples } from './samples.ts';
import { calibrateSamples } from './stats/calibrate-samples.ts';
import { fitWeights, type Sample } from './stats/weight-fit.ts';
import { buildWorld, type World } from './testing/fixture-world.ts';
import { writeLakeRows } from './testing/lake-writer.ts';

const TRUE = { history: 0.35, market: 0.3, timing: 0.2, external: 0.15 };
let dir: string;
let world: World;
let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipeline-e2e-'));
  world = buildWorld({ listings: 500, weights: TRUE, seed: 3, steepness: 12 });
  await writeLakeRows(dir, world.rows);
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
}, 60_000);

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('pipeline over a lake with a known truth', () => {
  test('facts, labels and features match what the world was built from', async () => {
    const run = await runPipeline(conn, { lakeDir: dir });
    expect(run.listings).toBe(500);
    expect(run.labelled).toBe(500);
    const labels = new Map((await conn.runAndReadAll('SELECT symbol, status, success, net_return FROM labels')).getRowObjectsJS().map((r) => [r.symbol as string, r]));
    const feats = new Map((await conn.runAndReadAll('SELECT * FROM features')).getRowObjectsJS().map((r) => [r.symbol as string, r]));
    for (const l of world.listings) {
      const lab = labels.get(l.symbol)!;
      expect(lab.status).toBe('filled');
      expect(Number(lab.success)).toBe(l.success);
      const f = feats.get(l.symbol)!;
      expect(Number(f.decision_ms)).toBe(l.decisionMs);
      for (const k of FACTORS) expect(Math.abs(Number(f[k]) - l.factors[k])).toBeLessThan(1e-9);
    }
    const facts = (await conn.runAndReadAll(`SELECT * FROM listing_facts WHERE symbol = '${world.listings[0]!.symbol}'`)).getRowObjectsJS()[0]!;
    expect(Number(facts.actual_open_ms)).toBe(world.listings[0]!.openMs + 100);
    expect(Number(facts.trades_1m)).toBe(3); // +0.1 s, +30 s, +60 s
    expect(facts.status_timeline).toBe(`1:1:1 > 2:1:2 > ${world.listings[0]!.lastTuple}${world.listings[0]!.lastTuple === '2:2:4' ? '' : ' > 2:2:4'}`);
  });

  test('running the pipeline twice gives the same tables', async () => {
    const before = (await conn.runAndReadAll('SELECT * FROM features ORDER BY symbol')).getRowObjectsJson();
    await runPipeline(conn, { lakeDir: dir });
    const after = (await conn.runAndReadAll('SELECT * FROM features ORDER BY symbol')).getRowObjectsJson();
    expect(after).toEqual(before);
  });

  test('calibration on the pipeline output is the fit on the true factors, near the truth', async () => {
    const r = calibrateSamples(await loadSamples(conn), { bootstrap: 20 });
    const direct = fitWeights(world.listings.map((l) => ({ x: FACTORS.map((f) => l.factors[f]) as unknown as Sample['x'], y: l.success, ret: 0, t: l.decisionMs })));
    for (const f of FACTORS) {
      expect(Math.abs(r.weights[f] - direct.weights[f])).toBeLessThan(1e-6);
      // 500 listings: sampling error alone is several hundredths
      expect(Math.abs(r.weights[f] - TRUE[f])).toBeLessThan(0.15);
    }
    expect(r.outOfSample!.auc).toBeGreaterThan(0.7);
  });

  test('status patterns: how long before the open each tuple appears', async () => {
    const rows = (await conn.runAndReadAll(`SELECT * FROM status_patterns WHERE sts = 2 AND st = 1 AND tt = 2`)).getRowObjectsJS();
    expect(rows.length).toBe(1);
    expect(Number(rows[0]!.listings)).toBe(500);
    expect(Number(rows[0]!.open_rate)).toBe(1);
    // (2,1,2) appears half the notice before the open: 5 min .. 24 h
    expect(Number(rows[0]!.lead_min_p10)).toBeGreaterThan(5);
    expect(Number(rows[0]!.lead_min_p90)).toBeLessThan(24 * 60 + 1);
  });
});

describe('status sequences', () => {
  test('each listing walk is one sequence of tuple changes before the open', async () => {
    const rows = (await conn.runAndReadAll('SELECT sequence, listings, open_rate, last_tuple FROM status_sequences ORDER BY listings DESC')).getRowObjectsJS();
    const expected = new Map<string, number>();
    for (const l of world.listings) {
      const seq = `1:1:1 > 2:1:2 > ${l.lastTuple}`;
      expected.set(seq, (expected.get(seq) ?? 0) + 1);
    }
    expect(new Map(rows.map((r) => [r.sequence as string, Number(r.listings)]))).toEqual(expected);
    expect(rows.every((r) => Number(r.open_rate) === 1)).toBe(true);
  });
});
