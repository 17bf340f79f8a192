/**
 * The default confidence provider: the four factors computed only from what the runner has seen
 * so far (so there is no look-ahead), scored with a model artifact (the prior when none is given).
 * The pipeline's calibrated features plug in through the same `ConfidenceProvider` interface.
 *
 * - history:  smoothed success rate (Beta(1,1)) of past listings seen in this run with the same
 *             last status tuple (sts,st,tt) before the open; success = the first minute's high is
 *             at least `successPct` above the first trade. Falls back to all past listings.
 * - market:   half the success rate of the last 10 listings, half BTC's one-hour trend
 *             (0.5 + 10·return, clamped) when BTCUSDT trades or klines are in the stream; else the rate alone.
 * - timing:   advance notice (log scale, 1 min → 0, 48 h → 1) at 70 %, plus 30 % when the status
 *             tuple has been stable for at least a minute.
 * - external: API-tradable known true 0.8 (+0.2 when the calendar gave a zone), unknown 0.5, false 0.
 */
import { evaluateConfidence, PRIOR_MODEL, type Confidence, type Factors, type ModelArtifact } from '../../core/confidence.ts';
import type { SniperEvent } from '../../core/events.ts';
import type { ConfidenceProvider } from '../../core/strategy.ts';
import { apiTradableSignal } from '../api-tradable.ts';

interface Seen {
  firstSeenMs: number;
  openTimeMs: number;
  tuple: string;
  tupleSinceMs: number;
  apiTradable: boolean | undefined;
  zone: string | undefined;
  openPrice: number;
  openMs: number;
  high: number;
  judged: boolean;
}

const clamp = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

export class PriorFeatureProvider implements ConfidenceProvider {
  private readonly seen = new Map<string, Seen>();
  private readonly outcomesByTuple = new Map<string, { n: number; wins: number }>();
  private readonly recent: boolean[] = [];
  private all = { n: 0, wins: 0 };
  private btc: { ms: number; price: number }[] = [];
  private lastBtcSampleMs = -Infinity;

  constructor(private readonly model: ModelArtifact = PRIOR_MODEL, private readonly successPct = 5, private readonly btcSymbol = 'BTCUSDT') {}

  observe(e: SniperEvent): void {
    switch (e.type) {
      case 'status':
      case 'listing': {
        const openTime = e.type === 'status' ? e.openTime : e.firstOpenTime;
        let s = this.seen.get(e.symbol);
        const ms = e.tsRecv / 1000;
        if (s === undefined) {
          s = { firstSeenMs: ms, openTimeMs: openTime ?? NaN, tuple: '', tupleSinceMs: ms, apiTradable: undefined, zone: undefined, openPrice: NaN, openMs: NaN, high: NaN, judged: false };
          this.seen.set(e.symbol, s);
        }
        if (openTime !== undefined) s.openTimeMs = openTime;
        if (e.type === 'listing') s.zone = e.zone;
        else {
          if (e.sts !== undefined || e.st !== undefined || e.tt !== undefined) {
            const tuple = `${e.sts ?? ''},${e.st ?? ''},${e.tt ?? ''}`;
            if (tuple !== s.tuple) {
              s.tuple = tuple;
              s.tupleSinceMs = ms;
            }
          }
          const api = apiTradableSignal(e, s.openTimeMs !== undefined && e.tsEvent >= s.openTimeMs);
          if (api !== undefined) s.apiTradable = api;
        }
        return;
      }
      case 'kline':
        if (e.symbol === this.btcSymbol) this.btcSample(e.tsRecv / 1000, e.close);
        return;
      case 'trade': {
        const ms = e.tsRecv / 1000;
        if (e.symbol === this.btcSymbol) {
          this.btcSample(ms, e.price);
          return;
        }
        const s = this.seen.get(e.symbol);
        if (s === undefined || s.judged) return;
        if (Number.isNaN(s.openPrice)) {
          s.openPrice = e.price;
          s.openMs = ms;
          s.high = e.price;
        } else if (ms <= s.openMs + 60_000) {
          if (e.price > s.high) s.high = e.price;
        } else {
          this.judge(s);
        }
        return;
      }
      default:
        return;
    }
  }

  private btcSample(ms: number, price: number): void {
    if (ms - this.lastBtcSampleMs < 60_000) return;
    this.btc.push({ ms, price });
    this.lastBtcSampleMs = ms;
    while (this.btc.length > 0 && this.btc[0]!.ms < ms - 3_600_000) this.btc.shift();
  }

  private judge(s: Seen): void {
    s.judged = true;
    const win = s.high >= s.openPrice * (1 + this.successPct / 100);
    const t = this.outcomesByTuple.get(s.tuple) ?? { n: 0, wins: 0 };
    this.outcomesByTuple.set(s.tuple, { n: t.n + 1, wins: t.wins + (win ? 1 : 0) });
    this.all = { n: this.all.n + 1, wins: this.all.wins + (win ? 1 : 0) };
    this.recent.push(win);
    if (this.recent.length > 10) this.recent.shift();
  }

  factors(symbol: string, nowMs: number): Factors | undefined {
    const s = this.seen.get(symbol);
    if (s === undefined) return undefined;
    const byTuple = this.outcomesByTuple.get(s.tuple);
    const base = byTuple !== undefined && byTuple.n >= 3 ? byTuple : this.all;
    const history = (base.wins + 1) / (base.n + 2);
    const recentRate = (this.recent.filter(Boolean).length + 1) / (this.recent.length + 2);
    let market = recentRate;
    if (this.btc.length >= 2) {
      const ret = this.btc[this.btc.length - 1]!.price / this.btc[0]!.price - 1;
      market = 0.5 * recentRate + 0.5 * clamp(0.5 + 10 * ret);
    }
    const noticeMin = Math.max(1, (s.openTimeMs - s.firstSeenMs) / 60_000);
    const notice = Number.isFinite(noticeMin) ? clamp(Math.log10(noticeMin) / Math.log10(48 * 60)) : 0;
    const stable = nowMs - s.tupleSinceMs >= 60_000 ? 1 : 0;
    const timing = 0.7 * notice + 0.3 * stable;
    const external = s.apiTradable === false ? 0 : s.apiTradable === true ? clamp(0.8 + (s.zone !== undefined ? 0.2 : 0)) : 0.5;
    return { history, market: clamp(market), timing: clamp(timing), external };
  }

  confidence(symbol: string, nowMs: number): Confidence | undefined {
    const f = this.factors(symbol, nowMs);
    return f === undefined ? undefined : evaluateConfidence(f, this.model);
  }
}
