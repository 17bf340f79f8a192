import { describe, expect, test } from 'bun:test';
import { BookSet } from './order-book.ts';

const base = { tsEvent: 0, tsRecv: 1, seq: 1 };

describe('order book', () => {
  test('snapshot, deltas (absolute, 0 removes), sorted sides, and flat slices', () => {
    const books = new BookSet();
    books.applyDepth({ ...base, type: 'book_snapshot', symbol: 'X', bids: [[9, 1], [10, 2]], asks: [[12, 1], [11, 3]], version: 5, source: 'rest' });
    const b = books.get('X');
    expect([b.bestBid(), b.bestAsk(), b.levels('bid'), b.levels('ask')]).toEqual([10, 11, 2, 2]);
    books.applyDepth({ ...base, type: 'book_delta', symbol: 'X', bids: [[10, 0], [9.5, 4]], asks: [[11, 5]], fromVersion: 6, toVersion: 6 });
    expect([b.bestBid(), b.qty('bid', 0), b.qty('ask', 0), b.version]).toEqual([9.5, 4, 5, 6]);
    const values = new Float64Array([99, 9.5, 0, 13, 7]);
    books.applyDepth({ ...base, type: 'book_delta', symbol: 'X', bids: [], asks: [], fromVersion: 7, toVersion: 7, flat: {
      bidPrices: values, bidQtys: values, bidStart: 1, bidQtyStart: 2, bidCount: 1, askPrices: values, askQtys: values, askStart: 3, askQtyStart: 4, askCount: 1,
    } } as never);
    expect([b.bestBid(), b.price('ask', 2), b.qty('ask', 2)]).toEqual([9, 13, 7]);
  });
  test('book tickers set the top only until depth arrives', () => {
    const books = new BookSet();
    books.applyTicker({ ...base, type: 'book_ticker', symbol: 'Y', bidPrice: 1, bidQty: 2, askPrice: 1.1, askQty: 3 });
    expect(books.get('Y').bestAsk()).toBe(1.1);
    books.applyDepth({ ...base, type: 'book_snapshot', symbol: 'Y', bids: [], asks: [[1.2, 1]], version: 1, source: 'rest' });
    books.applyTicker({ ...base, type: 'book_ticker', symbol: 'Y', bidPrice: 1, bidQty: 2, askPrice: 1.05, askQty: 3 });
    expect(books.get('Y').bestAsk()).toBe(1.2);
  });
  test('a NaN price is an invariant violation', () => {
    expect(() => new BookSet().applyDepth({ ...base, type: 'book_delta', symbol: 'Z', bids: [[NaN, 1]], asks: [], fromVersion: 1, toVersion: 1 })).toThrow();
  });
});
