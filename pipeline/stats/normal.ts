/** Φ(z), the standard normal CDF, exactly as pipeline/sql/00_macros.sql computes it (A-S 7.1.26). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = 0.254829592 * t - 0.284496736 * t ** 2 + 1.421413741 * t ** 3 - 1.453152027 * t ** 4 + 1.061405429 * t ** 5;
  return 0.5 * (1 + Math.sign(z) * (1 - poly * Math.exp(-x * x)));
}

/** The standard normal score of a value on a log-linear quantile table (knots at z, values v). */
export function normalScoreLogLinear(value: number, knots: readonly (readonly [z: number, v: number])[]): number {
  const lv = Math.log(value);
  const n = knots.length;
  let i = 0;
  while (i < n - 2 && lv > Math.log(knots[i + 1]![1])) i++;
  const [z0, v0] = knots[i]!;
  const [z1, v1] = knots[i + 1]!;
  return z0 + ((lv - Math.log(v0)) * (z1 - z0)) / (Math.log(v1) - Math.log(v0));
}
