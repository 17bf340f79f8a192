import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { mexcFixture } from '../../../core/testing/fixtures.ts';
import * as T from './types.ts';

const jkorf = JSON.parse(readFileSync(mexcFixture('rest-exchangeinfo.jkorf.json'), 'utf8')) as Record<string, unknown>;
const ccxt = JSON.parse(readFileSync(mexcFixture('rest-responses.ccxt.json'), 'utf8')) as Record<string, { httpResponse: unknown }>;

/** Parse and require the output to equal the input exactly (every value kept as received). */
function roundTrip(schema: { parse(x: unknown): unknown }, value: unknown): void {
  const parsed = schema.parse(value);
  expect(Bun.deepEquals(parsed, value, true)).toBe(true);
}

describe('real MEXC answers parse to exactly their recorded values', () => {
  test('exchangeInfo (JKorf/Mexc.Net capture)', () => {
    roundTrip(T.mexcExchangeInfoSchema, jkorf['GET /api/v3/exchangeInfo']);
    const info = T.mexcExchangeInfoSchema.parse(jkorf['GET /api/v3/exchangeInfo']);
    expect(info.symbols[0]!.status).toBe('1');
    expect(info.symbols[0]!.tradeSideType).toBe(1);
    expect(info.symbols[0]!.baseSizePrecision).toBe('0');
  });
  test('defaultSymbols', () => roundTrip(T.mexcSymbolListSchema, jkorf['GET /api/v3/defaultSymbols']));
  const cases: [string, { parse(x: unknown): unknown }][] = [
    ['GET /api/v3/depth?symbol=BTCUSDT&limit=1', T.mexcDepthSchema],
    ['GET /api/v3/trades?symbol=BTCUSDT&limit=1', T.mexcTradesSchema],
    ['GET /api/v3/ticker/24hr?symbol=BTCUSDT', T.mexcTicker24hrSchema],
    ['GET /api/v3/klines?symbol=BTCUSDT&interval=60m&limit=1', T.mexcKlinesSchema],
    ['GET /api/v3/allOrders?symbol=ATLASUSDT&limit=1 (signed)', T.mexcOrderListSchema],
    ['GET /api/v3/myTrades?symbol=ATLASUSDT&limit=1 (signed)', T.mexcMyTradesSchema],
  ];
  for (const [key, schema] of cases) test(key, () => roundTrip(schema, ccxt[key]!.httpResponse));
  test('depth keeps a string lastUpdateId as a string', () => {
    const depth = T.mexcDepthSchema.parse(ccxt['GET /api/v3/depth?symbol=BTCUSDT&limit=1']!.httpResponse);
    expect(depth.lastUpdateId).toBe('20453289489');
  });
});

// the documented samples (mexc-api.md §4.5–§7)
const docSymbol = {
  symbol: 'BTCUSDT', status: '1', baseAsset: 'BTC', baseAssetPrecision: 8, quoteAsset: 'USDT', quotePrecision: 2,
  quoteAssetPrecision: 2, baseCommissionPrecision: 8, quoteCommissionPrecision: 2, orderTypes: ['LIMIT', 'MARKET', 'LIMIT_MAKER'],
  isSpotTradingAllowed: false, isMarginTradingAllowed: false, quoteAmountPrecision: '1', baseSizePrecision: '0.000001',
  permissions: ['SPOT'], filters: [{ filterType: 'PERCENT_PRICE_BY_SIDE', bidMultiplierUp: '0.005', askMultiplierDown: '0.005' }],
  maxQuoteAmount: '4000000', makerCommission: '0', takerCommission: '0.0005', quoteAmountPrecisionMarket: '1',
  maxQuoteAmountMarket: '4000000', fullName: 'Bitcoin', tradeSideType: 1, contractAddress: '', conceptPlateIds: [50, 5, 39, 12], st: false,
};

