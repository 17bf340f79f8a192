import { describe, expect, test } from 'bun:test';
import { simulateSnipe } from './snipe.ts';
import { snapshot, trade } from './test-events.ts';
import { withTradeBook } from './listing-labels.ts';

const OPEN = 1_800_000_000_000;
const S = 'NEWUSDT';
// the recorder kept the book for two seconds only; the price then runs up 30 %
const events = [
  snapshot(S, OPEN - 1000, [[0.99, 1e6]], [[1.0, 1e6]]),
  trade(S, OPEN + 100, 1.0, 10),
  trade(S, OPEN + 60_000, 1.08, 5),
  trade(S, OPEN + 120_000, 1.12, 5),
  trade(S, OPEN + 180_000, 1.18, 5),
  trade(S, OPEN + 240_000, 1.3, 5),
];

describe('stale book', () => {
  test('without it, take-profits sell into the frozen opening book', () => {
    const out = simulateSnipe(S, OPEN, events, { quoteQty: 100, exits: { timeStopMs: 0 } });
    for (const l of out.legs.filter((x) => x.side === 'sell')) expect(l.avgPrice).toBeCloseTo(0.99, 9);
    expect(out.returnPct).toBeLessThan(0);
  });

  test('with it, exits fill at the traded prices', () => {
    const out = simulateSnipe(S, OPEN, withTradeBook(events, 5000), { quoteQty: 100, exits: { timeStopMs: 0 } });
    const sells = out.legs.filter((l) => l.side === 'sell').map((l) => l.avgPrice);
    expect(sells).toEqual([1.08, 1.12, 1.18, 1.3]);
    expect(out.returnPct).toBeGreaterThan(0.1);
  });

  test('recorded depth within the staleness limit is left alone', () => {
    const fresh = [snapshot(S, OPEN - 1000, [[0.99, 1]], [[1, 1]]), trade(S, OPEN + 100, 1, 1), snapshot(S, OPEN + 3000, [[1.1, 1]], [[1.2, 1]]), trade(S, OPEN + 4000, 1.15, 1)];
    expect(withTradeBook(fresh, 5000)).toEqual(fresh);
    expect(withTradeBook(fresh, 500).length).toBe(6);
  });
});
