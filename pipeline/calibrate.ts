/**
 * `sniper calibrate` end to end: run the SQL steps and labels over the lake, calibrate, write the
 * model artifact (valid under core/confidence.ts modelArtifactSchema) and the dashboards' tables.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { modelArtifactSchema, type ModelArtifact } from '../core/confidence.ts';
import { exportTables, type ObjectTable } from './export-tables.ts';
import { lakeFingerprint, type LakeFingerprint } from './fingerprint.ts';
import { runPipeline, type PipelineOptions, type PipelineRun } from './run-pipeline.ts';
import { loadSamples } from './samples.ts';
import { calibrateSamples, type CalibrateOptions, type CalibrationResult } from './stats/calibrate-samples.ts';
import { CalibrationError } from './calibration-error.ts';
import { checkAgainstTruth, readGroundTruth, type TruthCheck } from './truth-check.ts';

export const ARTIFACT_FORMAT = 1;

export interface CalibrateLakeOptions extends PipelineOptions, CalibrateOptions {
  readonly outFile: string;
  /** Folder for the Parquet tables (default: `<outFile without .json>.tables`). */
  readonly tablesDir?: string;
  readonly threads?: number;
  /** A generated lake's ground_truth.json: the calibration is checked against it. */
  readonly groundTruthFile?: string;
  readonly now?: () => Date;
}

export interface CalibrateLakeResult {
  readonly artifact: ModelArtifact;
  readonly result: CalibrationResult;
  readonly run: PipelineRun;
  readonly fingerprint: LakeFingerprint;
  readonly files: readonly string[];
  /** The status-pattern study's tuples, most common first (all rows). */
  readonly statusPatterns: readonly Record<string, unknown>[];
  readonly truthCheck: TruthCheck | null;
  readonly timings: Readonly<Record<string, number>>;
}

export function tablesDirFor(outFile: string): string {
  return `${outFile.replace(/\.json$/i, '')}.tables`;
}

function resultTables(r: CalibrationResult): Record<string, ObjectTable> {
  return {
    reliability: { columns: { bin: 'INTEGER', lower: 'DOUBLE', upper: 'DOUBLE', count: 'BIGINT', mean_predicted: 'DOUBLE', observed_rate: 'DOUBLE' },
      rows: r.reliability.map((b) => ({ ...b, mean_predicted: b.meanPredicted, observed_rate: b.observedRate })) },
    ev_buckets: { columns: { lower: 'DOUBLE', upper: 'DOUBLE', count: 'BIGINT', mean_probability: 'DOUBLE', hit_rate: 'DOUBLE', mean_return: 'DOUBLE', total_return: 'DOUBLE' },
      rows: r.evBuckets.map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, mean_probability: b.meanProbability, hit_rate: b.hitRate, mean_return: b.meanReturn, total_return: b.totalReturn })) },
    weight_intervals: { columns: { factor: 'VARCHAR', estimate: 'DOUBLE', lower: 'DOUBLE', upper: 'DOUBLE', sd: 'DOUBLE' }, rows: r.intervals.map((i) => ({ ...i })) },
    predictions: {
      columns: { symbol: 'VARCHAR', decision_ms: 'BIGINT', score: 'DOUBLE', probability: 'DOUBLE', platt: 'DOUBLE', isotonic: 'DOUBLE', threshold: 'DOUBLE', success: 'INTEGER', net_return: 'DOUBLE' },
      rows: r.predictions.map((p) => ({
        symbol: (p.sample as { symbol?: string }).symbol ?? null, decision_ms: p.sample.t, score: p.score, probability: p[r.method],
        platt: p.platt, isotonic: p.isotonic, threshold: p.threshold, success: p.sample.y, net_return: p.sample.ret,
      })),
    },
    walk_forward: {
      columns: { fold: 'INTEGER', train_from_ms: 'BIGINT', train_to_ms: 'BIGINT', test_from_ms: 'BIGINT', test_to_ms: 'BIGINT', train_count: 'BIGINT', test_count: 'BIGINT',
        w_history: 'DOUBLE', w_market: 'DOUBLE', w_timing: 'DOUBLE', w_external: 'DOUBLE', threshold: 'DOUBLE', brier: 'DOUBLE', log_loss: 'DOUBLE', auc: 'DOUBLE', ece: 'DOUBLE',
        trades: 'BIGINT', mean_return: 'DOUBLE', total_return: 'DOUBLE' },
      rows: r.folds.map((f) => {
        const m = r.method === 'platt' ? f.platt : f.isotonic;
        return { fold: f.fold, train_from_ms: f.trainFrom, train_to_ms: f.trainTo, test_from_ms: f.testFrom, test_to_ms: f.testTo, train_count: f.trainCount, test_count: m.n,
          w_history: f.weights.history, w_market: f.weights.market, w_timing: f.weights.timing, w_external: f.weights.external, threshold: f.threshold,
          brier: m.brier, log_loss: m.logLoss, auc: m.auc, ece: m.ece, trades: f.trades, mean_return: f.meanReturn, total_return: f.totalReturn };
      }),
    },
  };
}

