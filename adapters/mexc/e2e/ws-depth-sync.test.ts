/**
 * MEXC's documented order-book procedure (mexc-api.md §3.1) run end to end: subscribe to
 * aggre.depth, buffer, take the REST snapshot, drop frames at or before its lastUpdateId, check
 * that the first kept frame spans lastUpdateId+1 and every later fromVersion continues the last
 * toVersion, apply the absolute quantities, and find the local book equal to the sim's
 * limit.depth@20 snapshot of the same version. At 10ms and 100ms.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import type { BookDeltaEvent, BookSnapshotEvent, Level } from '../../../core/events.ts';
import { ackAccepts } from '../control.ts';
import { channels, type UpdateSpeed } from '../channels.ts';
import { intOf } from '../rest/wire-primitives.ts';
import { BTC, clientFor, e2eScenario, must, startE2eSim, waitForMarket } from './harness.ts';
import { E2eWsClient } from './ws-client.ts';

const sim = startE2eSim(e2eScenario());
const client = clientFor(sim);
const open: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of open) c.close();
  await sim.stop();
});

class LocalBook {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  version = 0;
  apply(side: Map<number, number>, levels: readonly Level[]): void {
    for (const [p, q] of levels) {
      if (q === 0) side.delete(p);
      else side.set(p, q);
    }
  }
  top(side: 'bids' | 'asks', n: number): Level[] {
    const entries = [...this[side].entries()].sort((a, b) => (side === 'bids' ? b[0] - a[0] : a[0] - b[0]));
    return entries.slice(0, n);
  }
}

async function syncAt(speed: UpdateSpeed): Promise<void> {
  await waitForMarket(sim);
  const c = await E2eWsClient.connect(sim.ws);
  open.push(c);
  const depthCh = channels.aggreDepth(BTC, speed);
  const limitCh = channels.limitDepth(BTC, 20);
  expect(ackAccepts(await c.request([depthCh, limitCh]), [depthCh, limitCh])).toBe(true);
  await c.waitFrames(depthCh, 3);
  // the snapshot is taken while frames keep buffering
  const snap = must(await client.depth(BTC, 5000));
  const lastUpdateId = intOf(snap.lastUpdateId, 'lastUpdateId');
  await Bun.sleep(600);
  const deltas = c.on(depthCh).map((f) => f.events[0] as BookDeltaEvent);
  expect(deltas.every((d) => d.type === 'book_delta' && d.symbol === BTC)).toBe(true);

  const book = new LocalBook();
  book.apply(book.bids, snap.bids.map(([p, q]) => [Number(p), Number(q)] as const));
  book.apply(book.asks, snap.asks.map(([p, q]) => [Number(p), Number(q)] as const));
  book.version = lastUpdateId;
  const kept = deltas.filter((d) => d.toVersion > lastUpdateId);
  expect(kept.length).toBeGreaterThan(3);
  expect(kept[0]!.fromVersion).toBeLessThanOrEqual(lastUpdateId + 1);
  expect(kept[0]!.toVersion).toBeGreaterThanOrEqual(lastUpdateId + 1);

  const snapshots = new Map<number, BookSnapshotEvent>();
  for (const f of c.on(limitCh)) {
    const e = f.events[0] as BookSnapshotEvent;
    expect(e.type).toBe('book_snapshot');
    expect(e.source).toBe('limit');
    snapshots.set(e.version, e);
  }
  let compared = 0;
  for (const d of kept) {
    if (book.version !== lastUpdateId) expect(d.fromVersion).toBe(book.version + 1); // contiguous, no gap
    expect(d.toVersion).toBeGreaterThanOrEqual(d.fromVersion);
    book.apply(book.bids, d.bids);
    book.apply(book.asks, d.asks);
    book.version = d.toVersion;
    const limit = snapshots.get(book.version);
    if (limit !== undefined) {
      expect(book.top('bids', 20)).toEqual(limit.bids.map(([p, q]) => [p, q]));
      expect(book.top('asks', 20)).toEqual(limit.asks.map(([p, q]) => [p, q]));
      compared++;
    }
  }
  // a limit.depth frame goes out every 100 ms when the book changed, at the same version as the
  // 100 ms depth window that ends then; with 10 ms windows one in ten lines up as well
  expect(compared).toBeGreaterThan(2);
  const [bestBid] = book.top('bids', 1);
  const [bestAsk] = book.top('asks', 1);
  expect(bestBid![0]).toBeLessThan(bestAsk![0]);
  c.close();
}

describe('aggre.depth continues REST depth lastUpdateId and rebuilds the book exactly', () => {
  test('at 100ms', async () => {
    await syncAt('100ms');
  });
  test('at 10ms', async () => {
    await syncAt('10ms');
  });
});
