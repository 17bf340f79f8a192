/**
 * Determinism: two sims with one seed and one start time, driven over the same market interval
 * (manual clock), send byte-identical frames to identical subscriptions, listing open included.
 * A third sim with another seed sends different frames, so the comparison can fail.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import type { RunningSim } from '../../../sim/server/sim-server.ts';
import { ackAccepts } from '../control.ts';
import { channels } from '../channels.ts';
import { BTC, e2eScenario, startE2eSim, until } from './harness.ts';
import { E2eWsClient } from './ws-client.ts';

const START = 1_780_000_000_000;
const RUN_MS = 3_000;
const scenario = (seed: number) => e2eScenario({
  seed, listings: { count: 1, firstOpenInSec: 1, intervalSec: 60, lateShare: 0 },
});
const sims: RunningSim[] = [];
const clients: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(sims.map((s) => s.stop()));
});

/** Start a sim, subscribe, drive the market RUN_MS forward, and return the frames received. */
async function run(seed: number): Promise<{ sim: RunningSim; client: E2eWsClient; subscribed: string[] }> {
  const sim = startE2eSim(scenario(seed), { startTime: START, manualClock: true });
  sims.push(sim);
  const listing = sim.exchange.market.listings[0]!.symbol;
  const subscribed = [
    channels.aggreDeals(BTC, '10ms'), channels.aggreDepth(BTC, '100ms'), channels.limitDepth(BTC, 20),
    channels.bookTickerBatch(BTC), channels.kline(BTC, 'Min1'), channels.miniTickers('UTC+8'),
    channels.aggreDeals(listing, '100ms'), channels.aggreDepth(listing, '10ms'),
  ];
  const client = await E2eWsClient.connect(sim.ws);
  clients.push(client);
  expect(ackAccepts(await client.request(subscribed), subscribed)).toBe(true);
  for (let t = START + 500; t <= START + RUN_MS; t += 500) {
    sim.advanceTo(t);
    await Bun.sleep(5);
  }
  // all published; wait until the socket has delivered them (no more arrive)
  let n = -1;
  await until(() => {
    const settled = client.frames.length === n;
    n = client.frames.length;
    return settled;
  }, 3000, 'frames to settle');
  return { sim, client, subscribed };
}

describe('two sims, one seed', () => {
  test('identical subscriptions receive byte-identical frames; another seed differs', async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a.client.bad).toEqual([]);
    expect(a.client.frames.length).toBeGreaterThan(100);
    // every channel, the new listing's included, carried frames
    for (const ch of a.subscribed) expect(a.client.on(ch).length).toBeGreaterThan(0);
    const hex = (x: E2eWsClient) => x.frames.map((f) => Buffer.from(f.bytes).toString('hex'));
    expect(hex(b.client)).toEqual(hex(a.client));
    expect(b.client.texts).toEqual(a.client.texts);
    // the normalized events are identical too except for the local receive stamps
    const strip = (x: E2eWsClient) => x.frames.flatMap((f) => f.events.map((e) => ({ ...e, tsRecv: 0 })));
    expect(strip(b.client)).toEqual(strip(a.client));
    // and /_sim/stats counts the same per channel
    const sent = (s: RunningSim) => Object.fromEntries(s.exchange.stats.sent);
    expect(sent(b.sim)).toEqual(sent(a.sim));
    // a different seed: a different market
    expect(hex(c.client)).not.toEqual(hex(a.client));
  });

  test('on the live clock too: frames for the same channel and window are identical', async () => {
    const start = Math.floor(Date.now() / 1000) * 1000;
    const live = [startE2eSim(scenario(11), { startTime: start }), startE2eSim(scenario(11), { startTime: start })];
    sims.push(...live);
    const subs = [channels.aggreDeals(BTC, '10ms'), channels.aggreDepth(BTC, '10ms'), channels.limitDepth(BTC, 5)];
    const [x, y] = await Promise.all(live.map(async (sim) => {
      const client = await E2eWsClient.connect(sim.ws);
      clients.push(client);
      expect(ackAccepts(await client.request(subs), subs)).toBe(true);
      return client;
    }));
    // Count frames both sims stamped with the same createTime (same channel): each such pair must
    // be byte-identical. How many pairs there are by a given moment depends on the machine's load
    // (how far each sim's timer got), so keep collecting until there are enough, up to 10 s.
    const compare = (): number => {
      let common = 0;
      for (const ch of subs) {
        const byTime = new Map(y!.on(ch).map((f) => [f.frame.createTime!, Buffer.from(f.bytes).toString('hex')]));
        for (const f of x!.on(ch)) {
          const other = byTime.get(f.frame.createTime!);
          if (other === undefined) continue;
          expect(other).toBe(Buffer.from(f.bytes).toString('hex'));
          common++;
        }
      }
      return common;
    };
    const deadline = Date.now() + 10_000;
    await Bun.sleep(800);
    let common = compare();
    while (common <= 50 && Date.now() < deadline) {
      await Bun.sleep(200);
      common = compare();
    }
    expect(common).toBeGreaterThan(50);
  });
});
