/** Every fault of --faults, injected into a real run and counted in /_sim/stats. */
import { afterAll, describe, expect, test } from 'bun:test';
import { tryDecodeFrame, decodeFrame } from '../../adapters/mexc/proto/codec.ts';
import { UsageError } from '../../core/errors.ts';
import { parseFaults } from './fault-spec.ts';
import { connect, testSim, waitForMarket } from '../testing/sim-harness.ts';
import { signedFetch } from '../testing/signed-fetch.ts';
import type { RunningSim } from '../server/sim-server.ts';

const DEPTH = 'spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDT';
const START = Date.UTC(2026, 5, 1);
const sims: RunningSim[] = [];
afterAll(async () => {
  for (const s of sims) await s.stop();
});

interface Stats { sent: Record<string, number>; faults: Record<string, number>; orders: { status: string }[] }
const stats = async (s: RunningSim) => (await (await fetch(`${s.rest}/_sim/stats`)).json()) as Stats;

/** Subscribe to the depth channel of a manual-clock sim, run 2 s of market, collect what arrives. */
async function depthRun(faults: string) {
  const s = testSim({}, { startTime: START, manualClock: true, faults });
  sims.push(s);
  const c = await connect(s.ws);
  c.send({ method: 'SUBSCRIPTION', params: [DEPTH] });
  await c.until(() => c.texts.length > 0);
  s.advanceTo(START + 2000);
  await Bun.sleep(faults.includes('delay') ? 700 : 150);
  c.close();
  return { frames: c.frames, stats: await stats(s) };
}

test('the fault list parses; bad entries are usage errors', () => {
  const f = parseFaults('disconnect=20s,garbage=0.001,torn=0.001,gap=0.005,duplicate=0.001,delay=0.01,rest429=0.01,rest5xx=0.005,timeout=0.002,skew=250ms');
  expect(f).toMatchObject({ disconnectMs: 20_000, skewMs: 250, gap: 0.005, rest429: 0.01 });
  expect(() => parseFaults('nope=1')).toThrow(UsageError);
  expect(() => parseFaults('gap=2')).toThrow(UsageError);
  expect(() => parseFaults('disconnect=fast')).toThrow(UsageError);
});

describe('frame faults', () => {
  test('gap drops frames: versions jump, and sent = received + gaps', async () => {
    const { frames, stats: st } = await depthRun('gap=0.3');
    const versions = frames.map(decodeFrame).map((f) => (f.bodyField === 313 ? [Number(f.publicAggreDepths.fromVersion), Number(f.publicAggreDepths.toVersion)] : [0, 0]));
    const jumps = versions.filter((v, i) => i > 0 && v[0] !== versions[i - 1]![1]! + 1).length;
    expect(st.faults.gap!).toBeGreaterThan(0);
    expect(jumps).toBeGreaterThan(0);
    expect(frames.length + st.faults.gap!).toBe(st.sent[DEPTH]!);
  });

  test('duplicate sends a frame twice', async () => {
    const { frames, stats: st } = await depthRun('duplicate=0.5');
    expect(frames.length).toBe(st.sent[DEPTH]! + st.faults.duplicate!);
  });

  test('garbage and torn frames fail to decode, one per injected fault', async () => {
    const { frames, stats: st } = await depthRun('garbage=0.1,torn=0.1');
    const bad = frames.filter((f) => !tryDecodeFrame(f).ok).length;
    expect(st.faults.garbage! + st.faults.torn!).toBeGreaterThan(0);
    expect(bad).toBe(st.faults.garbage! + st.faults.torn!);
  });

  test('delay reorders frames but loses none', async () => {
    const { frames, stats: st } = await depthRun('delay=0.2');
    expect(st.faults.delay!).toBeGreaterThan(0);
    expect(frames.length).toBe(st.sent[DEPTH]!);
    const from = frames.map((f) => decodeFrame(f)).map((f) => (f.bodyField === 313 ? Number(f.publicAggreDepths.fromVersion) : 0));
    expect(from.some((v, i) => i > 0 && v < from[i - 1]!)).toBe(true);
  });

  test('disconnect closes market connections at the interval', async () => {
    const s = testSim({}, { faults: 'disconnect=300ms' });
    sims.push(s);
    const c = await connect(s.ws);
    c.send({ method: 'SUBSCRIPTION', params: [DEPTH] });
    const closed = await c.closed;
    expect(closed.code).toBe(1001);
    expect((await stats(s)).faults.disconnect).toBeGreaterThanOrEqual(1);
  });
});

describe('REST faults', () => {
  test('rest429 answers 429 with Retry-After; skew moves the exchange clock', async () => {
    const s = testSim({}, { faults: 'rest429=1,skew=250ms' });
    sims.push(s);
    const res = await fetch(`${s.rest}/api/v3/time`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect((await stats(s)).faults.rest429).toBe(1);
    expect(s.exchange.now() - Date.now()).toBeGreaterThanOrEqual(240);
  });

  test('rest5xx on an order answers 503 after the order was placed; timeout holds the answer back', async () => {
    const s = testSim({ rest: { timeoutFaultMs: 300 } }, { faults: 'rest5xx=1' });
    sims.push(s);
    await waitForMarket(s);
    const a = s.exchange.scenario.account;
    const raw = { base: s.rest, apiKey: a.apiKey, apiSecret: a.apiSecret };
    const r = await signedFetch(raw, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '20' });
    expect(r.status).toBe(503);
    expect((await stats(s)).orders.map((o) => o.status)).toEqual(['FILLED']);
    const t = testSim({ rest: { timeoutFaultMs: 300 } }, { faults: 'timeout=1' });
    sims.push(t);
    const t0 = Date.now();
    expect((await fetch(`${t.rest}/api/v3/ping`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });
});
