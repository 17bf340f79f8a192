/**
 * One fitted model on a training set: weights, the score, both calibrations and the threshold.
 * Walk-forward and the final fit share it, so what is validated is exactly what is shipped.
 */
import { FACTORS, type Calibration, type Factors } from '../../core/confidence.ts';
import { chooseThreshold } from './expected-value.ts';
import { evaluateStep, isotonicFit } from './isotonic.ts';
import { brierScore } from './metrics.ts';
import { fitPlatt, plattProbability, type Platt } from './platt.ts';
import { fitWeights, weightSamples, type Sample, type WeightFit } from './weight-fit.ts';

export interface FittedModel {
  readonly fit: WeightFit;
  readonly platt: Platt;
  readonly isotonic: Extract<Calibration, { method: 'isotonic' }>;
  readonly threshold: number;
}

export function scoreOf(weights: Factors, x: readonly number[]): number {
  let s = 0;
  FACTORS.forEach((f, j) => { s += weights[f] * x[j]!; });
  return Math.min(100, Math.max(0, 100 * s));
}

/** Probabilities are kept off 0 and 1 so one surprise cannot cost an infinite log loss. */
const clampP = (p: number): number => Math.min(0.999, Math.max(0.001, p));

/**
 * Weights and threshold from the whole (time-ordered) training set; the score → probability maps
 * from its most recent `recentShare`, because the factors' informativeness drifts as history
 * accumulates and the map should describe the listings that come next.
 */
export function fitScoreModel(train: readonly Sample[], minEdge = 0, recentShare = 0.5): FittedModel {
  const fit = fitWeights(weightSamples(train));
  const score = train.map((s) => scoreOf(fit.weights, s.x));
  const y = train.map((s) => s.y);
  let from = Math.floor(train.length * (1 - recentShare));
  if (train.length - from < 50 || new Set(y.slice(from)).size < 2) from = 0;
  const platt = fitPlatt(score.slice(from), y.slice(from));
  const iso = isotonicFit(score.slice(from), y.slice(from));
  const isotonic = { method: 'isotonic' as const, scores: [...iso.xs], probabilities: iso.values.map(clampP) };
  const threshold = chooseThreshold(score, train.map((s) => s.ret), minEdge).threshold;
  return { fit, platt, isotonic, threshold };
}

export function predict(model: FittedModel, method: 'platt' | 'isotonic', score: number): number {
  if (method === 'platt') return clampP(plattProbability(model.platt, score));
  return evaluateStep({ xs: model.isotonic.scores, values: model.isotonic.probabilities, counts: [] }, score);
}

/** The artifact's calibration for a method. */
export function calibrationOf(model: FittedModel, method: 'platt' | 'isotonic'): Calibration {
  return method === 'platt' ? { method: 'platt', a: model.platt.a, b: model.platt.b } : model.isotonic;
}

/** Pick the calibration with the lower out-of-sample Brier score (Platt on ties: smoother). */
export function chooseCalibration(y: readonly number[], platt: readonly number[], iso: readonly number[]): 'platt' | 'isotonic' {
  return brierScore(iso, y) < brierScore(platt, y) - 1e-4 ? 'isotonic' : 'platt';
}
