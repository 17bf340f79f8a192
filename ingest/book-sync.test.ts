import { describe, expect, test } from 'bun:test';
import type { BookDeltaEvent } from '../core/events.ts';
import { BookSync } from './book-sync.ts';

const delta = (from: number, to: number, bids: [number, number][] = [], tsRecv = from * 10): BookDeltaEvent => ({
  type: 'book_delta', symbol: 'AUSDT', tsEvent: 0, tsRecv, seq: from, bids, asks: [], fromVersion: from, toVersion: to,
});

describe('BookSync (mexc-api.md §3.1)', () => {
  test('buffers deltas, asks for one snapshot, drops what the snapshot covers, applies the rest', () => {
    const s = new BookSync('AUSDT');
    expect(s.onDelta(delta(101, 102, [[10, 1]]))).toEqual([{ kind: 'fetch_snapshot' }]);
    expect(s.onDelta(delta(103, 105, [[11, 2]]))).toEqual([]); // one fetch at a time
    expect(s.onSnapshot({ lastUpdateId: 103, bids: [[9, 5]], asks: [[12, 1]], tsRecv: 1 })).toEqual([]);
    expect(s.synced).toBe(true);
    expect(s.localVersion).toBe(105);
    // 101..102 was dropped (<= 103): level 10 never applied; 103..105 straddles and is applied
    expect(s.book.bestBid()).toBe(11);
    expect(s.book.levels('bid')).toBe(2);
    expect(s.onDelta(delta(106, 106, [[11, 0]]))).toEqual([]);
    expect(s.book.bestBid()).toBe(9);
    expect(s.onDelta(delta(104, 106))).toEqual([]); // stale duplicate ignored
  });

  test('a snapshot older than the first cached delta, or one that leaves a hole, is fetched again', () => {
    const s = new BookSync('AUSDT');
    s.onDelta(delta(200, 201));
    expect(s.onSnapshot({ lastUpdateId: 150, bids: [], asks: [], tsRecv: 1 })).toEqual([{ kind: 'fetch_snapshot' }]);
    expect(s.synced).toBe(false);
    expect(s.onSnapshot({ lastUpdateId: 199, bids: [], asks: [], tsRecv: 2 })).toEqual([]);
    expect(s.localVersion).toBe(201);
  });

  test('a version gap asks for a resync and, once whole, reports the gap from the last good delta to the resync', () => {
    const s = new BookSync('AUSDT');
    s.onDelta(delta(1, 1));
    s.onSnapshot({ lastUpdateId: 1, bids: [], asks: [], tsRecv: 5 });
    s.onDelta(delta(2, 3, [], 30));
    expect(s.onDelta(delta(7, 8, [], 80))).toEqual([{ kind: 'fetch_snapshot' }]);
    expect(s.synced).toBe(false);
    const out = s.onSnapshot({ lastUpdateId: 7, bids: [[1, 1]], asks: [], tsRecv: 90 });
    expect(out).toEqual([{ kind: 'gap', fromUs: 30, toUs: 90, detail: 'expected fromVersion 4, got 7..8; resynced at 7' }]);
    expect(s.localVersion).toBe(8);
    expect(s.resyncs).toBe(1);
  });

  test('a reset during a break reports the open gap', () => {
    const s = new BookSync('AUSDT');
    s.onDelta(delta(1, 1));
    s.onSnapshot({ lastUpdateId: 1, bids: [], asks: [], tsRecv: 5 });
    s.onDelta(delta(5, 5, [], 50));
    expect(s.reset(100, 'disconnect')).toEqual([{ kind: 'gap', fromUs: 5, toUs: 100, detail: 'expected fromVersion 2, got 5..5; disconnect before resync' }]);
    expect(s.synced).toBe(false);
  });
});
