/** Order and account edge cases: passive LIMIT_MAKER, lock refunds, listen-key cap, offline pairs. */
import { afterAll, expect, test } from 'bun:test';
import { testSim, waitForMarket } from '../../testing/sim-harness.ts';
import { signedFetch } from '../../testing/signed-fetch.ts';

const sim = testSim({
  account: { balances: { USDT: 200_000 } },
  rest: { ordersPerSec: 1000 },
  established: [
    { symbol: 'BTCUSDT', price: 86_500, priceScale: 2, quantityScale: 6, tradesPerSec: 8, meanTradeQuote: 2000 },
    { symbol: 'LUNAUSDT', price: 0.5, priceScale: 4, quantityScale: 2, state: 'delisted' },
    { symbol: 'HALTUSDT', price: 2, priceScale: 4, quantityScale: 2, state: 'suspended' },
  ],
});
const a = sim.exchange.scenario.account;
const raw = { base: sim.rest, apiKey: a.apiKey, apiSecret: a.apiSecret };
afterAll(() => sim.stop());
const order = async (p: Record<string, string>) => (await signedFetch(raw, 'POST', '/api/v3/order', p)).body;

test('a passive LIMIT_MAKER rests as NEW and shows in the book', async () => {
  await waitForMarket(sim);
  const bid = sim.exchange.market.symbols.get('BTCUSDT')!.book.top('bid', 1)[0]![0];
  const price = ((bid - 5000) / 100).toFixed(2); // 50 USDT below: the tape will not reach it at once
  const placed = await order({ symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.001', price });
  const q = await signedFetch(raw, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: placed.orderId as string });
  expect(q.body.status).toBe('NEW');
  await signedFetch(raw, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: placed.orderId as string });
});

test('every marketable BUY that ends returns the whole unused lock', async () => {
  // fills summed level by level against a lock computed in one go differ by float error; the
  // refund must still go through
  for (let i = 0; i < 40; i++) {
    const lockedBefore = sim.exchange.account.get('USDT').locked;
    const book = sim.exchange.market.symbols.get('BTCUSDT')!.book;
    while (book.top('ask', 30).length < 30) await Bun.sleep(10); // the maker refills on the next tick
    const ask = book.top('ask', 1)[0]![0];
    const type = ['IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL', 'LIMIT'][i % 3]!;
    const placed = await order({ symbol: 'BTCUSDT', side: 'BUY', type, quantity: '0.5', price: ((ask * 1.0005) / 100).toFixed(2) });
    const st = (await signedFetch(raw, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: placed.orderId as string })).body;
    if (st.status === 'NEW' || st.status === 'PARTIALLY_FILLED') await signedFetch(raw, 'DELETE', '/api/v3/order', { symbol: 'BTCUSDT', orderId: placed.orderId as string });
    expect(sim.exchange.account.get('USDT').locked).toBeCloseTo(lockedBefore, 6);
    const btc = sim.exchange.account.get('BTC').free;
    if (btc >= 0.001) await order({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: (Math.floor(btc * 1e6) / 1e6).toFixed(6) });
  }
});

test('at most 60 valid listen keys per account (the 61st is refused)', async () => {
  const codes: unknown[] = [];
  for (let i = 0; i < 61; i++) codes.push((await signedFetch(raw, 'POST', '/api/v3/userDataStream', {})).body.code);
  expect(codes.slice(0, 60).every((c) => c === undefined)).toBe(true);
  expect(codes[60]).toBe(26);
});

test('suspended and delisted pairs: exchangeInfo "2" / "3", symbol/offline, no trading', async () => {
  const info = (await (await fetch(`${sim.rest}/api/v3/exchangeInfo?symbols=LUNAUSDT,HALTUSDT`)).json()) as { symbols: { symbol: string; status: string; isSpotTradingAllowed: boolean }[] };
  expect(Object.fromEntries(info.symbols.map((s) => [s.symbol, s.status]))).toEqual({ LUNAUSDT: '3', HALTUSDT: '2' });
  expect(info.symbols.every((s) => !s.isSpotTradingAllowed)).toBe(true);
  const off = (await (await fetch(`${sim.rest}/api/v3/symbol/offline`)).json()) as { data: { symbol: string; state: number }[] };
  expect(off.data.map((d) => [d.symbol, d.state])).toEqual([['LUNAUSDT', 3], ['HALTUSDT', 2]]);
  expect((await order({ symbol: 'HALTUSDT', side: 'BUY', type: 'LIMIT', quantity: '10', price: '2' })).code).toBe(30000);
  expect((await order({ symbol: 'LUNAUSDT', side: 'BUY', type: 'LIMIT', quantity: '10', price: '0.5' })).code).toBe(10007);
  expect(sim.exchange.market.symbols.get('LUNAUSDT')!.recent.length).toBe(0);
});
