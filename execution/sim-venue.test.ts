import { describe, expect, test } from 'bun:test';
import type { PlaceOrderCommand } from '../core/commands.ts';
import type { AccountEvent, FillEvent, OrderUpdateEvent, SniperEvent } from '../core/events.ts';
import { BookSet } from '../core/order-book.ts';
import { Rng } from '../core/rng.ts';
import { InstrumentRegistry } from './instrument-registry.ts';
import { instrumentDefaultsSchema } from './instrument.ts';
import { LatencyModel } from './latency.ts';
import { SimVenue } from './sim-venue.ts';
import { snapshot, status, trade } from './test-events.ts';

const S = 'VENUSDT';
const T = 1_800_000_000_000;

function setup(quote = 10_000, maxOrdersPerSecond = 12) {
  const books = new BookSet();
  const registry = new InstrumentRegistry(instrumentDefaultsSchema.parse({ priceScale: 4 }));
  const venue = new SimVenue({ latency: new LatencyModel({ medianMs: 10, sigma: 0, minMs: 0 }, new Rng(1)), rules: (s) => registry.get(s), quoteAsset: 'USDT', initialQuote: quote, maxOrdersPerSecond });
  const out: AccountEvent[] = [];
  const feed = (e: SniperEvent) => {
    registry.observe(e);
    if (e.type === 'book_snapshot' || e.type === 'book_delta') books.applyDepth(e);
    venue.onEvent(e, books, e.tsRecv);
  };
  const send = (o: Partial<PlaceOrderCommand>, atMs: number): { fills: FillEvent[]; update: OrderUpdateEvent } => {
    const order = { type: 'place_order', clientOrderId: `c${out.length}-${atMs}`, symbol: S, side: 'buy', orderType: 'MARKET', reason: 'test', ...o } as PlaceOrderCommand;
    venue.submit(order, atMs * 1000);
    const before = out.length;
    venue.release(atMs * 1000 + 50_000, (e) => out.push(e));
    const mine = out.slice(before).filter((e) => 'clientOrderId' in e && e.clientOrderId === order.clientOrderId);
    return { fills: mine.filter((e): e is FillEvent => e.type === 'fill'), update: mine.find((e): e is OrderUpdateEvent => e.type === 'order_update')! };
  };
  return { venue, feed, send, books };
}

function opened() {
  const v = setup();
  v.feed(snapshot(S, T - 1000, [[0.99, 1000]], [[1.0, 10], [1.01, 20], [1.05, 1000]]));
  v.feed(trade(S, T, 1.0, 1));
  return v;
}

