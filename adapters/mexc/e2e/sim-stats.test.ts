/**
 * GET /_sim/stats held against what the adapter's clients recorded: frames sent per channel
 * equal frames received (public and private), and with frame faults injected, received =
 * sent − gaps + duplicates, undecodable frames = garbage + torn, and every gap on aggre.depth
 * shows up as a version jump. Orders and listings in the stats match the client's view.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import type { BookDeltaEvent } from '../../../core/events.ts';
import { ackAccepts } from '../control.ts';
import { channels } from '../channels.ts';
import { BTC, clientFor, e2eScenario, failure, must, simStats, startE2eSim, until, waitForMarket } from './harness.ts';
import { E2eWsClient } from './ws-client.ts';

const clean = startE2eSim(e2eScenario({ listings: { count: 2, firstOpenInSec: 900, intervalSec: 600 } }));
const faulty = startE2eSim(e2eScenario(), { faults: 'gap=0.05,duplicate=0.05,garbage=0.03,torn=0.03' });
const open: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of open) c.close();
  await Promise.all([clean.stop(), faulty.stop()]);
});

/** Subscribe, let frames flow, unsubscribe and wait for the ack (everything sent is then delivered). */
async function record(url: string, subs: readonly string[], ms: number): Promise<E2eWsClient> {
  const c = await E2eWsClient.connect(url);
  open.push(c);
  expect(ackAccepts(await c.request(subs), subs)).toBe(true);
  await Bun.sleep(ms);
  const before = c.replies.length;
  c.unsubscribe(subs);
  await until(() => c.replies.length > before, 2000, 'the unsubscribe ack');
  return c;
}

describe('/_sim/stats against what the client received', () => {
  test('public: frames sent per channel = frames received', async () => {
    const subs = [channels.aggreDeals(BTC, '10ms'), channels.aggreDepth(BTC, '100ms'), channels.limitDepth(BTC, 10), channels.kline(BTC, 'Min1')];
    const c = await record(clean.ws, subs, 1200);
    const stats = await simStats(clean.rest);
    for (const ch of subs) {
      expect(c.on(ch).length).toBeGreaterThan(0);
      expect(stats.sent[ch]).toBe(c.on(ch).length);
    }
    expect(stats.faults).toEqual({});
  });

  test('private: sent counts match the pushes; orders match what the client placed and was refused', async () => {
    const client = clientFor(clean);
    await waitForMarket(clean);
    must(await client.syncTime());
    const key = must(await client.createListenKey()).listenKey;
    const subs = [channels.privateOrders(), channels.privateDeals(), channels.privateAccount()];
    const c = await E2eWsClient.connect(`${clean.ws}?listenKey=${key}`);
    open.push(c);
    expect(ackAccepts(await c.request(subs), subs)).toBe(true);
    const before = await simStats(clean.rest);
    const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'MARKET', quoteOrderQty: '25' }));
    failure(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.000001', price: '80000' }));
    await until(() => c.on(channels.privateAccount()).length >= 2, 2000, 'account pushes');
    await Bun.sleep(100);
    const stats = await simStats(clean.rest);
    for (const ch of subs) expect((stats.sent[ch] ?? 0) - (before.sent[ch] ?? 0)).toBe(c.on(ch).length);
    const orders = stats.orders.slice(before.orders.length);
    expect(orders.map((o) => [o.symbol, o.side, o.type, o.status])).toEqual([
      [BTC, 'BUY', 'MARKET', 'FILLED'], [BTC, 'BUY', 'LIMIT', 'REJECTED'],
    ]);
    expect(orders[0]!.orderId).toBe(placed.orderId);
    expect(orders[1]!.code).toBe(30002);
  });

  test('listings: the stats and the calendar agree', async () => {
    const stats = await simStats(clean.rest);
    const cal = must(await clientFor(clean).calendar()).data.newCoins;
    expect(stats.listings.length).toBe(2);
    expect(cal.length).toBeGreaterThan(0);
    for (const coin of cal) {
      const l = stats.listings.find((x) => x.vcoinId === coin.vcoinId)!;
      expect(l.firstOpenTime).toBe(Number(coin.firstOpenTime));
      expect(l.openedAt).toBeNull();
    }
  });

  test('faults: received = sent − gap + duplicate; bad frames = garbage + torn; depth gaps seen as version jumps', async () => {
    const depth = channels.aggreDepth(BTC, '10ms');
    const c = await record(faulty.ws, [depth], 1500);
    const stats = await simStats(faulty.rest);
    const f = (name: string) => stats.faults[name] ?? 0;
    expect(f('gap') + f('duplicate') + f('garbage') + f('torn')).toBeGreaterThan(0);
    expect(c.frames.length + c.bad.length).toBe(stats.sent[depth]! - f('gap') + f('duplicate'));
    expect(c.bad.length).toBe(f('garbage') + f('torn'));
    // walk the versions: a duplicate repeats a window, a gap (or a garbled frame) skips versions
    let jumps = 0;
    let repeats = 0;
    let last: BookDeltaEvent | undefined;
    for (const e of c.on(depth).map((x) => x.events[0] as BookDeltaEvent)) {
      if (last !== undefined) {
        if (e.fromVersion === last.fromVersion && e.toVersion === last.toVersion) repeats++;
        else if (e.fromVersion !== last.toVersion + 1) jumps++;
        else expect(e.fromVersion).toBe(last.toVersion + 1);
      }
      last = e;
    }
    expect(repeats).toBe(f('duplicate'));
    expect(jumps).toBeGreaterThan(0);
    expect(jumps).toBeLessThanOrEqual(f('gap') + f('garbage') + f('torn'));
  });
});
