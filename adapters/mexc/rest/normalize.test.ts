import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { DecodeError } from '../../../core/errors.ts';
import { mexcFixture } from '../../../core/testing/fixtures.ts';
import {
  calendarToListings, calendarToStatus, defaultSymbolsToStatus, depthToSnapshot, exchangeSymbolToStatus, klineRowToEvent,
  restTradeToEvent, symbolsV2ToStatus, ticker24hrSummary, tradeFacts,
} from './normalize.ts';
import { findSymbolV2, looksReady, statusInterpretationSchema } from './status-interpretation.ts';
import * as T from './types.ts';

const ccxt = JSON.parse(readFileSync(mexcFixture('rest-responses.ccxt.json'), 'utf8')) as Record<string, { httpResponse: unknown; expected: unknown }>;
const jkorf = JSON.parse(readFileSync(mexcFixture('rest-exchangeinfo.jkorf.json'), 'utf8')) as Record<string, unknown>;
const meta = { tsRecv: 1_704_908_526_300_123, seq: 7 };

describe('the ccxt facts hold for real answers', () => {
  test('depth: string lastUpdateId → version number; timestamp → tsEvent; levels as numbers', () => {
    const c = ccxt['GET /api/v3/depth?symbol=BTCUSDT&limit=1']!;
    const expected = c.expected as { nonce: number; timestamp: number; bestBid: [number, number]; bestAsk: [number, number] };
    const ev = depthToSnapshot('BTCUSDT', T.mexcDepthSchema.parse(c.httpResponse), meta);
    expect(ev).toEqual({
      type: 'book_snapshot', tsEvent: expected.timestamp, tsRecv: meta.tsRecv, seq: 7, symbol: 'BTCUSDT',
      bids: [expected.bestBid], asks: [expected.bestAsk], version: expected.nonce, source: 'rest',
    });
  });

  test('trades: m=false ⇒ the buyer is the taker; time from the string T', () => {
    const c = ccxt['GET /api/v3/trades?symbol=BTCUSDT&limit=1']!;
    const [entry] = T.mexcTradesSchema.parse(c.httpResponse);
    const ev = restTradeToEvent('BTCUSDT', entry!, meta);
    expect(ev).toMatchObject({ type: 'trade', side: 'buy', price: 73238.7, qty: 0.000112, tradeTime: 1710327661000, tsEvent: 1710327661000 });
    expect(ev.tradeId).toBeUndefined();
    expect(ev.price * ev.qty).toBeCloseTo((c.expected as { cost: number }).cost, 10);
    expect(tradeFacts({ ...entry!, m: true } as T.MexcTradeEntry).takerSide).toBe('sell');
    expect(tradeFacts({ id: 5, price: '1', qty: '2', time: 3, isBuyerMaker: false }).takerSide).toBe('buy');
  });

  test('ticker/24hr priceChangePercent is a fraction: "0.0173" = 1.73 %', () => {
    const c = ccxt['GET /api/v3/ticker/24hr?symbol=BTCUSDT']!;
    const s = ticker24hrSummary(T.mexcTicker24hrSchema.parse(c.httpResponse));
    expect(s.changeFraction).toBe(0.0173);
    expect(s.changePercent).toBe((c.expected as { percentage: number }).percentage);
    expect(s.quoteVolume).toBe(554877037.44);
  });

  test('klines: 8 columns, ms times, quote volume in the last column', () => {
    const c = ccxt['GET /api/v3/klines?symbol=BTCUSDT&interval=60m&limit=1']!;
    const [row] = T.mexcKlinesSchema.parse(c.httpResponse);
    const [openTime, open, high, low, close, volume] = (c.expected as number[][])[0]!;
    const ev = klineRowToEvent('BTCUSDT', '60m', row!, meta);
    expect(ev).toMatchObject({ interval: 'Min60', openTime, open, high, low, close, baseVolume: volume, closeTime: 1710331200000, quoteVolume: 3633995.45 });
  });

  test('junk decimals are errors, not zeros', () => {
    expect(() => depthToSnapshot('X', { lastUpdateId: 1, bids: [['', '1']], asks: [] }, meta)).toThrow(DecodeError);
    expect(() => depthToSnapshot('X', { lastUpdateId: '1.5', bids: [], asks: [] }, meta)).toThrow(DecodeError);
  });
});

