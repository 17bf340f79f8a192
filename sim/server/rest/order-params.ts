/**
 * Validation of POST /api/v3/order parameters against MEXC's rules, in the order MEXC checks
 * them: symbol (10007 before the open or when the API may not trade it), type and side, market
 * orders disabled (30018/30019), quantities and precision, minimum amount (30002), price band.
 */
import type { Exchange } from '../exchange.ts';
import type { PlaceRequest } from '../../matching/engine.ts';
import { ORDER_TYPES, type OrderSide, type OrderType } from '../../matching/order.ts';
import { priceBand } from './symbol-info.ts';

export type OrderParams = { readonly ok: true; readonly req: PlaceRequest } | { readonly ok: false; readonly code: number; readonly msg: string };

const DECIMAL = /^\d+(?:\.\d+)?$/;
const bad = (code: number, msg: string): OrderParams => ({ ok: false, code, msg });

function toUnits(text: string, scale: number): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const [int, frac = ''] = text.split('.');
  if (frac.replace(/0+$/, '').length > scale) return undefined;
  return Number(int) * 10 ** scale + Number((frac + '0'.repeat(scale)).slice(0, scale) || '0');
}

export function orderParams(ex: Exchange, p: Readonly<Record<string, string>>, now: number, test: boolean): OrderParams {
  const symbol = p.symbol?.toUpperCase();
  if (symbol === undefined || symbol === '') return bad(700004, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  const v = ex.view(symbol, now);
  if (v?.status === '2' && v.plan === undefined) return bad(30000, 'suspended transaction for the symbol');
  if (v === undefined || !v.visible || !v.open) return bad(10007, 'bad symbol');
  if (!v.apiTradable) return bad(10007, 'symbol not support api');
  const side = p.side?.toUpperCase() as OrderSide | undefined;
  if (side !== 'BUY' && side !== 'SELL') return bad(33333, 'Parameter error: side');
  const type = p.type?.toUpperCase() as OrderType | undefined;
  if (type === undefined || !ORDER_TYPES.includes(type)) return bad(33333, 'Parameter error: type');
  if (type === 'MARKET' && v.marketOrders === 'disabled') return bad(30018, 'market order is disabled');
  if (type === 'MARKET' && v.marketOrders === 'api_disabled') return bad(30019, 'api market order is disabled');
  const m = v.market;
  let lots: number | undefined;
  if (p.quantity !== undefined) {
    lots = toUnits(p.quantity, m.quantityScale);
    if (lots === undefined) return bad(10096, 'quantity scale is invalid');
    if (lots <= 0) return bad(10102, 'amount can not be zero or negative');
  }
  let quoteAmount: number | undefined;
  if (p.quoteOrderQty !== undefined) {
    if (!DECIMAL.test(p.quoteOrderQty) || Number(p.quoteOrderQty) <= 0) return bad(10102, 'amount can not be zero or negative');
    quoteAmount = Number(p.quoteOrderQty);
  }
  let priceTicks: number | undefined;
  if (type !== 'MARKET') {
    if (p.price === undefined) return bad(44444, "Mandatory parameter 'price' was not sent, was empty/null, or malformed.");
    if (lots === undefined) return bad(44444, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.");
    priceTicks = toUnits(p.price, m.priceScale);
    if (priceTicks === undefined) return bad(10096, 'price scale is invalid');
    if (priceTicks <= 0) return bad(10102, 'price can not be zero or negative');
  } else if (lots === undefined && quoteAmount === undefined) {
    return bad(700004, "Mandatory parameter 'quantity' or 'quoteOrderQty' must be sent");
  }
  // minimum amount: 1 quote unit, at least one quantity step
  const refTicks = priceTicks ?? m.lastTicks ?? 0;
  const notional = quoteAmount ?? ((lots ?? 0) / m.qMul) * (refTicks / m.pMul);
  if (notional < 1) return bad(30002, 'minimum transaction volume cannot be less than:1USDT');
  const maxQuote = type === 'MARKET' && v.plan !== undefined ? 100_000 : 2_000_000;
  if (notional > maxQuote) return bad(30003, `maximum transaction volume cannot be greater than:${maxQuote}USDT`);
  if (priceTicks !== undefined && m.lastTicks !== undefined && type !== 'LIMIT_MAKER') {
    const band = priceBand(v.plan !== undefined);
    if (side === 'BUY' && priceTicks > m.lastTicks * (1 + Number(band.bidMultiplierUp))) return bad(30010, 'no valid trade price');
    if (side === 'SELL' && priceTicks < m.lastTicks * (1 - Number(band.askMultiplierDown))) return bad(30010, 'no valid trade price');
  }
  if (!test && ex.engine.openOrders().length >= 500) return bad(30029, 'cannot exceed the maximum order limit');
  return {
    ok: true,
    req: {
      market: m, base: v.base, quote: v.quote, side, type, priceTicks, lots, quoteAmount,
      clientOrderId: p.newClientOrderId, now, takerFee: ex.scenario.account.takerFee, makerFee: ex.scenario.account.makerFee, test,
    },
  };
}
