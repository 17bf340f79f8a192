/**
 * Candles for every MEXC kline interval, built from trades. The current candle of each interval
 * is what the kline channel pushes every second; closed candles are kept (up to a cap) for
 * REST /api/v3/klines. Windows are UTC-aligned; weeks start on Monday; months are calendar months.
 */
import { KLINE_INTERVALS, type WireKlineInterval } from '../../adapters/mexc/channels.ts';

export interface Candle {
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Base volume and quote amount, in base and quote units. */
  volume: number;
  amount: number;
  trades: number;
}

const FIXED_MS: Partial<Record<WireKlineInterval, number>> = {
  Min1: 60_000, Min5: 300_000, Min15: 900_000, Min30: 1_800_000, Min60: 3_600_000,
  Hour4: 14_400_000, Hour8: 28_800_000, Day1: 86_400_000,
};

/** [start, end) of the window holding `timeMs`. */
export function windowOf(interval: WireKlineInterval, timeMs: number): [number, number] {
  const fixed = FIXED_MS[interval];
  if (fixed !== undefined) {
    const start = Math.floor(timeMs / fixed) * fixed;
    return [start, start + fixed];
  }
  const d = new Date(timeMs);
  if (interval === 'Week1') {
    const day = Math.floor(timeMs / 86_400_000);
    const monday = day - ((d.getUTCDay() + 6) % 7);
    return [monday * 86_400_000, (monday + 7) * 86_400_000];
  }
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return [start, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
}

/** REST interval names and the wire names they stand for. */
export const REST_INTERVALS: Readonly<Record<string, WireKlineInterval>> = {
  '1m': 'Min1', '5m': 'Min5', '15m': 'Min15', '30m': 'Min30', '60m': 'Min60', '4h': 'Hour4', '8h': 'Hour8',
  '1d': 'Day1', '1W': 'Week1', '1M': 'Month1',
};

export class CandleSet {
  readonly current = new Map<WireKlineInterval, Candle>();
  readonly closed = new Map<WireKlineInterval, Candle[]>();
  constructor(private readonly keep = 1000) {
    for (const i of KLINE_INTERVALS) this.closed.set(i, []);
  }

  addTrade(timeMs: number, price: number, qty: number): void {
    for (const interval of KLINE_INTERVALS) {
      let c = this.current.get(interval);
      if (c === undefined || timeMs >= c.closeTime) {
        if (c !== undefined) this.close(interval, c);
        const [openTime, closeTime] = windowOf(interval, timeMs);
        c = { openTime, closeTime, open: price, high: price, low: price, close: price, volume: 0, amount: 0, trades: 0 };
        this.current.set(interval, c);
      }
      if (price > c.high) c.high = price;
      if (price < c.low) c.low = price;
      c.close = price;
      c.volume += qty;
      c.amount += qty * price;
      c.trades++;
    }
  }

  private close(interval: WireKlineInterval, c: Candle): void {
    const list = this.closed.get(interval)!;
    list.push(c);
    if (list.length > this.keep) list.splice(0, list.length - this.keep);
  }

  /** The candle to push for an interval at `nowMs` (a fresh flat one when the window rolled over). */
  live(interval: WireKlineInterval, nowMs: number): Candle | undefined {
    const c = this.current.get(interval);
    if (c === undefined) return undefined;
    if (nowMs < c.closeTime) return c;
    const [openTime, closeTime] = windowOf(interval, nowMs);
    return { openTime, closeTime, open: c.close, high: c.close, low: c.close, close: c.close, volume: 0, amount: 0, trades: 0 };
  }

  /** Closed candles plus the current one, oldest first. */
  history(interval: WireKlineInterval): Candle[] {
    const c = this.current.get(interval);
    return c === undefined ? [...this.closed.get(interval)!] : [...this.closed.get(interval)!, c];
  }
}

/** Rolling 24 h statistics from minute buckets. */
export class Rolling24h {
  private readonly buckets: { minute: number; open: number; high: number; low: number; base: number; quote: number; count: number }[] = [];
  last: number | undefined;

  addTrade(timeMs: number, price: number, qty: number): void {
    const minute = Math.floor(timeMs / 60_000);
    let b = this.buckets[this.buckets.length - 1];
    if (b === undefined || b.minute !== minute) {
      b = { minute, open: price, high: price, low: price, base: 0, quote: 0, count: 0 };
      this.buckets.push(b);
      while (this.buckets.length > 0 && this.buckets[0]!.minute <= minute - 1440) this.buckets.shift();
    }
    if (price > b.high) b.high = price;
    if (price < b.low) b.low = price;
    b.base += qty;
    b.quote += qty * price;
    b.count++;
    this.last = price;
  }

  /** The open of the first minute at or after `fromMs` (the day-open price of a timezone). */
  openFrom(fromMs: number): number | undefined {
    const minute = Math.floor(fromMs / 60_000);
    for (const b of this.buckets) if (b.minute >= minute) return b.open;
    return this.last;
  }

  stats(nowMs: number): { open: number; high: number; low: number; base: number; quote: number; count: number; last: number } | undefined {
    if (this.last === undefined) return undefined;
    const from = Math.floor(nowMs / 60_000) - 1439;
    let open: number | undefined;
    let high = -Infinity;
    let low = Infinity;
    let base = 0;
    let quote = 0;
    let count = 0;
    for (const b of this.buckets) {
      if (b.minute < from) continue;
      open ??= b.open;
      if (b.high > high) high = b.high;
      if (b.low < low) low = b.low;
      base += b.base;
      quote += b.quote;
      count += b.count;
    }
    if (open === undefined) return { open: this.last, high: this.last, low: this.last, base: 0, quote: 0, count: 0, last: this.last };
    return { open, high, low, base, quote, count, last: this.last };
  }
}
