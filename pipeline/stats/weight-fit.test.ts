import { describe, expect, test } from 'bun:test';
import { FACTORS, modelArtifactSchema } from '../../core/confidence.ts';
import { fitLogistic } from './logistic-fit.ts';
import { calibrateSamples } from './calibrate-samples.ts';
import { syntheticSamples } from './synthetic.ts';
import { bootstrapWeights, fitWeights, weightSamples } from './weight-fit.ts';

const TRUE = { history: 0.45, market: 0.3, timing: 0.15, external: 0.1 };

describe('weight fit', () => {
  test('unconstrained logistic recovers known coefficients', () => {
    const s = syntheticSamples({ n: 20000, weights: TRUE, steepness: 10, center: 0.5, seed: 3 });
    const fit = fitLogistic(s.map((r) => r.x), s.map((r) => r.y));
    expect(fit.converged).toBe(true);
    const expected = [4.5, 3, 1.5, 1];
    fit.slopes.forEach((b, j) => expect(Math.abs(b - expected[j]!)).toBeLessThan(0.35));
    expect(Math.abs(fit.intercept + 5)).toBeLessThan(0.35);
  });

  test('recovers known weights within 0.05 on 3,000 listings', () => {
    const s = syntheticSamples({ n: 3000, weights: TRUE, steepness: 12, seed: 11 });
    const fit = fitWeights(s);
    expect(fit.informative).toBe(true);
    for (const f of FACTORS) expect(Math.abs(fit.weights[f] - TRUE[f])).toBeLessThan(0.05);
    expect(FACTORS.reduce((a, f) => a + fit.weights[f], 0)).toBeCloseTo(1, 12);
  });

  test('a factor with no effect gets weight zero, never negative', () => {
    const w = { history: 0.6, market: 0.4, timing: 0, external: 0 };
    const s = syntheticSamples({ n: 4000, weights: w, steepness: 12, seed: 5 });
    // make "external" anti-correlated noise: an unconstrained fit would give it a negative slope
    const skewed = s.map((r) => ({ ...r, x: [r.x[0], r.x[1], r.x[2], r.y === 1 ? r.x[3] * 0.9 : Math.min(1, r.x[3] * 0.9 + 0.1)] as const }));
    const fit = fitWeights(skewed);
    expect(fit.weights.external).toBe(0);
    expect(fit.weights.timing).toBeLessThan(0.05);
    expect(Math.abs(fit.weights.history - 0.6)).toBeLessThan(0.07);
  });

  test('uninformative factors give equal weights and say so', () => {
    const s = syntheticSamples({ n: 500, weights: TRUE, steepness: 0, seed: 2 });
    const fit = fitWeights(s.map((r, i) => ({ ...r, x: [0.5, 0.5, 0.5, 0.5] as const, y: (i % 2) as 0 | 1 })));
    expect(fit.informative).toBe(false);
    expect(fit.weights.history).toBe(0.25);
  });

  test('bootstrap intervals cover the truth and shrink with more data', () => {
    const small = syntheticSamples({ n: 600, weights: TRUE, seed: 21 });
    const big = syntheticSamples({ n: 4000, weights: TRUE, seed: 22 });
    const iS = bootstrapWeights(small, fitWeights(small), 60, 0.95, 4);
    const iB = bootstrapWeights(big, fitWeights(big), 60, 0.95, 4);
    for (const iv of iB) {
      expect(iv.lower).toBeLessThanOrEqual(TRUE[iv.factor] + 0.02);
      expect(iv.upper).toBeGreaterThanOrEqual(TRUE[iv.factor] - 0.02);
    }
    const width = (xs: typeof iS) => xs.reduce((a, iv) => a + iv.upper - iv.lower, 0);
    expect(width(iB)).toBeLessThan(width(iS));
  });
});

describe('calibrateSamples', () => {
  test('calibrated out of sample, threshold near the true break-even, artifact-valid', () => {
    // win 0.12, loss 0.06: break-even at p = 1/3
    const spec = { n: 3000, weights: TRUE, steepness: 12, center: 0.5, win: 0.12, loss: 0.06, seed: 9 };
    const s = syntheticSamples(spec);
    const r = calibrateSamples(s, { bootstrap: 40 });
    expect(r.outOfSample!.ece).toBeLessThanOrEqual(0.05);
    expect(r.outOfSample!.auc).toBeGreaterThan(0.75);
    expect(r.folds.length).toBe(5);
    // true break-even score: 12·(s − 0.5) = logit(1/3) → s = 0.5 − ln2/12
    const trueThreshold = 100 * (0.5 - Math.log(2) / 12);
    expect(Math.abs(r.threshold - trueThreshold)).toBeLessThan(6);
    const artifact = { version: 't', weights: r.weights, calibration: r.calibration, threshold: r.threshold, metrics: {}, data: {} };
    expect(modelArtifactSchema.safeParse(artifact).success).toBe(true);
  });

  test('walk-forward never trains on the future', () => {
    const s = syntheticSamples({ n: 600, weights: TRUE, seed: 1 });
    const r = calibrateSamples(s, { bootstrap: 5 });
    for (const f of r.folds) expect(f.trainTo).toBeLessThan(f.testFrom);
  });
});

describe('weight samples', () => {
  test('listings that never entered are left out of the weight fit', () => {
    const s = syntheticSamples({ n: 3000, weights: TRUE, steepness: 12, seed: 11 });
    // a third never got in: success 0 whatever the factors say
    const diluted = s.map((r, i) => (i % 3 === 0 ? { ...r, y: 0 as const, ret: 0, entered: false } : { ...r, entered: true }));
    const kept = fitWeights(weightSamples(diluted));
    expect(kept).toEqual(fitWeights(diluted.filter((r) => r.entered)));
    expect(weightSamples(diluted.slice(0, 10))).toHaveLength(10); // too few entered: all kept
  });
});
