/**
 * The weighted confidence model (architecture §6): four factors in [0, 1], a weighted score on
 * 0..100, a calibration mapping the score to a probability of success, and an execution threshold.
 * The pipeline (`sniper calibrate`) writes the artifact; strategies load it. Without an artifact
 * the prior weights apply and the threshold is the original design's 85.
 */
import { z } from 'zod';

export const FACTORS = ['history', 'market', 'timing', 'external'] as const;
export type Factor = (typeof FACTORS)[number];
export type Factors = Readonly<Record<Factor, number>>;

export const PRIOR_WEIGHTS: Factors = Object.freeze({ history: 0.4, market: 0.25, timing: 0.2, external: 0.15 });
export const PRIOR_THRESHOLD = 85;

const weightsSchema = z.object({
  history: z.number().min(0),
  market: z.number().min(0),
  timing: z.number().min(0),
  external: z.number().min(0),
}).refine((w) => Math.abs(w.history + w.market + w.timing + w.external - 1) < 1e-6, 'weights must sum to 1');

/** Score → probability. Platt: p = 1 / (1 + exp(-(a·score + b))). Isotonic: step function. */
export const calibrationSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('none') }),
  z.object({ method: z.literal('platt'), a: z.number(), b: z.number() }),
  z.object({
    method: z.literal('isotonic'),
    /** Ascending score breakpoints and the probability from each breakpoint on. */
    scores: z.array(z.number()).min(1),
    probabilities: z.array(z.number().min(0).max(1)).min(1),
  }),
]);
export type Calibration = z.infer<typeof calibrationSchema>;

export const modelArtifactSchema = z.object({
  version: z.string(),
  weights: weightsSchema,
  calibration: calibrationSchema,
  /** Execution threshold on the score scale (0..100). */
  threshold: z.number().min(0).max(100),
  metrics: z.record(z.string(), z.unknown()),
  data: z.record(z.string(), z.unknown()),
});
export type ModelArtifact = z.infer<typeof modelArtifactSchema>;

export const PRIOR_MODEL: ModelArtifact = Object.freeze({
  version: 'prior',
  weights: PRIOR_WEIGHTS,
  calibration: { method: 'none' },
  threshold: PRIOR_THRESHOLD,
  metrics: {},
  data: {},
}) as ModelArtifact;

/** Weighted score on 0..100. Factors outside [0, 1] are an invariant violation. */
export function confidenceScore(factors: Factors, weights: Factors = PRIOR_WEIGHTS): number {
  let s = 0;
  for (const f of FACTORS) {
    const v = factors[f];
    if (!(v >= 0 && v <= 1)) throw new RangeError(`factor ${f} must be in [0, 1], got ${v}`);
    s += weights[f] * v;
  }
  return 100 * s;
}

/** Probability of success for a score, through the artifact's calibration. */
export function calibratedProbability(score: number, calibration: Calibration): number {
  switch (calibration.method) {
    case 'none':
      return score / 100;
    case 'platt':
      return 1 / (1 + Math.exp(-(calibration.a * score + calibration.b)));
    case 'isotonic': {
      const { scores, probabilities } = calibration;
      let p = probabilities[0]!;
      for (let i = 0; i < scores.length && scores[i]! <= score; i++) p = probabilities[i]!;
      return p;
    }
  }
}

export interface Confidence {
  readonly factors: Factors;
  readonly score: number;
  readonly probability: number;
  readonly passes: boolean;
}

export function evaluateConfidence(factors: Factors, model: ModelArtifact = PRIOR_MODEL): Confidence {
  const score = confidenceScore(factors, model.weights);
  return { factors, score, probability: calibratedProbability(score, model.calibration), passes: score >= model.threshold };
}
