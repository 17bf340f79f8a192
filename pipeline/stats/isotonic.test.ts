import { describe, expect, test } from 'bun:test';
import { evaluateStep, isotonicFit } from './isotonic.ts';
import { chooseThreshold, evByBucket, outcomeAt } from './expected-value.ts';

describe('isotonic regression', () => {
  test('pools adjacent violators into a non-decreasing step function', () => {
    const f = isotonicFit([1, 2, 3, 4, 5], [0, 1, 0, 1, 1]);
    expect(f.xs).toEqual([1, 2, 4]);
    expect(f.values).toEqual([0, 0.5, 1]);
    expect(f.counts).toEqual([1, 2, 2]);
    expect(evaluateStep(f, 0)).toBe(0);
    expect(evaluateStep(f, 3.5)).toBe(0.5);
    expect(evaluateStep(f, 99)).toBe(1);
  });

  test('equal x values share one step', () => {
    const f = isotonicFit([2, 1, 2], [1, 0, 0]);
    expect(f.xs).toEqual([1, 2]);
    expect(f.values).toEqual([0, 0.5]);
  });
});

describe('expected value', () => {
  test('threshold is where the fitted expected return turns positive', () => {
    const score = [10, 20, 30, 40, 50, 60, 70, 80];
    const ret = [-0.05, -0.05, -0.05, -0.02, 0.01, 0.05, 0.05, 0.1];
    const choice = chooseThreshold(score, ret);
    expect(choice.threshold).toBe(50);
    const o = outcomeAt(choice.threshold, score, ret);
    expect(o.trades).toBe(4);
    expect(o.totalReturn).toBeCloseTo(0.21, 12);
    expect(chooseThreshold(score, ret.map(() => -0.01)).threshold).toBe(100);
  });

  test('EV buckets by score band', () => {
    const b = evByBucket([5, 8, 55, 99], [0.1, 0.2, 0.6, 0.9], [0, 1, 1, 1], [-0.1, 0.1, 0.2, 0.3]);
    expect(b.map((x) => [x.lower, x.count])).toEqual([[0, 2], [50, 1], [90, 1]]);
    expect(b[0]!.meanReturn).toBeCloseTo(0, 12);
    expect(b[0]!.meanProbability).toBeCloseTo(0.15, 12);
  });
});
