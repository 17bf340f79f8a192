/** Test support: run a strategy over hand-built events on the simulated venue, collecting decisions. */
import { SimulatedClock } from '../core/clock.ts';
import type { SniperEvent } from '../core/events.ts';
import type { DecisionRecord } from '../core/runner.ts';
import type { AnyStrategy } from '../core/strategy.ts';
import { SimSession, type SimSessionOptions } from './sim-session.ts';

export function runEvents(strategy: AnyStrategy, params: Record<string, unknown>, events: readonly SniperEvent[], extra: Partial<SimSessionOptions> = {}) {
  const decisions: DecisionRecord[] = [];
  const first = events[0]?.tsRecv ?? 0;
  const session = new SimSession({
    strategy, params, clock: new SimulatedClock(first), seed: 7, latency: { medianMs: 20, sigma: 0, minMs: 0 },
    decisions: { record: (d) => decisions.push(d) }, ...extra,
  });
  for (const e of events) session.handle(e);
  const last = events[events.length - 1]?.tsRecv ?? 0;
  session.finish(last + 10_000_000);
  const kinds = (kind: string) => decisions.filter((d) => d.kind === kind);
  const named = (decision: string) => decisions.filter((d) => d.kind === 'decision' && d.decision === decision);
  return { session, decisions, kinds, named, trips: session.runner.portfolio.roundTrips };
}
