/**
 * The book to fill against when the recorded one has gone stale: where a recording kept depth
 * only around the open but trades go on, the frozen book says nothing about later prices. Then
 * the last traded price is what the tape says was executable, so a marketable order fills there
 * (one deep level each side). The pipeline's labels make the same assumption
 * (withTradeBook in listing-labels.ts, which the pipeline's labels use too), so labels and backtests agree.
 */
import type { BookSide, BookView } from '../core/order-book.ts';

/** Depth so deep that an order never walks past the traded price. */
const DEEP = 1e12;

export class TradeBook implements BookView {
  constructor(readonly symbol: string, private readonly lastPrice: number, readonly updatedUs: number) {}
  bestBid(): number {
    return this.lastPrice;
  }
  bestAsk(): number {
    return this.lastPrice;
  }
  levels(_side: BookSide): number {
    return 1;
  }
  price(_side: BookSide, index: number): number {
    return index === 0 ? this.lastPrice : NaN;
  }
  qty(_side: BookSide, index: number): number {
    return index === 0 ? DEEP : 0;
  }
}

/** The recorded book, or a TradeBook when the book is older than `staleUs` and trades came after it. */
export function executableBook(recorded: BookView | undefined, symbol: string, lastPrice: number, lastTradeUs: number, nowUs: number, staleUs: number): BookView | undefined {
  const updated = recorded?.updatedUs ?? -Infinity;
  const stale = nowUs - updated > staleUs && lastTradeUs > updated;
  if (!stale || !(lastPrice > 0)) return recorded;
  return new TradeBook(symbol, lastPrice, lastTradeUs);
}
