/**
 * Real mode end to end against `sniper sim` (its account's API key and secret, as a user would
 * put MEXC's in the environment): the same listing-sniper sends signed orders, is refused with
 * 10007 before the open and retries, gets filled by the sim's matching engine, and the fills the
 * venue reports (GET order + myTrades) reach the runner's portfolio and the decision log.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { INSTRUMENT_DEFAULTS } from '../execution/instrument.ts';
import { DEFAULT_LATENCY } from '../execution/latency.ts';
import { startSim, type SimProcess } from '../ingest/testing/sim-process.ts';
import { strategyByName } from '../strategies/index.ts';
import { LiveRun } from './live-run.ts';
import type { LiveSummary } from './run-summary.ts';

let root: string;
let sim: SimProcess;
let summary: LiveSummary;
let simOrders: Array<{ clientOrderId?: string; status: string; symbol: string }>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'live-real-'));
  const scenario = join(root, 'scenario.json');
  writeFileSync(scenario, JSON.stringify({
    listings: { notApiTradableShare: 0, lateShare: 0, marketDisabledShare: 0, apiMarketDisabledShare: 0, deviateShare: 0 },
    account: { balances: { USDT: 500 } },
  }));
  sim = await startSim(['--listings', '1', '--first-open-in', '7', '--listing-interval', '60', '--seed', '5', '--scenario', scenario]);
  const ready = { apiKey: 'mx0vglSIMULATORKEY0000001', apiSecret: '45d0b3c26f2644f19bfb98b07741b2f5' }; // the sim's default account
  const params = { minScore: '0', requireApiTradable: 'false', windowEndMs: '4000', timeStopMs: '2000', quoteQty: '50' };
  const run = await LiveRun.create({
    mode: 'real', venueName: 'sim', restUrl: sim.rest, webUrl: sim.rest, wsUrl: sim.ws, credentials: ready,
    strategy: strategyByName('listing-sniper')!, params, risk: {}, riskParsed: {}, venueDefaults: {}, instruments: INSTRUMENT_DEFAULTS,
    latency: DEFAULT_LATENCY, seed: 1, initialQuote: 0, runId: 'real-e2e', outDir: join(root, 'run'), symbols: ['BTCUSDT'],
    log: createLogger({ level: 'silent' }),
  });
  run.start();
  await run.runFor(13_000);
  summary = await run.stop();
  simOrders = ((await sim.stats()) as unknown as { orders: typeof simOrders }).orders;
}, 45_000);

afterAll(async () => {
  await sim?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('sniper live --mode real against sim', () => {
  test('the starting balance is the account balance', () => {
    expect(summary.mode).toBe('real');
    expect(summary.initialQuote).toBeCloseTo(500, 6);
  });

  test('orders refused before the open are retried, then filled; the exit sells what was bought', () => {
    expect(summary.failure).toBeNull();
    const decisions = readFileSync(join(root, 'run', 'decisions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; decision: string; data: string });
    const rejected = decisions.filter((d) => d.kind === 'order_update' && d.decision === 'REJECTED');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((d) => JSON.parse(d.data)[3] === 10007)).toBe(true);
    const fills = decisions.filter((d) => d.kind === 'fill');
    expect(fills.some((d) => d.decision === 'buy')).toBe(true);
    expect(fills.some((d) => d.decision === 'sell')).toBe(true);
    expect(summary.trades).toBe(1);
    expect(summary.openPositions).toBe(0);
    expect(summary.pendingOrders).toEqual([]);
  });

  test('what the runner booked is what the exchange did', () => {
    const ours = simOrders.filter((o) => o.status === 'FILLED' && o.symbol !== 'BTCUSDT');
    expect(ours.length).toBe(2);
    const venue = readFileSync(join(root, 'run', 'venue.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    expect(venue.filter((e) => e.event === 'placed').length).toBe(2);
    expect(venue.some((e) => e.event === 'unknown_outcome')).toBe(false);
    expect((summary.privateStream as { pushes: number }).pushes).toBeGreaterThan(0); // the user data stream prompted the lookups
  });
});
