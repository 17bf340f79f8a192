/**
 * The confidence provider for a calibrated model artifact: the pipeline's four raw factors
 * (pipeline/sql/03_features.sql, parameters from the artifact's data.featureParams and
 * data.labelParams) computed event by event from what the runner has seen, each scaled to
 * Φ((raw − mean) / SD) with the artifact's data.factorScaling, then scored with its weights,
 * calibration and threshold.
 *
 *   history   (successes + m·base) / (n + m) over earlier finished snipes with the same zone and
 *             last status tuple (labels by execution/listing-labels.ts); base = (all successes + 1) / (all + 2)
 *   market    mean over the market pairs' Min1 klines of lookback log return / realised volatility
 *   timing    advance notice (known open − first observation) as a normal score on the
 *             p10/p50/p90 notice table
 *   external  isolation: ln(gap to the previous known open + 1 min) + ln(gap to the next + 1 min),
 *             gaps capped at isolationCapMs (artifacts without that parameter: minus the number of
 *             other listings scheduled within ±competitorWindowMs, the pipeline's earlier definition)
 *
 * One difference, stated: the pipeline scales with the mean and SD over the listings decided
 * earlier in the calibration range; here the artifact's whole-range scaling is used.
 */
import { evaluateConfidence, type Confidence, type Factor, type Factors, type ModelArtifact } from '../core/confidence.ts';
import type { SniperEvent } from '../core/events.ts';
import type { ConfidenceProvider } from '../core/strategy.ts';
import { resolvedLabel, type LabelSettings, type ResolvedLabel } from './listing-labels.ts';
import { snipeParamsSchema } from './snipe.ts';

interface FeatureParams {
  decisionLeadMs: number; marketSymbols: string[]; marketLookbackMs: number; historyPrior: number;
  noticeP10Ms: number; noticeP50Ms: number; noticeP90Ms: number; competitorWindowMs: number;
  /** Present in artifacts whose external factor is isolation (gaps to the neighbouring opens). */
  isolationCapMs?: number;
}

interface Listing {
  firstSeenUs: number;
  openMs: number;
  /** Calendar zones as recorded: [ts_recv µs, zone]. */
  zones: [number, string][];
  /** symbolsV2 status tuples as recorded: [ts_recv µs, "sts:st:tt"]. */
  tuples: [number, string][];
  apiTradable: boolean | undefined;
  events: SniperEvent[];
  label?: ResolvedLabel;
}

interface Ref { ts: number[]; cumR: number[]; cumR2: number[]; lastClose: number }

const DEFAULT_FEATURES: FeatureParams = {
  decisionLeadMs: 5000, marketSymbols: ['BTCUSDT', 'ETHUSDT'], marketLookbackMs: 259_200_000, historyPrior: 10,
  noticeP10Ms: 780_000, noticeP50Ms: 3_240_000, noticeP90Ms: 111_600_000, competitorWindowMs: 3_600_000,
};

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Last index with ts[i] < bound (ASOF), or -1. */
function asof(ts: readonly number[], bound: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < bound) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** A stable copy of a possibly reused replay event (depth levels materialized, no shared column slices). */
function copyEvent(e: SniperEvent): SniperEvent {
  if (e.type === 'book_delta' || e.type === 'book_snapshot') {
    const { flat: _flat, ...rest } = { ...e, flat: undefined };
    return { ...rest, bids: e.bids, asks: e.asks } as SniperEvent;
  }
  return { ...e };
}

export class ArtifactFeatureProvider implements ConfidenceProvider {
  private readonly f: FeatureParams;
  private readonly labels: LabelSettings;
  private readonly scaling: Partial<Record<Factor, { mean: number; sd: number }>>;
  private readonly listings = new Map<string, Listing>();
  /** (symbol, open time) → first time seen, µs. */
  private readonly schedules = new Map<string, Map<number, number>>();
  private readonly refs = new Map<string, Ref>();
  private readonly resolved: ResolvedLabel[] = [];

