/**
 * Orders through the adapter's client against the sim's matching engine: every placeable type,
 * order/test, query, openOrders, cancel, cancel-all, allOrders, balances that move after fills,
 * and myTrades that add up to what the orders report.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { MexcRestClient } from '../rest/client.ts';
import { BTC, clientFor, e2eScenario, must, startE2eSim, waitForMarket } from './harness.ts';

const sim = startE2eSim(e2eScenario({ account: { balances: { USDT: 100_000 }, takerFee: 0.0005, makerFee: 0 } }));
const client: MexcRestClient = clientFor(sim);
afterAll(() => sim.stop());
beforeAll(async () => {
  await waitForMarket(sim);
  must(await client.syncTime());
});

async function balances(): Promise<Record<string, { free: number; locked: number }>> {
  const out: Record<string, { free: number; locked: number }> = {};
  for (const b of must(await client.account()).balances) out[b.asset] = { free: Number(b.free), locked: Number(b.locked) };
  return out;
}
const top = async () => {
  const t = must(await client.bookTicker(BTC));
  return { bid: Number(t.bidPrice), ask: Number(t.askPrice) };
};
const query = async (orderId: string) => must(await client.queryOrder({ symbol: BTC, orderId }));

describe('orders through MexcRestClient', () => {
  test('MARKET BUY by quoteOrderQty fills; USDT falls by the spend, BTC rises by qty less the taker fee', async () => {
    const before = await balances();
    const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'MARKET', quoteOrderQty: '200' }));
    expect(placed.symbol).toBe(BTC);
    const o = await query(placed.orderId);
    expect(o.status).toBe('FILLED');
    expect(o.type).toBe('MARKET');
    const after = await balances();
    const spent = before.USDT!.free - after.USDT!.free;
    expect(spent).toBeCloseTo(Number(o.cummulativeQuoteQty), 6);
    expect(spent).toBeGreaterThan(199);
    expect(spent).toBeLessThanOrEqual(200 + 1e-6);
    expect(after.BTC!.free - (before.BTC?.free ?? 0)).toBeCloseTo(Number(o.executedQty) * (1 - 0.0005), 8);
    const fills = must(await client.myTrades(BTC, { orderId: placed.orderId }));
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.reduce((s, f) => s + Number(f.qty), 0)).toBeCloseTo(Number(o.executedQty), 8);
    expect(fills.every((f) => f.isBuyer && !f.isMaker && f.orderId === placed.orderId)).toBe(true);
    expect(fills.reduce((s, f) => s + Number(f.commission), 0)).toBeCloseTo(Number(o.executedQty) * 0.0005, 8);
  });

  test('MARKET SELL by quantity fills and pays USDT', async () => {
    const before = await balances();
    const placed = must(await client.placeOrder({ symbol: BTC, side: 'SELL', type: 'MARKET', quantity: '0.001' }));
    const o = await query(placed.orderId);
    expect(o.status).toBe('FILLED');
    expect(o.executedQty).toBe('0.001000');
    const after = await balances();
    expect(before.BTC!.free - after.BTC!.free).toBeCloseTo(0.001, 7); // balances are sent with 8 decimals
    expect(after.USDT!.free - before.USDT!.free).toBeCloseTo(Number(o.cummulativeQuoteQty) * (1 - 0.0005), 6);
  });

  test('LIMIT below the bid rests (openOrders, locked USDT) and cancels back', async () => {
    const before = await balances();
    const price = ((await top()).bid * 0.98).toFixed(2);
    const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.002', price, newClientOrderId: 'e2e-limit-1' }));
    expect(placed.price).toBe(price);
    expect((await query(placed.orderId)).status).toBe('NEW');
    const byClientId = must(await client.queryOrder({ symbol: BTC, origClientOrderId: 'e2e-limit-1' }));
    expect(byClientId.orderId).toBe(placed.orderId);
    expect(must(await client.openOrders(BTC)).map((o) => o.orderId)).toContain(placed.orderId);
    const mid = await balances();
    expect(mid.USDT!.locked - before.USDT!.locked).toBeCloseTo(0.002 * Number(price), 6);
    const cancelled = must(await client.cancelOrder({ symbol: BTC, orderId: placed.orderId }));
    expect(cancelled.status).toBe('CANCELED');
    expect((await query(placed.orderId)).status).toBe('CANCELED');
    expect(must(await client.openOrders(BTC)).map((o) => o.orderId)).not.toContain(placed.orderId);
    expect((await balances()).USDT!.locked).toBeCloseTo(before.USDT!.locked, 6);
  });

  test('LIMIT_MAKER that would cross is canceled, not filled', async () => {
    const { ask } = await top();
    const crossing = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.001', price: (ask * 1.01).toFixed(2) }));
    const c = await query(crossing.orderId);
    expect(c.status).toBe('CANCELED');
    expect(Number(c.executedQty)).toBe(0);
  });

  // MEXC documents LIMIT_MAKER as a post-only limit order: it rests unless it would take liquidity (mexc-api.md §4.7).
  test('LIMIT_MAKER below the bid rests as NEW', async () => {
    const { bid } = await top();
    const passive = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.001', price: (bid * 0.99).toFixed(2) }));
    expect((await query(passive.orderId)).status).toBe('NEW');
    must(await client.cancelOrder({ symbol: BTC, orderId: passive.orderId }));
  });

  test('IMMEDIATE_OR_CANCEL takes what crosses and never rests; FILL_OR_KILL too large is killed, small fills', async () => {
    const { bid, ask } = await top();
    const ioc = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '0.5', price: (ask * 1.0005).toFixed(2) }));
    const i = await query(ioc.orderId);
    expect(['FILLED', 'PARTIALLY_CANCELED']).toContain(i.status);
    expect(Number(i.executedQty)).toBeGreaterThan(0);
    const iocMiss = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '0.001', price: (bid * 0.98).toFixed(2) }));
    expect((await query(iocMiss.orderId)).status).toBe('CANCELED');
    const fokSmall = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'FILL_OR_KILL', quantity: '0.0001', price: ((await top()).ask * 1.001).toFixed(2) }));
    expect((await query(fokSmall.orderId)).status).toBe('FILLED');
    expect(must(await client.openOrders(BTC)).map((o) => o.orderId)).not.toContain(ioc.orderId);
  });

  test('order/test validates without placing: {} and nothing new in allOrders', async () => {
    const count = must(await client.allOrders(BTC)).length;
    expect(must(await client.testOrder({ symbol: BTC, side: 'BUY', type: 'MARKET', quoteOrderQty: '50' }))).toEqual({});
    expect(must(await client.allOrders(BTC)).length).toBe(count);
  });

  test('cancelAllOrders cancels the open order of the symbol and unlocks its USDT', async () => {
    const price = ((await top()).bid * 0.97).toFixed(2);
    const lockedBefore = (await balances()).USDT!.locked;
    const id = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.001', price })).orderId;
    expect((await balances()).USDT!.locked).toBeCloseTo(lockedBefore + 0.001 * Number(price), 6);
    const cancelled = must(await client.cancelAllOrders(BTC));
    expect(cancelled.map((c) => c.orderId)).toEqual([id]);
    expect(must(await client.openOrders(BTC))).toEqual([]);
    expect((await balances()).USDT!.locked).toBeCloseTo(lockedBefore, 6);
  });

  test('orderIds are unique; cancelAllOrders cancels several; allOrders keeps the history', async () => {
    const price = ((await top()).bid * 0.97).toFixed(2);
    const lockedBefore = (await balances()).USDT!.locked;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.001', price })).orderId);
    expect(new Set(ids).size).toBe(3);
    const cancelled = must(await client.cancelAllOrders(BTC));
    expect(cancelled.map((c) => c.orderId)).toEqual(expect.arrayContaining(ids));
    expect(must(await client.openOrders(BTC))).toEqual([]);
    const all = must(await client.allOrders(BTC));
    for (const id of ids) expect(all.find((o) => o.orderId === id)?.status).toBe('CANCELED');
    expect(all.some((o) => o.status === 'FILLED')).toBe(true);
    expect((await balances()).USDT!.locked).toBeCloseTo(lockedBefore, 6);
  });

  test('allOrders answers the order history in the client schema', async () => {
    const all = must(await client.allOrders(BTC));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((o) => o.symbol === BTC)).toBe(true);
  });

  // A marketable BUY that fills below its limit must return the unused part of its lock (it once stayed frozen).
  test('every ended marketable BUY returns all of its unused lock', async () => {
    // 40 quick buys can take the whole ask side faster than the sim's makers refill it
    // (at most every 500 ms): wait for an ask before each order instead of pricing off nothing.
    const askNow = async (): Promise<number> => {
      const end = Date.now() + 5000;
      for (;;) {
        const { ask } = await top();
        if (ask > 0 || Date.now() > end) return ask;
        await Bun.sleep(50);
      }
    };
    for (let i = 0; i < 40; i++) {
      const lockedBefore = sim.exchange.account.get('USDT').locked;
      const ask = await askNow();
      expect(ask).toBeGreaterThan(0);
      // 0.2 BTC locks ~17k USDT: room for it even with earlier tests' resting orders locking funds
      const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '0.2', price: (ask * 1.0005).toFixed(2) }));
      const ended = await query(placed.orderId);
      expect(ended.status).not.toBe('NEW');
      expect(sim.exchange.account.get('USDT').locked).toBeCloseTo(lockedBefore, 6);
      // sell back what the buy netted after the taker fee (an IOC may fill only part of its 0.2)
      const netted = Math.floor(Number(ended.executedQty) * (1 - 0.0005) * 1e6) / 1e6;
      if (netted > 0) must(await client.placeOrder({ symbol: BTC, side: 'SELL', type: 'MARKET', quantity: netted.toFixed(6) }));
    }
  });
});

// A FILL_OR_KILL larger than the liquidity at its price must be killed whole. On a live clock the
// best level can refill between reading the book and ordering, so this runs on a market that
// moves only when told to: the book the test reads is the book the order meets.
describe('FILL_OR_KILL on a frozen book', () => {
  const START = 1_780_000_000_000;
  const frozen = startE2eSim(e2eScenario({ account: { balances: { USDT: 100_000 }, takerFee: 0.0005, makerFee: 0 } }), { startTime: START, manualClock: true });
  const fc: MexcRestClient = clientFor(frozen);
  afterAll(() => frozen.stop());

  test('more than the whole best ask level at that level’s price is CANCELED with nothing filled', async () => {
    for (let t = START + 500; t <= START + 5_000; t += 500) frozen.advanceTo(t);
    must(await fc.syncTime());
    const [bestAsk, bestAskQty] = must(await fc.depth(BTC, 5)).asks[0]!;
    const big = must(await fc.placeOrder({ symbol: BTC, side: 'BUY', type: 'FILL_OR_KILL', quantity: (Number(bestAskQty) + 0.05).toFixed(6), price: String(bestAsk) }));
    const o = must(await fc.queryOrder({ symbol: BTC, orderId: big.orderId }));
    expect(o.status).toBe('CANCELED');
    expect(Number(o.executedQty)).toBe(0);
    // the level is untouched
    expect(must(await fc.depth(BTC, 5)).asks[0]).toEqual([bestAsk, bestAskQty]);
  });
});
