/**
 * The trades inside one bar: a deterministic function of (seed, stream, bar index). The first
 * trade is at the bar's open, the last at its close, and (bars longer than a second) the high
 * and the low are each hit once, so candles built from the trades reproduce the bar. Quantities split the bar's quote volume.
 */
import type { Bar } from './path-stats.ts';
import { rngFor } from './rng.ts';

/** A bar (path-stats.ts) and the share of its quote volume bought by takers. */
export interface BarSpec extends Bar {
  readonly buyShare: number;
}

export interface Trades {
  readonly timeMs: Float64Array;
  readonly ticks: Float64Array;
  readonly lots: Float64Array;
  /** 1 = buyer-initiated, 2 = seller-initiated (MEXC tradeType). */
  readonly side: Uint8Array;
  readonly length: number;
}

export interface TradeScales {
  readonly priceScale: number;
  readonly quantityScale: number;
  readonly meanTradeQuote: number;
}

export function barTrades(seed: number, stream: string, barIndex: number, bar: BarSpec, scales: TradeScales): Trades {
  const rng = rngFor(seed, 'trades', stream, barIndex);
  const pMul = 10 ** scales.priceScale;
  const qMul = 10 ** scales.quantityScale;
  const durS = bar.durMs / 1000;
  // at least the open, the close, the high and the low (one-second bars: open and close only)
  const floor = bar.durMs <= 1000 ? 2 : 4;
  const n = Math.max(floor, Math.min(Math.round(bar.quote / scales.meanTradeQuote), Math.max(floor, Math.round(durS * 40))));
  const timeMs = new Float64Array(n);
  const ticks = new Float64Array(n);
  const lots = new Float64Array(n);
  const side = new Uint8Array(n);
  // times: the open at the bar start, the rest sorted uniform in the bar
  for (let i = 1; i < n; i++) timeMs[i] = bar.startMs + Math.floor(rng.next() * bar.durMs);
  timeMs[0] = bar.startMs;
  timeMs.subarray(1).sort();
  let hiAt = -1;
  let loAt = -1;
  if (n >= 4) {
    hiAt = 1 + Math.floor(rng.next() * (n - 2));
    loAt = 1 + Math.floor(rng.next() * (n - 2));
    if (loAt === hiAt) loAt = hiAt === 1 ? n - 2 : hiAt - 1;
    if (loAt === hiAt) loAt = hiAt === n - 2 ? 1 : hiAt + 1;
  }
  const hiT = Math.round(bar.high * pMul);
  const loT = Math.max(1, Math.round(bar.low * pMul));
  const openT = Math.min(hiT, Math.max(loT, Math.round(bar.open * pMul)));
  const closeT = Math.min(hiT, Math.max(loT, Math.round(bar.close * pMul)));
  // anchors (open, high, low, close at their positions); between two anchors the price walks a
  // bridge, so consecutive trades stay close as on a real tape
  const anchorAt = new Map<number, number>([[0, openT], [n - 1, closeT]]);
  if (hiAt >= 0) anchorAt.set(hiAt, hiT);
  if (loAt >= 0) anchorAt.set(loAt, loT);
  const anchors = [...anchorAt.keys()].sort((a, b) => a - b);
  const stepT = (hiT - loT) / Math.max(2, Math.sqrt(n)) / 2;
  const walk = new Float64Array(n);
  for (let k = 0; k + 1 < anchors.length; k++) {
    const a = anchors[k]!;
    const b = anchors[k + 1]!;
    const pa = anchorAt.get(a)!;
    const pb = anchorAt.get(b)!;
    const m = b - a;
    ticks[a] = Math.max(1, pa);
    walk[0] = 0;
    for (let j = 1; j <= m; j++) walk[j] = walk[j - 1]! + stepT * rng.normal();
    for (let j = 1; j < m; j++) {
      const bridge = walk[j]! - (j / m) * walk[m]!;
      const t = Math.round(pa + ((pb - pa) * j) / m + bridge);
      ticks[a + j] = Math.max(1, Math.min(hiT, Math.max(loT, t)));
    }
  }
  ticks[n - 1] = Math.max(1, closeT);
  // quantities: exponential weights of the quote volume, at least one lot each
  let wsum = 0;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = rng.exponential(1);
    wsum += w[i]!;
  }
  for (let i = 0; i < n; i++) {
    const price = ticks[i]! / pMul;
    lots[i] = Math.max(1, Math.round(((bar.quote * w[i]!) / wsum / price) * qMul));
    side[i] = rng.next() < bar.buyShare ? 1 : 2;
  }
  return { timeMs, ticks, lots, side, length: n };
}
