/**
 * Runs the SQL steps and the labeler over a lake inside one DuckDB connection:
 * 01 listing facts → 02 label windows → labels (TS, through the fill model) → 03 features →
 * 04 status patterns. Every step replaces its tables, so running twice gives the same tables.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { attachLake } from './lake-views.ts';
import { labelListings } from './labels/labeler.ts';
import { snipeLabeler } from './labels/snipe-labeler.ts';
import { labelHorizonMs, labelParamsSchema, type Labeler, type LabelParams } from './labels/types.ts';
import { runStep, setVariables, step } from './steps.ts';

export const featureParamsSchema = z.object({
  decisionLeadMs: z.number().int().min(0).default(5000),
  /** Established pairs whose trend is the market factor (Min1 klines). */
  marketSymbols: z.array(z.string().regex(/^[A-Z0-9]+$/)).min(1).default(['BTCUSDT', 'ETHUSDT']),
  marketLookbackMs: z.number().int().positive().default(86_400_000),
  /** Pseudo-count pulling a group's success rate toward the base rate. */
  historyPrior: z.number().positive().default(10),
  /** Advance notice (open − announcement) quantiles, p10 / p50 / p90 (architecture §7 real figures). */
  noticeP10Ms: z.number().positive().default(13 * 60_000),
  noticeP50Ms: z.number().positive().default(54 * 60_000),
  noticeP90Ms: z.number().positive().default(31 * 3_600_000),
  recentWindowMs: z.number().int().positive().default(7 * 86_400_000),
  competitorWindowMs: z.number().int().positive().default(3_600_000),
  /** Gaps to the neighbouring scheduled opens count up to this (external factor); ≥ the competitor window. */
  isolationCapMs: z.number().int().positive().default(4 * 3_600_000),
  /** Earlier listings needed before a factor is scaled (until then it is 0.5). */
  minHistory: z.number().int().min(2).default(20),
});
export type FeatureParams = z.output<typeof featureParamsSchema>;

export interface PipelineOptions {
  readonly lakeDir: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly features?: Partial<FeatureParams>;
  readonly labels?: Partial<LabelParams>;
  /** Default: the backtest fill model (execution/snipe.ts). */
  readonly labeler?: Labeler;
  readonly labelBatchSize?: number;
  readonly onStep?: (name: string, ms: number) => void;
}

export interface PipelineRun {
  readonly listings: number;
  readonly labelled: number;
  readonly featured: number;
  readonly stepMs: Readonly<Record<string, number>>;
  readonly features: FeatureParams;
  readonly labels: LabelParams;
}

async function count(conn: DuckDBConnection, table: string): Promise<number> {
  const r = (await conn.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjectsJS();
  return Number(r[0]!.n);
}

export async function runPipeline(conn: DuckDBConnection, options: PipelineOptions): Promise<PipelineRun> {
  const features = featureParamsSchema.parse(options.features ?? {});
  const labels = labelParamsSchema.parse(options.labels ?? {});
  await attachLake(conn, options.lakeDir);
  await setVariables(conn, {
    decision_lead_ms: features.decisionLeadMs,
    from_ms: options.fromMs ?? 0,
    to_ms: options.toMs ?? Number.MAX_SAFE_INTEGER,
    horizon_ms: labelHorizonMs(labels),
    window_start_ms: labels.snipe.windowStartMs,
    label_batch_size: options.labelBatchSize ?? 2000,
    label_batch: 0,
    label_lo_us: 0,
    label_hi_us: 0,
    label_lo_date: '',
    label_hi_date: '',
    market_symbols: features.marketSymbols.join(','),
    market_lookback_ms: features.marketLookbackMs,
    history_prior: features.historyPrior + 0.0,
    notice_p10_ms: features.noticeP10Ms,
    notice_p50_ms: features.noticeP50Ms,
    notice_p90_ms: features.noticeP90Ms,
    recent_window_ms: features.recentWindowMs,
    competitor_window_ms: features.competitorWindowMs,
    isolation_cap_ms: Math.max(features.isolationCapMs, features.competitorWindowMs),
    min_history: features.minHistory,
  });
  const stepMs: Record<string, number> = {};
  const timed = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    stepMs[name] = performance.now() - t0;
    options.onStep?.(name, stepMs[name]!);
  };
  await runStep(conn, step('macros'));
  await timed('listing_facts', () => runStep(conn, step('listing_facts')));
  await timed('label_windows', () => runStep(conn, step('label_windows')));
  await timed('labels', () => labelListings(conn, labels, options.labeler ?? snipeLabeler));
  await timed('features', () => runStep(conn, step('features')));
  await timed('status_patterns', () => runStep(conn, step('status_patterns')));
  return {
    listings: await count(conn, 'listing_facts'),
    labelled: await count(conn, 'labels'),
    featured: await count(conn, 'features'),
    stepMs, features, labels,
  };
}
