/** Lot size, precision and minimum-notional arithmetic for building orders (strategies import only core). */
import type { InstrumentRules, StrategyContext } from '../core/strategy.ts';

export function floorTo(x: number, scale: number): number {
  const f = 10 ** scale;
  return Math.floor(x * f + 1e-9) / f;
}

/** Quote to spend on a buy: the wanted amount, capped by the free balance, in quote precision. */
export function buyQuote(wanted: number, ctx: StrategyContext, rules: InstrumentRules): { quote: number } | { refused: string } {
  const free = ctx.portfolio.balance(rules.quoteAsset).free;
  const quote = floorTo(Math.min(wanted, free), rules.quoteScale);
  if (quote < rules.minQuote) return { refused: `order amount ${quote} below the minimum ${rules.minQuote} ${rules.quoteAsset} (free ${floorTo(free, 2)})` };
  return { quote };
}

/** An IOC limit price `bandPct` above the reference, kept inside PERCENT_PRICE_BY_SIDE and the price scale. */
export function iocBuyPrice(refPrice: number, lastPrice: number, bandPct: number, rules: InstrumentRules): number {
  let price = refPrice * (1 + bandPct / 100);
  if (lastPrice > 0) price = Math.min(price, lastPrice * (1 + rules.bidMultiplierUp));
  return floorTo(price, rules.priceScale);
}

/** Base quantity sellable now: `want` capped by what is held, in whole lots. */
export function sellQty(want: number, held: number, rules: InstrumentRules): number {
  return floorTo(Math.min(want, held), rules.qtyScale);
}