export function buildArtifact(r: CalibrationResult, run: PipelineRun, fp: LakeFingerprint, lakeDir: string, range: { fromMs?: number; toMs?: number }, firstMs: number, lastMs: number, createdAt: Date): ModelArtifact {
  const oos = r.outOfSample ?? r.inSample;
  const stamp = createdAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const artifact = {
    version: `cal-${stamp}-${fp.sha256.slice(0, 8)}`,
    weights: r.weights,
    calibration: r.calibration,
    threshold: r.threshold,
    metrics: {
      brier: oos.brier, logLoss: oos.logLoss, auc: oos.auc, ece: oos.ece, baseRate: oos.baseRate, n: oos.n,
      judged: r.outOfSample ? 'walk-forward out of sample' : 'in sample',
      method: r.method, informative: r.informative,
      inSample: r.inSample, outOfSample: r.outOfSample,
      reliability: r.reliability, evByBucket: r.evBuckets, weightIntervals: r.intervals,
      walkForward: r.folds.map((f) => ({ fold: f.fold, testFrom: f.testFrom, testTo: f.testTo, trainCount: f.trainCount, weights: f.weights, threshold: f.threshold,
        metrics: r.method === 'platt' ? f.platt : f.isotonic, trades: f.trades, meanReturn: f.meanReturn, totalReturn: f.totalReturn })),
      trades: { inSample: r.tradesInSample, outOfSample: r.tradesOutOfSample },
    },
    data: {
      format: ARTIFACT_FORMAT,
      createdAt: createdAt.toISOString(),
      lake: resolve(lakeDir),
      fingerprint: fp.sha256, files: fp.files, bytes: fp.bytes,
      range: { fromMs: range.fromMs ?? null, toMs: range.toMs ?? null, firstDecisionMs: firstMs, lastDecisionMs: lastMs },
      listings: run.listings, labelled: run.labelled,
      featureParams: run.features, labelParams: run.labels,
    },
  };
  // Round-trip through JSON so NaN (e.g. AUC of one class) becomes null before validation.
  return modelArtifactSchema.parse(JSON.parse(JSON.stringify(artifact)));
}

export async function calibrateLake(options: CalibrateLakeOptions): Promise<CalibrateLakeResult> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const conn = await instance.connect();
  try {
    const fingerprint = await lakeFingerprint(options.lakeDir);
    if (fingerprint.files === 0) throw new CalibrationError('empty_lake', `no Parquet files under ${options.lakeDir} (tables: listings, status, trades, ...)`);
    const run = await runPipeline(conn, options);
    Object.assign(timings, run.stepMs);
    const samples = await loadSamples(conn);
    if (samples.length < 10) throw new CalibrationError('too_few_listings', `only ${samples.length} labelled listings in range; need at least 10`);
    let t = performance.now();
    const result = calibrateSamples(samples, options);
    timings.calibrate = performance.now() - t;
    const scaling = (await conn.runAndReadAll(`SELECT avg(history_raw) AS hm, stddev_pop(history_raw) AS hs, avg(market_raw) AS mm, stddev_pop(market_raw) AS ms,
      avg(timing_raw) AS tm, stddev_pop(timing_raw) AS ts, avg(external_raw) AS em, stddev_pop(external_raw) AS es FROM features`)).getRowObjectsJS()[0]!;
    const factorScaling = {
      history: { mean: Number(scaling.hm), sd: Number(scaling.hs) }, market: { mean: Number(scaling.mm), sd: Number(scaling.ms) },
      timing: { mean: Number(scaling.tm), sd: Number(scaling.ts) }, external: { mean: Number(scaling.em), sd: Number(scaling.es) },
    };
    const truthCheck = options.groundTruthFile ? checkAgainstTruth(samples, result, readGroundTruth(options.groundTruthFile)) : null;
    const built = buildArtifact(result, run, fingerprint, options.lakeDir, options, samples[0]!.t, samples.at(-1)!.t, (options.now ?? (() => new Date()))());
    const withScaling = { ...built, data: { ...built.data, factorScaling } };
    const artifact = truthCheck ? { ...withScaling, metrics: { ...withScaling.metrics, groundTruth: JSON.parse(JSON.stringify(truthCheck)) as unknown } } : withScaling;
    t = performance.now();
    await mkdir(dirname(resolve(options.outFile)), { recursive: true });
    await writeFile(options.outFile, `${JSON.stringify(artifact, null, 2)}\n`);
    const files = await exportTables(conn, options.tablesDir ?? tablesDirFor(options.outFile), resultTables(result));
    timings.write = performance.now() - t;
    timings.total = performance.now() - t0;
    const statusPatterns = (await conn.runAndReadAll('SELECT * FROM status_patterns')).getRowObjectsJson();
    return { artifact, result, run, fingerprint, files: [options.outFile, ...files], statusPatterns, truthCheck, timings };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
