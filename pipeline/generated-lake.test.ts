/**
 * Issue 6's done-when targets, on a smaller lake written by `sniper generate` (the 3,000-listing
 * figures are measured by command; see pipeline/README.md): the weights fitted on the factors
 * computed from the lake against the true weights, the same labels fitted on the true factor
 * values (what labels and fit can do alone), the out-of-sample ECE, the chosen threshold's EV
 * against the true model's, and a valid artifact with its tables. Bounds allow for the larger
 * sampling error of 1,500 listings.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelArtifactSchema } from '../core/confidence.ts';
import { scenarioFromFlags } from '../sim/config/from-flags.ts';
import { generateLake } from '../sim/generate/generate-lake.ts';
import { calibrateLake, type CalibrateLakeResult } from './calibrate.ts';
import { SQL_TABLES } from './export-tables.ts';

let dir: string;
let r: CalibrateLakeResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipeline-generated-'));
  await generateLake({ scenario: scenarioFromFlags({ seed: 5 }), lake: join(dir, 'lake'), listings: 1500, startMs: Date.UTC(2026, 0, 1), meanSpacingMs: 30 * 60_000 });
  r = await calibrateLake({ lakeDir: join(dir, 'lake'), outFile: join(dir, 'model.json'), bootstrap: 50, groundTruthFile: join(dir, 'lake', 'ground_truth.json') });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('calibration on a generated lake', () => {
  test('writes an artifact strategies can load, and the dashboard tables', () => {
    const artifact = modelArtifactSchema.parse(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')));
    expect(artifact.data.fingerprint).toBe(r.fingerprint.sha256);
    expect(artifact.data.listings).toBe(1500);
    for (const t of [...SQL_TABLES, 'reliability', 'ev_buckets', 'walk_forward', 'weight_intervals', 'predictions']) {
      expect(existsSync(join(dir, 'model.tables', `${t}.parquet`))).toBe(true);
    }
  });

  test('labels and the fit recover the true weights from the true factor values', () => {
    expect(r.truthCheck!.matched).toBe(1500);
    // ~1,100 entered snipes: each weight's sampling SD is about 0.03, and this is the largest of
    // four errors (3,000 listings: 0.03 measured, 10,000: 0.01)
    expect(r.truthCheck!.oracleMaxWeightError).toBeLessThan(0.1);
  });

  test('calibrated out of sample and a threshold worth what the true model would pick', () => {
    // ECE over 10 bins has an upward sampling bias of a few hundredths at ~1,250 out-of-sample
    // predictions; the 0.05 target is measured on 3,000 listings
    expect(r.truthCheck!.ece).toBeLessThanOrEqual(0.06);
    expect(Math.abs(r.truthCheck!.threshold.evRatio - 1)).toBeLessThanOrEqual(0.1);
  });

  test('the advance notice carries the timing factor', () => {
    expect(r.truthCheck!.factorCorrelation.timing).toBeGreaterThan(0.6);
  });

  test('the weights fitted on the factors computed from the lake are near the truth', () => {
    // target 0.05 at 3,000 listings (measured by command); 1,500 listings leave more sampling error
    expect(r.truthCheck!.maxWeightError).toBeLessThan(0.08);
    for (const f of ['history', 'market', 'timing', 'external'] as const) expect(r.truthCheck!.factorCorrelation[f]).toBeGreaterThan(0.5);
  });
});
