/**
 * A circuit breaker per endpoint: after `threshold` consecutive failures it opens for
 * `cooldownMs` (no attempts), then lets one attempt through (half-open); a success closes it.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export class CircuitBreaker {
  private failures = 0;
  private openedAtMs: number | undefined;
  trips = 0;

  constructor(readonly endpoint: string, private readonly threshold: number, private readonly cooldownMs: number) {}

  state(nowMs: number): BreakerState {
    if (this.openedAtMs === undefined) return 'closed';
    return nowMs - this.openedAtMs >= this.cooldownMs ? 'half_open' : 'open';
  }

  /** ms to wait before an attempt is allowed (0 = go). */
  waitMs(nowMs: number): number {
    if (this.openedAtMs === undefined) return 0;
    return Math.max(0, this.openedAtMs + this.cooldownMs - nowMs);
  }

  /** Record a failure; returns true when this failure opened the breaker. */
  failure(nowMs: number): boolean {
    this.failures++;
    if (this.openedAtMs !== undefined) {
      this.openedAtMs = nowMs; // a failed half-open attempt opens it again
      return false;
    }
    if (this.failures >= this.threshold) {
      this.openedAtMs = nowMs;
      this.trips++;
      return true;
    }
    return false;
  }

  success(): void {
    this.failures = 0;
    this.openedAtMs = undefined;
  }
}
