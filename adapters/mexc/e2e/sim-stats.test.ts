/**
 * GET /_sim/stats held against what the adapter's clients recorded: frames sent per channel
 * equal frames received (public and private); orders and listings in the stats match the
 * client's view. (With frame faults injected: sim-stats-faults.test.ts.)
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { ackAccepts } from '../control.ts';
import { channels } from '../channels.ts';
import { BTC, clientFor, e2eScenario, failure, must, simStats, startE2eSim, until, waitForMarket } from './harness.ts';
import { E2eWsClient, recordChannels } from './ws-client.ts';

const clean = startE2eSim(e2eScenario({ listings: { count: 2, firstOpenInSec: 900, intervalSec: 600 } }));
const open: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of open) c.close();
  await clean.stop();
});

const record = (url: string, subs: readonly string[], ms: number) => recordChannels(url, subs, ms, open);

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
});
