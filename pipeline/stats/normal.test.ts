import { describe, expect, test } from 'bun:test';
import { normalCdf, normalScoreLogLinear } from './normal.ts';

describe('normal', () => {
  test('Φ at known points', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.2815516)).toBeCloseTo(0.1, 6);
  });
  test('log-linear normal score hits the knots and extrapolates the end slopes', () => {
    const knots = [[-1.28, 13], [0, 54], [1.28, 1860]] as const;
    expect(normalScoreLogLinear(54, knots)).toBeCloseTo(0, 12);
    expect(normalScoreLogLinear(13, knots)).toBeCloseTo(-1.28, 12);
    expect(normalScoreLogLinear(1860, knots)).toBeCloseTo(1.28, 12);
    expect(normalScoreLogLinear(5, knots)).toBeLessThan(-1.28);
  });
});
