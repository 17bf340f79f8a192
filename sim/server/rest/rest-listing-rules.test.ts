/** Listing-specific rejections, request limits and the private user stream. */
import { afterAll, describe, expect, test } from 'bun:test';
import { decodeFrame } from '../../../adapters/mexc/proto/codec.ts';
import { connect, testSim, waitForMarket } from '../../testing/sim-harness.ts';
import { signedFetch } from '../../testing/signed-fetch.ts';
import type { RunningSim } from '../sim-server.ts';

const sims: RunningSim[] = [];
afterAll(async () => {
  for (const s of sims) await s.stop();
});
function sim(scenario: Record<string, unknown>): { s: RunningSim; raw: { base: string; apiKey: string; apiSecret: string } } {
  const s = testSim(scenario);
  sims.push(s);
  const a = s.exchange.scenario.account;
  return { s, raw: { base: s.rest, apiKey: a.apiKey, apiSecret: a.apiSecret } };
}
const openNow = (extra: Record<string, unknown>) => ({
  listings: { count: 1, firstOpenInSec: 0, lateShare: 0, notApiTradableShare: 0, marketDisabledShare: 0, apiMarketDisabledShare: 0, ...extra },
});
async function untilOpen(s: RunningSim): Promise<string> {
  const symbol = s.exchange.market.listings[0]!.symbol;
  for (let i = 0; i < 200 && s.exchange.market.symbols.get(symbol)!.lastTicks === undefined; i++) await Bun.sleep(10);
  return symbol;
}

describe('listing rules', () => {
  test('a listing the API may not trade answers 10007 after its open and is missing from defaultSymbols', async () => {
    const { s, raw } = sim(openNow({ notApiTradableShare: 1 }));
    const symbol = await untilOpen(s);
    const r = await signedFetch(raw, 'POST', '/api/v3/order', { symbol, side: 'BUY', type: 'MARKET', quoteOrderQty: '10' });
    expect(r.body).toEqual({ code: 10007, msg: 'symbol not support api' });
    const d = (await (await fetch(`${s.rest}/api/v3/defaultSymbols`)).json()) as { data: string[] };
    expect(d.data).not.toContain(symbol);
    const info = (await (await fetch(`${s.rest}/api/v3/exchangeInfo?symbol=${symbol}`)).json()) as { symbols: { status: string; isSpotTradingAllowed: boolean }[] };
    expect(info.symbols[0]).toMatchObject({ status: '1', isSpotTradingAllowed: false });
  });

  test('an open, tradable listing fills a market buy; market orders disabled answer 30018 / 30019', async () => {
    const a = sim(openNow({}));
    const symbol = await untilOpen(a.s);
    const r = await signedFetch(a.raw, 'POST', '/api/v3/order', { symbol, side: 'BUY', type: 'MARKET', quoteOrderQty: '20' });
    expect(typeof r.body.orderId).toBe('string');
    const b = sim(openNow({ marketDisabledShare: 1 }));
    const sb = await untilOpen(b.s);
    expect((await signedFetch(b.raw, 'POST', '/api/v3/order', { symbol: sb, side: 'BUY', type: 'MARKET', quoteOrderQty: '20' })).body.code).toBe(30018);
    const c = sim(openNow({ apiMarketDisabledShare: 1 }));
    const sc = await untilOpen(c.s);
    expect((await signedFetch(c.raw, 'POST', '/api/v3/order', { symbol: sc, side: 'BUY', type: 'MARKET', quoteOrderQty: '20' })).body.code).toBe(30019);
    const info = (await (await fetch(`${b.s.rest}/api/v3/exchangeInfo?symbol=${sb}`)).json()) as { symbols: { orderTypes: string[] }[] };
    expect(info.symbols[0]!.orderTypes).not.toContain('MARKET');
  });
});

