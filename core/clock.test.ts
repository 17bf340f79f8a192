import { expect, test } from 'bun:test';
import { SimulatedClock, WallClock } from './clock.ts';

test('the simulated clock moves only when told, in integer µs, never backwards', () => {
  const c = new SimulatedClock(1_000_000);
  expect(c.nowUs()).toBe(1_000_000);
  expect(c.nowMs()).toBe(1000);
  c.advanceMs(1.5);
  expect(c.nowUs()).toBe(1_001_500);
  c.setUs(2_000_000.7);
  expect(c.nowUs()).toBe(2_000_000);
  expect(() => c.setUs(1_999_999)).toThrow(/backwards/);
  expect(() => new SimulatedClock(0.5)).toThrow(RangeError);
});

test('the wall clock agrees with Date.now and gives integer µs', () => {
  const w = new WallClock();
  const us = w.nowUs();
  expect(Number.isInteger(us)).toBe(true);
  expect(Math.abs(us / 1000 - Date.now())).toBeLessThan(50);
  expect(w.nowUs()).toBeGreaterThanOrEqual(us);
});
