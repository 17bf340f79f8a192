/**
 * A seeded random source (xoshiro128**, seeded through splitmix32). Strategies and the venue
 * simulation draw randomness only from here, so the same seed gives the same run.
 * The state is four 32-bit words; `snapshot()` / `Rng.restore()` let a runner checkpoint it.
 */

export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng implements RandomSource {
  private readonly s: Uint32Array;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`rng seed must be a finite number, got ${seed}`);
    const mix = splitmix32(Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32));
    this.s = new Uint32Array([mix(), mix(), mix(), mix()]);
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  static restore(state: readonly number[]): Rng {
    const r = new Rng(0);
    for (let i = 0; i < 4; i++) r.s[i] = state[i]! >>> 0;
    return r;
  }

  snapshot(): number[] {
    return Array.from(this.s);
  }

  /** A 32-bit unsigned integer. */
  nextU32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  next(): number {
    // 53 bits from two draws
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(n: number): number {
    if (!(n > 0) || !Number.isInteger(n)) throw new RangeError(`int(n) needs a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** An independent stream derived from this one (for a sub-component). */
  fork(): Rng {
    return new Rng(this.nextU32() * 2 ** 21 + (this.nextU32() >>> 11));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
