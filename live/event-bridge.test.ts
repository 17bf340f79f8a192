/**
 * The bridge's restamping is what makes a replay's (ts_recv, seq) order the live order: events
 * come out with one session-wide seq and never earlier than anything the runner already did, the
 * recording holds exactly the restamped rows, and rows → events is the inverse of ingest's
 * events → rows.
 */
import { describe, expect, test } from 'bun:test';
import type { SniperEvent } from '../core/events.ts';
import { appendEvent, type RowSink } from '../ingest/event-rows.ts';
import type { TableName } from '../lake/schema.ts';
import { EventBridge } from './event-bridge.ts';
import { rowToEvent, type ActedTable } from './row-events.ts';

function capture(): { sink: RowSink; rows: Array<[TableName, Record<string, unknown>]> } {
  const rows: Array<[TableName, Record<string, unknown>]> = [];
  return { rows, sink: { append: (t, r) => void rows.push([t, r as Record<string, unknown>]) } };
}

const trade = (tsRecv: number, seq: number, price: number): SniperEvent =>
  ({ type: 'trade', symbol: 'NEWUSDT', price, qty: 1, side: 'buy', tradeTime: 1_000, tsEvent: 1_000, tsRecv, seq });

describe('EventBridge', () => {
  test('one session-wide seq; ts_recv never goes below the last event or tick; the recording holds the restamped rows', () => {
    const rec = capture();
    const out: SniperEvent[] = [];
    const bridge = new EventBridge(rec.sink, (e) => out.push(e));
    appendEvent(bridge, trade(1_000, 7, 1), 'c0'); // connection 0, its seq 7
    appendEvent(bridge, trade(1_000, 2, 2), 'c1'); // connection 1, same µs, lower seq: must still come second
    appendEvent(bridge, trade(990, 3, 3), 'rest'); // stamped earlier, delivered later
    bridge.raiseFloor(5_000); // a tick ran timers up to 5 000 µs
    appendEvent(bridge, trade(4_000, 9, 4), 'c0');
    appendEvent(bridge, trade(6_000, 10, 5), 'c0');
    expect(out.map((e) => [e.tsRecv, e.seq])).toEqual([[1_000, 1], [1_000, 2], [1_000, 3], [5_000, 4], [6_000, 5]]);
    expect(rec.rows.map(([, r]) => [r.ts_recv, r.seq, r.conn_id])).toEqual([[1_000, 1, 'c0'], [1_000, 2, 'c1'], [1_000, 3, 'rest'], [5_000, 4, 'c0'], [6_000, 5, 'c0']]);
    const sorted = [...out].sort((a, b) => a.tsRecv - b.tsRecv || a.seq - b.seq);
    expect(sorted.map((e) => (e.type === 'trade' ? e.price : 0))).toEqual([1, 2, 3, 4, 5]);
  });

  test('raw frames and mini tickers are recorded only; listings are neither; after close nothing passes', () => {
    const rec = capture();
    const out: SniperEvent[] = [];
    const bridge = new EventBridge(rec.sink, (e) => out.push(e));
    bridge.append('raw_frames', { ts_recv: 1, seq: 1, conn_id: 'c', channel: 'x', symbol: null, kind: 'ws_binary', frame: new Uint8Array([1]) });
    appendEvent(bridge, { type: 'mini_ticker', symbol: 'A', price: 1, rate: 0, zonedRate: 0, high: 1, low: 1, quoteVolume: 1, baseVolume: 1, tsEvent: 1, tsRecv: 2, seq: 1 }, 'c');
    bridge.append('listings', { ts_event: 1, ts_recv: 3, seq: 0, conn_id: 'c', symbol: 'A', vcoin_id: 'v', vcoin_name: 'A', vcoin_name_full: 'A', zone: null, first_seen: 1, scheduled_open: null, actual_open: null, api_tradable: null, status_timeline: '[]' });
    expect(rec.rows.map(([t]) => t)).toEqual(['raw_frames', 'mini_tickers']);
    expect(out).toEqual([]);
    expect(bridge.dropped).toBe(1);
    bridge.close();
    appendEvent(bridge, trade(10, 1, 1), 'c');
    expect(out).toEqual([]);
    expect(bridge.late).toBe(1);
  });
});

describe('rowToEvent is the inverse of ingest/event-rows', () => {
  const events: SniperEvent[] = [
    trade(100, 1, 1.5),
    { type: 'book_delta', symbol: 'A', bids: [[1, 2]], asks: [[1.1, 0]], fromVersion: 5, toVersion: 6, tsEvent: 1, tsRecv: 101, seq: 2 },
    { type: 'book_snapshot', symbol: 'A', bids: [[1, 2], [0.9, 3]], asks: [[1.1, 4]], version: 9, source: 'rest', tsEvent: 1, tsRecv: 102, seq: 3 },
    { type: 'book_snapshot', symbol: 'A', bids: [], asks: [[1.1, 4]], version: 10, source: 'limit', tsEvent: 1, tsRecv: 103, seq: 4 },
    { type: 'book_ticker', symbol: 'A', bidPrice: 1, bidQty: 2, askPrice: 1.1, askQty: 3, tsEvent: 1, tsRecv: 104, seq: 5 },
    { type: 'kline', symbol: 'A', interval: 'Min1', openTime: 0, closeTime: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, baseVolume: 10, quoteVolume: 15, tsEvent: 1, tsRecv: 105, seq: 6 },
    { type: 'status', source: 'symbols_v2', symbol: 'A', vcoinId: 'v', sts: 2, st: 2, tt: 4, openTime: 7_000, tsEvent: 1, tsRecv: 106, seq: 7 },
    { type: 'status', source: 'exchange_info', symbol: 'A', vcoinId: 'v', exchangeStatus: '2', apiTradable: false, tsEvent: 1, tsRecv: 107, seq: 8 },
    { type: 'gap', symbol: 'A', channel: 'ch', reason: 'disconnect', fromUs: 1, toUs: 2, detail: 'closed', tsEvent: 1, tsRecv: 108, seq: 9 },
  ];
  for (const e of events) {
    test(e.type + (e.type === 'book_snapshot' ? ` (${e.source})` : e.type === 'status' ? ` (${e.source})` : ''), () => {
      const rec = capture();
      appendEvent(rec.sink, e, 'c');
      const [table, row] = rec.rows[0]!;
      expect(rowToEvent(table as ActedTable, row as never)).toEqual(e);
    });
  }
});
