/**
 * MEXC spot fees, exact. A fill's quote amount is price × qty computed in decimals; the fee is
 * amount × rate, rounded half-up to the commission precision (MEXC: baseCommissionPrecision and
 * quoteCommissionPrecision, 8 by default here). The fee is charged in the asset received: base
 * for a buy, quote for a sell. Default rates: taker 0.05 % ("0.0005"), maker 0 ("0").
 */
import { add, fixedFromNumber, fixedFromString, mul, rescale, toNumber, toDecimalString, type Fixed, ZERO } from './fixed-point.ts';

export const DEFAULT_TAKER_FEE_RATE = '0.0005';
export const DEFAULT_MAKER_FEE_RATE = '0';
export const DEFAULT_COMMISSION_SCALE = 8;

export interface FillAmounts {
  /** price × qty, exact. */
  readonly quote: Fixed;
  /** The fee, rounded to the commission scale. */
  readonly fee: Fixed;
  /** 'base' for buys, 'quote' for sells. */
  readonly feeIn: 'base' | 'quote';
}

/** Exact quote amount and fee of one fill. */
export function fillAmounts(side: 'buy' | 'sell', price: number, qty: number, feeRate: string, commissionScale = DEFAULT_COMMISSION_SCALE): FillAmounts {
  const q = fixedFromNumber(qty);
  const quote = mul(fixedFromNumber(price), q);
  const rate = fixedFromString(feeRate);
  const fee = rescale(mul(side === 'buy' ? q : quote, rate), commissionScale, 'half-up');
  return { quote, fee, feeIn: side === 'buy' ? 'base' : 'quote' };
}

/** Exact totals of several fills of one side at one fee rate (each fee rounded per fill, as MEXC does). */
export function fillsAmounts(side: 'buy' | 'sell', fills: Iterable<{ readonly price: number; readonly qty: number }>, feeRate: string): { quote: Fixed; fee: Fixed } {
  let quote: Fixed = ZERO;
  let fee: Fixed = ZERO;
  for (const f of fills) {
    const a = fillAmounts(side, f.price, f.qty, feeRate);
    quote = add(quote, a.quote);
    fee = add(fee, a.fee);
  }
  return { quote, fee };
}

/** Convenience: the fee as a number and as its exact decimal string. */
export function feeOf(side: 'buy' | 'sell', price: number, qty: number, feeRate: string, commissionScale = DEFAULT_COMMISSION_SCALE): { fee: number; feeText: string; quote: number } {
  const a = fillAmounts(side, price, qty, feeRate, commissionScale);
  return { fee: toNumber(a.fee), feeText: toDecimalString(a.fee), quote: toNumber(a.quote) };
}
