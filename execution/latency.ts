/**
 * Order latency: the time from sending an order to the venue acting on it (and, by the same
 * model, from the venue's answer to our receiving it). Lognormal around a median with a floor,
 * drawn from a seeded source. `fitLatency` fits it to recorded one-way latencies, e.g. the
 * (ts_recv − ts_event) of the lake's market data, which every recording has.
 */
import { z } from 'zod';
import type { RandomSource } from '../core/rng.ts';

export const latencySchema = z.object({
  /** Median one-way latency, ms. */
  medianMs: z.coerce.number().min(0).default(25),
  /** Lognormal shape (σ of ln latency); 0 = fixed latency. */
  sigma: z.coerce.number().min(0).max(3).default(0.35),
  /** Floor, ms. */
  minMs: z.coerce.number().min(0).default(2),
});
export type LatencyParams = z.output<typeof latencySchema>;
export const DEFAULT_LATENCY: LatencyParams = latencySchema.parse({});

export class LatencyModel {
  constructor(readonly params: LatencyParams, private readonly rng: RandomSource) {}

  /** One draw, integer µs. */
  sampleUs(): number {
    const { medianMs, sigma, minMs } = this.params;
    const ms = sigma === 0 ? medianMs : medianMs * Math.exp(sigma * this.rng.normal());
    return Math.round(Math.max(minMs, ms) * 1000);
  }
}

/**
 * Fit from one-way latency samples (ms). Uses the median and the 84th percentile
 * (one σ above in log space); non-positive samples (clock skew) are dropped.
 * Returns undefined with fewer than 20 usable samples.
 */
export function fitLatency(samplesMs: readonly number[]): LatencyParams | undefined {
  const xs = samplesMs.filter((x) => x > 0 && Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length < 20) return undefined;
  const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  return latencyFromQuantiles(q(0.01), q(0.5), q(0.8413));
}

/** The same fit from three quantiles (p1, median, p84.13) computed elsewhere (e.g. in DuckDB). */
export function latencyFromQuantiles(p01: number, median: number, p84: number): LatencyParams | undefined {
  if (!(median > 0) || !(p84 >= median)) return undefined;
  const sigma = Math.min(3, Math.max(0, Math.log(p84 / median)));
  return { medianMs: median, sigma, minMs: Math.max(0, Math.min(p01, median)) };
}