describe('SimVenue fill model', () => {
  test('nothing fills before the open: 10007 until the first trade', () => {
    const v = setup();
    v.feed(snapshot(S, T - 1000, [[0.99, 1000]], [[1.0, 10]]));
    const early = v.send({ quoteQty: 5 }, T - 500);
    expect(early.update.status).toBe('REJECTED');
    expect(early.update.rejectCode).toBe(10007);
    expect(early.fills.length).toBe(0);
    v.feed(trade(S, T, 1.0, 1));
    expect(v.send({ quoteQty: 5 }, T + 10).update.status).toBe('FILLED');
  });

  test('a market buy larger than the top level pays the walked price, with exact fees', () => {
    const v = opened();
    const r = v.send({ quoteQty: 30.1 }, T + 100);
    // 10 @ 1.00 = 10, 19.9 @ 1.01 = 20.099 → 29.9 base for 30.099 quote
    expect(r.fills.map((f) => [f.price, f.qty])).toEqual([[1.0, 10], [1.01, 19.9]]);
    expect(r.update.status).toBe('FILLED');
    expect(r.update.filledQty).toBe(29.9);
    expect(r.update.filledQuote).toBeCloseTo(30.099, 12);
    expect(r.fills.map((f) => f.fee)).toEqual([0.005, 0.00995]); // taker 0.0005 in base
    expect(r.fills[1]!.quoteQty).toBe(20.099);
    const avg = r.update.filledQuote / r.update.filledQty;
    expect(avg).toBeGreaterThan(1.0);
  });

  test('our consumption stays consumed: the next buy starts where the last one stopped', () => {
    const v = opened();
    v.send({ quoteQty: 10 }, T + 100);
    const second = v.send({ quoteQty: 5 }, T + 200);
    expect(second.fills[0]!.price).toBe(1.01);
  });

  test('IOC: partial fill inside the limit, the rest canceled', () => {
    const v = opened();
    const r = v.send({ orderType: 'IMMEDIATE_OR_CANCEL', price: 1.0, qty: 25 }, T + 100);
    expect(r.update.status).toBe('PARTIALLY_CANCELED');
    expect(r.update.filledQty).toBe(10);
  });

  test("MEXC's rejections: minimum amount, precision, price band, balance, rate limit", () => {
    const v = opened();
    expect(v.send({ quoteQty: 0.5 }, T + 100).update.rejectCode).toBe(30002);
    expect(v.send({ quoteQty: 5.123 }, T + 200).update.rejectCode).toBe(10096);
    expect(v.send({ orderType: 'LIMIT', price: 1.00001, qty: 5 }, T + 300).update.rejectCode).toBe(10096);
    expect(v.send({ orderType: 'IMMEDIATE_OR_CANCEL', price: 5.01, qty: 5 }, T + 400).update.rejectCode).toBe(30010);
    expect(v.send({ quoteQty: 20_000 }, T + 500).update.rejectCode).toBe(10101);
    const r = setup(10_000, 3);
    r.feed(snapshot(S, T - 1000, [], [[1, 1000]]));
    r.feed(trade(S, T, 1, 1));
    const codes = [0, 1, 2, 3].map((i) => r.send({ quoteQty: 5 }, T + 100 + i * 10).update.rejectCode ?? 0);
    expect(codes).toEqual([0, 0, 0, 429]);
  });

  test('not API-tradable after the open is still 10007', () => {
    const v = setup();
    v.feed(status(S, T - 10, T, { source: 'exchange_info', exchangeStatus: '1', apiTradable: false }));
    v.feed(snapshot(S, T - 5, [], [[1, 100]]));
    v.feed(trade(S, T, 1, 1));
    const r = v.send({ quoteQty: 5 }, T + 100);
    expect(r.update.rejectCode).toBe(10007);
    expect(r.update.rejectReason).toMatch(/API-tradable/);
  });

  test('a book frozen at the open while trades go on: fills at the last trade price', () => {
    const v = opened();
    v.send({ quoteQty: 50 }, T + 100);
    v.feed(trade(S, T + 60_000, 1.3, 2, 'buy'));
    const r = v.send({ side: 'sell', qty: 10 }, T + 60_100);
    expect(r.fills.map((f) => f.price)).toEqual([1.3]);
    expect(r.update.status).toBe('FILLED');
  });

  test('a resting limit sell fills as maker when a trade prints through it', () => {
    const v = opened();
    v.send({ quoteQty: 50 }, T + 100);
    const rest = v.send({ side: 'sell', orderType: 'LIMIT', price: 1.1, qty: 10 }, T + 200);
    expect(rest.update.status).toBe('NEW');
    const got: AccountEvent[] = [];
    v.feed(trade(S, T + 300, 1.12, 4, 'buy'));
    v.venue.release((T + 400) * 1000, (e) => got.push(e));
    const fill = got.find((e): e is FillEvent => e.type === 'fill')!;
    expect([fill.price, fill.qty, fill.isMaker, fill.fee]).toEqual([1.1, 4, true, 0]);
    expect(got.find((e): e is OrderUpdateEvent => e.type === 'order_update')!.status).toBe('PARTIALLY_FILLED');
  });
});