describe('documented samples', () => {
  test('2026 exchangeInfo symbol with PERCENT_PRICE_BY_SIDE; tradeSideType as a string too', () => {
    roundTrip(T.mexcExchangeSymbolSchema, docSymbol);
    roundTrip(T.mexcExchangeSymbolSchema, { ...docSymbol, tradeSideType: '2', futureField: { x: 1 } });
  });
  test('order placement answer, full and minimal', () => {
    roundTrip(T.mexcNewOrderSchema, { symbol: 'MXUSDT', orderId: '06a480e69e604477bfb48dddd5f0b750', orderListId: -1, price: '0.1', origQty: '50', type: 'LIMIT', side: 'BUY', stpMode: '', transactTime: 1666676533741 });
    roundTrip(T.mexcNewOrderSchema, { symbol: 'MXUSDT', orderId: 'C02__505979017439002624115', orderListId: -1 });
  });
  test('account with and without `available`', () => {
    roundTrip(T.mexcAccountSchema, { canTrade: true, canWithdraw: true, canDeposit: true, updateTime: null, accountType: 'SPOT', balances: [{ asset: 'USDT', free: '10', locked: '0', available: '10' }, { asset: 'MX', free: '1', locked: '0.5' }], permissions: ['SPOT'] });
  });
  test('listenKey answers', () => {
    roundTrip(T.mexcListenKeySchema, { listenKey: 'pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1' });
    roundTrip(T.mexcListenKeyListSchema, { listenKey: ['a', 'b'] });
    roundTrip(T.mexcListenKeyClosedSchema, {});
  });
  test('error bodies, including extra keys and Chinese messages', () => {
    roundTrip(T.mexcErrorBodySchema, { code: -1128, msg: 'Combination of optional parameters invalid.', _extend: null });
    roundTrip(T.mexcErrorBodySchema, { msg: '资金不足', code: 10101 });
  });
  test('ticker 24hr with nulls and empty strings; bookTicker and price lists', () => {
    roundTrip(T.mexcTicker24hrSchema, { symbol: 'X', lastPrice: '1', bidQty: '', askQty: '', quoteVolume: null, count: null });
    roundTrip(T.mexcTickerPriceListSchema, [{ symbol: 'BTCUSDT', price: '1' }]);
    roundTrip(T.mexcBookTickerSchema, { symbol: 'BTCUSDT', bidPrice: '1', bidQty: '2', askPrice: '3', askQty: '4' });
  });
  test('calendar with optional extras', () => {
    roundTrip(T.mexcCalendarSchema, { data: { newCoins: [{ vcoinId: 'abc123', vcoinName: 'BRIC', vcoinNameFull: 'REDBRICK', firstOpenTime: 1640995200000, zone: 'NEW', introductionEn: 'x' }] } });
    roundTrip(T.mexcCalendarSchema, { code: 0, msg: 'success', data: { newCoins: [{ vcoinId: 'id', vcoinName: 'ABC', firstOpenTime: '1640995200000' }] } });
  });
  test('symbolsV2 keyed by quote', () => {
    roundTrip(T.mexcSymbolsV2Schema, { data: { symbols: { USDT: [{ cd: 'c1', mcd: 'm1', vn: 'XTER', fn: 'Xterio', sts: 2, st: 2, tt: 4, ot: 1735000000000, ps: 4, qs: 2, ca: '0xabc', srt: 5, newKey: 1 }], USDC: [] } } });
  });
});

describe('strict where a wrong value would hurt', () => {
  test('orderId must be a string', () => {
    expect(T.mexcNewOrderSchema.safeParse({ symbol: 'MXUSDT', orderId: 123 }).success).toBe(false);
  });
  test('order status and side must be known values', () => {
    const order = (ccxt['GET /api/v3/allOrders?symbol=ATLASUSDT&limit=1 (signed)']!.httpResponse as Record<string, unknown>[])[0]!;
    expect(T.mexcOrderSchema.safeParse({ ...order, status: 'EXPIRED' }).success).toBe(false);
    expect(T.mexcOrderSchema.safeParse({ ...order, side: 'buy' }).success).toBe(false);
  });
  test('PERCENT_PRICE_BY_SIDE without its multipliers is refused; unknown filter types pass', () => {
    expect(T.mexcSymbolFilterSchema.safeParse({ filterType: 'PERCENT_PRICE_BY_SIDE' }).success).toBe(false);
    expect(T.mexcSymbolFilterSchema.safeParse({ filterType: 'LOT_SIZE', minQty: '1' }).success).toBe(true);
  });
  test('isSpotTradingAllowed must be a boolean', () => {
    expect(T.mexcExchangeSymbolSchema.safeParse({ ...docSymbol, isSpotTradingAllowed: 'true' }).success).toBe(false);
  });
  test('klines must have 8 columns', () => {
    expect(T.mexcKlineRowSchema.safeParse([1, '1', '1', '1', '1', '1', 2]).success).toBe(false);
  });
  test('symbolsV2 as a flat array is refused', () => {
    expect(T.mexcSymbolsV2Schema.safeParse({ data: { symbols: [{ cd: 'c', vn: 'X' }] } }).success).toBe(false);
  });
  test('a listenKey answer without a key is refused', () => {
    expect(T.mexcListenKeySchema.safeParse({}).success).toBe(false);
  });
});
