/**
 * One symbol's live market: public trades from its trade source, a market maker that keeps a
 * ladder of levels around the last price, candles, the rolling 24 h ticker and the recent-trade
 * buffer. `advance` moves it one tick; what happened is returned for the frame producer.
 * User orders (sim/matching) add their own quantity to levels through `setUserLots` and take
 * the maker's quantity through `takeMakerLots`.
 */
import { Book, type BookSide, type LevelChange } from './book.ts';
import { barTrades, type Trades } from './bar-trades.ts';
import { CandleSet, Rolling24h } from './candles.ts';
import { rngFor, type Rng } from './rng.ts';
import type { TradeSource } from './trade-source.ts';
import type { ListingPlan } from './listing-plan.ts';

/**
 * For this long after a listing opens, competing snipers' market buys take the maker's asks and
 * the maker refills at most every SNIPER_REFILL_MS, so an order arriving at the open meets a
 * depleted book.
 */
export const SNIPER_WINDOW_MS = 3_000;
export const SNIPER_REFILL_MS = 500;

export interface PublicTrade {
  readonly timeMs: number;
  readonly ticks: number;
  readonly lots: number;
  /** 1 buyer-initiated, 2 seller-initiated. */
  readonly side: 1 | 2;
  readonly id: string;
}

export interface TickOutput {
  readonly trades: readonly PublicTrade[];
  readonly changes: readonly LevelChange[];
}

export interface MakerStyle {
  readonly levels: number;
  readonly halfSpreadFrac: number;
  readonly stepFrac: number;
  /** Mean quote value per level. */
  readonly levelQuote: number;
}

export class SymbolMarket {
  readonly book: Book;
  readonly candles = new CandleSet();
  readonly rolling = new Rolling24h();
  readonly recent: PublicTrade[] = [];
  readonly pMul: number;
  readonly qMul: number;
  lastTicks: number | undefined;
  private readonly maker = { bid: new Map<number, number>(), ask: new Map<number, number>() };
  private readonly user = { bid: new Map<number, number>(), ask: new Map<number, number>() };
  private readonly rng: Rng;
  private barIdx = -1;
  private bar: Trades | undefined;
  private cursor = 0;
  private tradeSeq = 0;
  private centeredOn: number | undefined;
  private lastRefillMs = -Infinity;
  private pendingTrades: PublicTrade[] = [];
  tradeListeners: ((t: PublicTrade) => void)[] = [];

  constructor(
    readonly seed: number,
    readonly symbol: string,
    readonly source: TradeSource,
    readonly style: MakerStyle,
    readonly plan?: ListingPlan,
  ) {
    this.pMul = 10 ** source.scales.priceScale;
    this.qMul = 10 ** source.scales.quantityScale;
    this.rng = rngFor(seed, 'maker', symbol);
    // versions start somewhere realistic and symbol-specific, as MEXC's do
    this.book = new Book(1_000_000_000 + (rngFor(seed, 'version', symbol).nextU32() % 1_000_000) * 1000);
  }

  get priceScale(): number {
    return this.source.scales.priceScale;
  }
  get quantityScale(): number {
    return this.source.scales.quantityScale;
  }

  isOpen(nowMs: number): boolean {
    return nowMs >= this.source.startMs && this.lastTicks !== undefined;
  }

  /** Process the tick [t0, t1). */
  advance(t0: number, t1: number): TickOutput {
    if (t1 <= this.source.startMs) return { trades: [], changes: [] };
    for (;;) {
      if (this.bar === undefined || this.cursor >= this.bar.length) {
        const next = this.barIdx < 0 ? this.source.barIndexAt(Math.max(t0, this.source.startMs)) : this.barIdx + 1;
        if (next < 0) break;
        const spec = this.source.bar(next);
        if (spec.startMs >= t1) break;
        this.barIdx = next;
        this.bar = barTrades(this.seed, this.source.stream, next, spec, this.source.scales);
        this.cursor = 0;
        while (this.cursor < this.bar.length && this.bar.timeMs[this.cursor]! < t0) this.cursor++;
        continue;
      }
      const time = this.bar.timeMs[this.cursor]!;
      if (time >= t1) break;
      const side = this.bar.side[this.cursor] as 1 | 2;
      const lots = this.bar.lots[this.cursor]!;
      this.recordTrade(time, this.bar.ticks[this.cursor]!, lots, side);
      if (side === 1 && this.sniping(time)) this.sweepAsks(lots);
      this.cursor++;
    }
    if (this.lastTicks !== undefined) this.makeMarket(t1);
    const trades = this.pendingTrades;
    this.pendingTrades = [];
    return { trades, changes: this.book.drain() };
  }