  constructor(private readonly model: ModelArtifact) {
    const data = model.data as { featureParams?: Partial<FeatureParams>; labelParams?: Record<string, unknown>; factorScaling?: Record<string, { mean: number; sd: number }> };
    this.f = { ...DEFAULT_FEATURES, ...(data.featureParams ?? {}) };
    const lp = data.labelParams ?? {};
    const snipe = snipeParamsSchema.parse(lp.snipe ?? {});
    const hold = snipe.exits.timeStopMs > 0 ? snipe.exits.timeStopMs : Number(lp.maxHoldMs ?? 3_600_000);
    this.labels = {
      snipe, minSuccessReturn: Number(lp.minSuccessReturn ?? 0), staleBookMs: Number(lp.staleBookMs ?? 5000),
      horizonMs: snipe.windowEndMs + snipe.latencyMs + hold + Number(lp.tailMs ?? 60_000),
    };
    this.scaling = data.factorScaling ?? {};
  }

  observe(e: SniperEvent): void {
    switch (e.type) {
      case 'status': {
        const l = this.listing(e.symbol, e.tsRecv);
        if (e.openTime !== undefined) {
          l.openMs = e.openTime;
          const m = this.schedules.get(e.symbol) ?? new Map<number, number>();
          if (!m.has(e.openTime)) m.set(e.openTime, e.tsRecv);
          this.schedules.set(e.symbol, m);
        }
        if (e.apiTradable !== undefined) l.apiTradable = (l.apiTradable ?? false) || e.apiTradable;
        if (e.source === 'symbols_v2' && e.sts !== undefined && e.st !== undefined && e.tt !== undefined) l.tuples.push([e.tsRecv, `${e.sts}:${e.st}:${e.tt}`]);
        return;
      }
      case 'listing':
        (this.listings.get(e.symbol) ?? this.listing(e.symbol, Infinity)).zones.push([e.tsRecv, e.zone]);
        return;
      case 'kline':
        if (e.interval === 'Min1' && e.close > 0 && this.f.marketSymbols.includes(e.symbol)) this.kline(e.symbol, e.tsRecv, e.close);
        return;
      case 'trade':
      case 'book_snapshot':
      case 'book_delta':
      case 'book_ticker': {
        const l = this.listings.get(e.symbol);
        // only what a label can use: up to the end of the label window
        if (l !== undefined && l.label === undefined && Number.isFinite(l.openMs) && e.tsRecv < (l.openMs + this.labels.horizonMs) * 1000) {
          l.events.push(copyEvent(e));
        }
        return;
      }
      default:
        return;
    }
  }

  private listing(symbol: string, tsRecv: number): Listing {
    let l = this.listings.get(symbol);
    if (l === undefined) {
      l = { firstSeenUs: tsRecv, openMs: NaN, zones: [], tuples: [], apiTradable: undefined, events: [] };
      this.listings.set(symbol, l);
    } else if (tsRecv < l.firstSeenUs) l.firstSeenUs = tsRecv;
    return l;
  }

  private kline(symbol: string, tsRecv: number, close: number): void {
    let r = this.refs.get(symbol);
    if (r === undefined) {
      r = { ts: [], cumR: [], cumR2: [], lastClose: NaN };
      this.refs.set(symbol, r);
    }
    const ret = Number.isNaN(r.lastClose) ? 0 : Math.log(close / r.lastClose);
    const n = r.ts.length;
    r.ts.push(tsRecv);
    r.cumR.push((n > 0 ? r.cumR[n - 1]! : 0) + ret);
    r.cumR2.push((n > 0 ? r.cumR2[n - 1]! : 0) + ret * ret);
    r.lastClose = close;
  }

  /** The history key as recorded before `atMs`: "<zone>|<last status tuple>" ('' for either if none). */
  private keyAt(l: Listing, atMs: number): string {
    let zone = '';
    for (const [ts, z] of l.zones) if (ts < atMs * 1000) zone = z;
    let tuple = '';
    for (const [ts, t] of l.tuples) if (ts < atMs * 1000) tuple = t;
    return `${zone}|${tuple}`;
  }

  /** A listing's decision time: its schedule's first sighting, or open − lead if later. */
  private decisionMs(symbol: string, l: Listing): number {
    const first = this.schedules.get(symbol)?.get(l.openMs);
    return Math.max(first === undefined ? -Infinity : Math.floor(first / 1000), l.openMs - this.f.decisionLeadMs);
  }

  /** Resolve every listing whose snipe is over by `nowMs` (labels are known only afterwards). */
  private resolve(nowMs: number): void {
    for (const [symbol, l] of this.listings) {
      if (l.label !== undefined || !Number.isFinite(l.openMs) || nowMs <= l.openMs) continue;
      const label = resolvedLabel(symbol, l.openMs, l.apiTradable ?? true, l.events, nowMs, this.labels);
      if (label !== undefined) {
        l.label = label;
        l.events = [];
        this.resolved.push(label);
      }
    }
  }

