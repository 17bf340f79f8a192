/**
 * summary.json of a live run, and the backtest command that replays its recording. The replay
 * gives the same decisions up to `endUs` (the same decisionsHash when nothing was still scheduled
 * at the stop; a backtest keeps running timers for an hour after its last event, a live run stops).
 */
import { join } from 'node:path';
import type { LiveRun } from './live-run.ts';

export type LiveSummary = Readonly<Record<string, unknown>> & { readonly decisionsHash: string; readonly endUs: number };

const prefixed = (prefix: string, o: Readonly<Record<string, string>>) => Object.entries(o).map(([k, v]) => `${prefix}${k}=${v}`);

/** `sniper backtest` arguments that replay a run folder's recording with the same settings. */
export function replayArgs(run: LiveRun, outDir: string): string[] {
  const o = run.o;
  const lat = o.latency;
  return [
    'backtest', '--lake', join(o.outDir, 'lake'), '--strategy', o.strategy.name, '--seed', String(o.seed), '--quote', String(o.initialQuote),
    ...(o.modelPath === undefined ? [] : ['--model', o.modelPath]),
    ...[...prefixed('', o.params), ...prefixed('risk.', o.risk), ...prefixed('venue.', o.venueDefaults),
      `latency.medianMs=${lat.medianMs}`, `latency.sigma=${lat.sigma}`, `latency.minMs=${lat.minMs}`].flatMap((p) => ['--param', p]),
    '--out', outDir, '--quiet',
  ];
}

export function liveSummary(run: LiveRun, endUs: number): LiveSummary {
  const o = run.o;
  const pf = run.engine.runner.portfolio;
  const trips = pf.roundTrips;
  const realized = trips.reduce((s, t) => s + t.pnl, 0);
  const equity = run.engine.equity();
  const pool = run.feed.stats();
  const kinds = Object.fromEntries(run.journal.byKind);
  const listings = run.feed.discovery.book.rows(endUs, 'live').map((r) => ({
    symbol: r.symbol, scheduledOpen: r.scheduled_open, actualOpen: r.actual_open, apiTradable: r.api_tradable,
  }));
  return {
    version: 1,
    runId: o.runId,
    mode: o.mode,
    venue: o.venueName,
    rest: o.restUrl,
    ws: o.wsUrl,
    strategy: o.strategy.name,
    params: { ...o.params, ...Object.fromEntries(prefixed('risk.', o.risk).map((p) => p.split('=') as [string, string])), ...Object.fromEntries(prefixed('venue.', o.venueDefaults).map((p) => p.split('=') as [string, string])) },
    model: o.modelPath ?? null,
    seed: o.seed,
    latency: o.mode === 'paper' ? o.latency : null,
    initialQuote: run.real?.initialQuote ?? o.initialQuote,
    startedAt: new Date(run.startedUs / 1000).toISOString(),
    startedUs: run.startedUs,
    endUs,
    durationSec: Math.round((endUs - run.startedUs) / 1e5) / 10,
    events: run.bridge.events,
    decisions: run.journal.count,
    decisionsHash: run.journal.hash(),
    decisionsByKind: kinds,
    orders: kinds.place_order ?? 0,
    refused: kinds.refused ?? 0,
    fills: kinds.fill ?? 0,
    trades: trips.length,
    realizedPnl: realized,
    finalEquity: equity,
    openPositions: pf.openPositionCount(),
    listings,
    feed: {
      connections: pool.connections, channels: pool.channels, reconnects: pool.reconnects, frames: pool.frames,
      versionGaps: run.feed.frames.counters.versionGaps, malformed: run.feed.frames.counters.malformed,
      snapshots: run.feed.snapshots, pollErrors: run.feed.discovery.pollErrors, rowsAfterStop: run.bridge.late,
    },
    privateStream: run.privateStream === undefined ? null : { pushes: run.privateStream.pushes, reconnects: run.privateStream.reconnects },
    pendingOrders: run.real?.venue.pending().map((t) => ({ clientOrderId: t.order.clientOrderId, symbol: t.order.symbol, state: t.state })) ?? [],
    failure: run.driver.failure?.message ?? null,
    replay: {
      lake: join(o.outDir, 'lake'),
      command: ['sniper', ...replayArgs(run, join(o.outDir, 'replay'))],
      equivalence: 'same decisions up to endUs; the same decisionsHash when no timer or order was still due after the stop',
    },
  };
}
