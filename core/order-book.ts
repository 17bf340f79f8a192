/**
 * A price-level order book per symbol, kept as sorted parallel arrays (bids descending, asks
 * ascending). Quantities are absolute: a level update replaces the level, 0 removes it.
 * Depth events may carry their levels as flat column slices (`FlatLevels`), so a replay can
 * apply them without building a tuple per level.
 */
import type { BookDeltaEvent, BookSnapshotEvent, BookTickerEvent, Level } from './events.ts';

export type BookSide = 'bid' | 'ask';

/**
 * Levels as slices of column vectors: bid level k is
 * [bidPrices[bidStart + k], bidQtys[bidQtyStart + k]] for k < bidCount; asks likewise.
 * The arrays may be one buffer holding all four lists.
 */
export interface FlatLevels {
  readonly bidPrices: Float64Array;
  readonly bidQtys: Float64Array;
  readonly bidStart: number;
  readonly bidQtyStart: number;
  readonly bidCount: number;
  readonly askPrices: Float64Array;
  readonly askQtys: Float64Array;
  readonly askStart: number;
  readonly askQtyStart: number;
  readonly askCount: number;
}

/** What strategies and the venue may read. Prices are NaN when the side is empty. */
export interface BookView {
  readonly symbol: string;
  bestBid(): number;
  bestAsk(): number;
  /** Number of levels on a side. */
  levels(side: BookSide): number;
  price(side: BookSide, index: number): number;
  qty(side: BookSide, index: number): number;
  /** Last update time, µs (tsRecv of the event that changed it). */
  readonly updatedUs: number;
}

class SideLevels {
  readonly px: number[] = [];
  readonly qty: number[] = [];
  constructor(private readonly descending: boolean) {}

  clear(): void {
    this.px.length = 0;
    this.qty.length = 0;
  }

  /** Index of `price`, or -(insertion point) - 1. */
  private find(price: number): number {
    const px = this.px;
    let lo = 0;
    let hi = px.length - 1;
    const desc = this.descending;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = px[mid]!;
      if (p === price) return mid;
      if (desc ? p > price : p < price) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  set(price: number, qty: number): void {
    if (!(price > 0) || !(qty >= 0)) throw new RangeError(`bad book level [${price}, ${qty}]`);
    const i = this.find(price);
    if (i >= 0) {
      if (qty === 0) {
        this.px.splice(i, 1);
        this.qty.splice(i, 1);
      } else {
        this.qty[i] = qty;
      }
    } else if (qty > 0) {
      const at = -i - 1;
      if (at === this.px.length) {
        this.px.push(price);
        this.qty.push(qty);
      } else {
        this.px.splice(at, 0, price);
        this.qty.splice(at, 0, qty);
      }
    }
  }
}

export class OrderBook implements BookView {
  private readonly bids = new SideLevels(true);
  private readonly asks = new SideLevels(false);
  updatedUs = 0;
  version = 0;
  /** True once a depth snapshot or delta has been applied (book tickers then stop overriding it). */
  hasDepth = false;

  constructor(readonly symbol: string) {}

  private side(side: BookSide): SideLevels {
    return side === 'bid' ? this.bids : this.asks;
  }
  bestBid(): number {
    return this.bids.px.length > 0 ? this.bids.px[0]! : NaN;
  }
  bestAsk(): number {
    return this.asks.px.length > 0 ? this.asks.px[0]! : NaN;
  }
  levels(side: BookSide): number {
    return this.side(side).px.length;
  }
  price(side: BookSide, index: number): number {
    return this.side(side).px[index] ?? NaN;
  }
  qty(side: BookSide, index: number): number {
    return this.side(side).qty[index] ?? 0;
  }

  setLevel(side: BookSide, price: number, qty: number): void {
    this.side(side).set(price, qty);
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  applyLevels(bids: readonly Level[], asks: readonly Level[]): void {
    for (const [p, q] of bids) this.bids.set(p, q);
    for (const [p, q] of asks) this.asks.set(p, q);
  }

  applyFlat(flat: FlatLevels): void {
    const { bidPrices, bidQtys, bidStart, bidQtyStart, bidCount, askPrices, askQtys, askStart, askQtyStart, askCount } = flat;
    for (let k = 0; k < bidCount; k++) this.bids.set(bidPrices[bidStart + k]!, bidQtys[bidQtyStart + k]!);
    for (let k = 0; k < askCount; k++) this.asks.set(askPrices[askStart + k]!, askQtys[askQtyStart + k]!);
  }
}

type DepthEvent = (BookDeltaEvent | BookSnapshotEvent) & { readonly flat?: FlatLevels };

/** All books of a run, updated from market events. */
export class BookSet {
  private readonly books = new Map<string, OrderBook>();

  get(symbol: string): OrderBook {
    let book = this.books.get(symbol);
    if (book === undefined) {
      book = new OrderBook(symbol);
      this.books.set(symbol, book);
    }
    return book;
  }

  peek(symbol: string): OrderBook | undefined {
    return this.books.get(symbol);
  }

  applyDepth(event: DepthEvent): OrderBook {
    const book = this.get(event.symbol);
    if (event.type === 'book_snapshot') {
      book.clear();
      book.version = event.version;
    } else {
      book.version = event.toVersion;
    }
    if (event.flat !== undefined) book.applyFlat(event.flat);
    else book.applyLevels(event.bids, event.asks);
    book.hasDepth = true;
    book.updatedUs = event.tsRecv;
    return book;
  }

  /** A book ticker sets the top of book only while no depth data has been seen for the symbol. */
  applyTicker(event: BookTickerEvent): OrderBook {
    const book = this.get(event.symbol);
    if (!book.hasDepth) {
      book.clear();
      if (event.bidPrice > 0 && event.bidQty > 0) book.setLevel('bid', event.bidPrice, event.bidQty);
      if (event.askPrice > 0 && event.askQty > 0) book.setLevel('ask', event.askPrice, event.askQty);
      book.updatedUs = event.tsRecv;
    }
    return book;
  }
}
