/**
 * Every public channel kind over one real connection: binary pushes decoded by decodeFrame and
 * normalized by normalizeToArray, with the protocol's traps checked on the sim's real output:
 * 10ms vs 100ms windows (and the same trades in both), kline windows in seconds, miniTicker
 * volume being the quote amount, limit depth sizes, book tickers. The market clock runs at 4×
 * so the 1 s klines and 3 s miniTickers arrive quickly.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { BookSnapshotEvent, BookTickerEvent, KlineEvent, MiniTickerEvent, TradeEvent } from '../../../core/events.ts';
import { ackAccepts } from '../control.ts';
import { channels, KLINE_INTERVALS } from '../channels.ts';
import { BTC, clientFor, e2eScenario, must, startE2eSim, until } from './harness.ts';
import { intOf } from '../rest/wire-primitives.ts';
import { E2eWsClient, type ReceivedFrame } from './ws-client.ts';

const sim = startE2eSim(e2eScenario({ speed: 4 }));
const ch = {
  deals10: channels.aggreDeals(BTC, '10ms'), deals100: channels.aggreDeals(BTC, '100ms'),
  bt10: channels.aggreBookTicker(BTC, '10ms'), bt100: channels.aggreBookTicker(BTC, '100ms'),
  limit5: channels.limitDepth(BTC, 5), limit10: channels.limitDepth(BTC, 10), batch: channels.bookTickerBatch(BTC),
  mini: channels.miniTicker(BTC, 'UTC+8'), minis: channels.miniTickers('UTC+8'),
};
const klineChannels = KLINE_INTERVALS.map((i) => channels.kline(BTC, i));
const all = [...Object.values(ch), ...klineChannels];
let c: E2eWsClient;
beforeAll(async () => {
  c = await E2eWsClient.connect(sim.ws);
  expect(ackAccepts(await c.request(all), all)).toBe(true);
  await until(() => c.on(ch.minis).length >= 2 && klineChannels.every((k) => c.on(k).length >= 2), 5000, 'every channel to push');
});
afterAll(async () => {
  c.close();
  await sim.stop();
});

const events = <T>(frames: readonly ReceivedFrame[]) => frames.flatMap((f) => f.events as readonly unknown[]) as T[];

describe('public pushes decode and normalize', () => {
  test('every binary frame decodes and normalizes; wrappers carry channel, symbol, createTime ≤ sendTime', () => {
    expect(c.bad).toEqual([]);
    for (const channel of all) expect(c.on(channel).length).toBeGreaterThan(0);
    for (const f of c.frames) {
      expect(all.includes(f.frame.channel!)).toBe(true);
      expect(f.events.length).toBeGreaterThan(0);
      expect(f.frame.createTime).toBeGreaterThan(1_600_000_000_000);
      expect(f.frame.sendTime!).toBeGreaterThanOrEqual(f.frame.createTime!);
      if (f.frame.channel !== ch.minis) expect(f.frame.symbol).toBe(BTC);
    }
  });

  test('aggre.deals: 10ms windows and 100ms windows carry the same trades', () => {
    const f10 = c.on(ch.deals10);
    const f100 = c.on(ch.deals100);
    expect(f10.every((f) => f.frame.createTime! % 10 === 0)).toBe(true);
    expect(f100.every((f) => f.frame.createTime! % 100 === 0)).toBe(true);
    expect(f10.some((f) => f.frame.createTime! % 100 !== 0)).toBe(true);
    expect(f10.length).toBeGreaterThan(f100.length);
    for (const [frames, ms] of [[f10, 10], [f100, 100]] as const) {
      for (const f of frames) {
        for (const t of f.events as TradeEvent[]) {
          expect(t.type).toBe('trade');
          expect(t.tradeTime).toBeGreaterThanOrEqual(f.frame.createTime! - ms); // the window [end - ms, end)
          expect(t.tradeTime).toBeLessThan(f.frame.createTime!);
          expect(['buy', 'sell']).toContain(t.side);
          expect(t.price).toBeGreaterThan(0);
          expect(t.qty).toBeGreaterThan(0);
          expect(t.tradeId).toBeDefined();
        }
      }
    }
    // the 100 ms windows both subscriptions fully cover
    const from = Math.ceil(Math.max(f10[0]!.frame.createTime!, f100[0]!.frame.createTime!) / 100) * 100;
    const to = Math.floor(Math.min(f10.at(-1)!.frame.createTime!, f100.at(-1)!.frame.createTime!) / 100) * 100;
    const ids = (frames: readonly ReceivedFrame[]) => events<TradeEvent>(frames.filter((f) => f.frame.createTime! > from && f.frame.createTime! <= to)).map((t) => t.tradeId);
    expect(to - from).toBeGreaterThanOrEqual(500);
    expect(ids(f10).length).toBeGreaterThan(0);
    expect(ids(f10)).toEqual(ids(f100));
  });

  test('aggre.bookTicker at 10ms and 100ms; bookTicker.batch', () => {
    for (const [channel, ms] of [[ch.bt10, 10], [ch.bt100, 100]] as const) {
      for (const f of c.on(channel)) {
        expect(f.frame.createTime! % ms).toBe(0);
        const [t] = f.events as BookTickerEvent[];
        expect(t!.type).toBe('book_ticker');
        expect(t!.bidPrice).toBeLessThan(t!.askPrice);
        expect(t!.bidQty).toBeGreaterThan(0);
        expect(Number.isInteger(t!.version)).toBe(true);
      }
    }
    expect(c.on(ch.bt10).length).toBeGreaterThan(c.on(ch.bt100).length);
    for (const t of events<BookTickerEvent>(c.on(ch.batch))) {
      expect(t.type).toBe('book_ticker');
      expect(t.symbol).toBe(BTC);
      expect(t.bidPrice).toBeLessThan(t.askPrice);
    }
  });

  test('limit.depth 5 and 10: that many levels, sorted, not crossed, versions rising', () => {
    for (const [channel, n] of [[ch.limit5, 5], [ch.limit10, 10]] as const) {
      let last = 0;
      for (const s of events<BookSnapshotEvent>(c.on(channel))) {
        expect(s.type).toBe('book_snapshot');
        expect(s.bids.length).toBe(n);
        expect(s.asks.length).toBe(n);
        const bids = s.bids.map(([p]) => p);
        expect(bids).toEqual([...bids].sort((a, b) => b - a));
        expect(s.bids[0]![0]).toBeLessThan(s.asks[0]![0]);
        expect(s.version).toBeGreaterThan(last);
        last = s.version;
      }
    }
  });

  test('kline, every interval: windows are seconds on the wire and ms after normalizing', () => {
    const lengthMs: Record<string, number> = {
      Min1: 60_000, Min5: 300_000, Min15: 900_000, Min30: 1_800_000, Min60: 3_600_000, Hour4: 14_400_000, Hour8: 28_800_000, Day1: 86_400_000,
    };
    for (const channel of klineChannels) {
      for (const f of c.on(channel)) {
        expect(f.frame.bodyField).toBe(308);
        const raw = (f.frame as { publicSpotKline: { windowStart: number; windowEnd: number } }).publicSpotKline;
        expect(raw.windowStart).toBeLessThan(1e11); // seconds, not ms
        const [k] = f.events as KlineEvent[];
        expect(k!.type).toBe('kline');
        expect(k!.openTime).toBe(raw.windowStart * 1000);
        expect(k!.closeTime).toBe(raw.windowEnd * 1000);
        expect(k!.openTime).toBeLessThan(f.frame.createTime!);
        expect(k!.closeTime).toBeGreaterThanOrEqual(f.frame.createTime!);
        const len = lengthMs[k!.interval];
        if (len !== undefined) expect(k!.closeTime - k!.openTime).toBe(len);
        expect(k!.high).toBeGreaterThanOrEqual(Math.max(k!.open, k!.close));
        expect(k!.low).toBeLessThanOrEqual(Math.min(k!.open, k!.close));
        expect(k!.quoteVolume).toBeGreaterThan(k!.baseVolume); // BTC at ~86,500 USDT
      }
      // pushed every (market) second
      const times = c.on(channel).map((f) => f.frame.createTime!);
      expect(times.every((t) => t % 1000 === 0)).toBe(true);
    }
  });

  test('miniTicker and miniTickers: every 3 s; volume is the quote turnover, quantity the base volume', () => {
    const mini = events<MiniTickerEvent>(c.on(ch.mini));
    const minis = events<MiniTickerEvent>(c.on(ch.minis));
    for (const t of [...mini, ...minis.filter((x) => x.symbol === BTC)]) {
      expect(t.type).toBe('mini_ticker');
      expect(t.symbol).toBe(BTC);
      expect(t.baseVolume).toBeGreaterThan(0);
      const vwap = t.quoteVolume / t.baseVolume; // only sensible if volume/quantity were read the right way round
      expect(vwap).toBeGreaterThanOrEqual(t.low * 0.999);
      expect(vwap).toBeLessThanOrEqual(t.high * 1.001);
      expect(t.price).toBeGreaterThanOrEqual(t.low);
      expect(t.price).toBeLessThanOrEqual(t.high);
    }
    expect(minis.some((t) => t.symbol === BTC)).toBe(true);
    for (const f of [...c.on(ch.mini), ...c.on(ch.minis)]) expect(f.frame.createTime! % 3000).toBe(0);
  });

  test('the taker side agrees across WS and REST: tradeType 1 (buy) ⇔ aggTrades m=false, 2 (sell) ⇔ m=true', async () => {
    const ws = events<TradeEvent>(c.on(ch.deals100));
    const rest = must(await clientFor(sim).aggTrades(BTC, { limit: 1000 }));
    const byKey = new Map(rest.map((a) => [`${intOf(a.T, 'T')}/${Number(a.p)}/${Number(a.q)}`, a.m]));
    let matched = 0;
    for (const t of ws) {
      const m = byKey.get(`${t.tradeTime}/${t.price}/${t.qty}`);
      if (m === undefined) continue;
      expect(m).toBe(t.side === 'sell');
      matched++;
    }
    expect(matched).toBeGreaterThan(10);
    expect(new Set(ws.map((t) => t.side)).size).toBe(2);
  });
});
