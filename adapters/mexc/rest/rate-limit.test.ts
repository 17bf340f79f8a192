import { describe, expect, test } from 'bun:test';
import { SimulatedClock } from '../../../core/clock.ts';
import { rateLimitConfigSchema, type RateLimitConfigInput } from './rate-limit-config.ts';
import { RateLimiter, SlidingWindow } from './rate-limit.ts';

function limiter(input: RateLimitConfigInput = {}, startMs = 1_000_000) {
  const clock = new SimulatedClock(startMs * 1000);
  return { clock, rl: new RateLimiter(rateLimitConfigSchema.parse(input), clock) };
}

const depth = { key: 'GET /api/v3/depth', scope: 'ip' } as const;
const exchangeInfo = { key: 'GET /api/v3/exchangeInfo', scope: 'ip' } as const;
const order = { key: 'POST /api/v3/order', scope: 'uid' } as const;

describe('sliding window', () => {
  test('admits up to the limit, then says when the oldest entries expire', () => {
    const w = new SlidingWindow('t', { limit: 10, windowMs: 1000 });
    w.add(4, 0);
    w.add(6, 500);
    expect(w.waitFor(1, 600)).toBe(400); // the weight-4 entry leaves at 1000
    expect(w.waitFor(5, 600)).toBe(900); // both must leave
    expect(w.waitFor(11, 600)).toBe(Number.POSITIVE_INFINITY);
    expect(w.used(1000)).toBe(6);
    expect(w.waitFor(4, 1000)).toBe(0);
  });
});

describe('RateLimiter', () => {
  test('weights are the 2026 defaults and can be overridden', () => {
    expect(limiter().rl.weightOf('GET /api/v3/exchangeInfo')).toBe(25);
    expect(limiter().rl.weightOf('GET /api/v3/depth')).toBe(3);
    expect(limiter({ weights: { 'GET /api/v3/depth': 1 } }).rl.weightOf('GET /api/v3/depth')).toBe(1);
    expect(limiter({ defaultWeight: 7 }).rl.weightOf('GET /api/v3/unknown')).toBe(7);
  });

  test('the IP budget counts weight per 10 s window', () => {
    const { clock, rl } = limiter({ ip: { limit: 300, windowMs: 10_000 } });
    for (let i = 0; i < 12; i++) expect(rl.tryAcquire(exchangeInfo).ok).toBe(true); // 12 × 25 = 300
    const refused = rl.tryAcquire(depth);
    expect(refused).toEqual({ ok: false, reason: 'budget', bucket: 'ip', waitMs: 10_000 });
    clock.advanceMs(9_999);
    expect(rl.tryAcquire(depth).ok).toBe(false);
    clock.advanceMs(1);
    expect(rl.tryAcquire(depth).ok).toBe(true);
    expect(rl.usage().ip).toBe(3);
  });

  test('signed calls use the UID budget, independent of the IP budget', () => {
    const { rl } = limiter({ ip: { limit: 3, windowMs: 10_000 }, uid: { limit: 2, windowMs: 10_000 } });
    expect(rl.tryAcquire(depth).ok).toBe(true);
    expect(rl.tryAcquire(depth).ok).toBe(false);
    expect(rl.tryAcquire({ key: 'GET /api/v3/order', scope: 'uid' }).ok).toBe(true); // weight 2
    expect(rl.tryAcquire({ key: 'GET /api/v3/ping', scope: 'uid' }).ok).toBe(false);
  });

  test('placements and cancels share the order limit (configurable: 5/s)', () => {
    const { clock, rl } = limiter({ orders: { limit: 5, windowMs: 1000 } });
    for (let i = 0; i < 3; i++) expect(rl.tryAcquire(order).ok).toBe(true);
    expect(rl.tryAcquire({ key: 'DELETE /api/v3/order', scope: 'uid' }).ok).toBe(true);
    expect(rl.tryAcquire({ key: 'DELETE /api/v3/openOrders', scope: 'uid' }).ok).toBe(true);
    const refused = rl.tryAcquire(order);
    expect(refused.ok === false && refused.reason === 'budget' && refused.bucket).toBe('orders');
    // a read is not an order: it still goes through
    expect(rl.tryAcquire({ key: 'GET /api/v3/openOrders', scope: 'uid' }).ok).toBe(true);
    clock.advanceMs(1000);
    expect(rl.tryAcquire(order).ok).toBe(true);
  });

  test('GET /account is limited to 2 per second on top of its weight', () => {
    const { clock, rl } = limiter();
    const account = { key: 'GET /api/v3/account', scope: 'uid' } as const;
    expect(rl.tryAcquire(account).ok).toBe(true);
    expect(rl.tryAcquire(account).ok).toBe(true);
    expect(rl.tryAcquire(account).ok).toBe(false);
    clock.advanceMs(1000);
    expect(rl.tryAcquire(account).ok).toBe(true);
    expect(rl.usage().uid).toBe(30);
  });

  test('a refused request is not counted', () => {
    const { rl } = limiter({ orders: { limit: 1, windowMs: 1000 } });
    rl.tryAcquire(order);
    const before = rl.usage().uid;
    rl.tryAcquire(order);
    expect(rl.usage().uid).toBe(before);
  });

  test('after a 429 the scope is held until Retry-After passes; other scopes go on', () => {
    const { clock, rl } = limiter();
    rl.noteLimited('ip', 429, 5_000);
    expect(rl.tryAcquire(depth)).toEqual({ ok: false, reason: 'hold', waitMs: 5_000, banned: false });
    expect(rl.tryAcquire(order).ok).toBe(true);
    clock.advanceMs(4_999);
    expect(rl.tryAcquire(depth).ok).toBe(false);
    clock.advanceMs(1);
    expect(rl.tryAcquire(depth).ok).toBe(true);
  });

  test('a 418 bans the IP: both API scopes are held, the website scope is not', () => {
    const { rl } = limiter();
    rl.noteLimited('ip', 418, 120_000);
    expect(rl.tryAcquire(order)).toEqual({ ok: false, reason: 'hold', waitMs: 120_000, banned: true });
    expect(rl.tryAcquire(depth).ok).toBe(false);
    expect(rl.tryAcquire({ key: 'GET /api/operation/new_coin_calendar', scope: 'web' }).ok).toBe(true);
  });

  test('a later, shorter hold never shortens a longer one; missing Retry-After uses the defaults', () => {
    const { rl } = limiter({ defaultRetryAfterMs: 3_000, defaultBanMs: 60_000 });
    rl.noteLimited('ip', 429, undefined);
    expect(rl.hold('ip')).toEqual({ waitMs: 3_000, banned: false });
    rl.noteLimited('ip', 418, undefined);
    expect(rl.hold('ip')).toEqual({ waitMs: 60_000, banned: true });
    rl.noteLimited('ip', 429, 1_000);
    expect(rl.hold('ip')).toEqual({ waitMs: 60_000, banned: true });
  });
});
