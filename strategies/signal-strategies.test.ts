import { describe, expect, test } from 'bun:test';
import type { SniperEvent } from '../core/events.ts';
import { delta, trade } from '../execution/test-events.ts';
import { combined } from './combined.ts';
import { priceMovement } from './price-movement.ts';
import { runEvents } from '../execution/run-events.ts';
import { volumeSpike } from './volume-spike.ts';

const T0 = 1_800_000_000_000;
const S = 'MOVEUSDT';

/** One trade a second; `price(i)` and `qty(i)`; a book around each price every 10 s. */
function series(n: number, price: (i: number) => number, qty: (i: number) => number = () => 10): SniperEvent[] {
  const out: SniperEvent[] = [];
  for (let i = 0; i < n; i++) {
    const p = price(i);
    if (i % 10 === 0) out.push(delta(S, T0 + i * 1000, [[+(p * 0.999).toFixed(6), 100_000]], [[+(p * 1.001).toFixed(6), 100_000]]));
    out.push(trade(S, T0 + i * 1000 + 1, p, qty(i)));
  }
  return out;
}

describe('price-movement', () => {
  test('stays out of a flat market', () => {
    const r = runEvents(priceMovement, {}, series(300, () => 1));
    expect(r.kinds('place_order').length).toBe(0);
  });
  test('buys a 6 % rise over the window and exits by the take-profit ladder', () => {
    const price = (i: number) => (i < 120 ? 1 : i < 180 ? 1 + (i - 120) * 0.001 : 1.06 + (i - 180) * 0.004);
    const r = runEvents(priceMovement, { quoteQty: 50, timeStopMs: 0 }, series(260, price));
    const signal = r.named('signal');
    expect(signal.length).toBe(1);
    expect(JSON.parse(signal[0]!.data).movePct).toBeGreaterThanOrEqual(5);
    const sells = r.kinds('place_order').filter((d) => d.decision === 'sell').map((d) => d.reason);
    expect(sells[0]).toBe('take_profit');
    expect(r.trips.length).toBe(1);
    expect(r.trips[0]!.pnl).toBeGreaterThan(0);
  });
});

describe('volume-spike', () => {
  test('buys a tenfold volume burst with a rising price, not the quiet hours before', () => {
    const price = (i: number) => (i < 600 ? 1 : 1 + (i - 600) * 0.0005);
    const qty = (i: number) => (i < 600 ? 10 : 400);
    const r = runEvents(volumeSpike, { quoteQty: 50, minQuoteVolume: 100 }, series(700, price, qty));
    const signal = r.named('signal');
    expect(signal.length).toBe(1);
    expect(signal[0]!.tsUs).toBeGreaterThan((T0 + 600_000) * 1000);
    expect(JSON.parse(signal[0]!.data).volumeRatio).toBeGreaterThanOrEqual(5);
  });
});

describe('combined', () => {
  test('needs both a move and volume: a move alone on flat volume does not reach 0.8', () => {
    const price = (i: number) => (i < 120 ? 1 : 1 + (i - 120) * 0.002);
    const alone = runEvents(combined, { quoteQty: 50 }, series(240, price));
    expect(alone.named('signal').length).toBe(0);
    const withVolume = runEvents(combined, { quoteQty: 50 }, series(240, price, (i) => (i < 120 ? 10 : 300)));
    expect(withVolume.named('signal').length).toBe(1);
    expect(JSON.parse(withVolume.named('signal')[0]!.data).score).toBeGreaterThanOrEqual(0.8);
  });
});
