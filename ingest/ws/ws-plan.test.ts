import { describe, expect, test } from 'bun:test';
import { Backoff } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { shardChannels, subscribeBatches } from './subscription-plan.ts';

describe('Backoff', () => {
  test('grows exponentially to the cap with jitter, and resets', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 1);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([100, 200, 400, 800, 1000]);
    b.reset();
    expect(b.next()).toBe(100);
    const j = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 0);
    expect(j.next()).toBe(50); // floor: half the initial delay
  });
});

describe('CircuitBreaker', () => {
  test('opens after the threshold, waits the cooldown, half-opens, closes on success', () => {
    const c = new CircuitBreaker('ws://x', 3, 1000);
    expect(c.failure(0)).toBe(false);
    expect(c.failure(1)).toBe(false);
    expect(c.failure(2)).toBe(true);
    expect(c.state(500)).toBe('open');
    expect(c.waitMs(500)).toBe(502);
    expect(c.state(1002)).toBe('half_open');
    c.failure(1100);
    expect(c.state(1500)).toBe('open');
    c.success();
    expect(c.state(1500)).toBe('closed');
    expect(c.trips).toBe(1);
  });
});

describe('subscription plan', () => {
  test('at most 30 channels per connection, batches of at most N per message', () => {
    const chans = Array.from({ length: 65 }, (_, i) => `c${i}`);
    const shards = shardChannels(chans, 30);
    expect(shards.map((s) => s.length)).toEqual([30, 30, 5]);
    expect(subscribeBatches(shards[0]!, 12).map((b) => b.length)).toEqual([12, 12, 6]);
  });
});
