/**
 * Instrument rules for the simulated venue when the lake carries no exchangeInfo for a symbol.
 * Every default is a configurable assumption, stated here:
 * - quote asset = the symbol's suffix among USDT, USDC, USDE, BTC, ETH (else USDT);
 * - price scale from the first reference price: enough decimals for 5 significant digits
 *   (0.012345 → 6, 1.2345 → 4, 12345 → 0), capped to [0, 12];
 * - quantity scale 2, quote scale 2, minimum order 1 quote unit, maximum 4,000,000;
 * - PERCENT_PRICE_BY_SIDE: buy limits ≤ last·(1 + 4), sell limits ≥ last·(1 − 0.8), the band
 *   the sim (issue 3) gives new listings (MEXC publishes the multipliers per symbol);
 * - fees: taker "0.0005", maker "0".
 */
import { z } from 'zod';
import type { InstrumentRules } from '../core/strategy.ts';
import { DEFAULT_MAKER_FEE_RATE, DEFAULT_TAKER_FEE_RATE } from './fees.ts';

const QUOTES = ['USDT', 'USDC', 'USDE', 'BTC', 'ETH'] as const;

export const instrumentDefaultsSchema = z.object({
  qtyScale: z.coerce.number().int().min(0).max(12).default(2),
  quoteScale: z.coerce.number().int().min(0).max(12).default(2),
  minQuote: z.coerce.number().min(0).default(1),
  maxQuote: z.coerce.number().positive().default(4_000_000),
  bidMultiplierUp: z.coerce.number().positive().default(4),
  askMultiplierDown: z.coerce.number().positive().max(1).default(0.8),
  takerFeeRate: z.string().regex(/^\d+(\.\d+)?$/).default(DEFAULT_TAKER_FEE_RATE),
  makerFeeRate: z.string().regex(/^\d+(\.\d+)?$/).default(DEFAULT_MAKER_FEE_RATE),
  /** Fixed price scale; when absent it is inferred from the first reference price. */
  priceScale: z.coerce.number().int().min(0).max(12).optional(),
});
export type InstrumentDefaults = z.output<typeof instrumentDefaultsSchema>;
export const INSTRUMENT_DEFAULTS: InstrumentDefaults = instrumentDefaultsSchema.parse({});

export function splitSymbol(symbol: string): { base: string; quote: string } {
  for (const q of QUOTES) {
    if (symbol.length > q.length && symbol.endsWith(q)) return { base: symbol.slice(0, -q.length), quote: q };
  }
  return { base: symbol, quote: 'USDT' };
}

/** Decimals for 5 significant digits of `price`. */
export function inferPriceScale(price: number): number {
  if (!(price > 0)) return 8;
  return Math.min(12, Math.max(0, 4 - Math.floor(Math.log10(price))));
}

export function defaultRules(symbol: string, refPrice: number, d: InstrumentDefaults = INSTRUMENT_DEFAULTS): InstrumentRules {
  const { base, quote } = splitSymbol(symbol);
  return {
    symbol,
    baseAsset: base,
    quoteAsset: quote,
    priceScale: d.priceScale ?? inferPriceScale(refPrice),
    qtyScale: d.qtyScale,
    quoteScale: d.quoteScale,
    minQuote: d.minQuote,
    maxQuote: d.maxQuote,
    bidMultiplierUp: d.bidMultiplierUp,
    askMultiplierDown: d.askMultiplierDown,
    takerFeeRate: d.takerFeeRate,
    makerFeeRate: d.makerFeeRate,
  };
}

/** Round down to `scale` decimals (lot size, quote precision), robust to binary noise. */
export function floorToScale(x: number, scale: number): number {
  const f = 10 ** scale;
  return Math.floor(x * f + 1e-9) / f;
}

export function roundToScale(x: number, scale: number): number {
  const f = 10 ** scale;
  return Math.round(x * f) / f;
}

/** True when `x` has at most `scale` decimals. */
export function fitsScale(x: number, scale: number): boolean {
  const f = 10 ** scale;
  const v = x * f;
  return Math.abs(v - Math.round(v)) <= 1e-9 * Math.max(1, Math.abs(v));
}
