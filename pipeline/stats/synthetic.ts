/**
 * Synthetic labelled listings with a known truth, for tests: factors uniform on [0, 1],
 * success with probability σ(k·(Σ wj·xj − c)), a win or a loss of fixed size net of fees.
 */
import { FACTORS, type Factors } from '../../core/confidence.ts';
import { seededRng } from './rng.ts';
import type { Sample } from './weight-fit.ts';

export interface SyntheticSpec {
  readonly n: number;
  readonly weights: Factors;
  readonly steepness?: number;
  readonly center?: number;
  readonly win?: number;
  readonly loss?: number;
  readonly seed?: number;
}

export function trueProbability(spec: SyntheticSpec, x: readonly number[]): number {
  const s = FACTORS.reduce((acc, f, j) => acc + spec.weights[f] * x[j]!, 0);
  return 1 / (1 + Math.exp(-(spec.steepness ?? 12) * (s - (spec.center ?? 0.5))));
}

export function syntheticSamples(spec: SyntheticSpec): Sample[] {
  const rng = seededRng(spec.seed ?? 7);
  const out: Sample[] = [];
  for (let i = 0; i < spec.n; i++) {
    const x = [rng(), rng(), rng(), rng()] as const;
    const y = rng() < trueProbability(spec, x) ? 1 : 0;
    out.push({ x, y, ret: y === 1 ? (spec.win ?? 0.12) : -(spec.loss ?? 0.06), t: 1_700_000_000_000 + i * 60_000 });
  }
  return out;
}