describe('request limits', () => {
  test('past the weight budget: 429 with Retry-After, then 418 for a client that keeps going', async () => {
    const { s } = sim({ rest: { ipWeightPer10s: 5, banAfter429s: 3, retryAfterSec: 7, banSec: 60 } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 9; i++) {
      const res = await fetch(`${s.rest}/api/v3/ping`);
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
      await res.text();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5, 7)).toEqual([429, 429]);
    expect(statuses[7]).toBe(418);
    expect(retryAfter).toBe('7');
  });

  test('order placements and cancels share 12 a second; GET /account can be capped at 2 a second', async () => {
    const { raw } = sim({ rest: { accountPerSec: 2 } });
    const codes: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 14; i++) {
      const path = i % 2 === 0 ? '/api/v3/order' : '/api/v3/openOrders';
      codes.push((await signedFetch(raw, 'DELETE', path, { symbol: 'BTCUSDT', orderId: 'x' })).status);
    }
    if (Date.now() - t0 < 900) expect(codes.filter((c) => c === 429).length).toBe(2);
    const acct: number[] = [];
    for (let i = 0; i < 3; i++) acct.push((await signedFetch(raw, 'GET', '/api/v3/account', {})).status);
    expect(acct.includes(429)).toBe(true);
  });
});

describe('maker fills', () => {
  // The market moves only when the test says so: the book the test reads is the book the order
  // meets, and whether (and when) the tape reaches the order is fixed by the seed, not by how busy
  // the machine is. (On a live clock this was a race: the tape could drift away for 5 s.)
  test('a resting LIMIT at the best bid fills from the public tape as a maker', async () => {
    const START = 1_780_000_000_000;
    const s = testSim({}, { startTime: START, manualClock: true });
    sims.push(s);
    const a = s.exchange.scenario.account;
    const raw = { base: s.rest, apiKey: a.apiKey, apiSecret: a.apiSecret };
    s.advanceTo(START + 2_000);
    const top = s.exchange.market.symbols.get('BTCUSDT')!.book;
    const price = (top.top('bid', 1)[0]![0] / 100).toFixed(2);
    const r = await signedFetch(raw, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.0002', price },
      { timestamp: s.exchange.now(), recvWindow: 60_000 });
    const id = r.body.orderId as string;
    const order = s.exchange.engine.orders.get(id)!;
    expect(order.status).toBe('NEW'); // rested: nothing crossed on arrival
    const fillsOf = () => s.exchange.fills.filter((f) => f.order.orderId === id);
    expect(fillsOf()).toEqual([]);
    // walk the market forward a second at a time, up to ten market minutes
    for (let t = START + 3_000; t <= START + 600_000 && order.filledLots === 0; t += 1_000) s.advanceTo(t);
    expect(order.filledLots).toBeGreaterThan(0);
    const fills = fillsOf();
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every((f) => f.isMaker)).toBe(true);
    expect(fills.every((f) => f.ticks === order.priceTicks)).toBe(true); // at its own price, never better
  });
});

describe('user data stream', () => {
  test('orders, deals and account pushes on a listenKey connection', async () => {
    const { s, raw } = sim({});
    await waitForMarket(s); // the market buy below needs a book to fill against
    const key = (await signedFetch(raw, 'POST', '/api/v3/userDataStream', {})).body.listenKey as string;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect((await signedFetch(raw, 'PUT', '/api/v3/userDataStream', { listenKey: key })).body.listenKey).toBe(key);
    const c = await connect(`${s.ws}?listenKey=${key}`);
    const chs = ['spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb'];
    c.send({ method: 'SUBSCRIPTION', params: chs });
    await c.until(() => c.texts.length > 0);
    expect(c.texts[0]).toBe(`{"id":0,"code":0,"msg":"${chs.join(',')}"}`);
    await Bun.sleep(200);
    const placed = await signedFetch(raw, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '50' });
    const kinds = () => new Set(c.frames.map((f) => decodeFrame(f).bodyField));
    await c.until(() => kinds().has(304) && kinds().has(306) && kinds().has(307));
    const order = c.frames.map(decodeFrame).find((f) => f.bodyField === 304)!;
    if (order.bodyField !== 304) throw new Error('unreachable');
    expect(order.privateOrders.id).toBe(placed.body.orderId as string);
    expect(order.privateOrders.status).toBe(2);
    c.close();
    expect((await signedFetch(raw, 'DELETE', '/api/v3/userDataStream', { listenKey: key })).status).toBe(200);
  });
});
