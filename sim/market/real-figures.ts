/**
 * The real figures the listing model must reproduce (architecture §7: 480 new MEXC futures
 * listings, 2023-07 to 2026-07), as quantile tables, and the interpolation that turns a
 * standard-normal latent into a value with exactly that distribution.
 *
 * A table maps normal quantiles z = Φ⁻¹(p) to values; between knots the log of the value is
 * linear in z, beyond the end knots the end slopes continue (lognormal tails). A listing whose
 * latent is N(0, 1) therefore lands on the real distribution whatever the latent depends on,
 * which is how the hidden factors can drive outcomes without distorting the marginals.
 */

export interface QuantileTable {
  /** Ascending normal quantiles of the knots. */
  readonly z: readonly number[];
  /** Positive values at the knots, ascending. */
  readonly value: readonly number[];
}

const Z10 = -1.2815516;
const Z25 = -0.6744898;
const Z75 = 0.6744898;
const Z90 = 1.2815516;

export const REAL = {
  /**
   * First-24 h pump: max high over the first open, minus 1. The p97.5 knot (220 %) is not a
   * published figure: it sets the tail beyond p90, which the range's p90 of 199 % needs.
   */
  pump: { z: [Z10, Z25, 0, Z75, Z90, 1.959964], value: [0.01, 0.04, 0.16, 0.47, 0.93, 2.2] },
  /** First-24 h range (high / low − 1, see path-stats.ts): median 54 %, p90 199 %. */
  range: { median: 0.54, p90: 1.99 },
  /** SD of hourly returns over the first 24 h: median 5 %, p90 12 %. */
  hourlySd: { median: 0.05, p90: 0.12 },
  /** First-24 h quote volume, USDT. */
  volume24h: { z: [Z10, 0, Z90], value: [190_000, 6_100_000, 106_000_000] },
  /** Return from the end of day 1 to day 7: median −6.7 %. */
  return7dMedian: -0.067,
  /** Scheduled open minus creation (announcement) time, ms. */
  openMinusCreationMs: { z: [Z10, 0, Z90], value: [13 * 60_000, 54 * 60_000, 31 * 3_600_000] },
} as const;

/** The value of a table at a normal latent z (log-linear between knots, end slopes beyond). */
export function quantileAt(table: QuantileTable, z: number): number {
  const zs = table.z;
  const n = zs.length;
  if (n < 2 || table.value.length !== n) throw new RangeError('a quantile table needs at least two knots');
  let i = 0;
  if (z >= zs[n - 1]!) i = n - 2;
  else while (i < n - 2 && z > zs[i + 1]!) i++;
  const z0 = zs[i]!;
  const z1 = zs[i + 1]!;
  const l0 = Math.log(table.value[i]!);
  const l1 = Math.log(table.value[i + 1]!);
  return Math.exp(l0 + ((l1 - l0) * (z - z0)) / (z1 - z0));
}

/** Empirical quantile (linear interpolation) of a sample; used by tests and calibration checks. */
export function sampleQuantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
