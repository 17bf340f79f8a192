/**
 * A listing's price path from its open: bars on a grid that is fine where it matters (1 s for
 * the first minute, 1 min to 6 h, 15 min to 24 h, 1 h to day 7). Built in log space around the
 * open price:
 *   0 … τ      a Brownian bridge from 0 to L = ln(1 + pump), reflected below L
 *   τ … 24 h   L − |reflected walk with downward drift|   (so the 24 h max is exactly L)
 *   24 h … 7 d a walk with the (negative) week drift
 * Each bar also gets its quote volume (snipers in the first seconds, then decaying) and the share
 * of buyer-initiated volume. The path is a pure function of the plan and the seed.
 */
import type { ListingPlan } from './listing-plan.ts';
import { correlated } from './factors.ts';
import { quantileAt } from './real-figures.ts';
import { rngFor } from './rng.ts';

export interface PricePath {
  /** Bar start, ms after the actual open. */
  readonly startMs: Float64Array;
  readonly durMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Quote volume of the bar (USDT). */
  readonly quote: Float64Array;
  /** Share of the bar's volume that buyers initiated. */
  readonly buyShare: Float64Array;
  /** Peak time, ms after the open. */
  readonly peakMs: number;
  readonly length: number;
}

const SEGMENTS: readonly (readonly [untilMs: number, stepMs: number])[] = [
  [60_000, 1_000],
  [6 * 3_600_000, 60_000],
  [24 * 3_600_000, 900_000],
  [7 * 24 * 3_600_000, 3_600_000],
];
export const DAY_MS = 24 * 3_600_000;

/** Hourly volatility parameter (the realised hourly-return SD adds the pump and the drift). */
const SIGMA_TABLE = { z: [-1.2815516, 0, 1.2815516], value: [0.015, 0.036, 0.05] };

function grid(): Float64Array {
  const points: number[] = [0];
  let t = 0;
  for (const [until, step] of SEGMENTS) {
    while (t + step <= until) {
      t += step;
      points.push(t);
    }
  }
  return Float64Array.from(points);
}
const GRID = grid();

