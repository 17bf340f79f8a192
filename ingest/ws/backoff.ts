/**
 * Reconnect delays: exponential with full jitter (AWS architecture blog), capped, reset after a
 * connection stayed healthy. `random` is injectable so tests are deterministic.
 */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor?: number;
}

export class Backoff {
  private attempt = 0;
  constructor(private readonly o: BackoffOptions, private readonly random: () => number = Math.random) {}

  /** The delay before the next attempt; each call counts as one more failure. */
  next(): number {
    const ceiling = Math.min(this.o.maxMs, this.o.initialMs * (this.o.factor ?? 2) ** this.attempt);
    this.attempt++;
    // full jitter, but never below half the initial delay (so a flapping server is not hammered)
    return Math.max(this.o.initialMs / 2, Math.round(ceiling * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
