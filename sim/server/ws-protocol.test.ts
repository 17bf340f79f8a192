/** The WebSocket protocol of mexc-api.md §1, exercised with real clients over localhost. */
import { afterAll, describe, expect, test } from 'bun:test';
import { decodeFrame } from '../../adapters/mexc/proto/codec.ts';
import { connect, testSim } from '../testing/sim-harness.ts';

const fast = { ws: { noSubscriptionTimeoutMs: 300, noDataTimeoutMs: 400, lifetimeMs: 1500 } };
// BTCUSDT trades 50 times a second here: at the default 8, a 400 ms stretch without a trade (and
// so the no-data close of a deals-only connection) comes about one time in 25
const busy = [{ symbol: 'BTCUSDT', price: 86_500, priceScale: 2, quantityScale: 6, tradesPerSec: 50, meanTradeQuote: 2000 }];
const sim = testSim({ ...fast, established: busy, listings: { count: 1, firstOpenInSec: 3600 } });
afterAll(() => sim.stop());

const DEALS = 'spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT';
const blocked = (chs: string[]) => `{"id":0,"code":0,"msg":"Not Subscribed successfully! [${chs.join(',')}].  Reason： Blocked! "}`;

describe('control messages', () => {
  test('SUBSCRIPTION is acked with the channel and binary pushes follow', async () => {
    const c = await connect(sim.ws);
    c.send({ method: 'SUBSCRIPTION', params: [DEALS] });
    await c.until(() => c.texts.length > 0 && c.frames.length > 0);
    expect(c.texts[0]).toBe(`{"id":0,"code":0,"msg":"${DEALS}"}`);
    const f = decodeFrame(c.frames[0]!);
    expect(f.channel).toBe(DEALS);
    expect(f.bodyField).toBe(314);
    expect(f.createTime).toBeGreaterThan(0);
    expect(f.sendTime!).toBeGreaterThanOrEqual(f.createTime!);
    c.send({ method: 'UNSUBSCRIPTION', params: [DEALS] });
    await c.until(() => c.texts.length > 1);
    expect(c.texts[1]).toBe(`{"id":0,"code":0,"msg":"${DEALS}"}`);
    c.close();
  });

  test('PING answers PONG', async () => {
    const c = await connect(sim.ws);
    c.send({ method: 'PING' });
    await c.until(() => c.texts.length > 0);
    expect(c.texts[0]).toBe('{"id":0,"code":0,"msg":"PONG"}');
    c.close();
  });

  test('legacy JSON, raw and unknown channels are Blocked with code 0', async () => {
    const c = await connect(sim.ws);
    const bad = ['spot@public.deals.v3.api@BTCUSDT', 'spot@public.increase.depth.v3.api.pb@BTCUSDT', 'spot@public.bookTicker.v3.api.pb@BTCUSDT', 'spot@public.nothing@X'];
    c.send({ method: 'SUBSCRIPTION', params: bad });
    await c.until(() => c.texts.length > 0);
    expect(c.texts[0]).toBe(blocked(bad));
    c.close();
  });

  test('private channels need a listenKey connection; a bad listenKey gets the plain-text answer', async () => {
    const c = await connect(sim.ws);
    c.send({ method: 'SUBSCRIPTION', params: ['spot@private.orders.v3.api.pb'] });
    await c.until(() => c.texts.length > 0);
    expect(c.texts[0]).toBe(blocked(['spot@private.orders.v3.api.pb']));
    c.close();
    const k = await connect(`${sim.ws}?listenKey=nope`);
    await k.until(() => k.texts.length > 0);
    expect(k.texts[0]).toBe('Invalid listen key');
    await k.closed;
  });
});

describe('limits', () => {
  test('at most 30 subscriptions per connection', async () => {
    const c = await connect(sim.ws);
    const chs = Array.from({ length: 31 }, (_, i) => `spot@public.kline.v3.api.pb@S${String(i).padStart(2, '0')}USDT@Min1`);
    c.send({ method: 'SUBSCRIPTION', params: chs });
    await c.until(() => c.texts.length > 1);
    expect(c.texts[0]).toBe(`{"id":0,"code":0,"msg":"${chs.slice(0, 30).join(',')}"}`);
    expect(c.texts[1]).toBe(blocked([chs[30]!]));
    c.close();
  });

  test('more than 100 messages a second disconnects', async () => {
    const c = await connect(sim.ws);
    for (let i = 0; i < 101; i++) c.send({ method: 'PING' });
    const closed = await c.closed;
    expect(closed.reason).toBe('rate_limit');
    expect(c.texts.length).toBe(100);
  });

  test('no subscription disconnects after the configured idle time', async () => {
    const c = await connect(sim.ws);
    const t0 = Date.now();
    const closed = await c.closed;
    expect(closed.reason).toBe('no_subscription');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  test('subscribed with no data disconnects, while a channel with data keeps its connection', async () => {
    const symbol = sim.exchange.market.listings[0]!.symbol; // opens in an hour: no data
    const quiet = await connect(sim.ws);
    const busy = await connect(sim.ws);
    quiet.send({ method: 'SUBSCRIPTION', params: [`spot@public.aggre.deals.v3.api.pb@100ms@${symbol}`] });
    busy.send({ method: 'SUBSCRIPTION', params: ['spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDT'] });
    const closed = await quiet.closed;
    expect(closed.reason).toBe('no_data');
    await Bun.sleep(300);
    expect(busy.isOpen()).toBe(true);
    busy.close();
  });

  test('PING keeps a subscribed connection without data alive', async () => {
    const symbol = sim.exchange.market.listings[0]!.symbol;
    const c = await connect(sim.ws);
    c.send({ method: 'SUBSCRIPTION', params: [`spot@public.aggre.deals.v3.api.pb@100ms@${symbol}`] });
    const pinger = setInterval(() => c.send({ method: 'PING' }), 100);
    await Bun.sleep(900);
    clearInterval(pinger);
    expect(c.isOpen()).toBe(true);
    expect((await c.closed).reason).toBe('no_data');
  });

  test('connections end at the lifetime limit', async () => {
    const c = await connect(sim.ws);
    c.send({ method: 'SUBSCRIPTION', params: ['spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDT'] });
    const t0 = Date.now();
    const closed = await c.closed;
    expect(closed.reason).toBe('lifetime');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
  });
});