export function buildPricePath(seed: number, plan: ListingPlan): PricePath {
  const rng = rngFor(seed, 'path', plan.index);
  const o = plan.outcome;
  const L = Math.log(1 + o.pump);
  const sigmaH = quantileAt(SIGMA_TABLE, o.zSd);
  const driftH = 0.004 + 0.012 * Math.abs(correlated(rng, -o.zPump, 0.3)) ** 1.5 + 0.012 * Math.max(0, o.zPump);
  const weekDrift = Math.log(1 - 0.067) / (6 * 24) + (0.25 / Math.sqrt(144)) * rng.normal() / 12;
  const n = GRID.length - 1;

  const u = rng.next();
  // big pumps build up over hours more often than small ones
  const early = o.pump > 0.5 ? 0.3 : 0.55;
  const peakRaw = u < early ? Math.min(59_000, 1000 + rng.exponential(15_000))
    : u < 0.85 ? rng.uniform(60_000, o.pump > 0.5 ? 8 * 3_600_000 : 3_600_000) : rng.uniform(3_600_000, DAY_MS - 1);
  let peakIdx = 1;
  while (peakIdx < n && GRID[peakIdx]! < peakRaw) peakIdx++;

  const x = new Float64Array(n + 1);
  const stepSigma = (i: number) => {
    const dtH = (GRID[i + 1]! - GRID[i]!) / 3_600_000;
    const boost = GRID[i]! < 60_000 ? 4 : GRID[i]! < 3_600_000 ? 1.5 : GRID[i]! >= DAY_MS ? 0.6 : 1;
    return sigmaH * boost * Math.sqrt(dtH);
  };
  // phase 1: bridge 0 → L over [0, peak], reflected below L
  const w = new Float64Array(peakIdx + 1);
  for (let i = 0; i < peakIdx; i++) w[i + 1] = w[i]! + stepSigma(i) * rng.normal();
  const tPeak = GRID[peakIdx]!;
  for (let i = 0; i <= peakIdx; i++) {
    let v = w[i]! - (GRID[i]! / tPeak) * (w[peakIdx]! - L);
    if (v > L) v = 2 * L - v;
    x[i] = v;
  }
  x[0] = 0;
  x[peakIdx] = L;
  // phase 2: below L until 24 h; phase 3: free walk with the week drift
  let y = 0;
  for (let i = peakIdx; i < n; i++) {
    const dtH = (GRID[i + 1]! - GRID[i]!) / 3_600_000;
    if (GRID[i + 1]! <= DAY_MS) {
      y = Math.abs(y + stepSigma(i) * rng.normal() + driftH * dtH);
      x[i + 1] = L - y;
    } else {
      x[i + 1] = x[i]! + stepSigma(i) * rng.normal() + weekDrift * dtH;
    }
  }

  const p0 = plan.openPrice;
  const startMs = new Float64Array(n);
  const durMs = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const quote = new Float64Array(n);
  const buyShare = new Float64Array(n);
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = x[i + 1]!;
    const s = stepSigma(i);
    let h = Math.max(a, b) + 0.5 * s * Math.abs(rng.normal());
    const l = Math.min(a, b) - 0.5 * s * Math.abs(rng.normal());
    const t0 = GRID[i]!;
    const dur = GRID[i + 1]! - t0;
    if (GRID[i + 1]! <= DAY_MS) h = Math.min(h, L);
    startMs[i] = t0;
    durMs[i] = dur;
    open[i] = p0 * Math.exp(a);
    close[i] = p0 * Math.exp(b);
    high[i] = p0 * Math.exp(h);
    low[i] = p0 * Math.exp(l);
    const mid = t0 + dur / 2;
    const intensity = 3 * Math.exp(-mid / 90_000) + 0.8 * Math.exp(-mid / 1_800_000) + 0.25 * Math.exp(-mid / 21_600_000) + 0.05;
    const move = 1 + 4 * Math.abs(b - a) / Math.max(s, 1e-9) * Math.min(1, s);
    const wgt = mid < DAY_MS ? intensity * dur * move : 0;
    quote[i] = wgt;
    weightSum += wgt;
    buyShare[i] = t0 < 3_000 ? 0.95 : Math.min(0.9, Math.max(0.1, 0.5 + 0.4 * Math.tanh((b - a) / Math.max(s, 1e-9))));
  }
  const v24 = o.volume24h;
  // competing snipers: 0.5–4 % of the day's volume in market buys in the first three seconds
  const sniperShare = Math.min(0.04, 0.005 + 0.01 * Math.exp(0.6 * correlated(rng, o.zPump, 0.5)));
  for (let i = 0; i < n; i++) {
    if (GRID[i]! < 3_000) quote[i] = (quote[i]! / weightSum) * v24 * (1 - sniperShare) + (v24 * sniperShare) / 3;
    else if (GRID[i]! < DAY_MS) quote[i] = (quote[i]! / weightSum) * v24 * (1 - sniperShare);
    else {
      const day = Math.floor(GRID[i]! / DAY_MS); // 1..6
      quote[i] = (v24 * 0.3 * 0.8 ** (day - 1)) / 24 * (0.6 + 0.8 * rng.next());
    }
  }
  return { startMs, durMs, open, high, low, close, quote, buyShare, peakMs: tPeak, length: n };
}

/** Index of the bar that contains `msAfterOpen` (−1 before the open or after the path). */
export function barIndexAt(path: PricePath, msAfterOpen: number): number {
  if (msAfterOpen < 0) return -1;
  let lo = 0;
  let hi = path.length - 1;
  if (msAfterOpen >= path.startMs[hi]! + path.durMs[hi]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (path.startMs[mid]! <= msAfterOpen) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
