/**
 * The sim's rate limits against the adapter's client: past the order rate the sim answers 429
 * with Retry-After, the client reports a RateLimitError carrying that wait and then holds (fails
 * fast without sending) until it passes; clients that keep hitting 429 from one IP get 418 and an
 * IpBannedError. The sim's limits are set below the client's own budgets so the sim is the one
 * that refuses.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { IpBannedError, RateLimitError } from '../../../core/errors.ts';
import { BTC, clientFor, e2eScenario, must, simStats, startE2eSim, waitForMarket } from './harness.ts';

const sim = startE2eSim(e2eScenario({
  rest: { ipWeightPer10s: 40, ordersPerSec: 3, retryAfterSec: 1, banAfter429s: 3, banSec: 2 },
}));
afterAll(() => sim.stop());
let price = '';
beforeAll(async () => {
  await waitForMarket(sim);
  const c = clientFor(sim);
  price = (Number(must(await c.bookTicker(BTC)).bidPrice) * 0.97).toFixed(2);
});

describe('429 / Retry-After / 418 against the client', () => {
  test('orders past the per-second limit: 429 with Retry-After 1 s, the client holds, then sends again', async () => {
    const client = clientFor(sim);
    const order = () => client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.0001', price });
    let accepted = 0;
    let limited: RateLimitError | undefined;
    const t0 = Date.now();
    for (let i = 0; i < 12 && limited === undefined; i++) {
      const r = await order();
      if (r.ok) accepted++;
      else if (r.error instanceof RateLimitError) limited = r.error;
      else throw r.error;
    }
    expect(limited).toBeDefined();
    expect(limited!.httpStatus).toBe(429);
    expect(limited!.retryAfterMs).toBe(1000); // the sim's Retry-After: 1, in ms
    expect(accepted).toBeGreaterThanOrEqual(3);
    // at most 3 per one-second bucket the requests touched
    expect(accepted).toBeLessThanOrEqual(3 * (Math.ceil((Date.now() - t0) / 1000) + 1));
    // the hold: the next order fails fast, locally, without reaching the sim
    const ordersBefore = (await simStats(sim.rest)).orders.length;
    const held = await order();
    expect(held.ok).toBe(false);
    const e = (held as { error: unknown }).error;
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).httpStatus).toBeUndefined(); // no HTTP answer: never sent
    expect((e as RateLimitError).retryAfterMs!).toBeGreaterThan(0);
    expect(client.limiter.hold('uid')).toBeDefined();
    const ordersAfter = (await simStats(sim.rest)).orders.length;
    expect(ordersAfter).toBe(ordersBefore);
    // after Retry-After passes the client sends again and the sim accepts
    await Bun.sleep(1100);
    expect(client.limiter.hold('uid')).toBeUndefined();
    must(await order());
    must(await client.cancelAllOrders(BTC));
  });

  test('repeated 429s from one IP earn a 418 ban with Retry-After; the banned client holds', async () => {
    const a = clientFor(sim);
    let first: RateLimitError | undefined;
    for (let i = 0; i < 200 && first === undefined; i++) {
      const r = await a.ping();
      if (!r.ok) first = r.error as RateLimitError;
    }
    expect(first).toBeInstanceOf(RateLimitError);
    expect(first!.httpStatus).toBe(429);
    // two more clients on the same IP keep hitting the exhausted budget: strike 2 is a 429, strike 3 a 418
    const b = await clientFor(sim).ping();
    expect(!b.ok && b.error instanceof RateLimitError && b.error.httpStatus === 429).toBe(true);
    const c = clientFor(sim);
    const banned = await c.ping();
    expect(banned.ok).toBe(false);
    const e = (banned as { error: unknown }).error as IpBannedError;
    expect(e).toBeInstanceOf(IpBannedError);
    expect(e.httpStatus).toBe(418);
    expect(e.retryAfterMs).toBe(2000);
    const held = await c.serverTime();
    expect(!held.ok && held.error instanceof IpBannedError && held.error.httpStatus === undefined).toBe(true);
    // the ban covers every endpoint from that IP, signed ones too
    const other = await clientFor(sim).account();
    expect(!other.ok && other.error instanceof IpBannedError).toBe(true);
  });
});
