/**
 * Walk-forward validation in time: listings sorted by decision time are cut into folds + 1
 * blocks; fold i trains on every block before block i and predicts block i. No fold ever sees
 * a listing decided after the ones it predicts.
 */
import type { Factors } from '../../core/confidence.ts';
import { outcomeAt } from './expected-value.ts';
import { binaryMetrics, type BinaryMetrics } from './metrics.ts';
import { fitScoreModel, predict, scoreOf } from './score-model.ts';
import type { Sample } from './weight-fit.ts';

export interface FoldResult {
  readonly fold: number;
  readonly trainFrom: number;
  readonly trainTo: number;
  readonly testFrom: number;
  readonly testTo: number;
  readonly trainCount: number;
  readonly weights: Factors;
  readonly threshold: number;
  readonly platt: BinaryMetrics;
  readonly isotonic: BinaryMetrics;
  readonly trades: number;
  readonly meanReturn: number;
  readonly totalReturn: number;
}

export interface OutOfSample {
  readonly sample: Sample;
  readonly score: number;
  readonly platt: number;
  readonly isotonic: number;
  readonly threshold: number;
}

export interface WalkForward {
  readonly folds: readonly FoldResult[];
  readonly predictions: readonly OutOfSample[];
}

export function walkForward(samples: readonly Sample[], folds = 5, minEdge = 0, recentShare = 0.5): WalkForward {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const blocks = folds + 1;
  const cut = (i: number) => Math.round((i * sorted.length) / blocks);
  const results: FoldResult[] = [];
  const predictions: OutOfSample[] = [];
  for (let k = 1; k < blocks; k++) {
    const train = sorted.slice(0, cut(k));
    const test = sorted.slice(cut(k), cut(k + 1));
    if (train.length < 20 || test.length === 0 || new Set(train.map((s) => s.y)).size < 2) continue;
    const model = fitScoreModel(train, minEdge, recentShare);
    const preds = test.map((s) => {
      const score = scoreOf(model.fit.weights, s.x);
      return { sample: s, score, platt: predict(model, 'platt', score), isotonic: predict(model, 'isotonic', score), threshold: model.threshold };
    });
    predictions.push(...preds);
    const y = test.map((s) => s.y);
    const score = preds.map((p) => p.score);
    const out = outcomeAt(model.threshold, score, test.map((s) => s.ret));
    results.push({
      fold: k,
      trainFrom: train[0]!.t, trainTo: train.at(-1)!.t, testFrom: test[0]!.t, testTo: test.at(-1)!.t,
      trainCount: train.length,
      weights: model.fit.weights,
      threshold: model.threshold,
      platt: binaryMetrics(preds.map((p) => p.platt), y, score),
      isotonic: binaryMetrics(preds.map((p) => p.isotonic), y, score),
      trades: out.trades, meanReturn: out.meanReturn, totalReturn: out.totalReturn,
    });
  }
  return { folds: results, predictions };
}
