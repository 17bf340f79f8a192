/**
 * mexc-api.md §3.1 against the sim: aggre.depth pushes are contiguous (fromVersion = previous
 * toVersion + 1) and share the version space of REST depth's lastUpdateId, so snapshot + deltas
 * rebuild exactly the book a later snapshot shows.
 */
import { afterAll, expect, test } from 'bun:test';
import { decodeFrame } from '../../adapters/mexc/proto/codec.ts';
import { connect, testSim } from '../testing/sim-harness.ts';

const sim = testSim();
afterAll(() => sim.stop());

interface Depth { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] }
const depth = async (): Promise<Depth> => (await (await fetch(`${sim.rest}/api/v3/depth?symbol=BTCUSDT&limit=5000`)).json()) as Depth;

test('snapshot + contiguous deltas = the next snapshot', async () => {
  const c = await connect(sim.ws);
  c.send({ method: 'SUBSCRIPTION', params: ['spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDT'] });
  await c.until(() => c.frames.length > 3);
  const s1 = await depth();
  await Bun.sleep(400);
  const s2 = await depth();
  const deltas = () => c.frames.map(decodeFrame).flatMap((f) => (f.bodyField === 313 ? [f.publicAggreDepths] : []));
  await c.until(() => deltas().some((d) => Number(d.toVersion) >= s2.lastUpdateId));
  const all = deltas();
  for (let i = 1; i < all.length; i++) expect(Number(all[i]!.fromVersion)).toBe(Number(all[i - 1]!.toVersion) + 1);
  expect(Number(all[0]!.fromVersion)).toBeLessThanOrEqual(s1.lastUpdateId + 1);
  const bids = new Map(s1.bids.map(([p, q]) => [p, q]));
  const asks = new Map(s1.asks.map(([p, q]) => [p, q]));
  let version = s1.lastUpdateId;
  for (const d of all) {
    if (Number(d.toVersion) <= s1.lastUpdateId) continue;
    if (Number(d.fromVersion) > s2.lastUpdateId) break;
    expect(Number(d.fromVersion)).toBe(version + 1);
    for (const l of d.bids ?? []) (Number(l.quantity) === 0 ? bids.delete(l.price!) : bids.set(l.price!, l.quantity!));
    for (const l of d.asks ?? []) (Number(l.quantity) === 0 ? asks.delete(l.price!) : asks.set(l.price!, l.quantity!));
    version = Number(d.toVersion);
  }
  expect(version).toBe(s2.lastUpdateId);
  const sorted = (m: Map<string, string>, desc: boolean) => [...m.entries()].sort((a, b) => (desc ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
  expect(sorted(bids, true)).toEqual(s2.bids);
  expect(sorted(asks, false)).toEqual(s2.asks);
  c.close();
});
