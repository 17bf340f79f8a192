/** Stable identifiers the exchange hands out (symbolId, coin ids), derived from the seed. */
import { rngFor } from '../market/rng.ts';

const cache = new Map<string, string>();

export function hexId(seed: number, ...label: readonly (string | number)[]): string {
  const key = `${seed}/${label.join('/')}`;
  let id = cache.get(key);
  if (id === undefined) {
    const rng = rngFor(seed, 'id', ...label);
    id = '';
    while (id.length < 32) id += rng.nextU32().toString(16).padStart(8, '0');
    cache.set(key, id);
  }
  return id;
}

const symbolIds = new Map<number, Map<string, string>>();

export function symbolIdOf(seed: number, symbol: string): string {
  let bySeed = symbolIds.get(seed);
  if (bySeed === undefined) {
    bySeed = new Map();
    symbolIds.set(seed, bySeed);
  }
  let id = bySeed.get(symbol);
  if (id === undefined) {
    id = hexId(seed, 'symbol', symbol);
    bySeed.set(symbol, id);
  }
  return id;
}
