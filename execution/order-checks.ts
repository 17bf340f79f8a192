/**
 * MEXC's pre-trade rejections, in the order the simulated venue applies them. Codes are MEXC's
 * (mexc-api.md §4.4); where MEXC documents no code the choice is stated.
 *   429    over the order rate limit (orders/s, shared with cancels; 12/s in the 2026 docs)
 *   10007  symbol not open yet, or not API-tradable ("bad symbol")
 *   700008 illegal parameter combination (missing quantity/price)  — MEXC uses it for bad params
 *   10096  too many decimals in price, quantity or quoteOrderQty
 *   30002  below the minimum amount; 30003 above the maximum amount
 *   30010  price outside PERCENT_PRICE_BY_SIDE ("no valid trade price"; MEXC documents no code for
 *          the band, this is the sim's choice too)
 *   10101  insufficient balance
 */
import type { PlaceOrderCommand } from '../core/commands.ts';
import type { InstrumentRules } from '../core/strategy.ts';
import { fitsScale } from './instrument.ts';

export interface Rejection {
  readonly code: number;
  readonly msg: string;
}

export interface CheckContext {
  readonly rules: InstrumentRules;
  readonly open: boolean;
  readonly apiTradable: boolean;
  readonly lastPrice: number;
  readonly bestAsk: number;
  readonly bestBid: number;
  readonly freeQuote: number;
  readonly freeBase: number;
  readonly ordersInLastSecond: number;
  readonly maxOrdersPerSecond: number;
}

const LIMIT_TYPES = new Set(['LIMIT', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL']);

export function checkOrder(o: PlaceOrderCommand, c: CheckContext): Rejection | undefined {
  if (c.ordersInLastSecond >= c.maxOrdersPerSecond) return { code: 429, msg: 'Too many requests' };
  if (!c.open) return { code: 10007, msg: 'bad symbol (not open yet)' };
  if (!c.apiTradable) return { code: 10007, msg: 'bad symbol (not API-tradable)' };
  const r = c.rules;
  const isLimit = LIMIT_TYPES.has(o.orderType);
  if (isLimit && (o.price === undefined || o.qty === undefined)) return { code: 700008, msg: `${o.orderType} needs price and quantity` };
  if (o.orderType === 'MARKET' && o.qty === undefined && o.quoteQty === undefined) return { code: 700008, msg: 'MARKET needs quantity or quoteOrderQty' };
  if (o.price !== undefined && !(o.price > 0)) return { code: 700008, msg: 'price must be positive' };
  if (o.price !== undefined && !fitsScale(o.price, r.priceScale)) return { code: 10096, msg: `price has more than ${r.priceScale} decimals` };
  if (o.qty !== undefined && !fitsScale(o.qty, r.qtyScale)) return { code: 10096, msg: `quantity has more than ${r.qtyScale} decimals` };
  if (o.quoteQty !== undefined && !fitsScale(o.quoteQty, r.quoteScale)) return { code: 10096, msg: `quoteOrderQty has more than ${r.quoteScale} decimals` };
  const refPrice = o.price ?? (o.side === 'buy' ? c.bestAsk : c.bestBid);
  const amount = o.quoteQty ?? (o.qty ?? 0) * (refPrice > 0 ? refPrice : c.lastPrice);
  if (!(amount >= r.minQuote)) return { code: 30002, msg: `minimum transaction volume cannot be less than: ${r.minQuote} ${r.quoteAsset}` };
  if (amount > r.maxQuote) return { code: 30003, msg: `maximum transaction volume cannot be greater than: ${r.maxQuote} ${r.quoteAsset}` };
  if (isLimit && c.lastPrice > 0) {
    if (o.side === 'buy' && o.price! > c.lastPrice * (1 + r.bidMultiplierUp)) return { code: 30010, msg: 'no valid trade price (buy price above the PERCENT_PRICE_BY_SIDE band)' };
    if (o.side === 'sell' && o.price! < c.lastPrice * (1 - r.askMultiplierDown)) return { code: 30010, msg: 'no valid trade price (sell price below the PERCENT_PRICE_BY_SIDE band)' };
  }
  if (o.side === 'buy' && amount > c.freeQuote + 1e-9) return { code: 10101, msg: 'Insufficient balance' };
  if (o.side === 'sell' && (o.qty ?? 0) > c.freeBase + 1e-9) return { code: 10101, msg: 'Insufficient balance' };
  return undefined;
}
