/**
 * Drives the shared runner (core/runner.ts) on wall-clock time. The runner's clock is a
 * SimulatedClock moved by the runner itself: to each event's (restamped) receive time, and to the
 * due time of each timer and venue delivery. A tick every `tickMs` (and at once when the real
 * venue has an answer) runs everything due up to the wall clock; each event runs what is due
 * before it first. That is the backtest's loop exactly, which is why a replay of the recording
 * makes the same decisions: see event-bridge.ts for the restamping that makes the orders agree.
 *
 * A strategy or venue that throws stops the session (the error is kept for the summary); the
 * feed keeps recording until the run is stopped.
 */
import type { Clock } from '../core/clock.ts';
import type { SniperEvent } from '../core/events.ts';
import type { Logger } from '../core/logger.ts';
import type { Runner } from '../core/runner.ts';
import type { EventBridge } from './event-bridge.ts';

/** What the driver needs of a session: SimSession (paper) and RealSession (real) both fit. */
export interface LiveEngine {
  readonly runner: Runner;
  handle(e: SniperEvent): void;
}

export class LiveDriver {
  private ticker: ReturnType<typeof setInterval> | undefined;
  private wakeQueued = false;
  failure: Error | undefined;
  lastEventUs = 0;

  constructor(
    private readonly engine: LiveEngine,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly tickMs = 10,
  ) {}

  /** The bridge's delivery callback. */
  onEvent(e: SniperEvent): void {
    if (this.failure !== undefined) return;
    try {
      this.engine.handle(e);
      this.lastEventUs = e.tsRecv;
    } catch (err) {
      this.fail(err as Error, `while handling a ${e.type} event of ${'symbol' in e ? e.symbol : ''}`);
    }
  }

  private fail(err: Error, where: string): void {
    this.failure = err;
    this.log.error({ err: err.message, stack: err.stack }, `runner stopped ${where}: ${err.message}`);
  }

  start(bridge: EventBridge): void {
    this.bridge = bridge;
    this.ticker = setInterval(() => this.tick(), this.tickMs);
  }

  private bridge: EventBridge | undefined;

  /** Run everything due up to now. */
  tick(): number {
    const now = this.bridge?.raiseFloor(this.clock.nowUs()) ?? this.clock.nowUs();
    if (this.failure !== undefined) return now;
    try {
      this.engine.runner.advanceTo(now);
    } catch (err) {
      this.fail(err as Error, 'while running timers and venue deliveries');
    }
    return now;
  }

  /** Something is ready (a real venue answer): tick as soon as the current task ends. */
  wake(): void {
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      this.tick();
    });
  }

  /** Stop ticking; one last tick runs what is due at the stop time, which it returns. */
  stop(): number {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    return this.tick();
  }
}
