/**
 * The backtest: the lake (backtest/lake-source.ts) replayed through a strategy on the simulated
 * venue (execution/), on a simulated clock that moves to each event's tsRecv.
 */
import { SimulatedClock } from '../core/clock.ts';
import type { ModelArtifact } from '../core/confidence.ts';
import type { RoundTrip } from '../core/portfolio.ts';
import type { AnyStrategy } from '../core/strategy.ts';
import type { InstrumentDefaults } from '../execution/instrument.ts';
import { DEFAULT_LATENCY, latencyFromQuantiles, type LatencyParams } from '../execution/latency.ts';
import type { RiskParams } from '../execution/risk-guard.ts';
import { SimSession } from '../execution/sim-session.ts';
import { DecisionLog } from './decision-log.ts';
import { LakeSource, type ReplayTable } from './lake-source.ts';
import { sqlList } from './lake-files.ts';
import { computeMetrics, type EquityPoint, type RunMetrics } from './metrics.ts';
import { listingOutcomes, type ListingOutcome } from './outcomes.ts';

export interface BacktestOptions {
  readonly lakeDir: string;
  readonly strategy: AnyStrategy;
  readonly params: Readonly<Record<string, unknown>>;
  readonly model?: ModelArtifact;
  readonly fromUs?: number;
  readonly toUs?: number;
  readonly seed?: number;
  readonly initialQuote?: number;
  /** 'fit' = from the lake's trade latencies (ts_recv − ts_event), falling back to the default. */
  readonly latency?: LatencyParams | 'fit';
  readonly risk?: Partial<RiskParams>;
  readonly instruments?: InstrumentDefaults;
  readonly tables?: readonly ReplayTable[];
  /** Equity sample spacing in simulated time (default 60 s). */
  readonly equityEveryMs?: number;
  readonly threads?: number;
  readonly onProgress?: (rows: number, totalRows: number) => void;
}

export interface BacktestResult {
  readonly metrics: RunMetrics;
  readonly trades: readonly RoundTrip[];
  readonly equity: readonly EquityPoint[];
  readonly decisions: DecisionLog;
  readonly listings: readonly ListingOutcome[];
  readonly events: number;
  readonly elapsedMs: number;
  readonly latency: LatencyParams & { readonly source: string };
  readonly venue: { readonly orders: number; readonly fills: number; readonly rejects: Readonly<Record<string, number>> };
  readonly range: { readonly fromUs: number | null; readonly toUs: number | null };
}

async function fitFromLake(src: LakeSource): Promise<(LatencyParams & { source: string }) | undefined> {
  const files = src.filesOf('trades');
  if (files.length === 0) return undefined;
  const rows = await src.query(`SELECT quantile_disc(x, [0.01, 0.5, 0.8413]) FROM (SELECT ts_recv / 1000.0 - ts_event AS x FROM read_parquet(${sqlList(files)}, union_by_name = true)) WHERE x > 0`);
  const q = rows[0]?.[0] as { items?: unknown[] } | null | undefined;
  const items = (q?.items ?? []).map(Number);
  if (items.length !== 3) return undefined;
  const fit = latencyFromQuantiles(items[0]!, items[1]!, items[2]!);
  return fit === undefined ? undefined : { ...fit, source: 'fitted from trades (ts_recv − ts_event)' };
}

export async function runBacktest(o: BacktestOptions): Promise<BacktestResult> {
  const started = performance.now();
  const src = await LakeSource.open({
    lakeDir: o.lakeDir, ...(o.fromUs === undefined ? {} : { fromUs: o.fromUs }), ...(o.toUs === undefined ? {} : { toUs: o.toUs }),
    ...(o.tables === undefined ? {} : { tables: o.tables }), ...(o.threads === undefined ? {} : { threads: o.threads }),
  });
  try {
    let latency: LatencyParams & { source: string } = { ...DEFAULT_LATENCY, source: 'default' };
    if (o.latency === 'fit' || o.latency === undefined) latency = (await fitFromLake(src)) ?? latency;
    else latency = { ...o.latency, source: 'given' };
    const decisions = new DecisionLog();
    const equity: EquityPoint[] = [];
    const trades: RoundTrip[] = [];
    const startUs = src.units[0]?.startUs ?? 0;
    const clock = new SimulatedClock(Math.max(0, Math.trunc(o.fromUs ?? startUs)));
    const initialQuote = o.initialQuote ?? 1000;
    let session: SimSession;
    const sample = (tsUs: number) => {
      const e = session.equity();
      const last = equity[equity.length - 1];
      if (last !== undefined && last.tsUs === tsUs) equity[equity.length - 1] = { tsUs, equity: e };
      else equity.push({ tsUs, equity: e });
    };
    session = new SimSession({
      strategy: o.strategy, params: o.params, clock, seed: o.seed ?? 1, initialQuote, latency, decisions,
      ...(o.model === undefined ? {} : { model: o.model }), ...(o.risk === undefined ? {} : { risk: o.risk }),
      ...(o.instruments === undefined ? {} : { instruments: o.instruments }),
      onRoundTrip: (t) => trades.push(t),
      onFill: (us) => sample(us),
    });
    const everyUs = (o.equityEveryMs ?? 60_000) * 1000;
    let nextSample = -Infinity;
    let lastUs = clock.nowUs();
    equity.push({ tsUs: lastUs, equity: initialQuote });
    const total = src.totalRows;
    let count = 0;
    const progressEvery = 65_536;
    const events = await src.forEach((e) => {
      session.handle(e);
      lastUs = e.tsRecv;
      if (lastUs >= nextSample) {
        if (nextSample !== -Infinity) sample(lastUs);
        nextSample = lastUs + everyUs;
      }
      if ((++count & (progressEvery - 1)) === 0) o.onProgress?.(count, total);
    });
    session.finish(lastUs + 3_600_000_000);
    sample(Math.max(lastUs, clock.nowUs()));
    o.onProgress?.(events, events);
    const finalEquity = session.equity();
    const metrics = computeMetrics(trades, equity, initialQuote, finalEquity);
    return {
      metrics, trades, equity, decisions, listings: listingOutcomes(decisions.records, trades), events,
      elapsedMs: performance.now() - started, latency,
      venue: { orders: session.venue.stats.orders, fills: session.venue.stats.fills, rejects: { ...session.venue.stats.rejects } },
      range: { fromUs: o.fromUs ?? null, toUs: o.toUs ?? null },
    };
  } finally {
    src.close();
  }
}
