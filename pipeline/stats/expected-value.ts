/**
 * Expected value after fees: the execution threshold and EV by confidence bucket. Labels already
 * hold the net return of each snipe (fees included), so EV here is plain arithmetic on them.
 */
import { evaluateStep, isotonicFit, type StepFunction } from './isotonic.ts';

export interface ThresholdChoice {
  /** Lowest score from which the fitted expected net return is positive (100 = never trade). */
  readonly threshold: number;
  /** Fitted expected net return at and above the threshold (isotonic in the score). */
  readonly expectedReturnCurve: StepFunction;
}

/**
 * The threshold that maximises expected profit: trade every listing whose expected net return,
 * as a non-decreasing function of the score, is above `minEdge`.
 */
export function chooseThreshold(score: readonly number[], ret: readonly number[], minEdge = 0): ThresholdChoice {
  const curve = isotonicFit(score, ret);
  let threshold = 100;
  for (let i = 0; i < curve.xs.length; i++) {
    if (curve.values[i]! > minEdge) { threshold = curve.xs[i]!; break; }
  }
  return { threshold: Math.min(100, Math.max(0, threshold)), expectedReturnCurve: curve };
}

export interface TradeOutcome {
  readonly threshold: number;
  readonly trades: number;
  readonly hitRate: number;
  readonly meanReturn: number;
  readonly totalReturn: number;
}

/** What trading every listing with score ≥ threshold earned (returns per unit stake). */
export function outcomeAt(threshold: number, score: readonly number[], ret: readonly number[]): TradeOutcome {
  let trades = 0;
  let total = 0;
  let wins = 0;
  for (let i = 0; i < score.length; i++) {
    if (score[i]! >= threshold) { trades++; total += ret[i]!; if (ret[i]! > 0) wins++; }
  }
  return { threshold, trades, hitRate: trades ? wins / trades : NaN, meanReturn: trades ? total / trades : NaN, totalReturn: total };
}

export interface EvBucket {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanProbability: number;
  readonly hitRate: number;
  readonly meanReturn: number;
  readonly totalReturn: number;
}

/** Listings grouped by score band (width 10 on the 0..100 scale); empty bands omitted. */
export function evByBucket(score: readonly number[], probability: readonly number[], y: readonly number[], ret: readonly number[], width = 10): EvBucket[] {
  const bands = Math.ceil(100 / width);
  const acc = Array.from({ length: bands }, () => ({ n: 0, p: 0, y: 0, r: 0 }));
  for (let i = 0; i < score.length; i++) {
    const b = Math.min(bands - 1, Math.max(0, Math.floor(score[i]! / width)));
    const a = acc[b]!;
    a.n++; a.p += probability[i]!; a.y += y[i]!; a.r += ret[i]!;
  }
  return acc.flatMap((a, b) => (a.n === 0 ? [] : [{
    lower: b * width, upper: Math.min(100, (b + 1) * width), count: a.n,
    meanProbability: a.p / a.n, hitRate: a.y / a.n, meanReturn: a.r / a.n, totalReturn: a.r,
  }]));
}

export { evaluateStep };
