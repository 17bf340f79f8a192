/** What the real venue knows about one order, and the account events it builds from MEXC answers. */
import type { PlaceOrderCommand } from '../core/commands.ts';
import type { FillEvent, OrderStatus, OrderUpdateEvent } from '../core/events.ts';
import type { InstrumentRules } from '../core/strategy.ts';
import type { MexcMyTrade } from '../adapters/mexc/rest/types-trading.ts';

export interface Tracked {
  readonly order: PlaceOrderCommand;
  /** sending: no answer yet; open: at the venue; unknown: the answer was lost; done: settled. */
  state: 'sending' | 'open' | 'unknown' | 'done';
  status: OrderStatus;
  orderId?: string;
  filledQty: number;
  filledQuote: number;
  readonly tradeIds: Set<string>;
  notFoundSinceUs: number | undefined;
}

export function updateOf(t: Tracked, status: OrderStatus, atUs: number, seq: number, extra: { rejectCode?: number; rejectReason?: string }): OrderUpdateEvent {
  const o = t.order;
  return {
    type: 'order_update', symbol: o.symbol, clientOrderId: o.clientOrderId, ...(t.orderId === undefined ? {} : { orderId: t.orderId }),
    side: o.side, orderType: o.orderType, status,
    ...(o.price === undefined ? {} : { price: o.price }), ...(o.qty === undefined ? {} : { qty: o.qty }), ...(o.quoteQty === undefined ? {} : { quoteQty: o.quoteQty }),
    filledQty: t.filledQty, filledQuote: t.filledQuote, ...extra,
    tsEvent: atUs / 1000, tsRecv: atUs, seq,
  };
}

export function fillOf(t: Tracked, tr: MexcMyTrade, atUs: number, seq: number, rules: InstrumentRules): FillEvent {
  const o = t.order;
  return {
    type: 'fill', symbol: o.symbol, clientOrderId: o.clientOrderId, orderId: tr.orderId, tradeId: String(tr.id), side: o.side,
    price: Number(tr.price), qty: Number(tr.qty), quoteQty: Number(tr.quoteQty), fee: Number(tr.commission),
    feeAsset: tr.commissionAsset ?? (o.side === 'buy' ? rules.baseAsset : rules.quoteAsset), isMaker: tr.isMaker,
    tsEvent: Number(tr.time), tsRecv: atUs, seq,
  };
}
