/**
 * The architecture §7 statistics of one listing, measured the way the real figures were:
 * from bars (hourly closes for the return SD), over the first 24 h and the following 6 days.
 * The range is high / low − 1: with realistic lows it is the reading under which the real median
 * (54 %) and p90 (199 %) fit together; (high − low) / open cannot reach that p90 with a p90 pump
 * of 93 %.
 */
import { DAY_MS, type PricePath } from './price-path.ts';

export interface ListingStats {
  readonly pump: number;
  readonly range: number;
  readonly hourlySd: number;
  readonly volume24h: number;
  readonly return7d: number;
}

export interface Bar {
  readonly startMs: number;
  readonly durMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly quote: number;
}

/** Statistics from bars that start at the open (startMs relative to the open). */
export function statsFromBars(bars: readonly Bar[]): ListingStats {
  const first = bars[0];
  if (first === undefined) throw new RangeError('no bars');
  const p0 = first.open;
  let hi = -Infinity;
  let lo = Infinity;
  let vol = 0;
  const hourlyClose: number[] = [p0];
  let closeAtDay1 = p0;
  let last = p0;
  for (const b of bars) {
    const end = b.startMs + b.durMs;
    if (end <= DAY_MS) {
      hi = Math.max(hi, b.high);
      lo = Math.min(lo, b.low);
      vol += b.quote;
      if (end % 3_600_000 === 0) hourlyClose.push(b.close);
      if (end === DAY_MS) closeAtDay1 = b.close;
    }
    last = b.close;
  }
  const rets: number[] = [];
  for (let i = 1; i < hourlyClose.length; i++) rets.push(hourlyClose[i]! / hourlyClose[i - 1]! - 1);
  const mean = rets.reduce((s, r) => s + r, 0) / Math.max(1, rets.length);
  const sd = Math.sqrt(rets.reduce((s, r) => s + (r - mean) ** 2, 0) / Math.max(1, rets.length - 1));
  return { pump: hi / p0 - 1, range: hi / lo - 1, hourlySd: sd, volume24h: vol, return7d: last / closeAtDay1 - 1 };
}

export function pathBars(path: PricePath): Bar[] {
  const bars: Bar[] = [];
  for (let i = 0; i < path.length; i++) {
    bars.push({
      startMs: path.startMs[i]!, durMs: path.durMs[i]!, open: path.open[i]!, high: path.high[i]!,
      low: path.low[i]!, close: path.close[i]!, quote: path.quote[i]!,
    });
  }
  return bars;
}
