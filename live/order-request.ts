/**
 * A strategy's order command → the MEXC order request, amounts as decimal strings at the
 * instrument's precision (quantities and quote amounts rounded down, so an order never asks
 * for more than the strategy sized; prices to the nearest tick). The clientOrderId travels as
 * `newClientOrderId`, so an order whose answer was lost can be found again by it.
 */
import type { PlaceOrderCommand } from '../core/commands.ts';
import type { InstrumentRules } from '../core/strategy.ts';
import type { MexcOrderRequest } from '../adapters/mexc/rest/order-params.ts';

export function decimalString(x: number, scale: number, mode: 'floor' | 'round'): string {
  const f = 10 ** scale;
  const v = mode === 'floor' ? Math.floor(x * f + 1e-9) / f : Math.round(x * f) / f;
  return v.toFixed(scale);
}

export function orderRequest(o: PlaceOrderCommand, rules: InstrumentRules): MexcOrderRequest {
  const side = o.side === 'buy' ? 'BUY' : 'SELL';
  const qty = o.qty === undefined ? undefined : decimalString(o.qty, rules.qtyScale, 'floor');
  const price = o.price === undefined ? undefined : decimalString(o.price, rules.priceScale, 'round');
  const base = { symbol: o.symbol, side, newClientOrderId: o.clientOrderId } as const;
  if (o.orderType === 'MARKET') {
    if (o.quoteQty !== undefined) return { ...base, type: 'MARKET', quoteOrderQty: decimalString(o.quoteQty, rules.quoteScale, 'floor') };
    return { ...base, type: 'MARKET', quantity: qty ?? '0' };
  }
  return { ...base, type: o.orderType, quantity: qty ?? '0', price: price ?? '0' };
}
