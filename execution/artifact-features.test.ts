import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LakeSource } from '../backtest/lake-source.ts';
import { modelArtifactSchema, type ModelArtifact } from '../core/confidence.ts';
import { ArtifactFeatureProvider, normalCdf } from './artifact-features.ts';

const SNIPER = resolve(import.meta.dir, '..', 'cli', 'sniper.ts');
const dir = mkdtempSync(join(tmpdir(), 'art-feat-'));
const lake = join(dir, 'lake');
const model = join(dir, 'm.json');

async function sniper(...args: string[]): Promise<void> {
  const p = Bun.spawn([process.execPath, SNIPER, ...args], { stdout: 'ignore', stderr: 'pipe' });
  const [code, err] = await Promise.all([p.exited, new Response(p.stderr).text()]);
  if (code !== 0) throw new Error(`sniper ${args[0]} failed: ${err}`);
}

beforeAll(async () => {
  await sniper('generate', '--listings', '60', '--lake', lake, '--seed', '21');
  await sniper('calibrate', '--lake', lake, '--out', model, '--bootstrap', '10', '--folds', '2');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ArtifactFeatureProvider', () => {
  test('normalCdf', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.2815516)).toBeCloseTo(0.9, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
  });

  test("replayed event by event, it computes the pipeline's raw factors at each decision time", async () => {
    const artifact: ModelArtifact = modelArtifactSchema.parse(JSON.parse(readFileSync(model, 'utf8')));
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    const rows = (await con.runAndReadAll(`SELECT symbol, decision_ms::DOUBLE, history_raw, market_raw, timing_raw, external_raw
      FROM '${join(dir, 'm.tables', 'features.parquet')}' ORDER BY decision_ms, symbol`)).getRowsJS() as [string, number, number, number | null, number | null, number][];
    con.closeSync();
    inst.closeSync();
    expect(rows.length).toBe(60);
    const p = new ArtifactFeatureProvider(artifact);
    let k = 0;
    let historyExact = 0;
    const check = (beforeUs: number) => {
      for (; k < rows.length && rows[k]![1] * 1000 <= beforeUs; k++) {
        const [symbol, decisionMs, history, market, timing, external] = rows[k]!;
        const raw = p.rawFactors(symbol, decisionMs)!;
        // market, timing and external are the same numbers; history differs only where the pipeline
        // counts a snipe cut by its label window before a live observer could know it was over
        expect(raw.market === null).toBe(market === null);
        if (market !== null) expect(Math.abs(raw.market! - market)).toBeLessThan(1e-9);
        expect(raw.timing).toBe(timing);
        expect(Math.abs(raw.external! - external)).toBeLessThan(1e-9);
        expect(Math.abs(raw.history! - history)).toBeLessThan(0.1);
        if (Math.abs(raw.history! - history) < 1e-9) historyExact++;
      }
    };
    const src = await LakeSource.open({ lakeDir: lake });
    try {
      await src.forEach((e) => {
        check(e.tsRecv);
        p.observe(e);
      });
    } finally {
      src.close();
    }
    check(Infinity);
    expect(k).toBe(60);
    expect(historyExact).toBeGreaterThanOrEqual(57);
    const c = p.confidence(rows[59]![0], rows[59]![1] + 1)!;
    expect(c.score).toBeGreaterThanOrEqual(0);
    expect(c.passes).toBe(c.score >= artifact.threshold);
  }, 60_000);
});
