/** price-movement: buy a symbol whose price rose at least `movePct` (default 5 %) over the window. */
import { z } from 'zod';
import { priceMove } from './market-stats.ts';
import { makeSignalStrategy, signalBaseParams } from './signal-strategy.ts';

export const priceMovementParams = signalBaseParams.extend({
  movePct: z.coerce.number().positive().default(5),
});

export const priceMovement = makeSignalStrategy('price-movement', 'buys moves of at least movePct over the window', priceMovementParams, (s, _symbol, p) => {
  const move = priceMove(s);
  if (!(move * 100 >= p.movePct)) return undefined;
  return { enter: true, reason: `price up ${(move * 100).toFixed(2)} % over ${p.windowMs / 1000} s`, data: { movePct: move * 100 } };
});
