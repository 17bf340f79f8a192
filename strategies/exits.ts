/**
 * Exits shared by every strategy (and by the pipeline's labels through execution/snipe.ts):
 * a take-profit ladder (default +5/+10/+15/+25 %, a quarter of the entry quantity each),
 * a stop loss, a trailing stop and a time stop. Pure functions on numbers; the caller turns an
 * `ExitSignal` into a sell order. Percentages are percent (5 = 5 %).
 */
import { z } from 'zod';

/** A list flag: JSON array, or values separated by '/' or ';' ("5/10/15/25"). */
export const numberList = (fallback: readonly number[]) =>
  z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const t = v.trim();
    if (t.startsWith('[')) return JSON.parse(t) as unknown;
    return t === '' ? [] : t.split(/[/;]/).map((x) => Number(x));
  }, z.array(z.number().finite().min(0))).default([...fallback]);

export const exitParamsSchema = z.object({
  takeProfitPcts: numberList([5, 10, 15, 25]),
  takeProfitFractions: numberList([0.25, 0.25, 0.25, 0.25]),
  stopLossPct: z.coerce.number().min(0).max(100).default(10),
  /** 0 disables the trailing stop. */
  trailingStopPct: z.coerce.number().min(0).max(100).default(0),
  /** The trailing stop arms once the high is this far above entry. */
  trailingActivationPct: z.coerce.number().min(0).default(5),
  /** 0 disables the time stop. */
  timeStopMs: z.coerce.number().min(0).default(3_600_000),
});
export type ExitParams = z.output<typeof exitParamsSchema>;
export const DEFAULT_EXIT_PARAMS: ExitParams = exitParamsSchema.parse({});

export function validateExitParams(p: ExitParams): string | undefined {
  if (p.takeProfitPcts.length !== p.takeProfitFractions.length) return 'takeProfitPcts and takeProfitFractions must have the same length';
  const sum = p.takeProfitFractions.reduce((a, b) => a + b, 0);
  if (sum > 1 + 1e-9) return `takeProfitFractions sum to ${sum}, more than 1`;
  for (let i = 1; i < p.takeProfitPcts.length; i++) {
    if (p.takeProfitPcts[i]! <= p.takeProfitPcts[i - 1]!) return 'takeProfitPcts must increase';
  }
  return undefined;
}

export interface ExitTracker {
  readonly entryPrice: number;
  readonly openedMs: number;
  /** Highest trade price since entry. */
  readonly highWater: number;
  /** Next take-profit level to hit. */
  readonly nextLevel: number;
}

export type ExitReason = 'take_profit' | 'stop_loss' | 'trailing_stop' | 'time_stop' | 'end_of_data';

export interface ExitSignal {
  readonly reason: ExitReason;
  /** Fraction of the entry quantity to sell, or 'rest' for everything still held. */
  readonly fraction: number | 'rest';
  /** For take profits: the level index after this exit (levels below it are done). */
  readonly nextLevel: number;
}

export function newTracker(entryPrice: number, openedMs: number): ExitTracker {
  return { entryPrice, openedMs, highWater: entryPrice, nextLevel: 0 };
}

export function withPrice(t: ExitTracker, price: number): ExitTracker {
  return price > t.highWater ? { ...t, highWater: price } : t;
}

/** The exit to take at `price` and `nowMs`, if any. Stops win over take profits. */
export function exitSignal(t: ExitTracker, price: number, nowMs: number, p: ExitParams): ExitSignal | undefined {
  const { entryPrice } = t;
  if (p.stopLossPct > 0 && price <= entryPrice * (1 - p.stopLossPct / 100)) {
    return { reason: 'stop_loss', fraction: 'rest', nextLevel: t.nextLevel };
  }
  const high = Math.max(t.highWater, price);
  if (p.trailingStopPct > 0 && high >= entryPrice * (1 + p.trailingActivationPct / 100) && price <= high * (1 - p.trailingStopPct / 100)) {
    return { reason: 'trailing_stop', fraction: 'rest', nextLevel: t.nextLevel };
  }
  if (p.timeStopMs > 0 && nowMs >= t.openedMs + p.timeStopMs) {
    return { reason: 'time_stop', fraction: 'rest', nextLevel: t.nextLevel };
  }
  let level = t.nextLevel;
  let fraction = 0;
  while (level < p.takeProfitPcts.length && price >= entryPrice * (1 + p.takeProfitPcts[level]! / 100)) {
    fraction += p.takeProfitFractions[level]!;
    level++;
  }
  if (level > t.nextLevel) {
    const last = level === p.takeProfitPcts.length && p.takeProfitFractions.reduce((a, b) => a + b, 0) >= 1 - 1e-9;
    return { reason: 'take_profit', fraction: last ? 'rest' : fraction, nextLevel: level };
  }
  return undefined;
}
