/**
 * Taking liquidity from a recorded book: a marketable order walks the opposite side level by
 * level, inside its limit price, in whole lots (10^-qtyScale), and takes at most what is visible.
 *
 * Our own effect on the book: what we take stays taken. `ConsumedLiquidity` remembers, per
 * symbol, side and price, how much we consumed; the visible quantity of a level is the recorded
 * quantity minus that. An entry is forgotten when its level disappears from the recorded book
 * (the recording shows the level emptied, so there is nothing left to double-count).
 */
import type { BookSide, BookView } from '../core/order-book.ts';

export interface WalkFill {
  readonly price: number;
  readonly qty: number;
}

export interface WalkRequest {
  readonly side: 'buy' | 'sell';
  /** Base quantity wanted (LIMIT/IOC/FOK/MARKET by quantity). */
  readonly qty?: number;
  /** Quote amount to spend (MARKET buy by quoteOrderQty). */
  readonly quoteQty?: number;
  /** Worst acceptable price (absent for MARKET). */
  readonly limitPrice?: number;
  readonly qtyScale: number;
}

export interface WalkResult {
  readonly fills: readonly WalkFill[];
  readonly filledQty: number;
  /** Sum of price × qty (doubles; exact amounts come from execution/fees.ts per fill). */
  readonly filledQuote: number;
  /** True when the order got all it asked for (or its quote ran below one more lot). */
  readonly complete: boolean;
}

export class ConsumedLiquidity {
  private readonly bySymbol = new Map<string, { bid: Map<number, number>; ask: Map<number, number> }>();

  private sides(symbol: string): { bid: Map<number, number>; ask: Map<number, number> } {
    let s = this.bySymbol.get(symbol);
    if (s === undefined) {
      s = { bid: new Map(), ask: new Map() };
      this.bySymbol.set(symbol, s);
    }
    return s;
  }

  consumed(symbol: string, side: BookSide, price: number): number {
    return this.bySymbol.get(symbol)?.[side].get(price) ?? 0;
  }

  take(symbol: string, side: BookSide, price: number, qty: number): void {
    const m = this.sides(symbol)[side];
    m.set(price, (m.get(price) ?? 0) + qty);
  }

  /** Forget entries whose price level is no longer in the book. */
  prune(book: BookView, side: BookSide): void {
    const m = this.bySymbol.get(book.symbol)?.[side];
    if (m === undefined || m.size === 0) return;
    const present = new Set<number>();
    for (let i = 0, n = book.levels(side); i < n; i++) present.add(book.price(side, i));
    for (const p of m.keys()) if (!present.has(p)) m.delete(p);
  }
}

/** Walk the opposite side of `book` for `req`; records what was taken in `consumed`. */
export function walkBook(book: BookView, consumed: ConsumedLiquidity | undefined, req: WalkRequest): WalkResult {
  const side: BookSide = req.side === 'buy' ? 'ask' : 'bid';
  consumed?.prune(book, side);
  const lot = 10 ** req.qtyScale;
  let wantLots = req.qty === undefined ? Infinity : Math.floor(req.qty * lot + 1e-9);
  let quoteLeft = req.quoteQty ?? Infinity;
  const fills: WalkFill[] = [];
  let filledLots = 0;
  let filledQuote = 0;
  const limit = req.limitPrice;
  let complete = false;
  for (let i = 0, n = book.levels(side); i < n; i++) {
    if (wantLots <= 0 || quoteLeft <= 0) {
      complete = true;
      break;
    }
    const price = book.price(side, i);
    if (limit !== undefined && (req.side === 'buy' ? price > limit : price < limit)) break;
    const visible = book.qty(side, i) - (consumed?.consumed(book.symbol, side, price) ?? 0);
    const visibleLots = Math.floor(visible * lot + 1e-9);
    if (visibleLots <= 0) continue;
    const affordLots = quoteLeft === Infinity ? Infinity : Math.floor((quoteLeft / price) * lot + 1e-9);
    if (affordLots <= 0) {
      complete = true;
      break;
    }
    const takeLots = Math.min(visibleLots, wantLots, affordLots);
    const qty = takeLots / lot;
    fills.push({ price, qty });
    consumed?.take(book.symbol, side, price, qty);
    filledLots += takeLots;
    filledQuote += price * qty;
    wantLots -= takeLots;
    if (quoteLeft !== Infinity) quoteLeft -= price * qty;
  }
  if (wantLots <= 0 || quoteLeft <= 0) complete = true;
  return { fills, filledQty: filledLots / lot, filledQuote, complete };
}
