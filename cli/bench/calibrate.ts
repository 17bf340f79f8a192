/**
 * `sniper bench calibrate`: wall time of the whole calibration (SQL steps, labels through the
 * fill model, features, fit, bootstrap, walk-forward, artifact and tables) on lakes of 10,000
 * and 100,000 listings (× --scale). The lake is generated first and its time reported apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateLake } from '../../pipeline/calibrate.ts';
import { buildWorld } from '../../pipeline/testing/fixture-world.ts';
import { writeLakeRows } from '../../pipeline/testing/lake-writer.ts';
import { peakRssBytes, result, type Benchmark, type BenchResult } from './types.ts';

const WEIGHTS = { history: 0.35, market: 0.3, timing: 0.1, external: 0.25 };

export const calibrateBenchmark: Benchmark = {
  name: 'calibrate',
  summary: 'sniper calibrate wall time on 10,000 and 100,000 generated listings',
  async run({ scale, log }) {
    const out: BenchResult[] = [];
    for (const base of [10_000, 100_000]) {
      const n = Math.max(100, Math.round(base * scale));
      const dir = mkdtempSync(join(tmpdir(), 'bench-calibrate-'));
      try {
        let t = performance.now();
        const world = buildWorld({ listings: n, weights: WEIGHTS, seed: 42, meanSpacingMs: 30 * 60_000 });
        const files = await writeLakeRows(join(dir, 'lake'), world.rows, 'bench');
        const rows = Object.values(world.rows).reduce((s, r) => s + r.length, 0);
        const genS = (performance.now() - t) / 1000;
        log(`${n} listings: generated ${rows} rows in ${files} files in ${genS.toFixed(1)} s`);
        t = performance.now();
        const r = await calibrateLake({ lakeDir: join(dir, 'lake'), outFile: join(dir, 'model.json'), bootstrap: 200 });
        const calS = (performance.now() - t) / 1000;
        log(`${n} listings: calibrated in ${calS.toFixed(1)} s (${Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')})`);
        out.push(result(`generate ${n} listings`, genS, 's'));
        out.push(result(`calibrate ${n} listings`, calS, 's'));
        out.push(result(`calibrate ${n} listings throughput`, n / calS, 'listings/s'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    out.push(result('calibrate peak RSS', (await peakRssBytes()) / 2 ** 20, 'MiB'));
    return out;
  },
};
