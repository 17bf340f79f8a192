/**
 * Calibration from labelled samples (pure; no I/O): the final fit on everything, the walk-forward
 * validation that judges it, the calibration method chosen out of sample, bootstrap intervals for
 * the weights, the reliability table and EV by confidence bucket.
 */
import type { Calibration, Factors } from '../../core/confidence.ts';
import { evByBucket, outcomeAt, type EvBucket, type TradeOutcome } from './expected-value.ts';
import { binaryMetrics, reliabilityTable, type BinaryMetrics, type ReliabilityBin } from './metrics.ts';
import { calibrationOf, chooseCalibration, fitScoreModel, predict, scoreOf } from './score-model.ts';
import { walkForward, type FoldResult, type OutOfSample } from './walk-forward.ts';
import { bootstrapWeights, weightSamples, type Sample, type WeightInterval } from './weight-fit.ts';

export interface CalibrateOptions {
  readonly folds?: number;
  readonly bootstrap?: number;
  readonly seed?: number;
  /** Minimum expected net return per trade for the threshold (default 0). */
  readonly minEdge?: number;
  /** Share of the (time-ordered) training listings, most recent first, the calibration maps are fitted on (default 0.5). */
  readonly calibrationRecentShare?: number;
}

export interface CalibrationResult {
  readonly weights: Factors;
  readonly calibration: Calibration;
  readonly method: 'platt' | 'isotonic';
  readonly threshold: number;
  readonly informative: boolean;
  readonly inSample: BinaryMetrics;
  /** Out of sample (walk-forward predictions with the chosen method); null when too few rows. */
  readonly outOfSample: BinaryMetrics | null;
  readonly reliability: readonly ReliabilityBin[];
  readonly evBuckets: readonly EvBucket[];
  readonly intervals: readonly WeightInterval[];
  readonly folds: readonly FoldResult[];
  /** Every walk-forward prediction (listings the fold had not seen). */
  readonly predictions: readonly OutOfSample[];
  readonly tradesInSample: TradeOutcome;
  /** What the walk-forward thresholds earned on the listings they had not seen. */
  readonly tradesOutOfSample: TradeOutcome | null;
}

export function calibrateSamples(samples: readonly Sample[], options: CalibrateOptions = {}): CalibrationResult {
  if (samples.length < 10) throw new RangeError(`need at least 10 labelled listings to calibrate, got ${samples.length}`);
  const minEdge = options.minEdge ?? 0;
  const recent = options.calibrationRecentShare ?? 0.5;
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const model = fitScoreModel(sorted, minEdge, recent);
  const wf = walkForward(sorted, options.folds ?? 5, minEdge, recent);
  const oosY = wf.predictions.map((p) => p.sample.y);
  const method = wf.predictions.length > 0
    ? chooseCalibration(oosY, wf.predictions.map((p) => p.platt), wf.predictions.map((p) => p.isotonic))
    : 'platt';
  const score = samples.map((s) => scoreOf(model.fit.weights, s.x));
  const y = samples.map((s) => s.y);
  const ret = samples.map((s) => s.ret);
  const prob = score.map((s) => predict(model, method, s));

  // Reliability and EV buckets are judged out of sample when there is a walk-forward.
  const judged = wf.predictions.length > 0
    ? { p: wf.predictions.map((q) => q[method]), s: wf.predictions.map((q) => q.score), y: oosY, r: wf.predictions.map((q) => q.sample.ret) }
    : { p: prob, s: score, y, r: ret };

  let oosTrades: TradeOutcome | null = null;
  if (wf.predictions.length > 0) {
    const taken = wf.predictions.filter((q) => q.score >= q.threshold);
    const total = taken.reduce((s, q) => s + q.sample.ret, 0);
    oosTrades = {
      threshold: NaN, trades: taken.length, totalReturn: total,
      meanReturn: taken.length ? total / taken.length : NaN,
      hitRate: taken.length ? taken.filter((q) => q.sample.ret > 0).length / taken.length : NaN,
    };
  }
  return {
    weights: model.fit.weights,
    calibration: calibrationOf(model, method),
    method,
    threshold: model.threshold,
    informative: model.fit.informative,
    inSample: binaryMetrics(prob, y, score),
    outOfSample: wf.predictions.length > 0 ? binaryMetrics(judged.p, judged.y, judged.s) : null,
    reliability: reliabilityTable(judged.p, judged.y),
    evBuckets: evByBucket(judged.s, judged.p, judged.y, judged.r),
    intervals: bootstrapWeights(weightSamples(samples), model.fit, options.bootstrap ?? 200, 0.95, options.seed ?? 1),
    folds: wf.folds,
    predictions: wf.predictions,
    tradesInSample: outcomeAt(model.threshold, score, ret),
    tradesOutOfSample: oosTrades,
  };
}
