/** Same seed ⇒ identical frames: in process over every channel, and over sockets. */
import { afterAll, expect, test } from 'bun:test';
import { parseScenario } from '../config/scenario.ts';
import { Market } from './market.ts';
import { FrameProducer } from '../server/frame-producer.ts';
import { connect, testSim } from '../testing/sim-harness.ts';
import type { RunningSim } from '../server/sim-server.ts';

const START = Date.UTC(2026, 5, 1, 12, 0, 0);

function run(seed: number, ticks: number): { channel: string; bytes: Uint8Array }[] {
  const scenario = parseScenario({
    seed,
    established: [{ symbol: 'BTCUSDT', price: 86_500, priceScale: 2, quantityScale: 6 }, { symbol: 'ETHUSDT', price: 3200, priceScale: 2, quantityScale: 5 }],
    listings: { count: 2, firstOpenInSec: 2, intervalSec: 2 },
  });
  const market = new Market(scenario, START);
  const out: { channel: string; bytes: Uint8Array }[] = [];
  const producer = new FrameProducer(market, { hasSubscribers: () => true, publish: (channel, _s, bytes) => out.push({ channel, bytes }) });
  for (let i = 0; i < ticks; i++) producer.afterTick(market.step(), market.nowMs);
  return out;
}

test('two runs with one seed produce identical frames on every channel; another seed differs', () => {
  const a = run(5, 700);
  const b = run(5, 700);
  const c = run(6, 700);
  expect(a.length).toBeGreaterThan(1000);
  expect(b.length).toBe(a.length);
  for (let i = 0; i < a.length; i++) {
    expect(b[i]!.channel).toBe(a[i]!.channel);
    expect(Buffer.compare(b[i]!.bytes, a[i]!.bytes)).toBe(0);
  }
  const kinds = new Set(a.map((f) => f.channel.split('@')[1]));
  for (const k of ['public.aggre.deals.v3.api.pb', 'public.aggre.depth.v3.api.pb', 'public.limit.depth.v3.api.pb', 'public.kline.v3.api.pb', 'public.miniTickers.v3.api.pb']) {
    expect(kinds.has(k)).toBe(true);
  }
  // both listings opened within the run and traded
  const listed = new Set(a.filter((f) => f.channel.startsWith('spot@public.aggre.deals')).map((f) => f.channel.split('@').at(-1)));
  expect(listed.size).toBe(4);
  expect(c.length === a.length && c.every((f, i) => Buffer.compare(f.bytes, a[i]!.bytes) === 0)).toBe(false);
});

const sims: RunningSim[] = [];
afterAll(async () => {
  for (const s of sims) await s.stop();
});

test('two sims with one seed send a subscriber identical bytes', async () => {
  const channels = ['spot@public.aggre.deals.v3.api.pb@10ms@BTCUSDT', 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT', 'spot@public.kline.v3.api.pb@BTCUSDT@Min1'];
  const received: Uint8Array[][] = [];
  for (let k = 0; k < 2; k++) {
    const s = testSim({ seed: 11 }, { startTime: START, manualClock: true });
    sims.push(s);
    const c = await connect(s.ws);
    c.send({ method: 'SUBSCRIPTION', params: channels });
    await c.until(() => c.texts.length > 0);
    s.advanceTo(START + 3000);
    await c.until(() => c.frames.length > 0);
    let n = -1;
    while (n !== c.frames.length) {
      n = c.frames.length;
      await Bun.sleep(100);
    }
    received.push(c.frames);
    c.close();
  }
  expect(received[0]!.length).toBeGreaterThan(20);
  expect(received[1]!.length).toBe(received[0]!.length);
  received[0]!.forEach((f, i) => expect(Buffer.compare(f, received[1]![i]!)).toBe(0));
});