  /** The raw factors at `nowMs` (null where the pipeline would have NULL). */
  rawFactors(symbol: string, nowMs: number): Record<Factor, number | null> | undefined {
    const l = this.listings.get(symbol);
    if (l === undefined || !Number.isFinite(l.openMs)) return undefined;
    this.resolve(nowMs);
    const f = this.f;
    const key = this.keyAt(l, nowMs);
    let nKey = 0;
    let sKey = 0;
    let nAll = 0;
    let sAll = 0;
    const zoneOf = (s: string): string => {
      const other = this.listings.get(s);
      return other === undefined ? '|' : this.keyAt(other, this.decisionMs(s, other));
    };
    for (const r of this.resolved) {
      if (r.exitMs >= nowMs) continue;
      nAll++;
      if (r.success) sAll++;
      if (zoneOf(r.symbol) === key) {
        nKey++;
        if (r.success) sKey++;
      }
    }
    const base = (sAll + 1) / (nAll + 2);
    const history = (sKey + f.historyPrior * base) / (nKey + f.historyPrior);
    const zs: number[] = [];
    for (const r of this.refs.values()) {
      const now = asof(r.ts, nowMs * 1000);
      const then = asof(r.ts, (nowMs - f.marketLookbackMs) * 1000);
      if (now < 0 || then < 0) continue;
      const v = r.cumR2[now]! - r.cumR2[then]!;
      if (v > 0) zs.push((r.cumR[now]! - r.cumR[then]!) / Math.sqrt(v));
    }
    const market = zs.length > 0 ? zs.reduce((a, b) => a + b, 0) / zs.length : null;
    const firstSeenMs = Math.floor(l.firstSeenUs / 1000);
    const notice = l.openMs - firstSeenMs;
    const timing = !Number.isFinite(firstSeenMs) ? null : notice <= f.noticeP50Ms
      ? (-1.2815516 * Math.log(Math.max(notice, 1) / f.noticeP50Ms)) / Math.log(f.noticeP10Ms / f.noticeP50Ms)
      : (1.2815516 * Math.log(notice / f.noticeP50Ms)) / Math.log(f.noticeP90Ms / f.noticeP50Ms);
    const external = f.isolationCapMs === undefined ? this.competing(symbol, l.openMs, nowMs) : this.isolation(symbol, l.openMs, nowMs, f.isolationCapMs);
    return { history, market, timing, external };
  }

  /** Other listings' schedules seen before `nowMs`, as [open time] per symbol. */
  private *knownOpens(symbol: string, nowMs: number): Generator<number> {
    for (const [other, m] of this.schedules) {
      if (other === symbol) continue;
      for (const [openTime, firstUs] of m) if (firstUs < nowMs * 1000) yield openTime;
    }
  }

  private competing(symbol: string, openMs: number, nowMs: number): number {
    let n = 0;
    for (const [other, m] of this.schedules) {
      if (other === symbol) continue;
      for (const [openTime, firstUs] of m) {
        if (firstUs < nowMs * 1000 && Math.abs(openTime - openMs) <= this.f.competitorWindowMs) {
          n++;
          break;
        }
      }
    }
    return n === 0 ? 0 : -n;
  }

  private isolation(symbol: string, openMs: number, nowMs: number, cap: number): number {
    let before = cap;
    let after = cap;
    for (const openTime of this.knownOpens(symbol, nowMs)) {
      if (Math.abs(openTime - openMs) >= cap) continue;
      if (openTime <= openMs) before = Math.min(before, openMs - openTime);
      else after = Math.min(after, openTime - openMs);
    }
    return Math.log(before + 60_000) + Math.log(after + 60_000);
  }

  factors(symbol: string, nowMs: number): Factors | undefined {
    const raw = this.rawFactors(symbol, nowMs);
    if (raw === undefined) return undefined;
    const scale = (k: Factor): number => {
      const v = raw[k];
      const s = this.scaling[k];
      if (v === null || s === undefined || !(s.sd > 0)) return 0.5;
      return normalCdf((v - s.mean) / s.sd);
    };
    return { history: scale('history'), market: scale('market'), timing: scale('timing'), external: scale('external') };
  }

  confidence(symbol: string, nowMs: number): Confidence | undefined {
    const f = this.factors(symbol, nowMs);
    return f === undefined ? undefined : evaluateConfidence(f, this.model);
  }
}
