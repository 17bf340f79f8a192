import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { DecodeError } from '../../core/errors.ts';
import type { SniperEvent } from '../../core/events.ts';
import { mexcFixture } from '../../core/testing/fixtures.ts';
import { normalizeToArray } from './normalize.ts';
import { decodeFrame, type MexcPushFrame } from './proto/codec.ts';
import { sampleFrame } from './proto/sample-frames.ts';

const meta = { tsRecv: 1_790_145_447_300_123, seq: 7 };
const fixtures: { id: string; hex: string }[] = JSON.parse(readFileSync(mexcFixture('ws-frames.json'), 'utf8')).frames;
const fixture = (id: string) => decodeFrame(Buffer.from(fixtures.find((f) => f.id === id)!.hex, 'hex'));

function only<T extends SniperEvent['type']>(events: SniperEvent[], type: T): Extract<SniperEvent, { type: T }> {
  expect(events).toHaveLength(1);
  expect(events[0]!.type).toBe(type);
  return events[0] as Extract<SniperEvent, { type: T }>;
}

function deals(tradeType: number, price = '1.5', quantity = '2'): MexcPushFrame {
  return {
    channel: 'spot@public.aggre.deals.v3.api.pb@100ms@XUSDT', symbol: 'XUSDT', sendTime: 1000, bodyField: 314,
    publicAggreDeals: { deals: [{ price, quantity, tradeType, time: 990 }], eventType: 'spot@public.aggre.deals.v3.api.pb@100ms' },
  };
}

describe('real frames', () => {
  test('book ticker: decimals parsed, venue time from sendTime, version as integer', () => {
    const e = only(normalizeToArray(fixture('darkcite_bookticker_10ms_BTCUSDT'), meta), 'book_ticker');
    expect(e).toEqual({
      type: 'book_ticker', tsEvent: 1790145447239, tsRecv: meta.tsRecv, seq: 7, symbol: 'BTCUSDT',
      bidPrice: 86503.92, bidQty: 14.91335308, askPrice: 86503.93, askQty: 0.004965, version: 81999275445,
    });
  });
  test('kline: windows are seconds on the wire, ms in the event; volume is base, amount is quote', () => {
    const e = only(normalizeToArray(fixture('osslabz_kline_Min1_BTCUSDT'), meta), 'kline');
    expect(e.openTime).toBe(1790356740_000);
    expect(e.closeTime).toBe(1790356800_000);
    expect(e.baseVolume).toBe(0.35388633);
    expect(e.quoteVolume).toBe(29711.41);
    expect(e.tsEvent).toBe(1790356766179); // no sendTime in this frame: createTime
  });
});

describe('trades', () => {
  test('tradeType 1 is a taker buy, 2 a taker sell', () => {
    expect(only(normalizeToArray(deals(1), meta), 'trade').side).toBe('buy');
    expect(only(normalizeToArray(deals(2), meta), 'trade').side).toBe('sell');
  });
  test('the meaning of tradeType is configurable (unverified on MEXC)', () => {
    expect(only(normalizeToArray(deals(1), meta, { tradeTypeSide: 'maker' }), 'trade').side).toBe('sell');
  });
  test('tradeType other than 1 or 2 is malformed', () => {
    expect(() => normalizeToArray(deals(0), meta)).toThrow(DecodeError);
    expect(() => normalizeToArray(deals(3), meta)).toThrow(DecodeError);
  });
  test('trade time comes from the deal, not the frame', () => {
    const e = only(normalizeToArray(deals(1), meta), 'trade');
    expect(e.tsEvent).toBe(990);
    expect(e.tradeTime).toBe(990);
  });
  test('several deals in one frame are several events, and a bad one spoils none silently', () => {
    const f = sampleFrame('deals', 5);
    const n = f.bodyField === 314 ? f.publicAggreDeals.deals!.length : 0;
    expect(normalizeToArray(f, meta)).toHaveLength(n);
    const bad = structuredClone(f);
    if (bad.bodyField === 314) bad.publicAggreDeals.deals!.push({ price: 'NaN', quantity: '1', tradeType: 1, time: 1 });
    expect(() => normalizeToArray(bad, meta)).toThrow(DecodeError);
  });
});

