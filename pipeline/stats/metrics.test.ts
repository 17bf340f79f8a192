import { describe, expect, test } from 'bun:test';
import { auc, brierScore, expectedCalibrationError, logLoss, reliabilityTable } from './metrics.ts';

describe('scoring rules', () => {
  test('Brier and log loss on hand-computed cases', () => {
    expect(brierScore([0.8, 0.3], [1, 0])).toBeCloseTo((0.04 + 0.09) / 2, 12);
    expect(logLoss([0.8, 0.3], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(logLoss([0, 1], [1, 0])).toBeGreaterThan(20); // clamped, finite
  });

  test('AUC: perfect, reversed, ties count one half', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    // one positive (0.4) beaten by one negative (0.6): 3 of 4 pairs ordered
    expect(auc([0.2, 0.6, 0.4, 0.9], [0, 0, 1, 1])).toBe(0.75);
    expect(Number.isNaN(auc([0.1, 0.2], [1, 1]))).toBe(true);
  });

  test('reliability table and ECE', () => {
    const p = [0.05, 0.05, 0.95, 0.95, 0.55, 0.55];
    const y = [0, 0, 1, 1, 1, 0];
    const table = reliabilityTable(p, y);
    expect(table.map((b) => b.bin)).toEqual([0, 5, 9]);
    expect(table.find((b) => b.bin === 5)!.observedRate).toBe(0.5);
    // |0.05-0| , |0.55-0.5|, |0.95-1| each weight 1/3
    expect(expectedCalibrationError(table)).toBeCloseTo(0.05, 12);
  });
});
