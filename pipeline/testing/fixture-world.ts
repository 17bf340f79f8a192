/**
 * A small listing world with a known truth, written as a lake, for the pipeline's own tests and
 * benchmark. Each listing's four factors are built from observables exactly the way
 * pipeline/sql/03_features.sql reads them (advance notice, the BTCUSDT trend over the day
 * before the decision, the gaps to the neighbouring known opens, the smoothed success rate of
 * earlier listings with the same zone and status tuple), and success is drawn with probability σ(k·(Σ wj·xj − c)). A success
 * tape climbs through every take-profit level; a failure tape falls through the stop.
 */
import { FACTORS, type Factors } from '../../core/confidence.ts';
import type { RowOf } from '../../lake/table-batch.ts';
import { normalCdf, normalScoreLogLinear } from '../stats/normal.ts';
import { seededRng } from '../stats/rng.ts';
import type { LakeRows } from './lake-writer.ts';

export interface WorldSpec {
  readonly listings: number;
  readonly weights: Factors;
  readonly seed?: number;
  readonly steepness?: number;
  readonly center?: number;
  readonly meanSpacingMs?: number;
  readonly startMs?: number;
}

export interface WorldListing {
  readonly symbol: string;
  readonly openMs: number;
  readonly decisionMs: number;
  readonly zone: string;
  readonly lastTuple: string;
  readonly factors: Factors;
  readonly probability: number;
  readonly success: 0 | 1;
}

export interface World {
  readonly listings: readonly WorldListing[];
  readonly rows: Required<Pick<LakeRows, 'listings' | 'status' | 'trades' | 'depth_updates' | 'klines'>>;
}

const ZONES = ['NEW', 'HOT', 'MAIN', 'INNOVATION'] as const;
const LEAD = 5000; // decision lead, as featureParams.decisionLeadMs
const NOTICE_MIN = 10 * 60_000;
const NOTICE_MAX = 48 * 3_600_000;
/** featureParams notice quantiles and market lookback. */
const NOTICE_KNOTS = [[-1.2815516, 13 * 60_000], [0, 54 * 60_000], [1.2815516, 31 * 3_600_000]] as const;
const LOOKBACK = 86_400_000;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function buildWorld(spec: WorldSpec): World {
  const rng = seededRng(spec.seed ?? 1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const start = spec.startMs ?? Date.UTC(2026, 0, 1);
  const spacing = spec.meanSpacingMs ?? 3 * 3_600_000;
  const rows: World['rows'] = { listings: [], status: [], trades: [], depth_updates: [], klines: [] };
  let seq = 0;
  const time = (ms: number, symbol: string, conn = 'fixture') => ({ ts_event: ms, ts_recv: ms * 1000, seq: ++seq, conn_id: conn, symbol });

  // Schedules first (competition and the reference series need all of them).
  const plan: { symbol: string; openMs: number; noticeMs: number; zone: string; tuple: string; timing: number }[] = [];
  let t = start + 4 * 86_400_000;
  for (let i = 0; i < spec.listings; i++) {
    t += Math.max(20 * 60_000, Math.round(-Math.log(1 - rng()) * spacing));
    const noticeMs = Math.round(NOTICE_MIN * (NOTICE_MAX / NOTICE_MIN) ** rng());
    const timing = normalScoreLogLinear(noticeMs, NOTICE_KNOTS);
    const zone = ZONES[Math.floor(rng() * ZONES.length)]!;
    plan.push({ symbol: `FX${String(i).padStart(6, '0')}USDT`, openMs: t, noticeMs, zone, tuple: rng() < 0.85 ? '2:2:4' : '2:2:3', timing });
  }
  // BTCUSDT: a Min1 kline every 10 minutes, a random walk with about 3 % daily volatility;
  // running sums of log returns as 03_features.sql keeps them.
  const ref: { ms: number; cumR: number; cumR2: number }[] = [];
  let price = 60_000;
  let cumR = 0, cumR2 = 0;
  for (let ms = start; ms <= t + 3_600_000; ms += 600_000) {
    const prev = price;
    price *= Math.exp(0.0025 * normal());
    if (ref.length > 0) { const r = Math.log(price / prev); cumR += r; cumR2 += r * r; }
    ref.push({ ms, cumR, cumR2 });
    rows.klines.push({ ...time(ms, 'BTCUSDT'), interval: 'Min1', open_time: ms - 60_000, close_time: ms, open: prev, high: Math.max(prev, price), low: Math.min(prev, price), close: price, base_volume: 1, quote_volume: price });
  }
  const refBefore = (ms: number) => {
    let lo = 0, hi = ref.length - 1, best: (typeof ref)[number] | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ref[mid]!.ms < ms) { best = ref[mid]!; lo = mid + 1; } else hi = mid - 1;
    }
    return best;
  };

  const byKey = new Map<string, { n: number; s: number }>();
  let nAll = 0, sAll = 0;
  const listings: WorldListing[] = [];
  const scale = new RunningScale(20);
  let lo = 0; // first plan entry that can still compete (opens within an hour before)
  for (const p of plan) {
    while (plan[lo]!.openMs <= p.openMs - 4 * 3_600_000) lo++;
    const decisionMs = p.openMs - LEAD;
    const firstSeen = p.openMs - p.noticeMs;
    const key = `${p.zone}|${p.tuple}`;
    const g = byKey.get(key) ?? { n: 0, s: 0 };
    const history = (g.s + 10 * ((sAll + 1) / (nAll + 2))) / (g.n + 10);
    const now = refBefore(decisionMs), then = refBefore(decisionMs - LOOKBACK);
    const market = (now!.cumR - then!.cumR) / Math.sqrt(now!.cumR2 - then!.cumR2);
    // isolation from the schedules known before the decision, gaps capped at 4 h
    const CAP = 4 * 3_600_000;
    let before = CAP, after = CAP;
    for (let j = lo; j < plan.length && plan[j]!.openMs < p.openMs + CAP; j++) {
      const o = plan[j]!;
      if (o === p || o.openMs - o.noticeMs >= decisionMs || o.openMs <= p.openMs - CAP) continue;
      if (o.openMs <= p.openMs) before = Math.min(before, p.openMs - o.openMs);
      else after = Math.min(after, o.openMs - p.openMs);
    }
    const external = Math.log(before + 60_000) + Math.log(after + 60_000);
    const factors = scale.next({ history, market, timing: p.timing, external });
    const score = FACTORS.reduce((a, f) => a + spec.weights[f] * factors[f], 0);
    const probability = sigmoid((spec.steepness ?? 10) * (score - (spec.center ?? 0.5)));
    const success: 0 | 1 = rng() < probability ? 1 : 0;
    listings.push({ symbol: p.symbol, openMs: p.openMs, decisionMs, zone: p.zone, lastTuple: p.tuple, factors, probability, success });
    byKey.set(key, { n: g.n + 1, s: g.s + success });
    nAll++; sAll += success;
    writeListing(rows, time, p, firstSeen, success, 1 + rng() * 9);
  }
  return { listings, rows };
}

