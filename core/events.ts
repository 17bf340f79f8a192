/**
 * Normalized events: what every source (live stream, lake replay, sim) yields and what every
 * strategy and sink consumes. Discriminated on `type`; raw wire types live in adapters/mexc.
 *
 * Time: `tsEvent` is the venue's time in ms (for pushes, the wrapper's sendTime, or the trade or
 * window time where that is more precise); `tsRecv` is the local receive time in integer µs;
 * `seq` counts frames per connection (or per source). Streams merge by (tsRecv, seq).
 *
 * Prices and quantities are numbers parsed from MEXC's decimal strings (see core/decimal.ts);
 * the raw strings stay in the raw frames of the lake.
 */

export type Side = 'buy' | 'sell';

export interface EventTime {
  /** Venue time, ms since epoch. */
  readonly tsEvent: number;
  /** Local receive time, integer µs since epoch. */
  readonly tsRecv: number;
  /** Per-connection (or per-source) sequence number. */
  readonly seq: number;
}

/** One price level: [price, quantity]. Quantity is absolute; 0 removes the level. */
export type Level = readonly [price: number, qty: number];

export interface TradeEvent extends EventTime {
  readonly type: 'trade';
  readonly symbol: string;
  readonly price: number;
  readonly qty: number;
  /** Taker side (MEXC's tradeType, mapped through the configured meaning). */
  readonly side: Side;
  /** Exchange trade time, ms. */
  readonly tradeTime: number;
  readonly tradeId?: string;
}

export interface BookDeltaEvent extends EventTime {
  readonly type: 'book_delta';
  readonly symbol: string;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly fromVersion: number;
  readonly toVersion: number;
}

export interface BookSnapshotEvent extends EventTime {
  readonly type: 'book_snapshot';
  readonly symbol: string;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  /** lastUpdateId for a REST snapshot, `version` for a limit-depth push. */
  readonly version: number;
  /** 'rest' = full snapshot from /api/v3/depth; 'limit' = top-N push (limit.depth channel). */
  readonly source: 'rest' | 'limit';
}

export interface BookTickerEvent extends EventTime {
  readonly type: 'book_ticker';
  readonly symbol: string;
  readonly bidPrice: number;
  readonly bidQty: number;
  readonly askPrice: number;
  readonly askQty: number;
  readonly version?: number;
}

export type KlineInterval =
  | 'Min1' | 'Min5' | 'Min15' | 'Min30' | 'Min60' | 'Hour4' | 'Hour8' | 'Day1' | 'Week1' | 'Month1';

export interface KlineEvent extends EventTime {
  readonly type: 'kline';
  readonly symbol: string;
  readonly interval: KlineInterval;
  /** Window start, ms (MEXC sends seconds). */
  readonly openTime: number;
  /** Window end, ms (MEXC sends seconds). */
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base-asset volume (wire `volume`). */
  readonly baseVolume: number;
  /** Quote-asset amount (wire `amount`). */
  readonly quoteVolume: number;
}

export interface MiniTickerEvent extends EventTime {
  readonly type: 'mini_ticker';
  readonly symbol: string;
  readonly price: number;
  /** Change as a fraction, UTC+8 day (wire `rate`). */
  readonly rate: number;
  /** Change as a fraction, requested timezone (wire `zonedRate`). */
  readonly zonedRate: number;
  readonly high: number;
  readonly low: number;
  /** Rolling quote turnover: the wire field is called `volume` but holds the quote amount. */
  readonly quoteVolume: number;
  /** Rolling base volume: the wire field `quantity`. */
  readonly baseVolume: number;
}

/** Where a status observation came from. */
export type StatusSource = 'calendar' | 'symbols_v2' | 'exchange_info' | 'default_symbols';

/**
 * One observation of a listing's state (every poll is recorded, not only changes). The numeric
 * codes are kept as MEXC sends them; their meaning is unverified (mexc-api.md §7.2).
 */
export interface StatusEvent extends EventTime {
  readonly type: 'status';
  readonly source: StatusSource;
  readonly symbol: string;
  readonly vcoinId: string;
  readonly sts?: number;
  readonly st?: number;
  readonly tt?: number;
  /** Scheduled open, ms (calendar firstOpenTime or symbolsV2 ot). */
  readonly openTime?: number;
  /** exchangeInfo status "1"/"2"/"3" when the source is exchange_info. */
  readonly exchangeStatus?: string;
  readonly apiTradable?: boolean;
}

/** A listing announced by the calendar (or first seen in symbolsV2). */
export interface ListingEvent extends EventTime {
  readonly type: 'listing';
  readonly symbol: string;
  readonly vcoinId: string;
  readonly vcoinName: string;
  readonly vcoinNameFull: string;
  /** Scheduled open, ms. */
  readonly firstOpenTime: number;
  readonly zone: string;
}

export type GapReason =
  | 'disconnect' | 'version_gap' | 'malformed_frame' | 'resync' | 'subscribe_failed' | 'stale';

/** A stretch where a stream's data is missing or untrustworthy. */
export interface GapEvent extends EventTime {
  readonly type: 'gap';
  readonly symbol: string;
  readonly channel: string;
  readonly reason: GapReason;
  /** Start and end of the gap, µs. */
  readonly fromUs: number;
  readonly toUs: number;
  readonly detail?: string;
}

export type OrderType = 'LIMIT' | 'MARKET' | 'LIMIT_MAKER' | 'IMMEDIATE_OR_CANCEL' | 'FILL_OR_KILL';
export type OrderStatus =
  | 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'PARTIALLY_CANCELED' | 'REJECTED' | 'UNKNOWN';

/** Our own order changed state (REST answer, private stream or simulated venue). */
export interface OrderUpdateEvent extends EventTime {
  readonly type: 'order_update';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly orderId?: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly status: OrderStatus;
  readonly price?: number;
  readonly qty?: number;
  readonly quoteQty?: number;
  readonly filledQty: number;
  readonly filledQuote: number;
  /** Set when status is REJECTED: the venue's code (e.g. 10007) and message. */
  readonly rejectCode?: number;
  readonly rejectReason?: string;
}

/** One fill of our own order. */
export interface FillEvent extends EventTime {
  readonly type: 'fill';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly orderId?: string;
  readonly tradeId: string;
  readonly side: Side;
  readonly price: number;
  readonly qty: number;
  readonly quoteQty: number;
  readonly fee: number;
  readonly feeAsset: string;
  readonly isMaker: boolean;
}

/** A balance change of our account. */
export interface BalanceEvent extends EventTime {
  readonly type: 'balance';
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
  readonly reason: string;
}

/** A timer the strategy asked for has fired. */
export interface TimerEvent extends EventTime {
  readonly type: 'timer';
  readonly timerId: string;
  readonly payload?: unknown;
}

export type MarketEvent =
  | TradeEvent | BookDeltaEvent | BookSnapshotEvent | BookTickerEvent | KlineEvent | MiniTickerEvent;
export type ListingInfoEvent = StatusEvent | ListingEvent;
export type AccountEvent = OrderUpdateEvent | FillEvent | BalanceEvent;

export type SniperEvent = MarketEvent | ListingInfoEvent | GapEvent | AccountEvent | TimerEvent;
export type EventType = SniperEvent['type'];

/** Order of two events in a merged stream: (tsRecv, seq). */
export function compareEventTime(a: EventTime, b: EventTime): number {
  return a.tsRecv - b.tsRecv || a.seq - b.seq;
}
