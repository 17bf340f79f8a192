import { describe, expect, test } from 'bun:test';
import { delta, snapshot, status, trade } from '../execution/test-events.ts';
import { PRIOR_MODEL } from '../core/confidence.ts';
import { listingSniper } from './listing-sniper.ts';
import { runEvents } from '../execution/run-events.ts';

const OPEN = 1_800_000_000_000;
const S = 'SNIPEUSDT';

function listing(after: number[]) {
  return [
    status(S, OPEN - 3_600_000, OPEN, { source: 'calendar' }),
    status(S, OPEN - 60_000, OPEN, { apiTradable: true }),
    snapshot(S, OPEN - 1000, [[0.9, 1000]], [[1.0, 60], [1.02, 1000]]),
    trade(S, OPEN + 100, 1.0, 5),
    ...after.map((p, i) => [delta(S, OPEN + 2000 + i * 1000, [[p * 0.995, 5000]], [[p * 1.005, 5000]]), trade(S, OPEN + 2000 + i * 1000 + 1, p, 5)]).flat(),
  ];
}

describe('listing-sniper', () => {
  test('arms, retries through 10007 around the open, enters, and exits through the ladder', () => {
    const r = runEvents(listingSniper, { minScore: 0, quoteQty: 50, stopLossPct: 50, timeStopMs: 0 }, listing([1.06, 1.12, 1.2, 1.3]));
    expect(r.named('watch').length).toBe(1);
    expect(r.named('arm').length).toBe(1);
    const rejects = r.kinds('order_update').filter((d) => d.decision === 'REJECTED');
    expect(rejects.length).toBe(5); // sends −500, −360, −220, −80, +60 ms arrive before the open (+100 ms)
    expect(rejects.every((d) => JSON.parse(d.data)[3] === 10007)).toBe(true);
    // first send at open − 500 ms; each resend 100 ms after the rejection comes back (20 ms each way)
    const places = r.kinds('place_order').filter((d) => d.decision === 'buy');
    expect(places[0]!.tsUs).toBe((OPEN - 500) * 1000);
    expect(r.named('entered').length).toBe(1);
    const sells = r.kinds('place_order').filter((d) => d.decision === 'sell');
    expect(sells.map((d) => d.reason)).toEqual(['take_profit', 'take_profit', 'take_profit', 'take_profit']);
    expect(r.trips.length).toBe(1);
    expect(r.trips[0]!.pnl).toBeGreaterThan(0);
    expect(r.session.runner.portfolio.openPositionCount()).toBe(0);
  });

  test('absence from defaultSymbols before the open does not skip the listing', () => {
    const before = [
      status(S, OPEN - 3_600_000, OPEN, { source: 'calendar' }),
      status(S, OPEN - 60_000, OPEN, { source: 'default_symbols', apiTradable: false, openTime: undefined }),
      snapshot(S, OPEN - 1000, [[0.9, 1000]], [[1.0, 60], [1.02, 1000]]),
      trade(S, OPEN + 100, 1.0, 5),
    ];
    const pre = runEvents(listingSniper, { minScore: 0, quoteQty: 50 }, before);
    expect(pre.named('skip').filter((d) => d.reason === 'not API-tradable')).toHaveLength(0);
    expect(pre.named('entered').length).toBe(1);
  });

  test('skips a listing whose score is below the prior threshold of 85', () => {
    const r = runEvents(listingSniper, {}, listing([1.1]));
    const skip = r.named('skip');
    expect(skip.length).toBe(1);
    expect(skip[0]!.reason).toMatch(/below the threshold/);
    expect(r.kinds('place_order').length).toBe(0);
  });

  test('misses when the open is late, after retrying inside the window only', () => {
    const events = [status(S, OPEN - 60_000, OPEN), snapshot(S, OPEN - 1000, [], [[1, 100]]), trade(S, OPEN + 3000, 1, 1)];
    const r = runEvents(listingSniper, { minScore: 0 }, events);
    expect(r.named('missed').length).toBe(1);
    const last = r.kinds('place_order').at(-1)!;
    expect(last.tsUs).toBeLessThanOrEqual((OPEN + 700) * 1000);
  });

  test('the risk guard refuses with a reason, and the refusal is a decision', () => {
    const r = runEvents(listingSniper, { minScore: 0 }, listing([1.1]), { risk: { emergencyStop: true } });
    const refused = r.kinds('refused');
    expect(refused.length).toBe(1);
    expect(refused[0]!.decision).toBe('emergency_stop');
    expect(r.named('entry_failed')[0]!.reason).toMatch(/risk:emergency_stop/);
  });

  test('a calibrated artifact replaces the prior: its threshold decides', () => {
    const model = { ...PRIOR_MODEL, version: 'test', threshold: 10, weights: { history: 0.25, market: 0.25, timing: 0.25, external: 0.25 } };
    const r = runEvents(listingSniper, { quoteQty: 50 }, listing([1.1]), { model });
    expect(r.named('arm').length).toBe(1);
    expect(JSON.parse(r.named('arm')[0]!.data).score).toBeGreaterThan(10);
    expect(r.named('entered').length).toBe(1);
  });

  test('IOC mode: a limit inside the band, in price precision, sized in whole lots', () => {
    const r = runEvents(listingSniper, { minScore: 0, quoteQty: 50, orderType: 'ioc', iocBandPct: 3 }, listing([1.1]));
    const buys = r.kinds('place_order').filter((d) => d.decision === 'buy').map((d) => JSON.parse(d.data) as [string, string, number, null, number]);
    expect(buys.length).toBeGreaterThan(0);
    for (const [, type, qty, , price] of buys) {
      expect(type).toBe('IMMEDIATE_OR_CANCEL');
      expect(price).toBeLessThanOrEqual(1.03);
      expect(Math.abs(qty * 100 - Math.round(qty * 100))).toBeLessThan(1e-9);
      expect(qty * price).toBeLessThanOrEqual(50);
    }
    expect(r.named('entered').length).toBe(1);
  });

  test('stop loss after a dump', () => {
    const r = runEvents(listingSniper, { minScore: 0, quoteQty: 50, stopLossPct: 10 }, listing([0.85]));
    expect(r.kinds('place_order').filter((d) => d.decision === 'sell').map((d) => d.reason)).toEqual(['stop_loss']);
    expect(r.trips[0]!.pnl).toBeLessThan(0);
    expect(r.trips[0]!.exitReason).toBe('stop_loss');
  });
});