  /** Record a trade (public flow or a user's fill) in every derived structure. */
  recordTrade(timeMs: number, ticks: number, lots: number, side: 1 | 2): PublicTrade {
    this.tradeSeq++;
    const trade: PublicTrade = { timeMs, ticks, lots, side, id: `${this.symbol}-${this.tradeSeq}` };
    const price = ticks / this.pMul;
    const qty = lots / this.qMul;
    this.candles.addTrade(timeMs, price, qty);
    this.rolling.addTrade(timeMs, price, qty);
    this.recent.push(trade);
    if (this.recent.length > 1000) this.recent.splice(0, this.recent.length - 1000);
    this.lastTicks = ticks;
    this.pendingTrades.push(trade);
    for (const l of this.tradeListeners) l(trade);
    return trade;
  }

  private sniping(timeMs: number): boolean {
    return this.plan !== undefined && timeMs < this.source.startMs + SNIPER_WINDOW_MS;
  }

  /** A competing sniper's buy takes the maker's best asks. */
  private sweepAsks(lots: number): void {
    let left = lots;
    for (const [t, l] of this.makerLadder('ask')) {
      if (left <= 0) break;
      left -= this.takeMakerLots('ask', t, Math.min(l, left));
    }
  }

  private makeMarket(nowMs: number): void {
    const p = this.lastTicks!;
    const throttled = this.sniping(nowMs) && this.maker.ask.size + this.maker.bid.size > 0 && nowMs - this.lastRefillMs < SNIPER_REFILL_MS;
    if (this.centeredOn !== p && !throttled) {
      this.recenter(p);
      this.centeredOn = p;
      this.lastRefillMs = nowMs;
    }
    if (this.rng.chance(0.5)) {
      const side: BookSide = this.rng.chance(0.5) ? 'bid' : 'ask';
      const ladder = [...this.maker[side].keys()].sort(side === 'bid' ? (a, b) => b - a : (a, b) => a - b);
      const k = Math.min(ladder.length - 1, Math.floor(this.rng.exponential(3)));
      const ticks = ladder[k];
      if (ticks !== undefined) {
        const lots = Math.max(1, Math.round(this.maker[side].get(ticks)! * this.rng.uniform(0.6, 1.6)));
        this.setMaker(side, ticks, lots);
      }
    }
  }

  private recenter(p: number): void {
    const s = this.style;
    const half = Math.max(1, Math.round(p * s.halfSpreadFrac));
    const step = Math.max(1, Math.round(p * s.stepFrac));
    for (const side of ['bid', 'ask'] as const) {
      const want = new Set<number>();
      for (let k = 0; k < s.levels; k++) {
        const t = side === 'bid' ? p - half - k * step : p + half + k * step;
        if (t > 0) want.add(t);
      }
      for (const t of [...this.maker[side].keys()]) if (!want.has(t)) this.setMaker(side, t, 0);
      for (const t of want) {
        if (this.maker[side].has(t)) continue;
        const quote = s.levelQuote * this.rng.uniform(0.3, 1.7);
        this.setMaker(side, t, Math.max(1, Math.round((quote / (t / this.pMul)) * this.qMul)));
      }
    }
  }

  private setMaker(side: BookSide, ticks: number, lots: number): void {
    if (lots <= 0) this.maker[side].delete(ticks);
    else this.maker[side].set(ticks, lots);
    this.book.set(side, ticks, (this.maker[side].get(ticks) ?? 0) + (this.user[side].get(ticks) ?? 0));
  }

  /** A user's resting quantity at a level (absolute). */
  setUserLots(side: BookSide, ticks: number, lots: number): void {
    if (lots <= 0) this.user[side].delete(ticks);
    else this.user[side].set(ticks, lots);
    this.book.set(side, ticks, (this.maker[side].get(ticks) ?? 0) + (this.user[side].get(ticks) ?? 0));
  }

  /** The maker's quantity a taker can hit on `side`, best first, as [ticks, lots]. */
  makerLadder(side: BookSide): [number, number][] {
    return [...this.maker[side].entries()].sort(side === 'bid' ? (a, b) => b[0] - a[0] : (a, b) => a[0] - b[0]);
  }

  /** Take up to `lots` of the maker's quantity at a level; returns what was taken. */
  takeMakerLots(side: BookSide, ticks: number, lots: number): number {
    const have = this.maker[side].get(ticks) ?? 0;
    const take = Math.min(have, lots);
    this.setMaker(side, ticks, have - take);
    this.centeredOn = undefined; // replenish on the next tick
    return take;
  }
}
