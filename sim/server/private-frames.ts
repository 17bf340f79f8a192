/** The private user-data pushes (mexc-api.md §2.3, §6) for order, fill and balance events. */
import type { MexcPushFrame } from '../../adapters/mexc/proto/codec.ts';
import { scaled } from '../market/format.ts';
import type { BalanceChange } from '../matching/account.ts';
import { WS_ORDER_STATUS, WS_ORDER_TYPE, type Fill, type Order } from '../matching/order.ts';
import type { Exchange } from './exchange.ts';

const n8 = (x: number) => x.toFixed(8).replace(/\.?0+$/, '') || '0';

export function orderFrame(ex: Exchange, o: Order, now: number): MexcPushFrame {
  const m = ex.market.symbols.get(o.symbol)!;
  const cumQty = o.filledLots / m.qMul;
  const orig = (o.origLots ?? 0) / m.qMul;
  return {
    channel: 'spot@private.orders.v3.api.pb', symbol: o.symbol, sendTime: now, createTime: now, bodyField: 304,
    privateOrders: {
      id: o.orderId, clientId: o.clientOrderId, price: o.price, quantity: o.origQty,
      amount: o.quoteOrderQty !== '0' ? o.quoteOrderQty : n8(orig * ((o.priceTicks ?? 0) / m.pMul)),
      avgPrice: cumQty > 0 ? scaled(Math.round((o.filledQuote / cumQty) * m.pMul), m.priceScale) : '0',
      orderType: WS_ORDER_TYPE[o.type], tradeType: o.side === 'BUY' ? 1 : 2, isMaker: false,
      remainAmount: n8(Math.max(0, o.lockedQuote)), remainQuantity: o.origLots === undefined ? '0' : scaled(o.origLots - o.filledLots, m.quantityScale),
      lastDealQuantity: undefined, cumulativeQuantity: scaled(o.filledLots, m.quantityScale), cumulativeAmount: n8(o.filledQuote),
      status: WS_ORDER_STATUS[o.status], createTime: o.time,
    },
  };
}

export function dealFrame(ex: Exchange, f: Fill): MexcPushFrame {
  const m = ex.market.symbols.get(f.order.symbol)!;
  return {
    channel: 'spot@private.deals.v3.api.pb', symbol: f.order.symbol, sendTime: f.time, createTime: f.time, bodyField: 306,
    privateDeals: {
      price: scaled(f.ticks, m.priceScale), quantity: scaled(f.lots, m.quantityScale), amount: n8(f.quote),
      tradeType: f.order.side === 'BUY' ? 1 : 2, isMaker: f.isMaker, isSelfTrade: false, tradeId: f.tradeId,
      clientOrderId: f.order.clientOrderId, orderId: f.order.orderId, feeAmount: n8(f.fee), feeCurrency: f.feeAsset, time: f.time,
    },
  };
}

export function accountFrame(ex: Exchange, c: BalanceChange): MexcPushFrame {
  return {
    channel: 'spot@private.account.v3.api.pb', sendTime: c.time, createTime: c.time, bodyField: 307,
    privateAccount: {
      vcoinName: c.asset, coinId: ex.coinId(c.asset), balanceAmount: n8(c.free), balanceAmountChange: n8(c.freeChange),
      frozenAmount: n8(c.locked), frozenAmountChange: n8(c.lockedChange), type: c.type, time: c.time,
    },
  };
}
