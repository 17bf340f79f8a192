/**
 * The endpoint table: method, path, host, whether it is signed or changes state, and the wire
 * schema of its answer. The client's methods are thin wrappers over these rows; the exchange
 * simulator can read the same table to serve the same paths.
 */
import type { z } from 'zod';
import type { EndpointSpec, HttpMethod } from './transport.ts';
import * as T from './types.ts';

function spec<S extends z.ZodType>(
  method: HttpMethod, path: string, schema: S,
  options: { signed?: boolean; stateChanging?: boolean; host?: 'api' | 'web'; limitKey?: string } = {},
): EndpointSpec<S> {
  return Object.freeze({
    method, path, schema,
    host: options.host ?? 'api',
    signed: options.signed ?? false,
    stateChanging: options.stateChanging ?? false,
    ...(options.limitKey !== undefined ? { limitKey: options.limitKey } : {}),
  });
}

const signed = { signed: true } as const;
const mutating = { signed: true, stateChanging: true } as const;

export const ENDPOINTS = Object.freeze({
  ping: spec('GET', '/api/v3/ping', T.mexcPingSchema),
  time: spec('GET', '/api/v3/time', T.mexcServerTimeSchema),
  exchangeInfo: spec('GET', '/api/v3/exchangeInfo', T.mexcExchangeInfoSchema),
  defaultSymbols: spec('GET', '/api/v3/defaultSymbols', T.mexcSymbolListSchema),
  offlineSymbols: spec('GET', '/api/v3/symbol/offline', T.mexcOfflineSymbolsSchema),
  depth: spec('GET', '/api/v3/depth', T.mexcDepthSchema),
  trades: spec('GET', '/api/v3/trades', T.mexcTradesSchema),
  aggTrades: spec('GET', '/api/v3/aggTrades', T.mexcAggTradesSchema),
  klines: spec('GET', '/api/v3/klines', T.mexcKlinesSchema),
  avgPrice: spec('GET', '/api/v3/avgPrice', T.mexcAvgPriceSchema),
  ticker24hr: spec('GET', '/api/v3/ticker/24hr', T.mexcTicker24hrSchema),
  ticker24hrAll: spec('GET', '/api/v3/ticker/24hr', T.mexcTicker24hrListSchema, { limitKey: 'GET /api/v3/ticker/24hr:all' }),
  tickerPrice: spec('GET', '/api/v3/ticker/price', T.mexcTickerPriceSchema),
  tickerPriceAll: spec('GET', '/api/v3/ticker/price', T.mexcTickerPriceListSchema, { limitKey: 'GET /api/v3/ticker/price:all' }),
  bookTicker: spec('GET', '/api/v3/ticker/bookTicker', T.mexcBookTickerSchema),
  bookTickerAll: spec('GET', '/api/v3/ticker/bookTicker', T.mexcBookTickerListSchema, { limitKey: 'GET /api/v3/ticker/bookTicker:all' }),

  calendar: spec('GET', '/api/operation/new_coin_calendar', T.mexcCalendarSchema, { host: 'web' }),
  symbolsV2: spec('GET', '/api/platform/spot/market-v2/web/symbolsV2', T.mexcSymbolsV2Schema, { host: 'web' }),

  placeOrder: spec('POST', '/api/v3/order', T.mexcNewOrderSchema, mutating),
  testOrder: spec('POST', '/api/v3/order/test', T.mexcTestOrderSchema, signed),
  cancelOrder: spec('DELETE', '/api/v3/order', T.mexcCancelledOrderSchema, mutating),
  cancelAllOrders: spec('DELETE', '/api/v3/openOrders', T.mexcCancelledOrderListSchema, mutating),
  queryOrder: spec('GET', '/api/v3/order', T.mexcOrderSchema, signed),
  openOrders: spec('GET', '/api/v3/openOrders', T.mexcOrderListSchema, signed),
  allOrders: spec('GET', '/api/v3/allOrders', T.mexcOrderListSchema, signed),
  account: spec('GET', '/api/v3/account', T.mexcAccountSchema, signed),
  myTrades: spec('GET', '/api/v3/myTrades', T.mexcMyTradesSchema, signed),
  tradeFee: spec('GET', '/api/v3/tradeFee', T.mexcTradeFeeSchema, signed),
  selfSymbols: spec('GET', '/api/v3/selfSymbols', T.mexcSymbolListSchema, signed),

  createListenKey: spec('POST', '/api/v3/userDataStream', T.mexcListenKeySchema, signed),
  keepAliveListenKey: spec('PUT', '/api/v3/userDataStream', T.mexcListenKeySchema, signed),
  closeListenKey: spec('DELETE', '/api/v3/userDataStream', T.mexcListenKeyClosedSchema, signed),
  listListenKeys: spec('GET', '/api/v3/userDataStream', T.mexcListenKeyListSchema, signed),
});
