/**
 * Clocks. Strategies and runners read time only through a Clock, so the same code runs on a
 * simulated clock in backtests and on the wall clock live.
 */

export interface Clock {
  /** Milliseconds since epoch (may be fractional on a simulated clock). */
  nowMs(): number;
  /** Integer microseconds since epoch. */
  nowUs(): number;
}

/** The wall clock with µs resolution: epoch anchor plus a monotonic offset. */
export class WallClock implements Clock {
  private readonly originUs = Math.round((performance.timeOrigin) * 1000);
  nowMs(): number {
    return performance.timeOrigin + performance.now();
  }
  nowUs(): number {
    return this.originUs + Math.round(performance.now() * 1000);
  }
}

/** A clock that moves only when told to. Time never goes backwards. */
export class SimulatedClock implements Clock {
  private us: number;
  constructor(startUs = 0) {
    if (!Number.isSafeInteger(startUs)) throw new RangeError(`clock start must be an integer µs, got ${startUs}`);
    this.us = startUs;
  }
  nowMs(): number {
    return this.us / 1000;
  }
  nowUs(): number {
    return this.us;
  }
  /** Move to an absolute time (µs). Moving backwards is an invariant violation. */
  setUs(us: number): void {
    if (us < this.us) throw new RangeError(`time went backwards: ${us} < ${this.us}`);
    this.us = Math.trunc(us);
  }
  advanceMs(ms: number): void {
    this.setUs(this.us + Math.round(ms * 1000));
  }
}
