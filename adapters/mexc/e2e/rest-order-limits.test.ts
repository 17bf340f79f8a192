/**
 * The rest of MEXC's documented order limits and errors through the adapter's client: the
 * PERCENT_PRICE_BY_SIDE band (30010), the maximum amount (30003), too many decimals (10096),
 * unknown orders (-2011 on cancel, -2013 on query), an unknown API key (10072), recvWindow above
 * 60000 (refused by the client's config; 700005 from the sim when sent anyway), at most 500 open
 * orders (30029), and GET /account's 2 requests per second.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ConfigError } from '../../../core/errors.ts';
import { MexcRestClient } from '../rest/client.ts';
import { MexcVenueError } from '../rest/errors.ts';
import type { MexcOrderRequest } from '../rest/order-params.ts';
import { encodeParams, hmacSha256Hex } from '../rest/sign.ts';
import { BTC, clientFor, e2eScenario, failure, must, startE2eSim, waitForMarket } from './harness.ts';

const sim = startE2eSim(e2eScenario({
  rest: { uidWeightPer10s: 100_000, ordersPerSec: 10_000, accountPerSec: 2 },
  account: { balances: { USDT: 1_000_000 } },
}));
// the client's own budgets raised so the sim is the one that enforces the limits under test
const client = clientFor(sim, { rateLimit: { uid: { limit: 100_000, windowMs: 10_000 }, orders: { limit: 10_000, windowMs: 1000 }, account: { limit: 100, windowMs: 1000 } } });
afterAll(() => sim.stop());
let last = 0;
beforeAll(async () => {
  await waitForMarket(sim);
  last = Number(must(await client.tickerPrice(BTC)).price);
});

const code = async (order: MexcOrderRequest) => {
  const e = failure(await client.placeOrder(order));
  expect(e).toBeInstanceOf(MexcVenueError);
  return (e as MexcVenueError).venueCode;
};

describe('order limits and errors through MexcRestClient', () => {
  test('PERCENT_PRICE_BY_SIDE: a buy above last × (1 + bidMultiplierUp) or a sell below last × (1 − askMultiplierDown) is 30010', async () => {
    const info = must(await client.exchangeInfo({ symbol: BTC })).symbols[0]!;
    const band = info.filters!.find((f) => f.filterType === 'PERCENT_PRICE_BY_SIDE') as { bidMultiplierUp: string; askMultiplierDown: string };
    const up = Number(band.bidMultiplierUp);
    const down = Number(band.askMultiplierDown);
    expect(await code({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.001', price: (last * (1 + up) * 1.01).toFixed(2) })).toBe(30010);
    expect(await code({ symbol: BTC, side: 'BUY', type: 'IMMEDIATE_OR_CANCEL', quantity: '0.001', price: (last * (1 + up) * 1.01).toFixed(2) })).toBe(30010);
    must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'MARKET', quantity: '0.01' }));
    expect(await code({ symbol: BTC, side: 'SELL', type: 'LIMIT', quantity: '0.001', price: (last * (1 - down) * 0.99).toFixed(2) })).toBe(30010);
    // inside the band is accepted (a buy well below the market rests)
    const ok = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.001', price: (last * (1 - down / 2)).toFixed(2) }));
    must(await client.cancelOrder({ symbol: BTC, orderId: ok.orderId }));
  });

  test('30003 above maxQuoteAmount; 10096 more decimals than the precision allows', async () => {
    const info = must(await client.exchangeInfo({ symbol: BTC })).symbols[0]!;
    const max = Number(info.maxQuoteAmount);
    expect(max).toBeGreaterThan(0);
    const qty = (Math.ceil((max / last) * 1.1 * 1e6) / 1e6).toFixed(6);
    expect(await code({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: qty, price: last.toFixed(2) })).toBe(30003);
    expect(await code({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.0010001', price: last.toFixed(2) })).toBe(10096);
    expect(await code({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.001', price: `${last.toFixed(2)}1` })).toBe(10096);
  });

  test('-2011 cancelling an unknown order, -2013 querying one', async () => {
    const cancel = failure(await client.cancelOrder({ symbol: BTC, orderId: 'C02__999999' }));
    expect((cancel as MexcVenueError).venueCode).toBe(-2011);
    const query = failure(await client.queryOrder({ symbol: BTC, orderId: 'C02__999999' }));
    expect((query as MexcVenueError).venueCode).toBe(-2013);
  });

  test('10072 for an API key the venue does not know', async () => {
    const stranger = clientFor(sim, { apiKey: 'mx0vglUNKNOWNKEY000000' });
    expect((failure(await stranger.account()) as MexcVenueError).venueCode).toBe(10072);
  });

  test('recvWindow above 60000: the client refuses the config; sent anyway, the sim answers 700005', async () => {
    expect(() => MexcRestClient.create({ baseUrl: sim.rest, recvWindow: 60_001 })).toThrow(ConfigError);
    const acct = sim.exchange.scenario.account;
    const query = encodeParams({ recvWindow: 60_001, timestamp: sim.exchange.now() });
    const res = await fetch(`${sim.rest}/api/v3/account?${query}&signature=${hmacSha256Hex(acct.apiSecret, query)}`, { headers: { 'X-MEXC-APIKEY': acct.apiKey } });
    expect(((await res.json()) as { code: number }).code).toBe(700005);
  });

  test('at most 500 open orders: the 501st is 30029', async () => {
    const price = (last * 0.96).toFixed(2);
    const order: MexcOrderRequest = { symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.0001', price };
    for (let i = 0; i < 500; i++) must(await client.placeOrder(order));
    expect(must(await client.openOrders(BTC)).length).toBe(500);
    expect(await code(order)).toBe(30029);
    expect(must(await client.cancelAllOrders(BTC)).length).toBe(500);
    must(await client.placeOrder(order));
    must(await client.cancelAllOrders(BTC));
  }, 20_000);

  // MEXC documents \"rate limit: 2 times/s\" on GET /api/v3/account on top of weight 10 (mexc-api.md §4.3, §4.7).
  test('GET /account past 2 per second is 429', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.account()));
    expect(answers.filter((a) => !a.ok).length).toBeGreaterThan(0);
  });
});
