/** Every strategy by name (`sniper backtest --strategy NAME`). */
import type { AnyStrategy } from '../core/strategy.ts';
import { combined } from './combined.ts';
import { listingSniper } from './listing-sniper.ts';
import { priceMovement } from './price-movement.ts';
import { volumeSpike } from './volume-spike.ts';

export const STRATEGIES: readonly AnyStrategy[] = [listingSniper, priceMovement, volumeSpike, combined];

export function strategyByName(name: string): AnyStrategy | undefined {
  return STRATEGIES.find((s) => s.name === name);
}
