import { afterAll, beforeEach, describe, expect, test } from 'bun:test';
import { createServer, type Server as NetServer } from 'node:net';
import { ConfigError, IpBannedError, RateLimitError, TransportError, UnknownOutcomeError, UsageError } from '../../../core/errors.ts';
import { createLogger } from '../../../core/logger.ts';
import { MexcRestClient } from './client.ts';
import type { MexcRestConfigInput } from './client-config.ts';
import { MexcVenueError, RequestTimeoutError } from './errors.ts';
import { hmacSha256Hex } from './sign.ts';
import { startTestServer, TEST_KEY, TEST_SECRET } from './test-server.ts';

const server = startTestServer();
const logLines: string[] = [];
const logger = createLogger({ level: 'debug', destination: { write: (line: string) => { logLines.push(line); } } });

function client(extra: MexcRestConfigInput = {}): MexcRestClient {
  return MexcRestClient.create({ baseUrl: server.url, webBaseUrl: server.url, apiKey: TEST_KEY, apiSecret: TEST_SECRET, timeoutMs: 300, ...extra }, { logger });
}
const publicClient = () => MexcRestClient.create({ baseUrl: server.url, webBaseUrl: server.url, timeoutMs: 300 }, { logger });

function expectError<E>(result: { ok: boolean; error?: unknown }, type: abstract new (...args: never[]) => E): E {
  expect(result.ok).toBe(false);
  expect(result.error).toBeInstanceOf(type);
  return result.error as E;
}

beforeEach(() => {
  server.failure = 'none';
  server.skewMs = 0;
  server.seen.length = 0;
});

const rawServers: NetServer[] = [];
afterAll(async () => {
  for (const s of rawServers) s.close();
  await server.stop();
});

describe('public endpoints over HTTP', () => {
  test('depth is validated and sent unsigned, without the API key header', async () => {
    const r = await publicClient().depth('BTCUSDT', 5);
    expect(r.ok && r.value.lastUpdateId).toBe('42');
    expect(server.seen[0]).toMatchObject({ method: 'GET', path: '/api/v3/depth', query: 'symbol=BTCUSDT&limit=5', apiKey: null });
  });

  test('a config error is one clear exception listing the problem', () => {
    expect(() => MexcRestClient.create({ recvWindow: 60_001 })).toThrow(ConfigError);
    expect(() => MexcRestClient.create({ apiKey: 'k' })).toThrow(/apiKey and apiSecret go together/);
    expect(() => MexcRestClient.create({ baseUrl: 'ftp://x' })).toThrow(ConfigError);
  });

  test('signed endpoints without credentials fail before anything is sent', async () => {
    expectError(await publicClient().account(), ConfigError);
    expect(server.seen.length).toBe(0);
  });
});

describe('signing and server time', () => {
  test('the server recomputes the HMAC over the query and accepts it', async () => {
    const c = client();
    const r = await c.placeOrder({ symbol: 'NEWUSDT', side: 'BUY', type: 'LIMIT', quantity: '10', price: '0.5', newClientOrderId: 'cid-1' });
    expect(r.ok && r.value.orderId).toBe('C02__505979017439002624115');
    const sent = server.seen[0]!;
    expect(sent).toMatchObject({ method: 'POST', path: '/api/v3/order', apiKey: TEST_KEY, contentType: 'application/json' });
    const [signed, signature] = sent.query.split('&signature=');
    expect(signed).toMatch(/^symbol=NEWUSDT&side=BUY&type=LIMIT&quantity=10&price=0\.5&newClientOrderId=cid-1&recvWindow=5000&timestamp=\d+$/);
    expect(signature).toBe(hmacSha256Hex(TEST_SECRET, signed!));
  });

  test('a wrong secret is refused by the server: 700002, not retryable', async () => {
    const r = await client({ apiSecret: 'wrong-secret' }).account();
    const e = expectError(r, MexcVenueError);
    expect(e.venueCode).toBe(700002);
    expect(e.retryable).toBe(false);
  });

  test('with the server 30 s ahead, signing fails (700003) until syncTime measures the offset', async () => {
    server.skewMs = 30_000;
    const c = client();
    const before = expectError(await c.account(), MexcVenueError);
    expect(before.venueCode).toBe(700003);
    expect(before.retryHint).toBe('after_time_sync');
    const sync = await c.syncTime();
    expect(sync.ok).toBe(true);
    if (sync.ok) {
      expect(Math.abs(sync.value.offsetMs - 30_000)).toBeLessThan(250);
      expect(c.timeOffsetMs).toBe(sync.value.offsetMs);
    }
    const after = await c.account();
    expect(after.ok && after.value.balances[0]!.available).toBe('100');
  });

  test('recvWindow is configurable and sent', async () => {
    await client({ recvWindow: 60_000 }).account();
    expect(server.seen[0]!.query).toContain('recvWindow=60000');
  });
});

