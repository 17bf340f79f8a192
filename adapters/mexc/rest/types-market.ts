/**
 * Wire types of MEXC's public market-data endpoints (mexc-api.md §4.5, §4.6). Objects are loose:
 * unknown keys pass through untouched. Values keep their wire type (see wire-primitives.ts).
 * Fields a trading decision depends on (status, isSpotTradingAllowed, orderTypes, the filter
 * multipliers) are required and checked; fields that only describe are optional.
 */
import { z } from 'zod';
import { wireDecimal, wireDecimalOrNull, wireIdOrNull, wireInt, wireLevel } from './wire-primitives.ts';

/** `GET /api/v3/ping` → `{}`. */
export const mexcPingSchema = z.looseObject({});
export type MexcPing = z.infer<typeof mexcPingSchema>;

/** `GET /api/v3/time` → `{"serverTime": 1645539742000}`. */
export const mexcServerTimeSchema = z.looseObject({ serverTime: wireInt });
export type MexcServerTime = z.infer<typeof mexcServerTimeSchema>;

/** exchangeInfo symbol `status`: "1" online, "2" pause, "3" offline ("ENABLED" before Aug 2024). */
export const MEXC_SYMBOL_STATUS = Object.freeze({ online: '1', pause: '2', offline: '3' } as const);

/** `tradeSideType`: 1 all, 2 buy orders only, 3 sell orders only, 4 close (number or string). */
export const MEXC_TRADE_SIDE_TYPE = Object.freeze({ all: 1, buyOnly: 2, sellOnly: 3, close: 4 } as const);

/** Buy price ≤ last × bidMultiplierUp; sell price ≥ last × askMultiplierDown. */
export const mexcPercentPriceBySideFilterSchema = z.looseObject({
  filterType: z.literal('PERCENT_PRICE_BY_SIDE'),
  bidMultiplierUp: wireDecimal,
  askMultiplierDown: wireDecimal,
});
/** Any other filter type is kept as received. */
const otherFilterSchema = z.looseObject({
  filterType: z.string().refine((t) => t !== 'PERCENT_PRICE_BY_SIDE', 'PERCENT_PRICE_BY_SIDE needs its multipliers'),
});
export const mexcSymbolFilterSchema = z.union([mexcPercentPriceBySideFilterSchema, otherFilterSchema]);
export type MexcSymbolFilter = z.infer<typeof mexcSymbolFilterSchema>;

export const mexcExchangeSymbolSchema = z.looseObject({
  symbol: z.string().min(1),
  /** "1" online, "2" pause, "3" offline; kept as a string so an unseen value is still recorded. */
  status: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  /** Decimal places of the quantity. */
  baseAssetPrecision: wireInt,
  quotePrecision: wireInt.optional(),
  /** Decimal places of the price. */
  quoteAssetPrecision: wireInt,
  baseCommissionPrecision: wireInt.optional(),
  quoteCommissionPrecision: wireInt.optional(),
  orderTypes: z.array(z.string()),
  isSpotTradingAllowed: z.boolean(),
  isMarginTradingAllowed: z.boolean().optional(),
  /** Minimum order amount in quote (a decimal string despite the name). */
  quoteAmountPrecision: wireDecimal,
  /** Minimum order quantity in base (a decimal string despite the name). */
  baseSizePrecision: wireDecimal,
  permissions: z.array(z.string()).optional(),
  filters: z.array(mexcSymbolFilterSchema).optional(),
  maxQuoteAmount: wireDecimal.optional(),
  makerCommission: wireDecimal.optional(),
  takerCommission: wireDecimal.optional(),
  quoteAmountPrecisionMarket: wireDecimal.optional(),
  maxQuoteAmountMarket: wireDecimal.optional(),
  fullName: z.string().nullable().optional(),
  tradeSideType: z.union([z.number(), z.string()]).optional(),
  contractAddress: z.string().nullable().optional(),
  conceptPlateIds: z.array(z.union([z.number(), z.string()])).optional(),
  /** ST (special treatment) flag. */
  st: z.boolean().optional(),
  quoteOrderQtyMarketAllowed: z.boolean().optional(),
});
export type MexcExchangeSymbol = z.infer<typeof mexcExchangeSymbolSchema>;

/** `GET /api/v3/exchangeInfo[?symbol=X|symbols=X,Y]`. */
export const mexcExchangeInfoSchema = z.looseObject({
  timezone: z.string().optional(),
  serverTime: wireInt.optional(),
  rateLimits: z.array(z.unknown()).optional(),
  exchangeFilters: z.array(z.unknown()).optional(),
  symbols: z.array(mexcExchangeSymbolSchema),
});
export type MexcExchangeInfo = z.infer<typeof mexcExchangeInfoSchema>;

/**
 * `GET /api/v3/defaultSymbols` and `GET /api/v3/selfSymbols`:
 * `{"code":200,"data":["GENE1USDT",...],"msg":null}` (code 0 or 200; msg null or "success").
 */
export const mexcSymbolListSchema = z.looseObject({
  code: wireInt,
  data: z.array(z.string()),
  msg: z.string().nullable().optional(),
  timestamp: wireInt.optional(),
});
export type MexcSymbolList = z.infer<typeof mexcSymbolListSchema>;

