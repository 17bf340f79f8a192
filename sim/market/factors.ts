/**
 * The four hidden factors behind every listing (architecture §6: history, market, timing,
 * external). Each factor is a standard-normal latent g; the value reported in the ground truth
 * is Φ(g) in [0, 1]. The pump latent is
 *   z = s·S + √(1 − s²)·ε,   S = Σ w_f g_f / ‖w‖,
 * so S and z are N(0, 1) (the real pump distribution is kept) and the weights w are what a
 * calibration can recover. Each factor also leaves a trace a recorder can observe (and that
 * pipeline/sql/03_features.sql reads):
 *   history  → the zone and the status walk (deviating walks are likelier for high history: listing-plan.ts correlates the deviation draw with −history)
 *   market   → the market's trend over the day before the open (the regime drives the
 *              established pairs' drift, so it shows as their 24 h return)
 *   timing   → advance notice (scheduled open minus creation)
 *   external → isolation: in a generated lake it is tied to the gaps to the neighbouring opens
 *              (generate/schedule.ts); also calendar attributes (contract address, introduction)
 */
import { normalCdf, rngFor, type Rng } from './rng.ts';

export const FACTOR_NAMES = ['history', 'market', 'timing', 'external'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];
export type FactorWeights = Readonly<Record<FactorName, number>>;

export interface ListingFactors {
  /** Latents, N(0, 1). */
  readonly latent: Readonly<Record<FactorName, number>>;
  /** Φ(latent), in [0, 1]: what ground_truth.json reports. */
  readonly value: Readonly<Record<FactorName, number>>;
  /** The combined signal S ~ N(0, 1). */
  readonly signal: number;
}

/** Weights normalised to sum to 1. */
export function normaliseWeights(w: FactorWeights): FactorWeights {
  const sum = w.history + w.market + w.timing + w.external;
  if (!(sum > 0)) throw new RangeError('factor weights must not all be zero');
  return { history: w.history / sum, market: w.market / sum, timing: w.timing / sum, external: w.external / sum };
}

const REGIME_PERIODS_DAYS = [3.1, 10.7, 29.3];

/**
 * The market regime at a time: a seeded sum of slow sinusoids with unit variance, shared by
 * every listing; it is the drift of the established pairs.
 */
export function marketRegime(seed: number, timeMs: number): number {
  const rng = rngFor(seed, 'regime');
  const amp = Math.sqrt(2 / REGIME_PERIODS_DAYS.length);
  let x = 0;
  for (const p of REGIME_PERIODS_DAYS) {
    const phase = rng.uniform(0, 2 * Math.PI);
    x += amp * Math.sin((2 * Math.PI * timeMs) / (p * 86_400_000) + phase);
  }
  return x;
}

/**
 * The market's trend over the day before `timeMs` (the regime averaged over 24 h, scaled to unit
 * variance): what a recorder sees as the established pairs' 24 h return. A listing's market
 * factor follows it.
 */
export function marketTrend(seed: number, timeMs: number): number {
  const rng = rngFor(seed, 'regime');
  const amp = Math.sqrt(2 / REGIME_PERIODS_DAYS.length);
  let x = 0;
  let variance = 0;
  for (const p of REGIME_PERIODS_DAYS) {
    const phase = rng.uniform(0, 2 * Math.PI);
    const w = (2 * Math.PI) / (p * 86_400_000);
    const T = 86_400_000;
    // mean of sin(w t + φ) over [t − T, t]
    x += (amp * (Math.cos(w * (timeMs - T) + phase) - Math.cos(w * timeMs + phase))) / (w * T);
    const sinc = Math.sin((w * T) / 2) / ((w * T) / 2);
    variance += (amp * amp * sinc * sinc) / 2;
  }
  return x / Math.sqrt(variance);
}

/** A listing's external latent, independent of its schedule. */
export function externalLatent(seed: number, index: number): number {
  return rngFor(seed, 'external', index).normal();
}

export function drawFactors(rng: Rng, weights: FactorWeights, trendAtOpen: number, external: number): ListingFactors {
  const latent = {
    history: rng.normal(),
    market: 0.95 * trendAtOpen + 0.31 * rng.normal(),
    timing: rng.normal(),
    external,
  };
  // the external latent used to be drawn here; drawing (and dropping) one normal keeps every
  // later draw of a plan where it was, so seeded scenarios keep their listings' kinds
  rng.normal();
  const norm = Math.sqrt(FACTOR_NAMES.reduce((s, f) => s + weights[f] * weights[f], 0));
  const signal = FACTOR_NAMES.reduce((s, f) => s + weights[f] * latent[f], 0) / norm;
  const value = {
    history: normalCdf(latent.history),
    market: normalCdf(latent.market),
    timing: normalCdf(latent.timing),
    external: normalCdf(latent.external),
  };
  return { latent, value, signal };
}

/** A latent correlated with `driver` by `rho`, still N(0, 1). */
export function correlated(rng: Rng, driver: number, rho: number): number {
  return rho * driver + Math.sqrt(1 - rho * rho) * rng.normal();
}
