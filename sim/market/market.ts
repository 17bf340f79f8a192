/**
 * The whole simulated market: established pairs and scheduled listings on one market clock
 * that moves in fixed ticks (10 ms). Everything it produces is a function of the scenario and
 * the tick index, so two runs with one seed and one start time produce identical frames.
 */
import type { Scenario } from '../config/scenario.ts';
import { planListing, type ListingPlan } from './listing-plan.ts';
import { SymbolMarket, type MakerStyle, type TickOutput } from './symbol-market.ts';
import { EstablishedSource, ListingSource } from './trade-source.ts';

export const TICK_MS = 10;

export interface SymbolTick extends TickOutput {
  readonly market: SymbolMarket;
}

export class Market {
  readonly startTime: number;
  readonly symbols = new Map<string, SymbolMarket>();
  readonly established: SymbolMarket[] = [];
  readonly listings: ListingPlan[] = [];
  /** Established pairs that do not trade: suspended or delisted. */
  readonly halted = new Map<string, 'suspended' | 'delisted'>();
  /** Start of the next tick. */
  nowMs: number;
  tickIndex = 0;

  constructor(readonly scenario: Scenario, startTime: number) {
    this.startTime = Math.floor(startTime / TICK_MS) * TICK_MS;
    this.nowMs = this.startTime;
    const seed = scenario.seed;
    for (const spec of scenario.established) {
      const m = new SymbolMarket(seed, spec.symbol, new EstablishedSource(seed, spec, this.startTime), {
        levels: 30, halfSpreadFrac: 0, stepFrac: 0.00001, levelQuote: spec.meanTradeQuote * 2,
      });
      this.add(m);
      this.established.push(m);
      if (spec.state !== 'online') this.halted.set(spec.symbol, spec.state);
    }
    const l = scenario.listings;
    for (let i = 0; i < l.count; i++) {
      const open = this.startTime + Math.round((l.firstOpenInSec + i * l.intervalSec) * 1000);
      const plan = planListing(scenario, i, open);
      this.listings.push(plan);
      this.add(new SymbolMarket(seed, plan.symbol, new ListingSource(seed, plan), listingMakerStyle(plan), plan));
    }
  }

  private add(m: SymbolMarket): void {
    if (this.symbols.has(m.symbol)) throw new RangeError(`duplicate symbol ${m.symbol}`);
    this.symbols.set(m.symbol, m);
  }

  /** Advance one tick; returns what happened per symbol (only symbols with activity). */
  step(): SymbolTick[] {
    const t0 = this.nowMs;
    const t1 = t0 + TICK_MS;
    const out: SymbolTick[] = [];
    for (const m of this.symbols.values()) {
      if (this.halted.has(m.symbol)) continue;
      const r = m.advance(t0, t1);
      if (r.trades.length > 0 || r.changes.length > 0) out.push({ market: m, trades: r.trades, changes: r.changes });
    }
    this.nowMs = t1;
    this.tickIndex++;
    return out;
  }
}

/** How the market maker quotes a new listing. */
export function listingMakerStyle(plan: ListingPlan): MakerStyle {
  return { levels: 20, halfSpreadFrac: 0.0008, stepFrac: 0.0006, levelQuote: Math.min(50_000, Math.max(50, plan.outcome.volume24h / 4000)) };
}
