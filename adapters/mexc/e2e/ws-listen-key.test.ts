/**
 * Listen-key validity (mexc-api.md §6) with the 60-minute lifetime shortened by the scenario to
 * 600 ms: an expired key is refused on connect and on keep-alive, a kept-alive key lives on,
 * and at most 60 valid keys exist per account.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ackAccepts } from '../control.ts';
import { channels } from '../channels.ts';
import { MexcVenueError } from '../rest/errors.ts';
import { clientFor, e2eScenario, failure, must, startE2eSim } from './harness.ts';
import { E2eWsClient } from './ws-client.ts';

const TTL_MS = 600;
const sim = startE2eSim(e2eScenario({ rest: { listenKeyTtlMs: TTL_MS } }));
const client = clientFor(sim);
const open: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of open) c.close();
  await sim.stop();
});
beforeAll(async () => {
  must(await client.syncTime());
});

async function connectWith(key: string): Promise<E2eWsClient> {
  const c = await E2eWsClient.connect(`${sim.ws}?listenKey=${key}`);
  open.push(c);
  return c;
}

describe('listenKey validity', () => {
  test('an expired key is refused; a key kept alive in time stays valid', async () => {
    const stale = must(await client.createListenKey()).listenKey;
    const kept = must(await client.createListenKey()).listenKey;
    await Bun.sleep(TTL_MS / 2);
    expect(must(await client.keepAliveListenKey(kept)).listenKey).toBe(kept);
    await Bun.sleep(TTL_MS / 2 + 150);
    // the stale key expired: connect is answered with the plain-text refusal, keep-alive fails
    const refused = await connectWith(stale);
    await refused.closed;
    expect(refused.texts).toEqual(['Invalid listen key']);
    expect(failure(await client.keepAliveListenKey(stale))).toBeInstanceOf(MexcVenueError);
    expect(must(await client.listListenKeys()).listenKey).not.toContain(stale);
    // the kept key still connects and subscribes
    const ok = await connectWith(kept);
    const subs = [channels.privateOrders()];
    expect(ackAccepts(await ok.request(subs), subs)).toBe(true);
  });

  // MEXC documents at most 60 listen keys per UID (mexc-api.md §6), so the 61st must fail.
  test('at most 60 valid listen keys per account', async () => {
    const fresh = clientFor(sim);
    must(await fresh.syncTime());
    // earlier tests in this file may hold valid keys already: fill up to the cap, then one more
    const held = must(await fresh.listListenKeys()).listenKey.length;
    expect(held).toBeLessThan(60);
    for (let i = held; i < 60; i++) must(await fresh.createListenKey());
    expect(must(await fresh.listListenKeys()).listenKey).toHaveLength(60);
    expect((await fresh.createListenKey()).ok).toBe(false);
  });
});
