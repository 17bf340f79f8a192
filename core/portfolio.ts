/**
 * Positions and balances as a runner sees them, derived from our own fill and balance events.
 * A position opens at the first buy fill and closes when what is left is below one lot
 * (10^-qtyScale); a closed position becomes a round trip with its PnL, net of fees.
 * Fees are charged in the asset received (base on buys, quote on sells).
 */
import type { BalanceEvent, FillEvent } from './events.ts';
import type { Balance, PortfolioView, Position } from './strategy.ts';

export interface RoundTrip {
  readonly symbol: string;
  readonly openedUs: number;
  readonly closedUs: number;
  /** Base bought (before the base fee). */
  readonly qtyBought: number;
  readonly costQuote: number;
  readonly proceedsQuote: number;
  readonly feesQuote: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly pnl: number;
  readonly returnPct: number;
  readonly exitReason: string;
}

interface MutablePosition {
  symbol: string;
  qty: number;
  qtyBought: number;
  qtySold: number;
  costQuote: number;
  openedUs: number;
  proceedsQuote: number;
  soldQuoteGross: number;
  feesQuote: number;
}

const DAY_MS = 86_400_000;

export class Portfolio implements PortfolioView {
  private readonly balances = new Map<string, { free: number; locked: number }>();
  private readonly positions = new Map<string, MutablePosition>();
  readonly roundTrips: RoundTrip[] = [];
  private lossStreak = 0;
  private lastClose = 0;
  private readonly dailyPnl = new Map<number, number>();

  constructor(
    readonly quoteAsset: string,
    initialQuote: number,
    /** Lot decimals per symbol, and the base asset of a symbol. */
    private readonly lotScale: (symbol: string) => number,
    private readonly baseAsset: (symbol: string) => string,
  ) {
    this.balances.set(quoteAsset, { free: initialQuote, locked: 0 });
  }

  balance(asset: string): Balance {
    return this.balances.get(asset) ?? { free: 0, locked: 0 };
  }
  position(symbol: string): Position | undefined {
    const p = this.positions.get(symbol);
    if (p === undefined) return undefined;
    return {
      symbol, qty: p.qty, costQuote: p.costQuote, avgEntryPrice: p.qtyBought > 0 ? p.costQuote / p.qtyBought : NaN,
      openedUs: p.openedUs, proceedsQuote: p.proceedsQuote, feesQuote: p.feesQuote,
    };
  }
  openPositionCount(): number {
    return this.positions.size;
  }
  openSymbols(): IterableIterator<string> {
    return this.positions.keys();
  }
  exposureQuote(): number {
    let s = 0;
    for (const p of this.positions.values()) s += p.qtyBought > 0 ? (p.costQuote * p.qty) / (p.qtyBought || 1) : 0;
    return s;
  }
  dailyRealizedPnl(nowMs: number): number {
    return this.dailyPnl.get(Math.floor(nowMs / DAY_MS)) ?? 0;
  }
  consecutiveLosses(): number {
    return this.lossStreak;
  }
  lastCloseUs(): number {
    return this.lastClose;
  }

  private adjust(asset: string, delta: number): void {
    const b = this.balances.get(asset) ?? { free: 0, locked: 0 };
    b.free += delta;
    this.balances.set(asset, b);
  }

  /** A venue's balance report replaces our view of that asset. */
  applyBalance(e: BalanceEvent): void {
    this.balances.set(e.asset, { free: e.free, locked: e.locked });
  }

  /** Apply one fill; returns the round trip it closed, if any. `reason` is the order's reason. */
  applyFill(f: FillEvent, reason: string): RoundTrip | undefined {
    const base = this.baseAsset(f.symbol);
    let p = this.positions.get(f.symbol);
    if (f.side === 'buy') {
      const feeBase = f.feeAsset === base ? f.fee : 0;
      const feeQuote = f.feeAsset === base ? f.fee * f.price : f.fee;
      this.adjust(this.quoteAsset, -f.quoteQty - (f.feeAsset === base ? 0 : f.fee));
      this.adjust(base, f.qty - feeBase);
      if (p === undefined) {
        p = { symbol: f.symbol, qty: 0, qtyBought: 0, qtySold: 0, costQuote: 0, openedUs: f.tsRecv, proceedsQuote: 0, soldQuoteGross: 0, feesQuote: 0 };
        this.positions.set(f.symbol, p);
      }
      p.qty += f.qty - feeBase;
      p.qtyBought += f.qty;
      p.costQuote += f.quoteQty + (f.feeAsset === base ? 0 : f.fee);
      p.feesQuote += feeQuote;
      return undefined;
    }
    const feeQuote = f.feeAsset === this.quoteAsset ? f.fee : f.fee * f.price;
    this.adjust(base, -f.qty);
    this.adjust(this.quoteAsset, f.quoteQty - feeQuote);
    if (p === undefined) return undefined; // selling something we did not buy in this run
    p.qty -= f.qty;
    p.qtySold += f.qty;
    p.proceedsQuote += f.quoteQty - feeQuote;
    p.soldQuoteGross += f.quoteQty;
    p.feesQuote += feeQuote;
    const lot = 10 ** -this.lotScale(f.symbol);
    if (p.qty >= lot - 1e-12) return undefined;
    this.positions.delete(f.symbol);
    const pnl = p.proceedsQuote - p.costQuote;
    const trip: RoundTrip = {
      symbol: p.symbol, openedUs: p.openedUs, closedUs: f.tsRecv, qtyBought: p.qtyBought, costQuote: p.costQuote,
      proceedsQuote: p.proceedsQuote, feesQuote: p.feesQuote, entryPrice: p.costQuote / p.qtyBought,
      exitPrice: p.qtySold > 0 ? p.soldQuoteGross / p.qtySold : NaN, pnl, returnPct: p.costQuote > 0 ? pnl / p.costQuote : 0, exitReason: reason,
    };
    this.roundTrips.push(trip);
    this.lossStreak = pnl < 0 ? this.lossStreak + 1 : 0;
    this.lastClose = f.tsRecv;
    const day = Math.floor(f.tsRecv / 1000 / DAY_MS);
    this.dailyPnl.set(day, (this.dailyPnl.get(day) ?? 0) + pnl);
    return trip;
  }

  /** Quote balance plus open positions marked at `price(symbol)` (NaN prices count as cost). */
  equity(price: (symbol: string) => number): number {
    const q = this.balances.get(this.quoteAsset);
    let e = (q?.free ?? 0) + (q?.locked ?? 0);
    for (const p of this.positions.values()) {
      const px = price(p.symbol);
      e += Number.isFinite(px) ? p.qty * px : (p.costQuote * p.qty) / (p.qtyBought || 1);
    }
    return e;
  }
}