describe('decimal strings', () => {
  test('"0.00000000" is zero', () => expect(only(normalizeToArray(deals(1, '1', '0.00000000'), meta), 'trade').qty).toBe(0));
  for (const bad of ['', 'abc', '1e5', 'Infinity', '0x10', ' 1', '1.2.3', '-']) {
    test(`${JSON.stringify(bad)} is a bad_decimal error, not a number`, () => {
      try {
        normalizeToArray(deals(1, bad), meta);
        throw new Error('accepted');
      } catch (e) {
        expect((e as DecodeError).code).toBe('bad_decimal');
      }
    });
  }
});

describe('depth', () => {
  test('aggre.depth: versions parsed, absolute quantities, zero kept (it removes a level)', () => {
    const frame: MexcPushFrame = {
      channel: 'spot@public.aggre.depth.v3.api.pb@100ms@XUSDT', symbol: 'XUSDT', sendTime: 5, bodyField: 313,
      publicAggreDepths: { asks: [{ price: '10.5', quantity: '0' }], bids: [{ price: '10.4', quantity: '3.25' }],
        eventType: 'spot@public.aggre.depth.v3.api.pb@100ms', fromVersion: '80000000001', toVersion: '80000000003' },
    };
    const e = only(normalizeToArray(frame, meta), 'book_delta');
    expect(e.asks).toEqual([[10.5, 0]]);
    expect(e.bids).toEqual([[10.4, 3.25]]);
    expect([e.fromVersion, e.toVersion]).toEqual([80000000001, 80000000003]);
  });
  test('a delta without versions is malformed', () => {
    const frame: MexcPushFrame = {
      channel: 'spot@public.aggre.depth.v3.api.pb@100ms@XUSDT', symbol: 'XUSDT', bodyField: 313, publicAggreDepths: { asks: [] },
    };
    expect(() => normalizeToArray(frame, meta)).toThrow(/fromVersion/);
  });
  test('limit depth is a top-N snapshot', () => {
    const e = only(normalizeToArray(sampleFrame('limitDepth', 1), meta), 'book_snapshot');
    expect(e.source).toBe('limit');
    expect(e.bids).toHaveLength(20);
  });
  test('symbol falls back to the channel when the wrapper has none', () => {
    const f = { ...sampleFrame('depth', 1), symbol: undefined } as MexcPushFrame;
    expect(only(normalizeToArray(f, meta), 'book_delta').symbol).toBe((sampleFrame('depth', 1) as { symbol: string }).symbol);
  });
});

describe('mini tickers', () => {
  test('wire volume is the quote turnover; wire quantity the base volume', () => {
    const f = sampleFrame('miniTicker', 1);
    const e = only(normalizeToArray(f, meta), 'mini_ticker');
    if (f.bodyField !== 309) throw new Error('sample');
    expect(e.quoteVolume).toBe(Number(f.publicMiniTicker.volume));
    expect(e.baseVolume).toBe(Number(f.publicMiniTicker.quantity));
  });
  test('miniTickers: one event per item, each with its own symbol', () => {
    const events = normalizeToArray(sampleFrame('miniTickers', 1), meta);
    expect(events.length).toBeGreaterThan(1);
    expect(new Set(events.map((e) => (e as { symbol: string }).symbol)).size).toBe(events.length);
  });
});

describe('private streams (samples from mexc-api.md §6)', () => {
  test('orders', () => {
    const e = only(normalizeToArray(sampleFrame('privateOrders', 1), meta), 'order_update');
    expect(e).toMatchObject({ orderId: 'C02__505979017439002624115', side: 'sell', orderType: 'MARKET', status: 'FILLED', filledQty: 1, filledQuote: 3.6962 });
  });
  test('deals', () => {
    const e = only(normalizeToArray(sampleFrame('privateDeals', 1), meta), 'fill');
    expect(e).toMatchObject({ price: 3.6962, qty: 1, quoteQty: 3.6962, side: 'sell', fee: 0.0003998377369698171, feeAsset: 'MX', tsEvent: 1736417034280 });
  });
  test('account', () => {
    const e = only(normalizeToArray(sampleFrame('privateAccount', 1), meta), 'balance');
    expect(e).toMatchObject({ asset: 'USDT', free: 21.94, locked: 0, reason: 'CONTRACT_TRANSFER' });
  });
});
