import { describe, expect, test } from 'bun:test';
import type { StatusEvent } from '../../core/events.ts';
import { ListingBook } from './listing-book.ts';

const obs = (tsEvent: number, sts: number, st: number, tt: number, extra: Partial<StatusEvent> = {}): StatusEvent => ({
  type: 'status', tsEvent, tsRecv: tsEvent * 1000, seq: 0, source: 'symbols_v2', symbol: 'NEWUSDT', vcoinId: 'v1', sts, st, tt, ...extra,
});

describe('ListingBook', () => {
  test('keeps the (sts, st, tt) timeline as changes, qualification, schedule and the first trade', () => {
    const b = new ListingBook();
    b.announce({ symbol: 'NEWUSDT', vcoinId: 'v1', vcoinName: 'NEW', vcoinNameFull: 'New Coin', zone: 'NEW', openTime: 10_000 }, 100);
    b.observe(obs(200, 1, 1, 1), 200);
    b.observe(obs(300, 1, 1, 1), 300);
    b.observe(obs(400, 2, 2, 4, { openTime: 12_000 }), 400);
    b.observe({ ...obs(500, 0, 0, 0), source: 'exchange_info', sts: undefined, st: undefined, tt: undefined, exchangeStatus: '1', apiTradable: true }, 500);
    b.observe({ ...obs(600, 0, 0, 0), source: 'default_symbols', sts: undefined, st: undefined, tt: undefined, apiTradable: false }, 600);
    b.traded('NEWUSDT', 12_345);
    b.traded('NEWUSDT', 12_300);
    b.traded('OTHERUSDT', 1);
    const [row] = b.rows(1_000_000, 'poll');
    expect(row).toMatchObject({
      symbol: 'NEWUSDT', vcoin_id: 'v1', vcoin_name: 'NEW', vcoin_name_full: 'New Coin', zone: 'NEW', first_seen: 100,
      scheduled_open: 12_000, actual_open: 12_300, api_tradable: false,
    });
    expect(JSON.parse(row!.status_timeline)).toEqual([[200, 1, 1, 1], [400, 2, 2, 4]]);
  });

  test('asks for each listing once, ahead of its open; knows when an open is near', () => {
    const b = new ListingBook();
    b.announce({ symbol: 'AUSDT', vcoinId: 'a', vcoinName: 'A', vcoinNameFull: 'A', zone: null, openTime: 100_000 }, 0);
    b.announce({ symbol: 'BUSDT', vcoinId: 'b', vcoinName: 'B', vcoinNameFull: 'B', zone: null, openTime: 900_000 }, 0);
    expect(b.dueForSubscription(0, 50_000)).toEqual([]);
    expect(b.dueForSubscription(60_000, 50_000)).toEqual(['AUSDT']);
    expect(b.dueForSubscription(70_000, 50_000)).toEqual([]);
    expect(b.nextOpenWithin(60_000, 50_000)).toBe(true);
    expect(b.nextOpenWithin(200_000, 50_000)).toBe(false);
    expect(b.candidates(5_000_000).map((c) => c.symbol)).toEqual([]);
    expect(b.candidates(0).map((c) => c.symbol)).toEqual(['AUSDT', 'BUSDT']);
  });
});
