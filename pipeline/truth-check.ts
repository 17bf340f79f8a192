/**
 * On a generated lake the truth is known (DIR/ground_truth.json from `sniper generate`): this
 * holds the calibration against it. It reports the fitted weights beside the true ones, the fit
 * the same labels give on the true factor values (the "oracle": what the labels and the fit can
 * do when the factors are perfectly observed), how well each computed factor tracks its true
 * value, and the expected value of the chosen threshold beside the threshold the true model
 * would choose by the same rule.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FACTORS, type Factors } from '../core/confidence.ts';
import { CalibrationError } from './calibration-error.ts';
import type { LabelledListing } from './samples.ts';
import { chooseThreshold, outcomeAt } from './stats/expected-value.ts';
import type { CalibrationResult } from './stats/calibrate-samples.ts';
import { scoreOf } from './stats/score-model.ts';
import { fitWeights, weightSamples } from './stats/weight-fit.ts';

const factorsSchema = z.object({ history: z.number(), market: z.number(), timing: z.number(), external: z.number() });
export const groundTruthSchema = z.object({
  weights: factorsSchema,
  listings: z.array(z.looseObject({ symbol: z.string(), factors: factorsSchema })),
});
export type GroundTruth = z.infer<typeof groundTruthSchema>;

export function readGroundTruth(path: string): GroundTruth {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new CalibrationError('bad_ground_truth', `cannot read ground truth ${path}: ${(cause as Error).message}`, { cause });
  }
  const r = groundTruthSchema.safeParse(json);
  if (!r.success) throw new CalibrationError('bad_ground_truth', `ground truth ${path} is invalid: ${z.prettifyError(r.error)}`, { cause: r.error });
  return r.data;
}

function corr(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i]! - ma) * (b[i]! - mb); saa += (a[i]! - ma) ** 2; sbb += (b[i]! - mb) ** 2; }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

export interface TruthCheck {
  readonly matched: number;
  readonly trueWeights: Factors;
  readonly fittedWeights: Factors;
  readonly maxWeightError: number;
  /** Weights fitted on the true factor values with the same labels. */
  readonly oracleWeights: Factors;
  readonly oracleMaxWeightError: number;
  /** Correlation of each computed factor with its true value. */
  readonly factorCorrelation: Factors;
  readonly ece: number;
  readonly threshold: { readonly fitted: number; readonly fittedEv: number; readonly fittedTrades: number; readonly trueModel: number; readonly trueEv: number; readonly trueTrades: number; readonly evRatio: number };
}

export function checkAgainstTruth(samples: readonly LabelledListing[], result: CalibrationResult, truth: GroundTruth): TruthCheck {
  const bySymbol = new Map(truth.listings.map((l) => [l.symbol, l.factors]));
  const matched = samples.filter((s) => bySymbol.has(s.symbol));
  if (matched.length < 10) throw new CalibrationError('bad_ground_truth', `only ${matched.length} labelled listings appear in the ground truth`);
  const trueX = matched.map((s) => FACTORS.map((f) => bySymbol.get(s.symbol)![f]));
  const sum = FACTORS.reduce((a, f) => a + truth.weights[f], 0);
  const trueWeights = Object.fromEntries(FACTORS.map((f) => [f, truth.weights[f] / sum])) as unknown as Factors;
  const oracle = fitWeights(weightSamples(matched.map((s, i) => ({ ...s, x: trueX[i] as unknown as LabelledListing['x'] }))));
  const maxErr = (w: Factors) => Math.max(...FACTORS.map((f) => Math.abs(w[f] - trueWeights[f])));
  const ret = matched.map((s) => s.ret);
  const fittedScore = matched.map((s) => scoreOf(result.weights, s.x));
  const trueScore = trueX.map((x) => scoreOf(trueWeights, x));
  const fittedOutcome = outcomeAt(result.threshold, fittedScore, ret);
  const trueThreshold = chooseThreshold(trueScore, ret).threshold;
  const trueOutcome = outcomeAt(trueThreshold, trueScore, ret);
  const ece = result.outOfSample?.ece ?? result.inSample.ece;
  return {
    matched: matched.length,
    trueWeights,
    fittedWeights: result.weights,
    maxWeightError: maxErr(result.weights),
    oracleWeights: oracle.weights,
    oracleMaxWeightError: maxErr(oracle.weights),
    factorCorrelation: Object.fromEntries(FACTORS.map((f, j) => [f, corr(matched.map((s) => s.x[j]!), trueX.map((x) => x[j]!))])) as unknown as Factors,
    ece,
    threshold: {
      fitted: result.threshold, fittedEv: fittedOutcome.totalReturn, fittedTrades: fittedOutcome.trades,
      trueModel: trueThreshold, trueEv: trueOutcome.totalReturn, trueTrades: trueOutcome.trades,
      evRatio: trueOutcome.totalReturn !== 0 ? fittedOutcome.totalReturn / trueOutcome.totalReturn : NaN,
    },
  };
}

export function formatTruthCheck(c: TruthCheck): string {
  const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
  const lines = [`ground truth (${c.matched} listings matched)`, '  factor     true    fitted  |error|  oracle  corr(computed, true)'];
  for (const f of FACTORS) {
    lines.push(`  ${f.padEnd(9)}  ${f3(c.trueWeights[f])}   ${f3(c.fittedWeights[f])}   ${f3(Math.abs(c.fittedWeights[f] - c.trueWeights[f]))}   ${f3(c.oracleWeights[f])}   ${f3(c.factorCorrelation[f])}`);
  }
  const t = c.threshold;
  lines.push(`  max weight error ${f3(c.maxWeightError)} (target ≤ 0.05: ${c.maxWeightError <= 0.05 ? 'met' : 'NOT met'}); with the true factors ${f3(c.oracleMaxWeightError)}`);
  lines.push(`  ECE ${f3(c.ece)} (target ≤ 0.05: ${c.ece <= 0.05 ? 'met' : 'NOT met'})`);
  lines.push(`  threshold ${t.fitted.toFixed(1)}: ${t.fittedTrades} trades, EV ${t.fittedEv.toFixed(2)} stakes; true model's ${t.trueModel.toFixed(1)}: ${t.trueTrades} trades, EV ${t.trueEv.toFixed(2)} stakes; ratio ${f3(t.evRatio)} (target within 10 %: ${Math.abs(t.evRatio - 1) <= 0.1 ? 'met' : 'NOT met'})`);
  return `${lines.join('\n')}\n`;
}
