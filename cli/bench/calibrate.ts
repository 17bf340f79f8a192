/**
 * `sniper bench calibrate`: wall time of the whole calibration (SQL steps, labels through the
 * fill model, features, fit, 200 bootstrap refits, walk-forward, artifact and tables) on lakes
 * written by `sniper generate` (the sim's market, 60 minutes of trades per listing) with 10,000
 * and 100,000 listings (× --scale). Generation is timed and reported apart. Each lake is
 * deleted afterwards; set BENCH_KEEP_LAKES=1 to keep them in the temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateLake } from '../../pipeline/calibrate.ts';
import { scenarioFromFlags } from '../../sim/config/from-flags.ts';
import { generateLake } from '../../sim/generate/generate-lake.ts';
import { peakRssBytes, result, type Benchmark, type BenchResult } from './types.ts';

export const calibrateBenchmark: Benchmark = {
  name: 'calibrate',
  summary: 'sniper calibrate wall time on 10,000 and 100,000 generated listings',
  async run({ scale, log }) {
    const out: BenchResult[] = [];
    for (const base of [10_000, 100_000]) {
      const n = Math.max(100, Math.round(base * scale));
      const dir = mkdtempSync(join(tmpdir(), 'bench-calibrate-'));
      const lake = join(dir, 'lake');
      try {
        const generate = (deviateShare?: number) => {
          rmSync(lake, { recursive: true, force: true });
          const base = scenarioFromFlags({ seed: 42 });
          const scenario = deviateShare === undefined ? base : { ...base, listings: { ...base.listings, deviateShare } };
          return generateLake({
            scenario, lake, listings: n, startMs: Date.UTC(2026, 0, 1), meanSpacingMs: 30 * 60_000,
            progress: (done, total) => { if (done % 10_000 === 0) log(`generate ${done}/${total}`); },
          });
        };
        let note = '';
        let g: Awaited<ReturnType<typeof generateLake>>;
        try {
          g = await generate();
        } catch (e) {
          // a generator fault must not hide the calibration figure: retry without deviating walks
          log(`${n} listings: generate failed (${(e as Error).message}); retrying with deviating status walks off`);
          note = ' (no deviating walks)';
          g = await generate(0);
        }
        log(`${n} listings: generated ${g.rows} rows, ${g.files} files, ${(g.bytes / 2 ** 20).toFixed(0)} MiB in ${g.seconds.toFixed(1)} s`);
        const t = performance.now();
        const r = await calibrateLake({
          lakeDir: lake, outFile: join(dir, 'model.json'), bootstrap: 200, groundTruthFile: join(lake, 'ground_truth.json'),
          onStep: (name, ms) => log(`${n} listings: ${name} ${(ms / 1000).toFixed(1)} s`),
        });
        const s = (performance.now() - t) / 1000;
        log(`${n} listings: calibrated in ${s.toFixed(1)} s (${Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')})`);
        if (r.truthCheck) log(`${n} listings: max weight error ${r.truthCheck.maxWeightError.toFixed(3)} (true factors ${r.truthCheck.oracleMaxWeightError.toFixed(3)}), ECE ${r.truthCheck.ece.toFixed(3)}, threshold EV ratio ${r.truthCheck.threshold.evRatio.toFixed(3)}`);
        out.push(result(`generate ${n} listings${note}`, g.seconds, 's'));
        out.push(result(`calibrate ${n} listings${note}`, s, 's'));
        out.push(result(`calibrate ${n} listings throughput${note}`, n / s, 'listings/s'));
      } finally {
        if (process.env.BENCH_KEEP_LAKES !== '1') rmSync(dir, { recursive: true, force: true });
      }
    }
    out.push(result('calibrate peak RSS', (await peakRssBytes()) / 2 ** 20, 'MiB'));
    return out;
  },
};
