/**
 * Wire types of MEXC's signed trading and account endpoints (mexc-api.md §4.7, §6) and of the
 * error body (§4.4). `orderId` is always a string ("C02__505979017439002624115"); order status and
 * side are checked against their enums because a wrong value would corrupt position accounting.
 */
import { z } from 'zod';
import { wireDecimal, wireDecimalOrNull, wireInt } from './wire-primitives.ts';

export const MEXC_ORDER_SIDES = ['BUY', 'SELL'] as const;
export type MexcOrderSide = (typeof MEXC_ORDER_SIDES)[number];
/** Types that can be placed. There is no timeInForce: IOC/FOK/post-only are order types. */
export const MEXC_ORDER_TYPES = ['LIMIT', 'MARKET', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'] as const;
export type MexcOrderType = (typeof MEXC_ORDER_TYPES)[number];
export const MEXC_ORDER_STATUSES = ['NEW', 'PARTIALLY_FILLED', 'FILLED', 'CANCELED', 'PARTIALLY_CANCELED'] as const;
export type MexcOrderStatus = (typeof MEXC_ORDER_STATUSES)[number];
export const MEXC_STP_MODES = ['', 'cancel_maker', 'cancel_taker', 'cancel_both'] as const;
export type MexcStpMode = (typeof MEXC_STP_MODES)[number];

const side = z.enum(MEXC_ORDER_SIDES);
const status = z.enum(MEXC_ORDER_STATUSES);

/**
 * `POST /api/v3/order` answer. The docs show the full object; ccxt's comments show only
 * `{symbol, orderId, orderListId}`, so everything past orderId is optional.
 */
export const mexcNewOrderSchema = z.looseObject({
  symbol: z.string(),
  orderId: z.string().min(1),
  orderListId: wireInt.optional(),
  price: wireDecimal.optional(),
  origQty: wireDecimal.optional(),
  type: z.string().optional(),
  side: side.optional(),
  stpMode: z.string().optional(),
  transactTime: wireInt.optional(),
});
export type MexcNewOrder = z.infer<typeof mexcNewOrderSchema>;

/** `POST /api/v3/order/test` answers `{}`. */
export const mexcTestOrderSchema = z.looseObject({});
export type MexcTestOrder = z.infer<typeof mexcTestOrderSchema>;

/** `GET /api/v3/order`, `GET /api/v3/openOrders`, `GET /api/v3/allOrders` entries. */
export const mexcOrderSchema = z.looseObject({
  symbol: z.string(),
  orderId: z.string().min(1),
  orderListId: wireInt.optional(),
  clientOrderId: z.string().nullable().optional(),
  price: wireDecimal,
  origQty: wireDecimal,
  executedQty: wireDecimal,
  cummulativeQuoteQty: wireDecimal,
  status,
  timeInForce: z.string().nullable().optional(),
  /** Placeable types plus `STOP_MARKET_ORDER` (query only): kept as a string. */
  type: z.string(),
  side,
  stopPrice: wireDecimalOrNull.optional(),
  icebergQty: wireDecimalOrNull.optional(),
  time: wireInt,
  updateTime: wireInt.nullable().optional(),
  isWorking: z.boolean().optional(),
  origQuoteOrderQty: wireDecimalOrNull.optional(),
  stpMode: z.string().optional(),
  /** e.g. "stp_cancel" (2026 docs). */
  cancelReason: z.string().nullable().optional(),
});
export type MexcOrder = z.infer<typeof mexcOrderSchema>;
export const mexcOrderListSchema = z.array(mexcOrderSchema);

/** `DELETE /api/v3/order` answer; `DELETE /api/v3/openOrders` answers an array of these. */
export const mexcCancelledOrderSchema = z.looseObject({
  symbol: z.string(),
  origClientOrderId: z.string().nullable().optional(),
  orderId: z.string().min(1),
  clientOrderId: z.string().nullable().optional(),
  price: wireDecimal.optional(),
  origQty: wireDecimal.optional(),
  executedQty: wireDecimal.optional(),
  cummulativeQuoteQty: wireDecimal.optional(),
  status: status.optional(),
  timeInForce: z.string().nullable().optional(),
  type: z.string().optional(),
  side: side.optional(),
});
export type MexcCancelledOrder = z.infer<typeof mexcCancelledOrderSchema>;
export const mexcCancelledOrderListSchema = z.array(mexcCancelledOrderSchema);

export const mexcBalanceSchema = z.looseObject({
  asset: z.string(),
  free: wireDecimal,
  locked: wireDecimal,
  /** Appears in the 2026 docs. */
  available: wireDecimal.optional(),
});
export type MexcBalance = z.infer<typeof mexcBalanceSchema>;

/** `GET /api/v3/account`. */
export const mexcAccountSchema = z.looseObject({
  makerCommission: wireDecimalOrNull.optional(),
  takerCommission: wireDecimalOrNull.optional(),
  buyerCommission: wireDecimalOrNull.optional(),
  sellerCommission: wireDecimalOrNull.optional(),
  canTrade: z.boolean().optional(),
  canWithdraw: z.boolean().optional(),
  canDeposit: z.boolean().optional(),
  updateTime: wireInt.nullable().optional(),
  accountType: z.string().optional(),
  balances: z.array(mexcBalanceSchema),
  permissions: z.array(z.string()).optional(),
});
export type MexcAccount = z.infer<typeof mexcAccountSchema>;

/** `GET /api/v3/myTrades` entry. */
export const mexcMyTradeSchema = z.looseObject({
  symbol: z.string(),
  id: z.union([z.string(), z.number()]),
  orderId: z.string().min(1),
  orderListId: wireInt.optional(),
  price: wireDecimal,
  qty: wireDecimal,
  quoteQty: wireDecimal,
  commission: wireDecimal,
  commissionAsset: z.string().nullable(),
  time: wireInt,
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
  isBestMatch: z.boolean().optional(),
  isSelfTrade: z.boolean().optional(),
  clientOrderId: z.string().nullable().optional(),
});
export type MexcMyTrade = z.infer<typeof mexcMyTradeSchema>;
export const mexcMyTradesSchema = z.array(mexcMyTradeSchema);

/** `GET /api/v3/tradeFee?symbol=`. */
export const mexcTradeFeeSchema = z.looseObject({
  data: z.looseObject({ makerCommission: wireDecimal, takerCommission: wireDecimal }),
  code: wireInt.optional(),
  msg: z.string().nullable().optional(),
  timestamp: wireInt.optional(),
});
export type MexcTradeFee = z.infer<typeof mexcTradeFeeSchema>;

/** `POST` / `PUT` / `DELETE /api/v3/userDataStream` → `{"listenKey": "..."}`. */
export const mexcListenKeySchema = z.looseObject({ listenKey: z.string().min(1) });
export type MexcListenKey = z.infer<typeof mexcListenKeySchema>;
/** `DELETE /api/v3/userDataStream`: the key echoed back, or an empty object. */
export const mexcListenKeyClosedSchema = z.looseObject({ listenKey: z.string().optional() });
export type MexcListenKeyClosed = z.infer<typeof mexcListenKeyClosedSchema>;
/** `GET /api/v3/userDataStream` → `{"listenKey": ["...", "..."]}`. */
export const mexcListenKeyListSchema = z.looseObject({ listenKey: z.array(z.string()) });
export type MexcListenKeyList = z.infer<typeof mexcListenKeyListSchema>;

/**
 * Error body `{"code": <int>, "msg": "<text>"}`, sometimes with extra keys (`_extend`). msg may be
 * Chinese. Some endpoints answer `{"code":0|200,"msg":"success","data":...}` on success, so a
 * body that matches this schema is an error only when its code is not 0/200.
 */
export const mexcErrorBodySchema = z.looseObject({
  code: wireInt,
  msg: z.string().nullable().optional(),
});
export type MexcErrorBody = z.infer<typeof mexcErrorBodySchema>;
