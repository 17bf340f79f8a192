/** Platt scaling: p = σ(a·score + b), fitted by logistic regression of the outcome on the score. */
import { fitLogistic, sigmoid } from './logistic-fit.ts';

export interface Platt { readonly a: number; readonly b: number }

export function fitPlatt(score: readonly number[], y: readonly number[]): Platt {
  // Fit on score/100 for conditioning, then rescale the slope to the 0..100 scale.
  const fit = fitLogistic(score.map((s) => [s / 100]), y, { ridge: 0 });
  return { a: fit.slopes[0]! / 100, b: fit.intercept };
}

export function plattProbability(p: Platt, score: number): number {
  return sigmoid(p.a * score + p.b);
}
