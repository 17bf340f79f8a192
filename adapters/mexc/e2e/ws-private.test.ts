/**
 * The user data stream end to end: a listenKey from the client (POST /api/v3/userDataStream), a
 * `?listenKey=` connection subscribed to orders/deals/account, orders placed through the client,
 * and the pushes normalized to order_update / fill / balance events that agree with the REST
 * view of the same orders. Then the key's lifecycle: keep-alive, list, close, 5 connections per key.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BalanceEvent, FillEvent, OrderUpdateEvent } from '../../../core/events.ts';
import { ackAccepts } from '../control.ts';
import { channels } from '../channels.ts';
import { BTC, clientFor, e2eScenario, must, startE2eSim, until, waitForMarket } from './harness.ts';
import { E2eWsClient } from './ws-client.ts';

const sim = startE2eSim(e2eScenario({ account: { balances: { USDT: 10_000 }, takerFee: 0.0005, makerFee: 0 } }));
const client = clientFor(sim);
const privateChannels = [channels.privateOrders(), channels.privateDeals(), channels.privateAccount()];
const open: E2eWsClient[] = [];
let listenKey = '';
let ws: E2eWsClient;
beforeAll(async () => {
  await waitForMarket(sim);
  must(await client.syncTime());
  listenKey = must(await client.createListenKey()).listenKey;
  ws = await E2eWsClient.connect(`${sim.ws}?listenKey=${listenKey}`);
  open.push(ws);
  expect(ackAccepts(await ws.request(privateChannels), privateChannels)).toBe(true);
});
afterAll(async () => {
  for (const c of open) c.close();
  await sim.stop();
});

const ofType = <T extends { type: string }>(type: T['type']) =>
  ws.frames.flatMap((f) => f.events).filter((e) => e.type === type) as unknown as T[];

describe('private stream via listenKey', () => {
  test('a MARKET buy: order_update FILLED, fills adding up to the order, balance events for USDT and BTC', async () => {
    const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'MARKET', quoteOrderQty: '100', newClientOrderId: 'e2e-priv-1' }));
    const rest = must(await client.queryOrder({ symbol: BTC, orderId: placed.orderId }));
    expect(rest.status).toBe('FILLED');
    await until(() => ofType<OrderUpdateEvent>('order_update').some((o) => o.orderId === placed.orderId && o.status === 'FILLED'), 2000, 'the FILLED order update');
    await until(() => ofType<BalanceEvent>('balance').some((b) => b.asset === 'BTC'), 2000, 'a BTC balance event');
    expect(ws.bad).toEqual([]);
    const update = ofType<OrderUpdateEvent>('order_update').find((o) => o.orderId === placed.orderId && o.status === 'FILLED')!;
    expect(update.symbol).toBe(BTC);
    expect(update.side).toBe('buy');
    expect(update.orderType).toBe('MARKET');
    expect(update.clientOrderId).toBe('e2e-priv-1');
    expect(update.filledQty).toBeCloseTo(Number(rest.executedQty), 9);
    expect(update.filledQuote).toBeCloseTo(Number(rest.cummulativeQuoteQty), 6);

    const fills = ofType<FillEvent>('fill').filter((f) => f.orderId === placed.orderId);
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBeCloseTo(Number(rest.executedQty), 9);
    expect(fills.reduce((s, f) => s + f.quoteQty, 0)).toBeCloseTo(Number(rest.cummulativeQuoteQty), 6);
    for (const f of fills) {
      expect(f.side).toBe('buy');
      expect(f.isMaker).toBe(false);
      expect(f.feeAsset).toBe('BTC');
      expect(f.fee).toBeCloseTo(f.qty * 0.0005, 8); // feeAmount is sent with 8 decimals
    }
    const restTrades = must(await client.myTrades(BTC, { orderId: placed.orderId }));
    expect(new Set(fills.map((f) => f.tradeId))).toEqual(new Set(restTrades.map((t) => String(t.id))));

    // the last balance events agree with GET /account
    const account = must(await client.account()).balances;
    const lastOf = (asset: string) => ofType<BalanceEvent>('balance').filter((b) => b.asset === asset).at(-1)!;
    for (const asset of ['USDT', 'BTC']) {
      const b = account.find((x) => x.asset === asset)!;
      expect(lastOf(asset).free).toBeCloseTo(Number(b.free), 8);
      expect(lastOf(asset).locked).toBeCloseTo(Number(b.locked), 8);
    }
  });

  test('a resting LIMIT: NEW with USDT locked, then CANCELED with it unlocked', async () => {
    const price = (Number(must(await client.bookTicker(BTC)).bidPrice) * 0.97).toFixed(2);
    const lockedBefore = Number(must(await client.account()).balances.find((b) => b.asset === 'USDT')!.locked);
    const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.001', price }));
    await until(() => ofType<OrderUpdateEvent>('order_update').some((o) => o.orderId === placed.orderId && o.status === 'NEW'), 2000, 'NEW');
    const locked = ofType<BalanceEvent>('balance').filter((b) => b.asset === 'USDT').at(-1)!;
    expect(locked.locked).toBeCloseTo(lockedBefore + 0.001 * Number(price), 6);
    const update = ofType<OrderUpdateEvent>('order_update').find((o) => o.orderId === placed.orderId && o.status === 'NEW')!;
    expect(update.orderType).toBe('LIMIT');
    expect(update.price).toBe(Number(price));
    expect(update.qty).toBe(0.001);
    must(await client.cancelOrder({ symbol: BTC, orderId: placed.orderId }));
    await until(() => ofType<OrderUpdateEvent>('order_update').some((o) => o.orderId === placed.orderId && o.status === 'CANCELED'), 2000, 'CANCELED');
    await until(() => Math.abs(ofType<BalanceEvent>('balance').filter((b) => b.asset === 'USDT').at(-1)!.locked - lockedBefore) < 1e-6, 2000, 'USDT unlocked');
  });

  test('IOC, FOK and LIMIT_MAKER arrive with their own order types; balance change types are MEXC\'s', async () => {
    const { askPrice } = must(await client.bookTicker(BTC));
    const ask = Number(askPrice);
    const types = [
      ['IMMEDIATE_OR_CANCEL', (ask * 1.001).toFixed(2)], ['FILL_OR_KILL', (ask * 1.001).toFixed(2)], ['LIMIT_MAKER', (ask * 1.01).toFixed(2)],
    ] as const;
    for (const [type, price] of types) {
      const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type, quantity: '0.0002', price }));
      const rest = must(await client.queryOrder({ symbol: BTC, orderId: placed.orderId }));
      await until(() => ofType<OrderUpdateEvent>('order_update').some((o) => o.orderId === placed.orderId && o.status === rest.status), 2000, `${type} update`);
      const update = ofType<OrderUpdateEvent>('order_update').filter((o) => o.orderId === placed.orderId).at(-1)!;
      expect(update.orderType).toBe(type);
      expect(update.status).toBe(rest.status);
    }
    // mexc-api.md §5: the account change types
    const documented = ['WITHDRAW', 'WITHDRAW_FEE', 'DEPOSIT', 'DEPOSIT_FEE', 'ENTRUST', 'ENTRUST_PLACE', 'ENTRUST_CANCEL', 'TRADE_FEE', 'ENTRUST_UNFROZEN', 'SUGAR', 'ETF_INDEX', 'CONTRACT_TRANSFER'];
    const reasons = new Set(ofType<BalanceEvent>('balance').map((b) => b.reason));
    expect(reasons.size).toBeGreaterThan(1);
    for (const r of reasons) expect(documented).toContain(r);
  });

  test('a resting LIMIT at the best bid fills as maker from the market\'s own sell flow', async () => {
    // the market may drift away from a resting bid: re-quote at the new best bid until a sell hits it
    let fill: FillEvent | undefined;
    for (let attempt = 0; attempt < 10 && fill === undefined; attempt++) {
      const bid = must(await client.bookTicker(BTC)).bidPrice;
      const placed = must(await client.placeOrder({ symbol: BTC, side: 'BUY', type: 'LIMIT', quantity: '0.0002', price: String(bid) }));
      const deadline = Date.now() + 1000;
      while (fill === undefined && Date.now() < deadline) {
        fill = ofType<FillEvent>('fill').find((f) => f.orderId === placed.orderId);
        await Bun.sleep(10);
      }
      must(await client.cancelAllOrders(BTC)); // whatever is left of it
      if (fill !== undefined) expect(fill.price).toBe(Number(bid));
    }
    expect(fill).toBeDefined();
    expect(fill!.isMaker).toBe(true);
    expect(fill!.fee).toBe(0); // the scenario's maker fee
  });

  test('listenKey lifecycle: keep-alive, list, at most 5 connections per key, close invalidates it', async () => {
    expect(must(await client.keepAliveListenKey(listenKey)).listenKey).toBe(listenKey);
    expect(must(await client.listListenKeys()).listenKey).toContain(listenKey);
    // one connection is open already; four more fit, the sixth is refused
    for (let i = 0; i < 4; i++) open.push(await E2eWsClient.connect(`${sim.ws}?listenKey=${listenKey}`));
    const sixth = await E2eWsClient.connect(`${sim.ws}?listenKey=${listenKey}`);
    open.push(sixth);
    await sixth.closed;
    expect(sixth.texts).toEqual(['Invalid listen key']);
    must(await client.closeListenKey(listenKey));
    expect(must(await client.listListenKeys()).listenKey).not.toContain(listenKey);
    for (const c of open.slice(-5)) c.close();
    const after = await E2eWsClient.connect(`${sim.ws}?listenKey=${listenKey}`);
    open.push(after);
    await after.closed;
    expect(after.texts).toEqual(['Invalid listen key']);
    const e = await client.keepAliveListenKey(listenKey);
    expect(e.ok).toBe(false);
  });
});
