/** Order records and the MEXC enum mappings (mexc-api.md §5). */
export type OrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL';
export type OrderSide = 'BUY' | 'SELL';
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'PARTIALLY_CANCELED';

export const ORDER_TYPES: readonly OrderType[] = ['LIMIT', 'MARKET', 'LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'];

export interface Order {
  readonly symbol: string;
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Limit price in ticks (undefined for MARKET). */
  readonly priceTicks: number | undefined;
  readonly price: string;
  /** Base quantity asked for (lots); undefined for a MARKET order by quote amount. */
  readonly origLots: number | undefined;
  readonly origQty: string;
  readonly quoteOrderQty: string;
  readonly time: number;
  status: OrderStatus;
  filledLots: number;
  /** Quote value filled. */
  filledQuote: number;
  /** Quote still locked for a resting BUY. */
  lockedQuote: number;
  updateTime: number;
  isWorking: boolean;
}

/** WS protobuf codes. */
export const WS_ORDER_TYPE: Readonly<Record<OrderType, number>> = {
  LIMIT: 1, LIMIT_MAKER: 2, IMMEDIATE_OR_CANCEL: 3, FILL_OR_KILL: 4, MARKET: 5,
};
export const WS_ORDER_STATUS: Readonly<Record<OrderStatus, number>> = {
  NEW: 1, FILLED: 2, PARTIALLY_FILLED: 3, CANCELED: 4, PARTIALLY_CANCELED: 5,
};

export interface Fill {
  readonly order: Order;
  readonly ticks: number;
  readonly lots: number;
  readonly quote: number;
  readonly fee: number;
  readonly feeAsset: string;
  readonly isMaker: boolean;
  readonly tradeId: string;
  readonly time: number;
}
