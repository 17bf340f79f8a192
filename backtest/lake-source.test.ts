import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SniperEvent } from '../core/events.ts';
import { delta, snapshot, status, trade } from '../execution/test-events.ts';
import { LakeSource } from './lake-source.ts';
import { writeTestLake } from './test-lake.ts';

const dir = mkdtempSync(join(tmpdir(), 'lake-src-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.parse('2026-11-23T10:59:59Z');

describe('LakeSource', () => {
  test('replays every table merged by (tsRecv, seq) across files, with the values written', async () => {
    const events: SniperEvent[] = [
      status('AUSDT', T - 5000, T + 60_000, { apiTradable: true }),
      snapshot('AUSDT', T - 1000, [[0.9, 10], [0.8, 5]], [[1.0, 7]]),
      trade('AUSDT', T + 200, 1.0, 2, 'buy'),
      trade('BUSDT', T + 1500, 2.5, 1, 'sell'), // next hour partition
      delta('AUSDT', T + 1600, [], [[1.0, 0], [1.1, 3]]),
      { type: 'kline', symbol: 'BTCUSDT', interval: 'Min5', openTime: T, closeTime: T + 300_000, open: 1, high: 2, low: 0.5, close: 1.5, baseVolume: 10, quoteVolume: 15, tsEvent: T + 1700, tsRecv: (T + 1700) * 1000, seq: 1 },
      { type: 'mini_ticker', symbol: 'BTCUSDT', price: 1.5, rate: 0.01, zonedRate: 0.02, high: 2, low: 0.5, quoteVolume: 99, baseVolume: 66, tsEvent: T + 1800, tsRecv: (T + 1800) * 1000, seq: 2 },
    ];
    await writeTestLake(dir, events);
    const src = await LakeSource.open({ lakeDir: dir });
    try {
      expect(src.units.map((u) => u.key)).toEqual(['2026-11-23']);
      expect(src.totalRows).toBe(7);
      const seen: string[] = [];
      let bookAsks: unknown;
      await src.forEach((e) => {
        if (e.type === 'trade') seen.push(`trade ${e.symbol} ${e.price} ${e.qty} ${e.side} ${e.tsRecv}`);
        else if (e.type === 'book_snapshot' || e.type === 'book_delta') {
          seen.push(`${e.type} ${e.symbol}`);
          if (e.type === 'book_delta') bookAsks = e.asks;
        } else if (e.type === 'status') seen.push(`status ${e.symbol} ${e.openTime} ${e.apiTradable} ${e.sts}`);
        else if (e.type === 'kline') seen.push(`kline ${e.interval} ${e.openTime - T} ${e.close} ${e.quoteVolume}`);
        else if (e.type === 'mini_ticker') seen.push(`mini ${e.price} ${e.zonedRate} ${e.quoteVolume} ${e.baseVolume}`);
      });
      expect(seen).toEqual([
        `status AUSDT ${T + 60_000} true 2`,
        'book_snapshot AUSDT',
        `trade AUSDT 1 2 buy ${(T + 200) * 1000}`,
        `trade BUSDT 2.5 1 sell ${(T + 1500) * 1000}`,
        'book_delta AUSDT',
        'kline Min5 0 1.5 15',
        'mini 1.5 0.02 99 66',
      ]);
      expect(bookAsks).toEqual([[1.0, 0], [1.1, 3]]);
    } finally {
      src.close();
    }
  });

  test('--from/--to keep only events inside the range', async () => {
    const src = await LakeSource.open({ lakeDir: dir, fromUs: (T + 100) * 1000, toUs: (T + 1550) * 1000 });
    try {
      const types: string[] = [];
      await src.forEach((e) => types.push(`${e.type}:${'symbol' in e ? e.symbol : ''}`));
      expect(types).toEqual(['trade:AUSDT', 'trade:BUSDT']);
    } finally {
      src.close();
    }
  });
});
