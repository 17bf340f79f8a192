/**
 * The schedule of a generated lake: scheduled opens with exponential gaps, and each listing's
 * external latent tied to how crowded the schedule is around it — ln(gap to the previous open +
 * 1 min) + ln(gap to the next open + 1 min), the isolation pipeline/sql/03_features.sql reads as
 * the external factor. The latent is ρ · (normal score of that isolation) + √(1 − ρ²) · noise, so
 * it stays N(0, 1) and a more isolated listing has a higher external factor.
 */
import { normalQuantile, rngFor } from '../market/rng.ts';

/** How closely the external latent follows the isolation (comparable to the other traces). */
export const EXTERNAL_RHO = 0.78;

export interface Schedule {
  readonly opens: Float64Array;
  readonly external: Float64Array;
}

export function buildSchedule(seed: number, n: number, startMs: number, meanSpacingMs: number): Schedule {
  const gaps = rngFor(seed, 'schedule');
  const opens = new Float64Array(n);
  let t = startMs;
  for (let i = 0; i < n; i++) {
    t += Math.max(300_000, Math.round(gaps.exponential(meanSpacingMs) / 1000) * 1000);
    opens[i] = t;
  }
  const isolation = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // the first and the last listing see the mean spacing on their open side
    const before = i > 0 ? opens[i]! - opens[i - 1]! : meanSpacingMs;
    const after = i + 1 < n ? opens[i + 1]! - opens[i]! : meanSpacingMs;
    isolation[i] = Math.log(before + 60_000) + Math.log(after + 60_000);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => isolation[a]! - isolation[b]! || a - b);
  const external = new Float64Array(n);
  order.forEach((i, rank) => {
    const noise = rngFor(seed, 'external', i).normal();
    external[i] = EXTERNAL_RHO * normalQuantile((rank + 0.5) / n) + Math.sqrt(1 - EXTERNAL_RHO * EXTERNAL_RHO) * noise;
  });
  return { opens, external };
}
