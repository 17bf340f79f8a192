/**
 * Reading the JSON beside the Parquet: the model artifact (validated with the strategies' own
 * schema) and backtest run summaries (the fields the pages show; the rest passes through).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { modelArtifactSchema, PRIOR_THRESHOLD, PRIOR_WEIGHTS } from '../../core/confidence.ts';
import { REPO_ROOT } from './sources.ts';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new Error(`cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}

/** Tables that come as Parquet (model/[table].parquet); left out of the JSON. */
const TABULAR_METRICS = new Set(['reliability', 'evByBucket', 'weightIntervals', 'walkForward']);

export function readModel(file: string) {
  const parsed = modelArtifactSchema.safeParse(readJson(file));
  if (!parsed.success) throw new Error(`${file} is not a model artifact: ${z.prettifyError(parsed.error)}`);
  const m = parsed.data;
  const metrics = Object.fromEntries(Object.entries(m.metrics).filter(([k]) => !TABULAR_METRICS.has(k)));
  return { path: file, version: m.version, weights: m.weights, prior: { weights: PRIOR_WEIGHTS, threshold: PRIOR_THRESHOLD },
    calibration: m.calibration, threshold: m.threshold, metrics, data: m.data };
}

export const runSummarySchema = z.looseObject({
  strategy: z.string(),
  lake: z.string(),
  model: z.string().nullable().optional(),
  seed: z.number().optional(),
  initialQuote: z.number(),
  trades: z.number(),
  wins: z.number(),
  winRate: z.number(),
  pnl: z.number(),
  returnPct: z.number(),
  maxDrawdownPct: z.number(),
  sharpe: z.number().nullable(),
  evPerTrade: z.number().nullable(),
  feesQuote: z.number(),
  finalEquity: z.number(),
  decisions: z.number(),
  decisionsHash: z.string(),
  listings: z.array(z.looseObject({
    symbol: z.string(),
    scheduledOpen: z.number().nullable(),
    outcome: z.string(),
    score: z.number().nullable(),
    pnl: z.number(),
    exitReasons: z.array(z.string()),
  })),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export function readRun(dir: string): RunSummary & { path: string } {
  const file = join(dir, 'summary.json');
  const parsed = runSummarySchema.safeParse(readJson(file));
  if (!parsed.success) throw new Error(`${file} is not a run summary: ${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, path: dir };
}

/** Every backtest run folder under data/runs and data/demo/runs, plus `extra`, with its headline numbers. */
export function listRuns(extra: string | null) {
  const roots = [join(REPO_ROOT, 'data', 'runs'), join(REPO_ROOT, 'data', 'demo', 'runs')];
  const dirs = new Set<string>(extra === null ? [] : [extra]);
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) if (existsSync(join(root, name, 'summary.json'))) dirs.add(join(root, name));
  }
  return [...dirs].flatMap((dir) => {
    let r: RunSummary;
    try {
      r = readRun(dir);
    } catch (error) {
      // another kind of run folder (a paper run) or a broken one: listed runs are backtests only
      process.stderr.write(`[runs.json] skipped ${dir}: ${(error as Error).message.split('\n')[0]}\n`);
      return [];
    }
    return [{ path: dir, strategy: r.strategy, lake: r.lake, trades: r.trades, winRate: r.winRate, returnPct: r.returnPct,
      maxDrawdownPct: r.maxDrawdownPct, sharpe: r.sharpe, decisionsHash: r.decisionsHash }];
  });
}
