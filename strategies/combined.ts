/**
 * combined: a multi-factor entry. score = wPrice·min(1, move/movePct) + wVolume·min(1, ratio/multiplier)
 * + wConfidence·probability (the confidence model's, 0.5 when the symbol has none), entering when
 * score ≥ threshold and the price is up over the window.
 */
import { z } from 'zod';
import { priceMove, volumeRatio } from './market-stats.ts';
import { makeSignalStrategy, signalBaseParams } from './signal-strategy.ts';

export const combinedParams = signalBaseParams.extend({
  movePct: z.coerce.number().positive().default(5),
  multiplier: z.coerce.number().positive().default(5),
  wPrice: z.coerce.number().min(0).default(0.4),
  wVolume: z.coerce.number().min(0).default(0.4),
  wConfidence: z.coerce.number().min(0).default(0.2),
  threshold: z.coerce.number().min(0).max(1).default(0.8),
});

const unit = (x: number): number => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);

export const combined = makeSignalStrategy('combined', 'weighs price move, volume burst and listing confidence', combinedParams, (s, symbol, p, ctx) => {
  const move = priceMove(s) * 100;
  if (!(move > 0)) return undefined;
  const ratio = volumeRatio(s);
  const prob = ctx.confidence(symbol)?.probability ?? 0.5;
  const score = p.wPrice * unit(move / p.movePct) + p.wVolume * unit(ratio / p.multiplier) + p.wConfidence * unit(prob);
  if (score < p.threshold) return undefined;
  return { enter: true, reason: `combined score ${score.toFixed(3)} ≥ ${p.threshold}`, data: { score, movePct: move, volumeRatio: Number.isFinite(ratio) ? ratio : -1, probability: prob } };
});
