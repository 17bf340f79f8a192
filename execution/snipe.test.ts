import { describe, expect, test } from 'bun:test';
import { simulateSnipe } from './snipe.ts';
import { delta, snapshot, trade } from './test-events.ts';

const OPEN = 1_800_000_000_000;
const S = 'NEWUSDT';

function listing(prices: number[]) {
  return [
    snapshot(S, OPEN - 2000, [[0.9, 1000]], [[1.0, 50], [1.1, 50], [1.2, 1000]]),
    trade(S, OPEN + 100, 1.0, 10),
    ...prices.map((p, i) => [delta(S, OPEN + 1000 + i * 1000, [[p * 0.99, 10_000]], []), trade(S, OPEN + 1000 + i * 1000 + 1, p, 5)]).flat(),
  ];
}

describe('simulateSnipe', () => {
  test('retries through 10007 until the first trade, then walks the book at the walked price', () => {
    const out = simulateSnipe(S, OPEN, listing([1.05]), { quoteQty: 100, latencyMs: 20, exits: { timeStopMs: 0, stopLossPct: 0 } });
    expect(out.status).toBe('filled');
    // send −500 → arrives −480, answer −460, resend −360 ... arrivals −480, −340, −200, −60, +80 are
    // before the open (first trade at +100 ms); the send at +200 arrives at +220 and fills
    expect(out.rejects['10007']).toBe(5);
    expect(out.entryTimeUs).toBe((OPEN + 220) * 1000);
    // 100 USDT: 50 @ 1.0 (50) + 45.45 @ 1.1 (49.995) → walked average, not the top price
    expect(out.entryQty).toBe(95.45);
    expect(out.entryQuote).toBe(99.995);
    expect(out.entryPrice!).toBeGreaterThan(1.0);
    expect(out.legs[0]!.fee).toBe(0.047725); // 95.45 × 0.0005 in base
  });

  test('missed when the open comes after the window', () => {
    const late = [snapshot(S, OPEN - 2000, [], [[1, 100]]), trade(S, OPEN + 5000, 1, 1)];
    const out = simulateSnipe(S, OPEN, late, { windowEndMs: 700, retryIntervalMs: 100 });
    expect(out.status).toBe('missed');
    expect(out.rejects['10007']).toBe(9); // sends −500, −360, … +620 (25 ms each way + 100 ms)
    expect(out.pnl).toBe(0);
  });

  test('take-profit ladder sells a quarter at each level, net of fees', () => {
    const out = simulateSnipe(S, OPEN, listing([1.2, 1.25, 1.3, 1.4]), { quoteQty: 40, latencyMs: 10, exits: { stopLossPct: 50, timeStopMs: 0 } });
    expect(out.status).toBe('filled');
    expect(out.entryPrice).toBe(1.0);
    const sells = out.legs.filter((l) => l.side === 'sell');
    expect(sells.map((l) => l.reason)).toEqual(['take_profit', 'take_profit']);
    // 1.2 crosses +5/+10/+15 at once (0.75 of 40), 1.25 crosses +25 (the rest)
    expect(sells[0]!.qty).toBe(30);
    expect(out.pnl).toBeGreaterThan(0);
    expect(out.feesQuote).toBeGreaterThan(0);
  });

  test('stop loss exits everything', () => {
    const out = simulateSnipe(S, OPEN, listing([0.8]), { quoteQty: 40, latencyMs: 10, exits: { stopLossPct: 10, timeStopMs: 0 } });
    expect(out.exitReason).toBe('stop_loss');
    expect(out.pnl).toBeLessThan(0);
  });
});