describe('orders', () => {
  test('every placeable type; MARKET by quantity or by quoteOrderQty', async () => {
    const c = client();
    for (const type of ['LIMIT_MAKER', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'] as const) {
      expect((await c.placeOrder({ symbol: 'AUSDT', side: 'SELL', type, quantity: '1', price: '2' })).ok).toBe(true);
    }
    expect((await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '25' })).ok).toBe(true);
    expect((await c.placeOrder({ symbol: 'AUSDT', side: 'SELL', type: 'MARKET', quantity: '3' })).ok).toBe(true);
    const queries = server.seen.map((s) => s.query.split('&recvWindow')[0]);
    expect(queries).toEqual([
      'symbol=AUSDT&side=SELL&type=LIMIT_MAKER&quantity=1&price=2',
      'symbol=AUSDT&side=SELL&type=IMMEDIATE_OR_CANCEL&quantity=1&price=2',
      'symbol=AUSDT&side=SELL&type=FILL_OR_KILL&quantity=1&price=2',
      'symbol=AUSDT&side=BUY&type=MARKET&quoteOrderQty=25',
      'symbol=AUSDT&side=SELL&type=MARKET&quantity=3',
    ]);
  });

  test('malformed orders are refused locally and never sent', async () => {
    const c = client();
    expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'MARKET', quantity: '1', quoteOrderQty: '1' }), UsageError);
    expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'LIMIT', quantity: '1' } as never), UsageError);
    expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'LIMIT', quantity: '1e-3', price: '1' }), UsageError);
    expectError(await c.cancelOrder({ symbol: 'AUSDT' }), UsageError);
    expect(server.seen.length).toBe(0);
  });

  test('a 200 with an error envelope (10007 bad symbol) is a rejection, retryable after the open', async () => {
    server.failure = 'envelope-10007';
    const e = expectError(await client().placeOrder({ symbol: 'NEWUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '10' }), MexcVenueError);
    expect(e.venueCode).toBe(10007);
    expect(e.retryHint).toBe('after_open');
  });

  test('the rest of the signed surface answers typed values', async () => {
    const c = client();
    const results = await Promise.all([
      c.testOrder({ symbol: 'AUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: '1' }),
      c.cancelOrder({ symbol: 'AUSDT', orderId: 'C02__1' }),
      c.cancelAllOrders('AUSDT'),
      c.queryOrder({ symbol: 'AUSDT', origClientOrderId: 'cid' }),
      c.openOrders('AUSDT'),
      c.allOrders('AUSDT', { limit: 10 }),
      c.myTrades('AUSDT', { orderId: 'C02__1' }),
      c.selfSymbols(),
      c.createListenKey(),
      c.keepAliveListenKey('lk-1'),
      c.closeListenKey('lk-1'),
      c.listListenKeys(),
    ]);
    for (const r of results) expect(r).toMatchObject({ ok: true });
    const cancel = results[1];
    expect(cancel!.ok && (cancel!.value as { status: string }).status).toBe('CANCELED');
    expect(server.seen.map((s) => `${s.method} ${s.path}`).sort()).toEqual([
      'DELETE /api/v3/openOrders', 'DELETE /api/v3/order', 'DELETE /api/v3/userDataStream', 'GET /api/v3/allOrders',
      'GET /api/v3/myTrades', 'GET /api/v3/openOrders', 'GET /api/v3/order', 'GET /api/v3/selfSymbols', 'GET /api/v3/userDataStream',
      'POST /api/v3/order/test', 'POST /api/v3/userDataStream', 'PUT /api/v3/userDataStream',
    ]);
  });

  test('public market data, calendar and symbolsV2 from the configured web host', async () => {
    const c = publicClient();
    const [ping, info, defaults, trades, klines, t1, tAll, cal, v2] = await Promise.all([
      c.ping(), c.exchangeInfo({ symbols: ['AUSDT', 'BUSDT'] }), c.defaultSymbols(), c.trades('AUSDT'), c.klines('AUSDT', '60m'),
      c.ticker24hr('AUSDT'), c.ticker24hrAll(), c.calendar(), c.symbolsV2(),
    ]);
    for (const r of [ping, info, defaults, trades, klines, t1, tAll, cal, v2]) expect(r).toMatchObject({ ok: true });
    expect(cal.ok && cal.value.data.newCoins[0]!.vcoinName).toBe('NEW');
    expect(v2.ok && v2.value.data.symbols.USDT![0]!.tt).toBe(4);
    expect(server.seen.find((s) => s.path === '/api/v3/exchangeInfo')!.query).toBe('symbols=AUSDT%2CBUSDT');
    expect(server.seen.find((s) => s.path === '/api/operation/new_coin_calendar')!.query).toMatch(/^timestamp=\d+$/);
  });
});

describe('failures become the right typed errors', () => {
  test('429 with Retry-After → RateLimitError; later calls fail fast without being sent', async () => {
    server.failure = '429';
    const c = client();
    const e = expectError(await c.depth('AUSDT'), RateLimitError);
    expect(e.retryAfterMs).toBe(3000);
    server.failure = 'none';
    const held = expectError(await c.depth('AUSDT'), RateLimitError);
    expect(held.retryAfterMs).toBeGreaterThan(2000);
    expect(server.seen.length).toBe(1);
  });

  test('418 → IpBannedError and every API call is held, signed ones too', async () => {
    server.failure = '418';
    const c = client();
    expect(expectError(await c.ping(), IpBannedError).retryAfterMs).toBe(60_000);
    server.failure = 'none';
    expectError(await c.account(), IpBannedError);
    expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: '1' }), IpBannedError);
    expect(server.seen.length).toBe(1);
  });

  test('5xx on order placement and cancel → UnknownOutcomeError, never a rejection', async () => {
    const c = client();
    for (const failure of ['500', '503'] as const) {
      server.failure = failure;
      expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: '1' }), UnknownOutcomeError);
      expectError(await c.cancelOrder({ symbol: 'AUSDT', orderId: 'x' }), UnknownOutcomeError);
      expectError(await c.cancelAllOrders('AUSDT'), UnknownOutcomeError);
    }
  });

  test('5xx on a read → a retryable venue error', async () => {
    server.failure = '500';
    const e = expectError(await client().depth('AUSDT'), MexcVenueError);
    expect(e.retryable).toBe(true);
    expect(e.httpStatus).toBe(500);
  });

  test('a hang: placement → UnknownOutcomeError, read → RequestTimeoutError', async () => {
    server.failure = 'hang';
    const c = client({ timeoutMs: 150 });
    expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '5' }), UnknownOutcomeError);
    expectError(await c.depth('AUSDT'), RequestTimeoutError);
  });

  test('a connection dropped after the request was sent → UnknownOutcomeError for a placement', async () => {
    const raw = createServer((socket) => socket.once('data', () => socket.destroy()));
    rawServers.push(raw);
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const port = (raw.address() as { port: number }).port;
    const c = client({ baseUrl: `http://127.0.0.1:${port}` });
    expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '5' }), UnknownOutcomeError);
    expectError(await c.depth('AUSDT'), TransportError);
  });

  test('connection refused → TransportError: the request never left, even for a placement', async () => {
    const raw = createServer();
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const port = (raw.address() as { port: number }).port;
    await new Promise<void>((resolve) => raw.close(() => resolve()));
    const c = client({ baseUrl: `http://127.0.0.1:${port}` });
    expectError(await c.placeOrder({ symbol: 'AUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '5' }), TransportError);
  });
});

describe('local budgets', () => {
  test('over the order budget: a short wait is taken, a long one fails fast without sending', async () => {
    const slept: number[] = [];
    const sleep = async (ms: number) => { slept.push(ms); await Bun.sleep(ms); };
    const order = { symbol: 'AUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: '1' } as const;
    const patient = MexcRestClient.create({ baseUrl: server.url, apiKey: TEST_KEY, apiSecret: TEST_SECRET,
      rateLimit: { orders: { limit: 1, windowMs: 100 }, maxWaitMs: 500 } }, { logger, sleep });
    expect((await patient.placeOrder(order)).ok).toBe(true);
    expect((await patient.placeOrder(order)).ok).toBe(true);
    expect(slept.length).toBe(1);
    expect(slept[0]!).toBeGreaterThan(0);
    expect(slept[0]!).toBeLessThanOrEqual(100);

    const hasty = MexcRestClient.create({ baseUrl: server.url, apiKey: TEST_KEY, apiSecret: TEST_SECRET,
      rateLimit: { orders: { limit: 1, windowMs: 10_000 }, maxWaitMs: 0 } }, { logger });
    expect((await hasty.placeOrder(order)).ok).toBe(true);
    const e = expectError(await hasty.placeOrder(order), RateLimitError);
    expect(e.httpStatus).toBeUndefined();
    expect(e.message).toContain('orders budget');
    expect(server.seen.length).toBe(3);
  });
});

describe('secrets', () => {
  test('never in logs, error messages, JSON or inspection of the client', async () => {
    const c = client({ apiSecret: TEST_SECRET });
    server.failure = '500';
    const r = await c.account();
    server.failure = 'none';
    const everything = [
      ...logLines, JSON.stringify(c), Bun.inspect(c), String(r.ok ? '' : (r.error as Error).message), JSON.stringify(r.ok ? {} : r.error),
    ].join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(TEST_SECRET);
    expect(everything).not.toContain(TEST_KEY);
    expect(everything).not.toContain('signature=');
  });
});
