/**
 * volume-spike: buy when the window's quote volume is at least `multiplier` times its baseline
 * (an EMA of bucket volumes) while the price is up over the window and the window traded at
 * least `minQuoteVolume`.
 */
import { z } from 'zod';
import { priceMove, volumeRatio } from './market-stats.ts';
import { makeSignalStrategy, signalBaseParams } from './signal-strategy.ts';

export const volumeSpikeParams = signalBaseParams.extend({
  multiplier: z.coerce.number().positive().default(5),
  minQuoteVolume: z.coerce.number().min(0).default(1000),
  minMovePct: z.coerce.number().default(0),
});

export const volumeSpike = makeSignalStrategy('volume-spike', 'buys bursts of volume with the price rising', volumeSpikeParams, (s, _symbol, p) => {
  const ratio = volumeRatio(s);
  const move = priceMove(s) * 100;
  const windowVolume = s.quoteVolume + s.volumes.reduce((a, b) => a + b, 0);
  if (!(ratio >= p.multiplier) || !(move > p.minMovePct) || windowVolume < p.minQuoteVolume) return undefined;
  return { enter: true, reason: `volume ${ratio.toFixed(1)}× baseline, price ${move.toFixed(2)} %`, data: { volumeRatio: ratio, movePct: move, windowVolume } };
});
