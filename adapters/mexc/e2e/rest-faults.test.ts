/**
 * Injected REST faults, with the sim started the way a user starts it (`sniper sim` child
 * process, --scenario file and --faults flag): a 5xx or a time-out on order placement is an
 * UnknownOutcomeError in the client, never a rejection, and /_sim/stats shows the venue did act
 * (the order was placed). The same faults on reads are plain retryable errors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { UnknownOutcomeError } from '../../../core/errors.ts';
import { MexcRestClient } from '../rest/client.ts';
import { MexcVenueError, RequestTimeoutError } from '../rest/errors.ts';
import { BTC, e2eScenario, simStats } from './harness.ts';
import { spawnSim, type SimChild } from './sim-process.ts';
import { E2eWsClient } from './ws-client.ts';
import { channels } from '../channels.ts';

const children: SimChild[] = [];
let fiveXx: SimChild;
let hang: SimChild;
beforeAll(async () => {
  [fiveXx, hang] = await Promise.all([
    spawnSim([], e2eScenario({ faults: 'rest5xx=1' })),
    spawnSim(['--faults', 'timeout=1'], e2eScenario()),
  ]);
  children.push(fiveXx, hang);
  // REST is faulty on both, so readiness is read off the WebSocket: a first trade frame
  await Promise.all([fiveXx, hang].map(async (s) => {
    const ws = await E2eWsClient.connect(s.ws);
    const ch = channels.aggreDeals(BTC, '10ms');
    ws.subscribe([ch]);
    await ws.waitFrames(ch, 1, 5000);
    ws.close();
  }));
});
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
});

const clientOf = (s: SimChild, timeoutMs = 10_000) =>
  MexcRestClient.create({ baseUrl: s.rest, webBaseUrl: s.rest, apiKey: s.apiKey, apiSecret: s.apiSecret, timeoutMs });

describe('REST faults from `sniper sim --scenario/--faults`', () => {
  test('rest5xx: placement answers 503 after the order was placed → UnknownOutcomeError; reads get a retryable 503', async () => {
    const client = clientOf(fiveXx);
    const placed = await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'MARKET', quoteOrderQty: '50' });
    expect(placed.ok).toBe(false);
    expect((placed as { error: unknown }).error).toBeInstanceOf(UnknownOutcomeError);
    const stats = await simStats(fiveXx.rest);
    expect(stats.faults.rest5xx).toBeGreaterThanOrEqual(1);
    const order = stats.orders.find((o) => o.symbol === BTC && o.type === 'MARKET');
    expect(order?.status).toBe('FILLED'); // the venue acted: treating it as a rejection would be wrong
    const cancel = await client.cancelAllOrders(BTC);
    expect(!cancel.ok && cancel.error instanceof UnknownOutcomeError).toBe(true);
    const read = await client.ping();
    expect(read.ok).toBe(false);
    const e = (read as { error: unknown }).error as MexcVenueError;
    expect(e).toBeInstanceOf(MexcVenueError);
    expect(e.httpStatus).toBe(503);
    expect(e.retryable).toBe(true);
  });

  test('timeout: no answer within the client time-out → UnknownOutcomeError on placement, RequestTimeoutError on a read', async () => {
    const client = clientOf(hang, 300);
    const t0 = Date.now();
    const placed = await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'MARKET', quoteOrderQty: '50' });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(placed.ok).toBe(false);
    expect((placed as { error: unknown }).error).toBeInstanceOf(UnknownOutcomeError);
    const stats = await simStats(hang.rest);
    expect(stats.faults.timeout).toBeGreaterThanOrEqual(1);
    expect(stats.orders.find((o) => o.symbol === BTC)?.status).toBe('FILLED');
    const read = await client.depth(BTC, 5);
    expect(read.ok).toBe(false);
    const e = (read as { error: unknown }).error as RequestTimeoutError;
    expect(e).toBeInstanceOf(RequestTimeoutError);
    expect(e.retryable).toBe(true);
  });
});
