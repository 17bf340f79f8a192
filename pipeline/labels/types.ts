/**
 * Labels: what a snipe of each listing would really have made. A `Labeler` turns one listing's
 * recorded events (trades and book, from before the open to past the time stop) into a label;
 * the default runs the backtest's fill model (execution/snipe.ts). Swapping the fill model is
 * one change: pass another Labeler to runPipeline.
 */
import { z } from 'zod';
import type { SniperEvent } from '../../core/events.ts';
import { snipeParamsSchema } from '../../execution/snipe.ts';

export interface ListingEvents {
  readonly symbol: string;
  /** The scheduled open known at decision time, ms: when the snipe aims. */
  readonly openMs: number;
  readonly decisionMs: number;
  readonly apiTradable: boolean;
  /** Trades, book snapshots, deltas and tickers of the symbol, ordered by (tsRecv, seq). */
  readonly events: readonly SniperEvent[];
}

export type LabelStatus = 'filled' | 'missed' | 'not_tradable';

export interface SnipeLabel {
  readonly symbol: string;
  readonly status: LabelStatus;
  readonly attempts: number;
  readonly entryMs: number | null;
  readonly entryPrice: number | null;
  /** When the snipe was over (last exit, or the end of the entry window when missed), ms. */
  readonly exitMs: number;
  readonly exitPrice: number | null;
  readonly exitReason: string | null;
  readonly feesQuote: number;
  readonly pnlQuote: number;
  /** pnl / quote spent; 0 when nothing was bought. */
  readonly netReturn: number;
  /** 1 when the snipe made more than minSuccessReturn net of fees. */
  readonly success: 0 | 1;
}

export const labelParamsSchema = z.object({
  snipe: snipeParamsSchema.default(snipeParamsSchema.parse({})),
  /** A snipe counts as a success when its net return is above this (fraction). */
  minSuccessReturn: z.number().default(0),
  /** Events are read up to open + entry window + time stop + this margin. */
  tailMs: z.number().int().min(0).default(60_000),
  /** A book older than this at a trade is replaced by the trade's price (0 = never). */
  staleBookMs: z.number().int().min(0).default(5000),
  /** Used when the exits have no time stop. */
  maxHoldMs: z.number().int().positive().default(3_600_000),
});
export type LabelParams = z.output<typeof labelParamsSchema>;

export type Labeler = (listing: ListingEvents, params: LabelParams) => SnipeLabel;

/** How far after the open a label may look, ms. */
export function labelHorizonMs(p: LabelParams): number {
  const hold = p.snipe.exits.timeStopMs > 0 ? p.snipe.exits.timeStopMs : p.maxHoldMs;
  return p.snipe.windowEndMs + p.snipe.latencyMs + hold + p.tailMs;
}
