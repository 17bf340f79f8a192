/**
 * The four confidence weights: a logistic fit of success on the factors with non-negative slopes,
 * normalised to sum to 1. Because score = 100·Σ wj·xj, the fit is also a Platt map on the score:
 * p = σ(a·score + b) with a = Σβ / 100 and b = the intercept.
 */
import { FACTORS, type Factors } from '../../core/confidence.ts';
import { fitLogistic } from './logistic-fit.ts';
import { randomIndex, seededRng } from './rng.ts';

export interface Sample {
  /** history, market, timing, external, each in [0, 1]. */
  readonly x: readonly [number, number, number, number];
  /** 1 when the snipe made money net of fees. */
  readonly y: 0 | 1;
  /** Net return of the snipe (fraction of the stake). */
  readonly ret: number;
  /** Decision time, ms (orders walk-forward folds). */
  readonly t: number;
  /**
   * False when the snipe never got in (not API-tradable, open missed): such a listing says
   * nothing about the factors, so the weights are fitted without it (it still counts for the
   * probability and the threshold). Default true.
   */
  readonly entered?: boolean;
}

/** The samples the weights are fitted on: those that entered, when there are enough of them. */
export function weightSamples<T extends Sample>(samples: readonly T[]): readonly T[] {
  const entered = samples.filter((s) => s.entered !== false);
  return entered.length >= 20 && new Set(entered.map((s) => s.y)).size === 2 ? entered : samples;
}

export interface WeightFit {
  readonly weights: Factors;
  /** Platt map of the fitted score: p = σ(a·score + b). */
  readonly platt: { readonly a: number; readonly b: number };
  readonly logLoss: number;
  /** False when every slope came out zero (the factors carry no signal); weights are then equal. */
  readonly informative: boolean;
}

function toFactors(v: readonly number[]): Factors {
  return { history: v[0]!, market: v[1]!, timing: v[2]!, external: v[3]! };
}

export function fitWeights(samples: readonly Sample[], rowWeights?: readonly number[], start?: { intercept: number; slopes: readonly number[] }): WeightFit {
  const fit = fitLogistic(samples.map((s) => s.x), samples.map((s) => s.y), { nonNegative: true, ...(rowWeights ? { rowWeights } : {}), ...(start ? { start } : {}) });
  const total = fit.slopes.reduce((s, v) => s + v, 0);
  if (!(total > 1e-9)) {
    return { weights: toFactors([0.25, 0.25, 0.25, 0.25]), platt: { a: 0, b: fit.intercept }, logLoss: fit.logLoss, informative: false };
  }
  const w = fit.slopes.map((v) => v / total);
  // Renormalise after rounding error so the artifact's sum-to-1 check holds.
  const sum = w.reduce((s, v) => s + v, 0);
  return { weights: toFactors(w.map((v) => v / sum)), platt: { a: total / 100, b: fit.intercept }, logLoss: fit.logLoss, informative: true };
}

export interface WeightInterval {
  readonly factor: (typeof FACTORS)[number];
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly sd: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Percentile bootstrap intervals for each weight (resampling listings with replacement). */
export function bootstrapWeights(samples: readonly Sample[], estimate: WeightFit, replicates = 200, level = 0.95, seed = 1): WeightInterval[] {
  const rng = seededRng(seed);
  const draws: number[][] = FACTORS.map(() => []);
  const start = { intercept: estimate.platt.b, slopes: FACTORS.map((f) => estimate.weights[f] * estimate.platt.a * 100) };
  for (let r = 0; r < replicates; r++) {
    const counts = new Array<number>(samples.length).fill(0);
    for (let i = 0; i < samples.length; i++) counts[randomIndex(rng, samples.length)]!++;
    const fit = fitWeights(samples, counts, start);
    FACTORS.forEach((f, j) => draws[j]!.push(fit.weights[f]));
  }
  const alpha = (1 - level) / 2;
  return FACTORS.map((factor, j) => {
    const d = draws[j]!.sort((a, b) => a - b);
    const mean = d.reduce((s, v) => s + v, 0) / Math.max(1, d.length);
    const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, d.length - 1));
    return { factor, estimate: estimate.weights[factor], lower: quantile(d, alpha), upper: quantile(d, 1 - alpha), sd };
  });
}