/** Φ of each raw factor in standard units of the earlier listings, as 03_features.sql scales them. */
class RunningScale {
  private n = 0;
  private readonly sum = [0, 0, 0, 0];
  private readonly sumSq = [0, 0, 0, 0];
  constructor(private readonly minHistory: number) {}
  next(raw: Factors): Factors {
    const out = FACTORS.map((f, j) => {
      const mu = this.sum[j]! / this.n;
      const sd = Math.sqrt(Math.max(0, this.sumSq[j]! / this.n - mu * mu));
      return this.n >= this.minHistory && sd > 0 ? normalCdf((raw[f] - mu) / sd) : 0.5;
    });
    this.n++;
    FACTORS.forEach((f, j) => { this.sum[j]! += raw[f]; this.sumSq[j]! += raw[f] * raw[f]; });
    return { history: out[0]!, market: out[1]!, timing: out[2]!, external: out[3]! };
  }
}

type TimeFn = (ms: number, symbol: string, conn?: string) => { ts_event: number; ts_recv: number; seq: number; conn_id: string; symbol: string };

function writeListing(rows: World['rows'], time: TimeFn, p: { symbol: string; openMs: number; noticeMs: number; zone: string; tuple: string }, firstSeen: number, success: 0 | 1, p0: number): void {
  const { symbol, openMs } = p;
  const vcoin = `v-${symbol}`;
  const status = (ms: number, source: string, tuple: string | null, extra: Partial<RowOf<'status'>> = {}): RowOf<'status'> => {
    const [sts, st, tt] = tuple === null ? [null, null, null] : tuple.split(':').map(Number);
    return { ...time(ms, symbol), source, vcoin_id: vcoin, sts: sts ?? null, st: st ?? null, tt: tt ?? null, open_time: openMs, exchange_status: null, api_tradable: null, ...extra };
  };
  rows.listings.push({ ...time(firstSeen, symbol), vcoin_id: vcoin, vcoin_name: symbol.replace('USDT', ''), vcoin_name_full: `Project ${symbol}`, zone: p.zone, first_seen: firstSeen, scheduled_open: openMs, actual_open: null, api_tradable: null, status_timeline: '[]' });
  rows.status.push(status(firstSeen, 'calendar', null));
  rows.status.push(status(firstSeen + 1, 'symbols_v2', '1:1:1'));
  rows.status.push(status(openMs - Math.round(p.noticeMs / 2), 'symbols_v2', '2:1:2'));
  rows.status.push(status(openMs - Math.round(p.noticeMs / 10), 'symbols_v2', p.tuple));
  rows.status.push(status(openMs - Math.round(p.noticeMs / 10) + 1, 'default_symbols', null, { api_tradable: true, open_time: null }));
  rows.status.push(status(openMs + 60_000, 'symbols_v2', '2:2:4'));
  // After the open the recorder writes the listing again, with the actual open.
  rows.listings.push({ ...time(openMs + 180_000, symbol), vcoin_id: vcoin, vcoin_name: symbol.replace('USDT', ''), vcoin_name_full: `Project ${symbol}`, zone: p.zone, first_seen: firstSeen, scheduled_open: openMs, actual_open: openMs + 100, api_tradable: true, status_timeline: '[]' });
  const book = (ms: number, price: number): RowOf<'depth_updates'> => ({
    ...time(ms, symbol), kind: 'limit', from_version: ms, to_version: ms,
    bid_prices: [price * 0.999, price * 0.99], bid_qtys: [1e6, 1e6], ask_prices: [price, price * 1.01], ask_qtys: [1e6, 1e6],
  });
  rows.depth_updates.push(book(openMs - 2000, p0));
  rows.trades.push({ ...time(openMs + 100, symbol), price: p0, qty: 10, side: 'buy', trade_time: openMs + 100, trade_id: null });
  const path = success ? [1.08, 1.12, 1.18, 1.3] : [0.97, 0.85, 0.8];
  path.forEach((m, i) => {
    const ms = openMs + 30_000 * (i + 1);
    rows.depth_updates.push(book(ms - 1, p0 * m));
    rows.trades.push({ ...time(ms, symbol), price: p0 * m, qty: 5, side: m > 1 ? 'buy' : 'sell', trade_time: ms, trade_id: null });
  });
}
