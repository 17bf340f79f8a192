/**
 * Where a symbol's public trades come from: bars (absolute times) and the trades inside them.
 * A listing's bars are its price path from the actual open; an established pair's are 1-minute
 * bars of a walk whose drift follows the market regime.
 */
import type { ListingPlan } from './listing-plan.ts';
import { buildPricePath, type PricePath } from './price-path.ts';
import type { BarSpec, TradeScales } from './bar-trades.ts';
import { marketRegime } from './factors.ts';
import { rngFor, type Rng } from './rng.ts';
import type { EstablishedSpec } from '../config/scenario.ts';

export interface TradeSource {
  readonly stream: string;
  readonly scales: TradeScales;
  /** First time with trades, ms. */
  readonly startMs: number;
  /** Index of the bar holding `timeMs`, or −1 when none does. */
  barIndexAt(timeMs: number): number;
  bar(index: number): BarSpec;
}

export class ListingSource implements TradeSource {
  readonly stream: string;
  readonly scales: TradeScales;
  readonly startMs: number;
  readonly path: PricePath;

  constructor(seed: number, readonly plan: ListingPlan) {
    this.stream = `listing-${plan.index}`;
    this.path = buildPricePath(seed, plan);
    this.startMs = plan.actualOpen;
    this.scales = {
      priceScale: plan.priceScale,
      quantityScale: plan.quantityScale,
      meanTradeQuote: Math.max(20, plan.outcome.volume24h / 1_000),
    };
  }

  barIndexAt(timeMs: number): number {
    const rel = timeMs - this.startMs;
    if (rel < 0) return -1;
    const p = this.path;
    let lo = 0;
    let hi = p.length - 1;
    if (rel >= p.startMs[hi]! + p.durMs[hi]!) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p.startMs[mid]! <= rel) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  bar(i: number): BarSpec {
    const p = this.path;
    return {
      startMs: this.startMs + p.startMs[i]!, durMs: p.durMs[i]!, open: p.open[i]!, high: p.high[i]!, low: p.low[i]!,
      close: p.close[i]!, quote: p.quote[i]!, buyShare: p.buyShare[i]!,
    };
  }
}

export class EstablishedSource implements TradeSource {
  readonly stream: string;
  readonly scales: TradeScales;
  readonly startMs: number;
  /** Generated bars from index `offset` on; older ones are dropped (ticks only move forward). */
  private bars: BarSpec[] = [];
  private offset = 0;
  private lastBar: BarSpec | undefined;
  private readonly rng: Rng;

  constructor(private readonly seed: number, readonly spec: EstablishedSpec, startTime: number) {
    this.stream = `established-${spec.symbol}`;
    this.startMs = Math.floor(startTime / 60_000) * 60_000;
    this.scales = { priceScale: spec.priceScale, quantityScale: spec.quantityScale, meanTradeQuote: spec.meanTradeQuote };
    this.rng = rngFor(seed, 'established', spec.symbol, this.startMs);
  }

  barIndexAt(timeMs: number): number {
    if (timeMs < this.startMs) return -1;
    return Math.floor((timeMs - this.startMs) / 60_000);
  }

  bar(i: number): BarSpec {
    if (i < this.offset) throw new RangeError(`${this.spec.symbol}: bar ${i} was already dropped`);
    while (this.offset + this.bars.length <= i) {
      const b = this.nextBar(this.offset + this.bars.length);
      this.bars.push(b);
      this.lastBar = b;
    }
    if (this.bars.length > 4096) {
      const drop = this.bars.length - 2048;
      this.bars = this.bars.slice(drop);
      this.offset += drop;
    }
    return this.bars[i - this.offset]!;
  }

  private nextBar(i: number): BarSpec {
    const prev = this.lastBar;
    const open = prev === undefined ? this.spec.price : prev.close;
    const start = this.startMs + i * 60_000;
    const sigma = this.spec.dailyVol / Math.sqrt(1440);
    // the regime sets the trend: over a day the drift is 1.5 regime-SDs of the daily volatility
    const drift = (marketRegime(this.seed, start) * this.spec.dailyVol * 1.5) / 1440;
    const r = drift + sigma * this.rng.normal();
    const close = open * Math.exp(r);
    const high = Math.max(open, close) * Math.exp(0.5 * sigma * Math.abs(this.rng.normal()));
    const low = Math.min(open, close) * Math.exp(-0.5 * sigma * Math.abs(this.rng.normal()));
    const quote = this.spec.tradesPerSec * 60 * this.spec.meanTradeQuote * this.rng.uniform(0.5, 1.5);
    const buyShare = Math.min(0.9, Math.max(0.1, 0.5 + 0.4 * Math.tanh(r / sigma)));
    return { startMs: start, durMs: 60_000, open, high, low, close, quote, buyShare };
  }
}
