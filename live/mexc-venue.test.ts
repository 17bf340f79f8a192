/**
 * The real venue against a real sim (in-process, HTTP on localhost) behind a proxy that loses
 * placement answers: an order whose answer was lost stays pending (nothing reaches the strategy)
 * until GET order settles it, and is never reported as rejected while the venue may have it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { PlaceOrderCommand } from '../core/commands.ts';
import { WallClock } from '../core/clock.ts';
import type { AccountEvent } from '../core/events.ts';
import { createLogger } from '../core/logger.ts';
import { MexcRestClient } from '../adapters/mexc/rest/client.ts';
import { defaultRules } from '../execution/instrument.ts';
import { parseScenario } from '../sim/config/scenario.ts';
import { startSim, type RunningSim } from '../sim/server/sim-server.ts';
import { waitForMarket } from '../sim/testing/sim-harness.ts';
import { MexcVenue, type VenueJournalEntry } from './mexc-venue.ts';
import { PrivateStream } from './private-stream.ts';
import { startLossyProxy, type LossyProxy } from './testing/lossy-proxy.ts';

let sim: RunningSim;
let proxy: LossyProxy;
const clock = new WallClock();
const quiet = createLogger({ level: 'silent' });

beforeAll(async () => {
  sim = startSim({
    scenario: parseScenario({
      established: [{ symbol: 'BTCUSDT', price: 86_500, priceScale: 2, quantityScale: 6, tradesPerSec: 20, meanTradeQuote: 2000 }],
      listings: { count: 0 }, account: { balances: { USDT: 100_000 } },
    }),
    host: '127.0.0.1', port: 0,
  });
  proxy = startLossyProxy(sim.rest);
  await waitForMarket(sim); // trades on the book
});
afterAll(async () => {
  await proxy?.stop();
  await sim?.stop();
});

function venue(notFoundGraceMs = 60_000, pollMs = 50): { v: MexcVenue; journal: VenueJournalEntry[] } {
  const acct = sim.exchange.scenario.account;
  const client = MexcRestClient.create({ baseUrl: proxy.url, webBaseUrl: proxy.url, apiKey: acct.apiKey, apiSecret: acct.apiSecret, timeoutMs: 5000 }, { clock });
  const journal: VenueJournalEntry[] = [];
  const rules = (s: string) => ({ ...defaultRules(s, 86_500), qtyScale: 6 });
  const v = new MexcVenue({ client, clock, rules, log: quiet, journal: (e) => journal.push(e), pollMs, notFoundGraceMs });
  return { v, journal };
}

const buy = (id: string, quoteQty: number): PlaceOrderCommand => ({ type: 'place_order', clientOrderId: id, symbol: 'BTCUSDT', side: 'buy', orderType: 'MARKET', quoteQty, reason: 'test' });

function drain(v: MexcVenue): AccountEvent[] {
  const out: AccountEvent[] = [];
  v.release(clock.nowUs(), (e) => out.push(e));
  return out;
}

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`${what} not within ${ms} ms`);
    await Bun.sleep(10);
  }
}

describe('MexcVenue: unknown outcomes', () => {
  test('a placement whose answer is lost stays pending, then reconciles to the fill the venue made', async () => {
    proxy.mode = 'lose-answer';
    const { v, journal } = venue(60_000, 3_600_000); // no automatic polling: this test runs the reconciliation passes
    v.submit(buy('lost-1', 50), clock.nowUs());
    await until(() => journal.some((j) => j.event === 'unknown_outcome'), 5000, 'the unknown outcome');
    await Bun.sleep(300);
    // pending, and nothing told to the strategy (no REJECTED, no update at all) until the venue settles it
    expect(v.pending().map((t) => [t.order.clientOrderId, t.state])).toEqual([['lost-1', 'unknown']]);
    expect(v.nextDueUs()).toBe(Infinity);
    expect(drain(v)).toEqual([]);
    proxy.mode = 'pass';
    const events: AccountEvent[] = [];
    await until(() => (void v.poll(), events.push(...drain(v)), events.some((e) => e.type === 'order_update' && e.status === 'FILLED')), 5000, 'reconciliation');
    v.stop();
    expect(events.some((e) => e.type === 'order_update' && e.status === 'REJECTED')).toBe(false);
    const fills = events.filter((e) => e.type === 'fill');
    expect(fills.length).toBeGreaterThan(0);
    const quote = fills.reduce((s, f) => s + (f.type === 'fill' ? f.quoteQty : 0), 0);
    expect(quote).toBeGreaterThan(49);
    expect(quote).toBeLessThanOrEqual(50);
    expect(journal.map((j) => j.event)).toContain('reconciled');
    expect(v.pending()).toEqual([]);
  }, 15_000);

  test('a placement that never reached the venue stays pending through the grace period, then is reported as never placed', async () => {
    proxy.mode = 'drop';
    const { v, journal } = venue(400);
    const sentAt = Date.now();
    v.submit(buy('dropped-1', 50), clock.nowUs());
    await until(() => journal.some((j) => j.event === 'unknown_outcome'), 5000, 'the unknown outcome');
    proxy.mode = 'pass';
    const events: AccountEvent[] = [];
    await until(() => (events.push(...drain(v)), events.length > 0), 5000, 'settlement');
    v.stop();
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(400);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.type === 'order_update' && e.status).toBe('REJECTED');
    expect(e.type === 'order_update' && e.rejectReason).toContain('unknown outcome reconciled');
    expect(journal.map((j) => j.event)).toEqual(['sent', 'unknown_outcome', 'not_found']);
  }, 15_000);

  test('an order the venue refuses is rejected at once with its code, not left pending', async () => {
    proxy.mode = 'pass';
    const { v } = venue();
    v.submit(buy('tiny-1', 0.5), clock.nowUs());
    const events: AccountEvent[] = [];
    await until(() => (events.push(...drain(v)), events.length > 0), 5000, 'the rejection');
    v.stop();
    const e = events[0]!;
    expect(e.type === 'order_update' && e.status).toBe('REJECTED');
    expect(e.type === 'order_update' && e.rejectCode).toBeGreaterThan(0);
    expect(v.pending()).toEqual([]);
  }, 15_000);
});

describe('MexcVenue with the private stream', () => {
  test('a push about our order makes the venue look it up at once (here: canceled from elsewhere, polling off)', async () => {
    proxy.mode = 'pass';
    const { v, journal } = venue(60_000, 3_600_000);
    const acct = sim.exchange.scenario.account;
    const direct = MexcRestClient.create({ baseUrl: sim.rest, webBaseUrl: sim.rest, apiKey: acct.apiKey, apiSecret: acct.apiSecret }, { clock });
    const stream = new PrivateStream(direct, sim.ws, quiet, (id) => v.pollSoon(id));
    await stream.start();
    try {
      const book = await direct.bookTicker('BTCUSDT');
      if (!book.ok) throw book.error;
      const price = Math.floor(Number(book.value.bidPrice) * 0.97 * 100) / 100;
      v.submit({ type: 'place_order', clientOrderId: 'rest-1', symbol: 'BTCUSDT', side: 'buy', orderType: 'LIMIT', qty: 0.001, price, reason: 'test' }, clock.nowUs());
      const events: AccountEvent[] = [];
      await until(() => (events.push(...drain(v)), events.some((e) => e.type === 'order_update' && e.status === 'NEW')), 5000, 'NEW');
      await Bun.sleep(200); // the lookup right after placement is done: from here on only a push can prompt one
      const canceled = await direct.cancelOrder({ symbol: 'BTCUSDT', origClientOrderId: 'rest-1' });
      expect(canceled.ok).toBe(true);
      await until(() => (events.push(...drain(v)), events.some((e) => e.type === 'order_update' && e.status === 'CANCELED')), 3000, 'CANCELED from the push');
      expect(stream.pushes).toBeGreaterThan(0);
      expect(v.pending()).toEqual([]);
      expect(journal.map((j) => j.event)).toEqual(['sent', 'placed']);
    } finally {
      stream.stop();
      v.stop();
    }
  }, 15_000);
});
