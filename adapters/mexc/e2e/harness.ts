/**
 * End-to-end harness: one real sim (sim/server/sim-server.ts) on a free localhost port, this
 * project's own REST client pointed at it, and helpers shared by the e2e tests. Nothing here is
 * mocked: the client talks HTTP to the sim, the WebSocket clients (ws-client.ts) talk to its /ws.
 */
import { setDefaultTimeout } from 'bun:test';
import { z } from 'zod';
import type { Clock } from '../../../core/clock.ts';
import type { Result } from '../../../core/result.ts';
import { parseScenario } from '../../../sim/config/scenario.ts';
import { parseFaults } from '../../../sim/faults/fault-spec.ts';
import { startSim, type RunningSim } from '../../../sim/server/sim-server.ts';
export { until, waitForMarket } from '../../../sim/testing/sim-harness.ts';
import { MexcRestClient } from '../rest/client.ts';
import type { MexcRestConfigInput } from '../rest/client-config.ts';

// bunfig.toml asks for 60 s per test but bun 1.4.5 keeps its 5 s default here; these tests start
// servers and child processes and wait on protocol timers, so give them room on a loaded machine.
setDefaultTimeout(30_000);

/** The established pair every e2e sim trades (deep book, frequent trades). */
export const BTC = 'BTCUSDT';

/** Shortened market defaults: one busy established pair, listings far in the future unless asked. */
export function e2eScenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    established: [{ symbol: BTC, price: 86_500, priceScale: 2, quantityScale: 6, tradesPerSec: 20, meanTradeQuote: 2000 }],
    listings: { count: 0 },
    account: { balances: { USDT: 100_000 } },
    ...overrides,
  };
}

export interface E2eSimOptions {
  readonly startTime?: number;
  readonly manualClock?: boolean;
  readonly faults?: string;
}

/** Start a sim in-process on 127.0.0.1:0 with a zod-validated scenario. */
export function startE2eSim(scenario: Record<string, unknown> = e2eScenario(), o: E2eSimOptions = {}): RunningSim {
  return startSim({
    scenario: parseScenario(scenario), host: '127.0.0.1', port: 0, startTime: o.startTime, manualClock: o.manualClock,
    faults: o.faults !== undefined ? parseFaults(o.faults) : undefined,
  });
}

/** The adapter's REST client against a sim, with the sim account's credentials. */
export function clientFor(
  sim: { readonly rest: string; readonly exchange: RunningSim['exchange'] },
  config: Partial<MexcRestConfigInput> = {}, deps: { clock?: Clock } = {},
): MexcRestClient {
  const acct = sim.exchange.scenario.account;
  return MexcRestClient.create({
    baseUrl: sim.rest, webBaseUrl: sim.rest, apiKey: acct.apiKey, apiSecret: acct.apiSecret, ...config,
  }, deps);
}

/** Unwrap a Result, throwing its error so the test fails with the client's own message. */
export function must<T>(r: Result<T, unknown>): T {
  if (!r.ok) throw r.error instanceof Error ? r.error : new Error(String(r.error));
  return r.value;
}

/** The error side of a Result that must have failed. */
export function failure<E>(r: Result<unknown, E>): E {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

/** A wall clock shifted by `offsetMs` (a client machine whose clock is wrong). */
export class SkewedClock implements Clock {
  constructor(private readonly offsetMs: number) {}
  nowMs(): number {
    return Date.now() + this.offsetMs;
  }
  nowUs(): number {
    return Math.round(this.nowMs() * 1000);
  }
}

/** GET /_sim/stats (the sim's own endpoint, outside MEXC's paths), validated with zod. */
const simStatsSchema = z.object({
  now: z.number(),
  sent: z.record(z.string(), z.number().int().nonnegative()),
  faults: z.record(z.string(), z.number().int().nonnegative()),
  orders: z.array(z.object({
    symbol: z.string(), side: z.string(), type: z.string(), status: z.string(), receivedAt: z.number(),
    orderId: z.string().optional(), code: z.number().optional(),
  }).loose()),
  listings: z.array(z.object({
    symbol: z.string(), vcoinId: z.string(), firstOpenTime: z.number(), openedAt: z.number().nullable(),
  }).loose()),
});
export type SimStats = z.infer<typeof simStatsSchema>;

export async function simStats(rest: string): Promise<SimStats> {
  const res = await fetch(`${rest}/_sim/stats`);
  if (res.status !== 200) throw new Error(`/_sim/stats answered HTTP ${res.status}`);
  return simStatsSchema.parse(await res.json());
}