describe('status and listing observations', () => {
  const calendar = T.mexcCalendarSchema.parse({ data: { newCoins: [
    { vcoinId: 'c0ffee', vcoinName: 'BRIC', vcoinNameFull: 'REDBRICK', firstOpenTime: 1640995200000, zone: 'NEW' },
    { vcoinId: 77, vcoinName: 'NOZONE', firstOpenTime: '1640995300000' },
  ] } });
  const v2 = T.mexcSymbolsV2Schema.parse({ data: { symbols: {
    USDT: [{ cd: 'c0ffee', vn: 'BRIC', sts: 2, st: 2, tt: 4, ot: 1640995200000 }, { cd: 'x1', vn: 'OLD', sts: '1', st: 1, tt: null }],
    USDC: [{ cd: 'c0ffee', vn: 'BRIC', sts: 1 }],
  } } });

  test('calendar → ListingEvents with symbol = vcoinName + quote and ms open times', () => {
    const [a, b] = calendarToListings(calendar, meta);
    expect(a).toEqual({ type: 'listing', tsEvent: 1_704_908_526_300, tsRecv: meta.tsRecv, seq: 7, symbol: 'BRICUSDT', vcoinId: 'c0ffee', vcoinName: 'BRIC', vcoinNameFull: 'REDBRICK', firstOpenTime: 1640995200000, zone: 'NEW' });
    expect(b).toMatchObject({ symbol: 'NOZONEUSDT', vcoinId: '77', zone: '', vcoinNameFull: '', firstOpenTime: 1640995300000 });
    expect(calendarToListings(calendar, meta, { calendarQuote: 'USDC' })[0]!.symbol).toBe('BRICUSDC');
    expect(calendarToStatus(calendar, meta)[0]).toMatchObject({ type: 'status', source: 'calendar', symbol: 'BRICUSDT', openTime: 1640995200000 });
  });

  test('symbolsV2 → StatusEvents per quote list with raw codes (strings read as integers, nulls left out)', () => {
    const events = symbolsV2ToStatus(v2, meta);
    expect(events.map((e) => e.symbol)).toEqual(['BRICUSDT', 'OLDUSDT', 'BRICUSDC']);
    expect(events[0]).toEqual({ type: 'status', source: 'symbols_v2', tsEvent: 1_704_908_526_300, tsRecv: meta.tsRecv, seq: 7, symbol: 'BRICUSDT', vcoinId: 'c0ffee', sts: 2, st: 2, tt: 4, openTime: 1640995200000 });
    expect(events[1]).toEqual({ type: 'status', source: 'symbols_v2', tsEvent: 1_704_908_526_300, tsRecv: meta.tsRecv, seq: 7, symbol: 'OLDUSDT', vcoinId: 'x1', sts: 1, st: 1 });
    expect(symbolsV2ToStatus(v2, meta, { calendarQuote: 'USDT', symbolsV2Quotes: ['USDC'] }).map((e) => e.symbol)).toEqual(['BRICUSDC']);
  });

  test('exchangeInfo symbol → exchange_info StatusEvent with the raw status and serverTime', () => {
    const info = T.mexcExchangeInfoSchema.parse(jkorf['GET /api/v3/exchangeInfo']);
    const ev = exchangeSymbolToStatus(info.symbols[0]!, meta, info.serverTime, { calendarQuote: 'USDT', vcoinIdOf: (b) => (b === 'BROCK' ? 'id-brock' : undefined) });
    expect(ev).toEqual({ type: 'status', source: 'exchange_info', tsEvent: 1737623435453, tsRecv: meta.tsRecv, seq: 7, symbol: 'BROCKUSDT', vcoinId: 'id-brock', exchangeStatus: '1', apiTradable: true });
  });

  test('defaultSymbols → apiTradable per listed or watched symbol', () => {
    const list = T.mexcSymbolListSchema.parse(jkorf['GET /api/v3/defaultSymbols']);
    expect(defaultSymbolsToStatus(list, meta).map((e) => [e.symbol, e.apiTradable, e.tsEvent])).toEqual([
      ['SNTUSDT', true, 1737623243056], ['CGPTUSDT', true, 1737623243056], ['HEGICUSDT', true, 1737623243056],
    ]);
    expect(defaultSymbolsToStatus(list, meta, ['CGPTUSDT', 'NEWUSDT']).map((e) => [e.symbol, e.apiTradable, e.source])).toEqual([
      ['CGPTUSDT', true, 'default_symbols'], ['NEWUSDT', false, 'default_symbols'],
    ]);
  });

  test('the "ready" reading and the calendar join are configuration', () => {
    const [bric, old] = symbolsV2ToStatus(v2, meta);
    expect(looksReady(bric!)).toBe(true);
    expect(looksReady(old!)).toBe(false);
    expect(looksReady(bric!, statusInterpretationSchema.parse({ readyPattern: null }))).toBeUndefined();
    expect(looksReady(bric!, statusInterpretationSchema.parse({ readyPattern: { sts: 3 } }))).toBe(false);
    const coin = calendar.data.newCoins[0]!;
    expect(findSymbolV2(coin, v2)).toMatchObject({ quote: 'USDT', entry: { cd: 'c0ffee' } });
    const renamed = { ...coin, vcoinName: 'OTHER' };
    expect(findSymbolV2(renamed, v2, statusInterpretationSchema.parse({ calendarJoin: 'ticker' }))).toBeUndefined();
    expect(findSymbolV2(renamed, v2, statusInterpretationSchema.parse({ calendarJoin: 'coin_id' }))?.entry.vn).toBe('BRIC');
    const otherId = { ...coin, vcoinId: 'nope' };
    expect(findSymbolV2(otherId, v2)?.entry.vn).toBe('BRIC'); // falls back to the ticker
    expect(findSymbolV2(otherId, v2, statusInterpretationSchema.parse({ calendarJoin: 'coin_id' }))).toBeUndefined();
  });
});
