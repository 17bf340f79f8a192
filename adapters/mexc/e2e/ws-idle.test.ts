/**
 * The idle and lifetime rules of mexc-api.md §1.2, shortened by the scenario (30 s → 300 ms,
 * 60 s → 500 ms, 24 h → 1.5 s): no subscription disconnects, subscribed-without-data
 * disconnects, data flowing keeps the connection, and the lifetime cap closes it regardless.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { ackAccepts } from '../control.ts';
import { channels } from '../channels.ts';
import { BTC, e2eScenario, startE2eSim } from './harness.ts';
import { E2eWsClient } from './ws-client.ts';

const NO_SUB_MS = 300;
const NO_DATA_MS = 500;
const LIFETIME_MS = 1500;
const sim = startE2eSim(e2eScenario({ ws: { noSubscriptionTimeoutMs: NO_SUB_MS, noDataTimeoutMs: NO_DATA_MS, lifetimeMs: LIFETIME_MS } }));
const open: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of open) c.close();
  await sim.stop();
});
const connect = async () => {
  const c = await E2eWsClient.connect(sim.ws);
  open.push(c);
  return c;
};
/** Slack for a loaded machine: the close must come after the limit, and not long after. */
const SLACK_MS = 1200;
/** ms from the connection's open to its close, or undefined if it is still open after `ms`. */
const closesWithin = async (c: E2eWsClient, ms: number) => {
  const info = await Promise.race([c.closed, Bun.sleep(ms).then(() => undefined)]);
  return info === undefined ? undefined : info.atMs - c.openedAtMs;
};

describe('idle and lifetime disconnects (shortened by the scenario)', () => {
  test('no subscription: closed after the no-subscription limit, not before', async () => {
    const c = await connect();
    const after = await closesWithin(c, 3000);
    expect(after).toBeDefined();
    expect(after!).toBeGreaterThanOrEqual(NO_SUB_MS - 20);
    expect(after!).toBeLessThan(NO_SUB_MS + SLACK_MS);
  });

  test('a rejected subscription does not count: still closed for having none', async () => {
    const c = await connect();
    expect((await c.request(['spot@public.deals.v3.api@BTCUSDT'])).kind).toBe('rejected');
    expect(await closesWithin(c, 3000)).toBeDefined();
  });

  test('subscribed to a channel that never carries data: closed after the no-data limit', async () => {
    const c = await connect();
    const silent = channels.aggreDeals('NOTRADEUSDT'); // well-formed, so accepted, but nothing trades there
    expect(ackAccepts(await c.request([silent]), [silent])).toBe(true);
    const after = await closesWithin(c, 3000);
    expect(after).toBeDefined();
    expect(after!).toBeGreaterThanOrEqual(NO_DATA_MS - 20);
    expect(after!).toBeLessThan(NO_DATA_MS + SLACK_MS);
    expect(c.frames.length).toBe(0);
  });

  test('data flowing keeps the connection past both idle limits; the lifetime cap then closes it', async () => {
    const c = await connect();
    const busy = channels.aggreDepth(BTC, '10ms');
    expect(ackAccepts(await c.request([busy]), [busy])).toBe(true);
    expect(await closesWithin(c, NO_DATA_MS + 400)).toBeUndefined();
    expect(c.frames.length).toBeGreaterThan(10);
    const after = await closesWithin(c, 3000);
    expect(after).toBeDefined();
    expect(after!).toBeGreaterThanOrEqual(LIFETIME_MS - 20);
    expect(after!).toBeLessThan(LIFETIME_MS + SLACK_MS);
  });

  // mexc-api.md §0/§1.2 (official docs): \"The client may send PING to keep the connection alive.\"
  test('PING keeps a subscribed connection with no data alive', async () => {
    const c = await connect();
    const silent = channels.aggreDeals('NOTRADEUSDT');
    expect(ackAccepts(await c.request([silent]), [silent])).toBe(true);
    const pinger = setInterval(() => c.ping(), 100);
    try {
      expect(await closesWithin(c, NO_DATA_MS * 2)).toBeUndefined();
    } finally {
      clearInterval(pinger);
    }
  });
});
