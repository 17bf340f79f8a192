/**
 * Per-listing (per-symbol) outcomes of a run, from its decision log and round trips: what the
 * strategy decided (watch → arm/skip → entered/missed ...), the confidence score it logged, the
 * orders and rejections, and the PnL of the symbol's round trips.
 */
import type { RoundTrip } from '../core/portfolio.ts';
import type { DecisionRecord } from '../core/runner.ts';

export interface ListingOutcome {
  readonly symbol: string;
  readonly scheduledOpen: number | null;
  /** The last strategy decision about the symbol (skip, arm, entered, missed, signal, ...). */
  readonly outcome: string;
  readonly decisions: readonly string[];
  readonly score: number | null;
  readonly orders: number;
  readonly rejects: number;
  readonly trades: number;
  readonly pnl: number;
  readonly exitReasons: readonly string[];
}

export function listingOutcomes(records: readonly DecisionRecord[], trips: readonly RoundTrip[]): ListingOutcome[] {
  const by = new Map<string, { open: number | null; names: string[]; score: number | null; orders: number; rejects: number }>();
  const get = (s: string) => {
    let v = by.get(s);
    if (v === undefined) {
      v = { open: null, names: [], score: null, orders: 0, rejects: 0 };
      by.set(s, v);
    }
    return v;
  };
  for (const r of records) {
    const v = get(r.symbol);
    if (r.kind === 'decision') {
      v.names.push(r.decision);
      if (r.data !== '') {
        const d = JSON.parse(r.data) as Record<string, unknown>;
        if (typeof d.openTime === 'number') v.open = d.openTime;
        if (typeof d.score === 'number') v.score = d.score;
      }
    } else if (r.kind === 'place_order') v.orders++;
    else if ((r.kind === 'order_update' && r.decision === 'REJECTED') || r.kind === 'refused') v.rejects++;
  }
  for (const t of trips) get(t.symbol);
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([symbol, v]) => {
    const mine = trips.filter((t) => t.symbol === symbol);
    return {
      symbol, scheduledOpen: v.open, outcome: v.names[v.names.length - 1] ?? (mine.length > 0 ? 'traded' : 'none'), decisions: v.names,
      score: v.score, orders: v.orders, rejects: v.rejects, trades: mine.length, pnl: mine.reduce((s, t) => s + t.pnl, 0),
      exitReasons: mine.map((t) => t.exitReason),
    };
  });
}
