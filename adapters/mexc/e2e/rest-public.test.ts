/**
 * The adapter's REST client against the sim, public and website endpoints: every answer goes
 * through the client's zod schemas (a schema miss would come back as a DecodeError), and the
 * values are checked against what the sim's market holds.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { intOf } from '../rest/wire-primitives.ts';
import { BTC, clientFor, e2eScenario, must, startE2eSim, waitForMarket } from './harness.ts';

// two listings: the first is announced (visible) but opens in 10 minutes, the second much later
const sim = startE2eSim(e2eScenario({
  listings: { count: 2, firstOpenInSec: 600, intervalSec: 3600, lateShare: 0, notApiTradableShare: 0, deviateShare: 0 },
}));
const client = clientFor(sim);
const listing = sim.exchange.market.listings[0]!;
afterAll(() => sim.stop());
beforeAll(async () => {
  await waitForMarket(sim);
});

describe('REST public endpoints through MexcRestClient', () => {
  test('ping; time and syncTime measure a small offset against the sim clock', async () => {
    expect(must(await client.ping())).toEqual({});
    const t = must(await client.serverTime());
    expect(Math.abs(intOf(t.serverTime, 'serverTime') - Date.now())).toBeLessThan(1000);
    // the sim's clock starts at the wall second floored, so it may lag the wall clock by < 1 s
    const sync = must(await client.syncTime());
    const wall = Date.now();
    const truth = sim.exchange.timeAt(wall) - wall;
    expect(Math.abs(sync.offsetMs - truth)).toBeLessThan(50);
    expect(client.timeOffsetMs).toBe(sync.offsetMs);
    expect(sync.roundTripMs).toBeGreaterThanOrEqual(0);
  });

  test('exchangeInfo: an open pair is status "1" and tradable; an announced listing is "2" and not', async () => {
    const all = must(await client.exchangeInfo());
    const btc = all.symbols.find((s) => s.symbol === BTC)!;
    expect(btc.status).toBe('1');
    expect(btc.isSpotTradingAllowed).toBe(true);
    expect(btc.orderTypes).toEqual(expect.arrayContaining(['LIMIT', 'MARKET', 'LIMIT_MAKER']));
    expect(intOf(btc.quoteAssetPrecision, 'p')).toBe(2);
    expect(intOf(btc.baseAssetPrecision, 'q')).toBe(6);
    const band = btc.filters?.find((f) => f.filterType === 'PERCENT_PRICE_BY_SIDE') as { bidMultiplierUp: string; askMultiplierDown: string } | undefined;
    expect(band).toBeDefined();
    expect(Number(band!.bidMultiplierUp)).toBeGreaterThan(0);
    expect(Number(band!.askMultiplierDown)).toBeGreaterThan(0);

    const both = must(await client.exchangeInfo({ symbols: [BTC, listing.symbol] })).symbols.map((x) => x.symbol);
    expect(both.sort()).toEqual([BTC, listing.symbol].sort());
    const pending = must(await client.exchangeInfo({ symbol: listing.symbol })).symbols;
    expect(pending.map((s) => s.symbol)).toEqual([listing.symbol]);
    expect(pending[0]!.status).toBe('2');
    expect(pending[0]!.isSpotTradingAllowed).toBe(false);
    // the not-yet-announced second listing is not listed at all
    const later = sim.exchange.market.listings[1]!;
    if (later.createdAt > sim.exchange.now()) expect(all.symbols.some((s) => s.symbol === later.symbol)).toBe(false);
  });

  test('defaultSymbols and selfSymbols list open API-tradable pairs only', async () => {
    const def = must(await client.defaultSymbols());
    expect(def.data).toContain(BTC);
    expect(def.data).not.toContain(listing.symbol);
    const self = must(await client.selfSymbols());
    expect(self.data).toContain(BTC);
    expect(self.data).not.toContain(listing.symbol);
  });

  test('depth: lastUpdateId is the book version; levels sorted, best bid below best ask', async () => {
    expect(must(await client.depth(BTC)).bids.length).toBeLessThanOrEqual(100); // default limit 100
    const d = must(await client.depth(BTC, 20));
    const id = intOf(d.lastUpdateId, 'lastUpdateId');
    expect(id).toBeGreaterThan(0);
    expect(id).toBeLessThanOrEqual(sim.exchange.market.symbols.get(BTC)!.book.version);
    expect(d.bids.length).toBe(20);
    expect(d.asks.length).toBe(20);
    const bids = d.bids.map(([p]) => Number(p));
    const asks = d.asks.map(([p]) => Number(p));
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(asks).toEqual([...asks].sort((a, b) => a - b));
    expect(bids[0]!).toBeLessThan(asks[0]!);
  });

  test('trades, aggTrades and klines', async () => {
    const trades = must(await client.trades(BTC, 10));
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.length).toBeLessThanOrEqual(10);
    // startTime/endTime bound the answer
    const all = must(await client.aggTrades(BTC));
    const mid = intOf(all[Math.floor(all.length / 2)]!.T, 'T');
    const late = must(await client.aggTrades(BTC, { startTime: mid, endTime: mid + 60_000 }));
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((a) => intOf(a.T, 'T') >= mid)).toBe(true);
    const aggs = must(await client.aggTrades(BTC, { limit: 50 }));
    expect(aggs.length).toBeLessThanOrEqual(50);
    expect(aggs.length).toBeGreaterThan(0);
    for (const a of aggs) expect(Number(a.p)).toBeGreaterThan(0);
    const times = aggs.map((a) => intOf(a.T, 'T'));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const kl = must(await client.klines(BTC, '1m'));
    expect(kl.length).toBeGreaterThan(0);
    const [openTime, open, high, low, close, , closeTime] = kl.at(-1)!;
    expect(intOf(closeTime, 'closeTime')).toBeGreaterThan(intOf(openTime, 'openTime'));
    expect(Number(high)).toBeGreaterThanOrEqual(Math.max(Number(open), Number(close), Number(low)));
  });

  test('tickers: 24hr, price, bookTicker, one and all', async () => {
    const t24 = must(await client.ticker24hr(BTC));
    expect(t24.symbol).toBe(BTC);
    expect(Number(t24.lastPrice)).toBeGreaterThan(0);
    // priceChangePercent is a fraction, not a percent
    const open = Number(t24.openPrice);
    expect(Number(t24.priceChangePercent)).toBeCloseTo(Number(t24.priceChange) / open, 3);
    expect(Math.abs(Number(t24.priceChangePercent))).toBeLessThan(0.5);
    expect(must(await client.ticker24hrAll()).some((t) => t.symbol === BTC)).toBe(true);
    expect(Number(must(await client.tickerPrice(BTC)).price)).toBeGreaterThan(0);
    expect(must(await client.tickerPriceAll()).map((t) => t.symbol)).toContain(BTC);
    const bt = must(await client.bookTicker(BTC));
    expect(Number(bt.bidPrice)).toBeLessThan(Number(bt.askPrice));
    expect(must(await client.bookTickerAll()).map((t) => t.symbol)).toContain(BTC);
  });

  test('calendar: data.newCoins carries the announced listing with firstOpenTime in ms', async () => {
    const cal = must(await client.calendar());
    const coin = cal.data.newCoins.find((c) => c.vcoinId === listing.vcoinId);
    expect(coin).toBeDefined();
    expect(coin!.vcoinName).toBe(listing.vcoinName);
    expect(coin!.vcoinNameFull).toBe(listing.vcoinNameFull);
    expect(intOf(coin!.firstOpenTime, 'firstOpenTime')).toBe(listing.scheduledOpen);
    expect(intOf(coin!.firstOpenTime, 'firstOpenTime') - Date.now()).toBeGreaterThan(500_000); // ms, ~10 min ahead
  });

  test('symbolsV2: data.symbols keyed by quote, entries with the listing status tuple', async () => {
    const v2 = must(await client.symbolsV2());
    expect(Object.keys(v2.data.symbols)).toEqual(['USDT']);
    const usdt = v2.data.symbols.USDT!;
    const btc = usdt.find((e) => e.vn === 'BTC')!;
    expect([btc.ps, btc.qs]).toEqual([2, 6]);
    const e = usdt.find((x) => x.vn === listing.vcoinName)!;
    expect(e.cd).toBe(listing.vcoinId);
    expect(e.ot).toBe(listing.scheduledOpen);
    const now = sim.exchange.now();
    const tuple = listing.statusTimeline.filter((c) => c.atMs <= now).at(-1)!.tuple;
    expect([e.sts, e.st, e.tt]).toEqual([...tuple]);
    expect(typeof e.ca).toBe('string');
  });
});

// MEXC documents exchangeInfo status "1" online / "2" pause / "3" offline, and /symbol/offline
// lists suspended (2) and delisted (3) pairs (mexc-api.md §4.5, §5, §7.3).
describe('offline pairs', () => {
  const base = { priceScale: 4, quantityScale: 2, price: 1.5, tradesPerSec: 1, meanTradeQuote: 50 };
  const offline = startE2eSim(e2eScenario({
    established: [
      { symbol: BTC, price: 86_500, priceScale: 2, quantityScale: 6, tradesPerSec: 20, meanTradeQuote: 2000 },
      { symbol: 'PAUSEUSDT', ...base, state: 'suspended' },
      { symbol: 'GONEUSDT', ...base, state: 'delisted' },
    ],
  }));
  const oc = clientFor(offline);
  afterAll(() => offline.stop());

  test('exchangeInfo says "2" for a suspended pair and "3" for a delisted one; /symbol/offline lists both', async () => {
    const info = must(await oc.exchangeInfo({ symbols: [BTC, 'PAUSEUSDT', 'GONEUSDT'] })).symbols;
    const status = Object.fromEntries(info.map((x) => [x.symbol, x.status]));
    expect(status).toEqual({ [BTC]: '1', PAUSEUSDT: '2', GONEUSDT: '3' });
    const listed = must(await oc.offlineSymbols()).data.map((x) => [x.symbol, x.state]);
    expect(listed.sort()).toEqual([['GONEUSDT', 3], ['PAUSEUSDT', 2]]);
  });
});
