/**
 * MEXC's order rejections through the adapter's client, each mapped to a MexcVenueError with the
 * venue code and retry hint: 10007 before a listing opens (then success once it opens on a fast
 * sim clock) and for a pair the API may not trade, 30002 below the minimum amount, 10101
 * insufficient balance, 30018/30019 market orders disabled (and MARKET missing from orderTypes).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { MexcRestClient } from '../rest/client.ts';
import { MexcVenueError } from '../rest/errors.ts';
import type { MexcOrderRequest } from '../rest/order-params.ts';
import { BTC, clientFor, e2eScenario, failure, must, startE2eSim, until, waitForMarket } from './harness.ts';

// seed 5 draws one listing of each kind: market orders enabled / disabled / API-disabled, and
// one the API may not trade. Market clock at 10× wall time: the first listing opens 0.8 s in.
const sim = startE2eSim(e2eScenario({
  seed: 5, speed: 10,
  listings: {
    count: 4, firstOpenInSec: 8, intervalSec: 1, lateShare: 0,
    notApiTradableShare: 0.25, marketDisabledShare: 0.25, apiMarketDisabledShare: 0.25,
  },
  account: { balances: { USDT: 5_000 } },
}), { startTime: 1_780_000_000_000 });
afterAll(() => sim.stop());
// a fast market clock drifts from the wall clock: the widest recvWindow and a sync before each call
const client: MexcRestClient = clientFor(sim, { recvWindow: 60_000 });
const plans = sim.exchange.market.listings;
const find = (pred: (p: (typeof plans)[number]) => boolean) => {
  const p = plans.find(pred);
  if (p === undefined) throw new Error('the seeded scenario lacks a listing of this kind');
  return p;
};
const enabled = find((p) => p.apiTradable && p.marketOrders === 'enabled');
const disabled = find((p) => p.apiTradable && p.marketOrders === 'disabled');
const apiDisabled = find((p) => p.apiTradable && p.marketOrders === 'api_disabled');
const notApi = find((p) => !p.apiTradable);

async function place(order: MexcOrderRequest) {
  must(await client.syncTime());
  return client.placeOrder(order);
}
function venue(e: unknown): MexcVenueError {
  expect(e).toBeInstanceOf(MexcVenueError);
  return e as MexcVenueError;
}
const isOpen = (symbol: string) => sim.exchange.view(symbol)?.open === true;

beforeAll(async () => {
  expect(isOpen(enabled.symbol)).toBe(false);
  await waitForMarket(sim);
});

describe('order rejections through MexcRestClient', () => {
  test('10007 before the listing opens (retry after the open), then the same order succeeds once it opens', async () => {
    const order: MexcOrderRequest = { symbol: enabled.symbol, side: 'BUY', type: 'MARKET', quoteOrderQty: '20' };
    const e = venue(failure(await place(order)));
    expect(e.venueCode).toBe(10007);
    expect(e.retryHint).toBe('after_open');
    await until(() => isOpen(enabled.symbol), 5000, `${enabled.symbol} to open`);
    const info = must(await client.exchangeInfo({ symbol: enabled.symbol })).symbols[0]!;
    expect(info.status).toBe('1');
    expect(info.isSpotTradingAllowed).toBe(true);
    expect(must(await client.defaultSymbols()).data).toContain(enabled.symbol);
    const placed = must(await place(order));
    must(await client.syncTime());
    const o = must(await client.queryOrder({ symbol: enabled.symbol, orderId: placed.orderId }));
    expect(o.status).toBe('FILLED');
    expect(Number(o.cummulativeQuoteQty)).toBeGreaterThan(19);
  });

  test('10007 for an open listing the API may not trade; absent from defaultSymbols', async () => {
    await until(() => isOpen(notApi.symbol), 5000, `${notApi.symbol} to open`);
    expect(must(await client.defaultSymbols()).data).not.toContain(notApi.symbol);
    const info = must(await client.exchangeInfo({ symbol: notApi.symbol })).symbols[0]!;
    expect(info.isSpotTradingAllowed).toBe(false);
    const e = venue(failure(await place({ symbol: notApi.symbol, side: 'BUY', type: 'MARKET', quoteOrderQty: '20' })));
    expect(e.venueCode).toBe(10007);
  });

  test('30018 market orders disabled, 30019 API market orders disabled; exchangeInfo leaves MARKET out', async () => {
    await until(() => isOpen(disabled.symbol) && isOpen(apiDisabled.symbol), 5000, 'the disabled listings to open');
    for (const [plan, code] of [[disabled, 30018], [apiDisabled, 30019]] as const) {
      const info = must(await client.exchangeInfo({ symbol: plan.symbol })).symbols[0]!;
      expect(info.orderTypes).not.toContain('MARKET');
      const e = venue(failure(await place({ symbol: plan.symbol, side: 'BUY', type: 'MARKET', quoteOrderQty: '20' })));
      expect(e.venueCode).toBe(code);
      expect(e.retryable).toBe(false);
    }
  });

  test('30002 below the minimum amount (LIMIT and MARKET)', async () => {
    const limit = venue(failure(await place({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.000001', price: '80000' })));
    expect(limit.venueCode).toBe(30002);
    const market = venue(failure(await place({ symbol: BTC, side: 'BUY', type: 'MARKET', quoteOrderQty: '0.5' })));
    expect(market.venueCode).toBe(30002);
  });

  test('10101 insufficient balance (buy beyond the USDT, sell BTC the account does not hold)', async () => {
    const price = Number(must(await client.bookTicker(BTC)).bidPrice);
    const buy = venue(failure(await place({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.1', price: (price * 0.99).toFixed(2) })));
    expect(buy.venueCode).toBe(10101);
    expect(buy.retryable).toBe(false);
    const sell = venue(failure(await place({ symbol: BTC, side: 'SELL', type: 'MARKET', quantity: '0.01' })));
    expect(sell.venueCode).toBe(10101);
    // nothing was placed or locked by the rejections
    must(await client.syncTime());
    const usdt = must(await client.account()).balances.find((b) => b.asset === 'USDT')!;
    expect(Number(usdt.locked)).toBe(0);
  });
});
