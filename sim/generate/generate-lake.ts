/**
 * `sniper generate`: the sim's market written straight to a lake (no sockets), listing after
 * listing in time order, plus DIR/ground_truth.json with the true factor weights and every
 * listing's hidden factors and outcome.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../config/scenario.ts';
import { normaliseWeights } from '../market/factors.ts';
import { MAX_LEAD_MS, planListing, type ListingPlan } from '../market/listing-plan.ts';
import { pathBars, statsFromBars } from '../market/path-stats.ts';
import { ListingSource } from '../market/trade-source.ts';
import { writeListingRows } from './listing-rows.ts';
import { PartitionBuffers } from './partition-buffers.ts';
import { ReferenceRows } from './reference-rows.ts';
import { WorkerWriter } from './worker-writer.ts';
import { buildSchedule } from './schedule.ts';

export interface GenerateOptions {
  readonly scenario: Scenario;
  readonly lake: string;
  readonly listings: number;
  /** First listing's scheduled open is after this (ms). */
  readonly startMs: number;
  /** Mean time between scheduled opens (exponential gaps, at least 5 minutes; schedule.ts). */
  readonly meanSpacingMs: number;
  readonly tradeMs?: number;
  readonly rawMs?: number;
  readonly bookMs?: number;
  readonly progress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  readonly listings: number;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
}

function truthOf(seed: number, plan: ListingPlan, source: ListingSource): Record<string, unknown> {
  const s = statsFromBars(pathBars(source.path));
  return {
    symbol: plan.symbol, vcoinId: plan.vcoinId, index: plan.index,
    factors: plan.factors.value, latent: plan.factors.latent, signal: plan.factors.signal,
    createdAt: plan.createdAt, scheduledOpen: plan.scheduledOpen, actualOpen: plan.actualOpen,
    apiTradable: plan.apiTradable, marketOrders: plan.marketOrders, deviation: plan.deviation, zone: plan.zone,
    openPrice: plan.openPrice, peakMs: source.path.peakMs,
    pump: s.pump, range: s.range, hourlySd: s.hourlySd, volume24h: s.volume24h, return7d: s.return7d,
    seed,
  };
}

export async function generateLake(o: GenerateOptions): Promise<GenerateResult> {
  const t0 = performance.now();
  mkdirSync(o.lake, { recursive: true });
  const seed = o.scenario.seed;
  const writer = new WorkerWriter();
  const out = new PartitionBuffers(o.lake, writer, `generate_s${seed}`);
  const reference = new ReferenceRows(seed, o.scenario.established, o.startMs - MAX_LEAD_MS - 86_400_000);
  const rowOpts = { seed, tradeMs: o.tradeMs ?? 3_600_000, rawMs: o.rawMs ?? 30_000, bookMs: o.bookMs ?? 2_000 };
  const schedule = buildSchedule(seed, o.listings, o.startMs, o.meanSpacingMs);
  const truth: Record<string, unknown>[] = [];
  let open = o.startMs;
  try {
    for (let i = 0; i < o.listings; i++) {
      open = schedule.opens[i]!;
      const plan = planListing(o.scenario, i, open, schedule.external[i]);
      const source = new ListingSource(seed, plan);
      reference.writeUntil(open, out);
      writeListingRows(plan, source, out, rowOpts);
      truth.push(truthOf(seed, plan, source));
      // nothing later can land before the earliest announcement of a later listing
      out.flushBefore((open - MAX_LEAD_MS - 86_400_000) * 1000);
      await out.drain();
      if (o.progress && (i + 1) % 1000 === 0) o.progress(i + 1, o.listings);
    }
    reference.writeUntil(open + 8 * 86_400_000, out);
    await out.finish();
  } finally {
    await writer.close();
  }
  writeFileSync(join(o.lake, 'ground_truth.json'), JSON.stringify({
    seed,
    weights: normaliseWeights(o.scenario.weights),
    factorStrength: o.scenario.factorStrength,
    listings: truth,
  }));
  return { listings: o.listings, rows: out.rows, files: out.files, bytes: out.bytes, seconds: (performance.now() - t0) / 1000 };
}
