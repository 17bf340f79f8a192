/**
 * REST against the sim, through this project's own MEXC client where it can be used, and raw
 * signed requests where a test must break a rule the client enforces.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { MexcRestClient } from '../../../adapters/mexc/rest/client.ts';
import { hmacSha256Hex } from '../../../adapters/mexc/rest/sign.ts';
import { testSim, waitForMarket } from '../../testing/sim-harness.ts';
import { signedFetch } from '../../testing/signed-fetch.ts';

const sim = testSim({ listings: { count: 6, firstOpenInSec: 1200, intervalSec: 36_000 }, account: { balances: { USDT: 1_000_000 } } });
const acct = sim.exchange.scenario.account;
const client = MexcRestClient.create({ baseUrl: sim.rest, webBaseUrl: sim.rest, apiKey: acct.apiKey, apiSecret: acct.apiSecret });
const raw = { base: sim.rest, apiKey: acct.apiKey, apiSecret: acct.apiSecret };
afterAll(() => sim.stop());
// the market's first ticks (a book, a trade) before anything reads it: on a loaded machine a
// fixed sleep was not always enough
beforeAll(() => waitForMarket(sim));

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};

describe('public endpoints parse with the client', () => {
  test('ping, time, exchangeInfo, depth, klines, tickers', async () => {
    must(await client.ping());
    const t = must(await client.serverTime());
    expect(Math.abs(Number(t.serverTime) - Date.now())).toBeLessThan(2000);
    const info = must(await client.exchangeInfo({ symbol: 'BTCUSDT' }));
    expect(info.symbols[0]!.status).toBe('1');
    const depth = must(await client.depth('BTCUSDT', 5));
    expect(depth.bids.length).toBe(5);
    must(await client.klines('BTCUSDT', '1m'));
    must(await client.tickerPrice('BTCUSDT'));
    must(await client.bookTicker('BTCUSDT'));
    must(await client.trades('BTCUSDT', 10));
  });

  test('the calendar and symbolsV2 show announced listings (and only those) with their status tuple', async () => {
    const cal = must(await client.calendar());
    const res = await fetch(`${sim.rest}/api/platform/spot/market-v2/web/symbolsV2`);
    const body = (await res.json()) as { data: { symbols: Record<string, { vn: string; sts: number; st: number; tt: number }[]> } };
    const now = sim.exchange.now();
    let announced = 0;
    for (const plan of sim.exchange.market.listings) {
      const coin = cal.data.newCoins.find((c) => c.vcoinId === plan.vcoinId);
      const entry = body.data.symbols.USDT!.find((e) => e.vn === plan.vcoinName);
      if (plan.createdAt > now + 1000) {
        expect(coin).toBeUndefined();
        expect(entry).toBeUndefined();
        continue;
      }
      if (plan.createdAt > now - 1000) continue;
      announced++;
      expect(Number(coin!.firstOpenTime)).toBe(plan.scheduledOpen);
      expect([entry!.sts, entry!.st, entry!.tt]).toEqual([...plan.statusTimeline.filter((c) => c.atMs <= now).at(-1)!.tuple]);
    }
    expect(announced).toBeGreaterThan(0);
  });
});

describe('signing', () => {
  test('the documented test vector is accepted as a signature (then fails only on its old timestamp)', async () => {
    const total = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';
    expect(hmacSha256Hex('45d0b3c26f2644f19bfb98b07741b2f5', total)).toBe('fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a');
    const ok = await fetch(`${sim.rest}/api/v3/order?${total}&signature=fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a`, { method: 'POST', headers: { 'X-MEXC-APIKEY': acct.apiKey } });
    expect(((await ok.json()) as { code: number }).code).toBe(700003);
    const bad = await fetch(`${sim.rest}/api/v3/order?${total}&signature=${'0'.repeat(64)}`, { method: 'POST', headers: { 'X-MEXC-APIKEY': acct.apiKey } });
    expect(((await bad.json()) as { code: number }).code).toBe(700002);
  });

  test('the body is signed concatenated to the query, without &', async () => {
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT';
    const body = `quantity=0.001&price=50000&recvWindow=5000&timestamp=${Date.now()}`;
    const sig = hmacSha256Hex(acct.apiSecret, query + body);
    const res = await fetch(`${sim.rest}/api/v3/order/test?${query}`, { method: 'POST', body: `${body}&signature=${sig}`, headers: { 'X-MEXC-APIKEY': acct.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(await res.json()).toEqual({});
  });

  test('bad signature 700002, stale timestamp 700003, recvWindow over 60000 is 700005, unknown key 10072', async () => {
    expect((await signedFetch(raw, 'GET', '/api/v3/openOrders', {}, { tamper: true })).body.code).toBe(700002);
    expect((await signedFetch(raw, 'GET', '/api/v3/openOrders', {}, { timestamp: Date.now() - 10_000 })).body.code).toBe(700003);
    expect((await signedFetch(raw, 'GET', '/api/v3/openOrders', {}, { timestamp: Date.now() + 5_000 })).body.code).toBe(700003);
    expect((await signedFetch(raw, 'GET', '/api/v3/openOrders', {}, { recvWindow: 70_000 })).body.code).toBe(700005);
    expect((await signedFetch({ ...raw, apiKey: 'mx0wrongkey123' }, 'GET', '/api/v3/openOrders', {})).body.code).toBe(10072);
  });
});

describe('orders', () => {
  const usdt = async () => {
    const a = must(await client.account());
    const f = (asset: string) => Number(a.balances.find((b) => b.asset === asset)?.free ?? 0);
    const l = (asset: string) => Number(a.balances.find((b) => b.asset === asset)?.locked ?? 0);
    return { usdt: f('USDT'), btc: f('BTC'), usdtLocked: l('USDT') };
  };

  test('MARKET by quoteOrderQty fills against the book; balances and fees move', async () => {
    must(await client.syncTime());
    const before = await usdt();
    const placed = must(await client.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '100' }));
    const q = must(await client.queryOrder({ symbol: 'BTCUSDT', orderId: String(placed.orderId) }));
    expect(q.status).toBe('FILLED');
    const after = await usdt();
    const spent = before.usdt - after.usdt;
    expect(spent).toBeGreaterThan(99);
    expect(spent).toBeLessThanOrEqual(100.0001);
    const qty = Number(q.executedQty);
    expect(after.btc - before.btc).toBeCloseTo(qty * (1 - acct.takerFee), 7);
    const trades = must(await client.myTrades('BTCUSDT', { orderId: String(placed.orderId) }));
    expect(trades.length).toBeGreaterThan(0);
  });

  test('MARKET SELL by quantity', async () => {
    const placed = must(await client.placeOrder({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.0005' }));
    expect(must(await client.queryOrder({ symbol: 'BTCUSDT', orderId: String(placed.orderId) })).status).toBe('FILLED');
  });

  test('LIMIT below the market rests, locks quote, and cancels back', async () => {
    const before = await usdt();
    const price = (86_500 * 0.97).toFixed(2);
    const placed = must(await client.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001', price }));
    const open = must(await client.openOrders('BTCUSDT'));
    expect(open.map((o) => String(o.orderId))).toContain(String(placed.orderId));
    expect((await usdt()).usdtLocked).toBeCloseTo(before.usdtLocked + 0.001 * Number(price), 6);
    const depth = must(await client.depth('BTCUSDT', 5000));
    // 3 % below the market is past the maker's levels: the level is exactly this order
    expect(depth.bids.find(([p]) => p === price)).toEqual([price, '0.001000']);
    must(await client.cancelOrder({ symbol: 'BTCUSDT', orderId: String(placed.orderId) }));
    expect(must(await client.queryOrder({ symbol: 'BTCUSDT', orderId: String(placed.orderId) })).status).toBe('CANCELED');
    expect((await usdt()).usdtLocked).toBeCloseTo(before.usdtLocked, 6);
    const st = (await (await fetch(`${sim.rest}/_sim/stats`)).json()) as { orders: { orderId?: string; status: string; type: string }[] };
    expect(st.orders.find((o) => o.orderId === String(placed.orderId))).toMatchObject({ status: 'CANCELED', type: 'LIMIT' });
  });

  test('LIMIT_MAKER that would cross is canceled; FOK too large is canceled; IOC fills what it can', async () => {
    const ask = Number(must(await client.bookTicker('BTCUSDT')).askPrice);
    const maker = must(await client.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.001', price: (ask * 1.01).toFixed(2) }));
    expect(must(await client.queryOrder({ symbol: 'BTCUSDT', orderId: String(maker.orderId) })).status).toBe('CANCELED');
    const fok = must(await client.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'FILL_OR_KILL', quantity: '1', price: ask.toFixed(2) }));
    expect(must(await client.queryOrder({ symbol: 'BTCUSDT', orderId: String(fok.orderId) })).status).toBe('CANCELED');
    const ioc = must(await client.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '0.1', price: (ask * 1.001).toFixed(2) }));
    const st = must(await client.queryOrder({ symbol: 'BTCUSDT', orderId: String(ioc.orderId) })).status;
    expect(['FILLED', 'PARTIALLY_CANCELED']).toContain(st);
  });

  test('MEXC error codes: 10007 before the open, 30002 below minimum, 10101 insufficient balance, bad params', async () => {
    const listing = sim.exchange.market.listings[0]!.symbol;
    const e = async (params: Record<string, string>) => (await signedFetch(raw, 'POST', '/api/v3/order', params)).body;
    expect((await e({ symbol: listing, side: 'BUY', type: 'MARKET', quoteOrderQty: '10' })).code).toBe(10007);
    expect((await e({ symbol: 'NOPEUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '10' })).code).toBe(10007);
    expect((await e({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.000001', price: '80000' })).code).toBe(30002);
    expect((await e({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '20', price: '86000' })).code).toBe(10101);
    expect((await e({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '100', price: '86000' })).code).toBe(30003);
    expect((await e({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.0000001', price: '86000' })).code).toBe(10096);
    expect((await e({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001' })).code).toBe(44444);
    expect((await signedFetch(raw, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 'C02__nope' })).body.code).toBe(-2011);
    expect((await signedFetch(raw, 'GET', '/api/v3/order', { symbol: 'BTCUSDT' })).body.code).toBe(700004);
    const orders = (await (await fetch(`${sim.rest}/_sim/stats`)).json()) as { orders: { status: string; code?: number }[] };
    expect(orders.orders.filter((o) => o.code === 10007).length).toBe(2);
  });
});