/** `GET /api/v3/symbol/offline`: state 2 suspended, 3 delisted. */
export const mexcOfflineSymbolsSchema = z.looseObject({
  data: z.array(z.looseObject({ symbol: z.string(), state: wireInt, offlineTime: wireInt.nullable().optional() })),
});
export type MexcOfflineSymbols = z.infer<typeof mexcOfflineSymbolsSchema>;

/** `GET /api/v3/depth`: lastUpdateId is a number or an integer string; timestamp is optional. */
export const mexcDepthSchema = z.looseObject({
  lastUpdateId: wireInt,
  bids: z.array(wireLevel),
  asks: z.array(wireLevel),
  timestamp: wireInt.optional(),
});
export type MexcDepth = z.infer<typeof mexcDepthSchema>;

/** One entry of `GET /api/v3/aggTrades`. `m` true = the buyer was the maker (so the seller took). */
export const mexcAggTradeSchema = z.looseObject({
  a: wireIdOrNull,
  f: wireIdOrNull,
  l: wireIdOrNull,
  p: wireDecimal,
  q: wireDecimal,
  T: wireInt,
  m: z.boolean(),
  M: z.boolean().optional(),
});
export type MexcAggTrade = z.infer<typeof mexcAggTradeSchema>;
export const mexcAggTradesSchema = z.array(mexcAggTradeSchema);

/** The documented shape of `GET /api/v3/trades` (`id` is null in practice). */
export const mexcRecentTradeSchema = z.looseObject({
  id: wireIdOrNull,
  price: wireDecimal,
  qty: wireDecimal,
  quoteQty: wireDecimal.optional(),
  time: wireInt,
  isBuyerMaker: z.boolean(),
  isBestMatch: z.boolean().optional(),
  tradeType: z.string().optional(),
});
export type MexcRecentTrade = z.infer<typeof mexcRecentTradeSchema>;
/** `GET /api/v3/trades` has been seen answering in the aggTrades shape too (ccxt fixture); accept both. */
export const mexcTradeEntrySchema = z.union([mexcRecentTradeSchema, mexcAggTradeSchema]);
export type MexcTradeEntry = z.infer<typeof mexcTradeEntrySchema>;
export const mexcTradesSchema = z.array(mexcTradeEntrySchema);

/** `[openTime, open, high, low, close, baseVolume, closeTime, quoteVolume]`: 8 columns. */
export const mexcKlineRowSchema = z.tuple([
  wireInt, wireDecimal, wireDecimal, wireDecimal, wireDecimal, wireDecimal, wireInt, wireDecimal,
]);
export type MexcKlineRow = z.infer<typeof mexcKlineRowSchema>;
export const mexcKlinesSchema = z.array(mexcKlineRowSchema);

/** REST kline intervals (note `60m`, not `1h`). */
export const MEXC_REST_KLINE_INTERVALS = ['1m', '5m', '15m', '30m', '60m', '4h', '1d', '1W', '1M'] as const;
export type MexcRestKlineInterval = (typeof MEXC_REST_KLINE_INTERVALS)[number];

/** `GET /api/v3/ticker/24hr`. `priceChangePercent` is a FRACTION: "0.0173" means 1.73 %. */
export const mexcTicker24hrSchema = z.looseObject({
  symbol: z.string(),
  priceChange: wireDecimalOrNull.optional(),
  priceChangePercent: wireDecimalOrNull.optional(),
  prevClosePrice: wireDecimalOrNull.optional(),
  lastPrice: wireDecimalOrNull,
  bidPrice: wireDecimalOrNull.optional(),
  bidQty: wireDecimalOrNull.optional(),
  askPrice: wireDecimalOrNull.optional(),
  askQty: wireDecimalOrNull.optional(),
  openPrice: wireDecimalOrNull.optional(),
  highPrice: wireDecimalOrNull.optional(),
  lowPrice: wireDecimalOrNull.optional(),
  volume: wireDecimalOrNull.optional(),
  quoteVolume: wireDecimalOrNull.optional(),
  openTime: wireInt.nullable().optional(),
  closeTime: wireInt.nullable().optional(),
  count: wireInt.nullable().optional(),
});
export type MexcTicker24hr = z.infer<typeof mexcTicker24hrSchema>;
export const mexcTicker24hrListSchema = z.array(mexcTicker24hrSchema);

/** `GET /api/v3/ticker/price`. */
export const mexcTickerPriceSchema = z.looseObject({ symbol: z.string(), price: wireDecimal });
export type MexcTickerPrice = z.infer<typeof mexcTickerPriceSchema>;
export const mexcTickerPriceListSchema = z.array(mexcTickerPriceSchema);

/** `GET /api/v3/ticker/bookTicker`. */
export const mexcBookTickerSchema = z.looseObject({
  symbol: z.string(),
  bidPrice: wireDecimalOrNull,
  bidQty: wireDecimalOrNull,
  askPrice: wireDecimalOrNull,
  askQty: wireDecimalOrNull,
});
export type MexcBookTicker = z.infer<typeof mexcBookTickerSchema>;
export const mexcBookTickerListSchema = z.array(mexcBookTickerSchema);

/** `GET /api/v3/avgPrice` → `{"mins":5,"price":"9.35751834"}`. */
export const mexcAvgPriceSchema = z.looseObject({ mins: wireInt, price: wireDecimal });
export type MexcAvgPrice = z.infer<typeof mexcAvgPriceSchema>;
