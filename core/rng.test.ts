import { describe, expect, test } from 'bun:test';
import { Rng } from './rng.ts';

describe('Rng', () => {
  test('same seed, same stream; another seed, another stream; snapshots restore', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(new Rng(43).next()).not.toBe(xs[0]);
    const snap = a.snapshot();
    const next = a.next();
    expect(Rng.restore(snap).next()).toBe(next);
  });
  test('uniform in [0, 1), ints in range, normals centred', () => {
    const r = new Rng(7);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const n = r.normal();
      sum += n;
      sq += n * n;
      const k = r.int(6);
      expect(k >= 0 && k < 6 && Number.isInteger(k)).toBe(true);
    }
    expect(Math.abs(sum / 20_000)).toBeLessThan(0.05);
    expect(Math.abs(sq / 20_000 - 1)).toBeLessThan(0.05);
  });
});
