/**
 * One listing's plan: who it is, when it is announced and opens, the status walk it shows,
 * whether the API may trade it, its hidden factors and the outcome those factors drive. A plan
 * is a pure function of (seed, index, scheduled open, scenario), so the live sim and
 * `sniper generate` build the same listing.
 */
import type { Scenario, StatusStep } from '../config/scenario.ts';
import { correlated, drawFactors, externalLatent, marketTrend, normaliseWeights, type ListingFactors } from './factors.ts';
import { quantileAt, REAL } from './real-figures.ts';
import { normalCdf, normalQuantile, rngFor, type Rng } from './rng.ts';

export type StatusTuple = readonly [sts: number, st: number, tt: number];
export type Deviation = 'none' | 'skips_ready' | 'early_ready' | 'steps_back' | 'other_code';

export interface StatusChange {
  readonly atMs: number;
  readonly tuple: StatusTuple;
}

export interface ListingOutcome {
  /** Target max high over the first 24 h divided by the open, minus 1. */
  readonly pump: number;
  /** Target first-24 h quote volume (USDT). */
  readonly volume24h: number;
  /** Latents that shape the path. */
  readonly zPump: number;
  readonly zVol: number;
  readonly zSd: number;
}

export interface ListingPlan {
  readonly index: number;
  readonly symbol: string;
  readonly vcoinId: string;
  readonly vcoinName: string;
  readonly vcoinNameFull: string;
  readonly zone: string;
  readonly contractAddress: string;
  readonly introductionEn: string;
  readonly createdAt: number;
  readonly scheduledOpen: number;
  readonly actualOpen: number;
  readonly apiTradable: boolean;
  readonly marketOrders: 'enabled' | 'disabled' | 'api_disabled';
  readonly deviation: Deviation;
  readonly statusTimeline: readonly StatusChange[];
  readonly priceScale: number;
  readonly quantityScale: number;
  readonly openPrice: number;
  readonly factors: ListingFactors;
  readonly outcome: ListingOutcome;
}

/** Calendar zones, from the lowest history trace to the highest (five near-equal shares). */
const ZONES = ['ASSESSMENT', 'INNOVATION', 'NEW', 'HOT', 'MAIN'] as const;
const ZONE_CUTS = [-0.84, -0.25, 0.25, 0.84];

/** Announcements come at most two weeks ahead (the lognormal tail is cut there). */
export const MAX_LEAD_MS = 14 * 86_400_000;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function tickerFor(rng: Rng, index: number): string {
  let suffix = '';
  let n = index;
  do {
    suffix = LETTERS[n % 26]! + suffix;
    n = Math.floor(n / 26);
  } while (n > 0);
  const head = LETTERS[rng.int(0, 25)]! + LETTERS[rng.int(0, 25)]!;
  return `${head}${suffix}`;
}

function hex(rng: Rng, chars: number): string {
  let s = '';
  while (s.length < chars) s += rng.nextU32().toString(16).padStart(8, '0');
  return s.slice(0, chars);
}

function statusWalk(steps: readonly StatusStep[], deviation: Deviation, createdAt: number, open: number, rng: Rng): StatusChange[] {
  const ordered = [...steps].sort((a, b) => b.beforeOpenSec - a.beforeOpenSec);
  const last = ordered[ordered.length - 1]!;
  let walk: StatusChange[] = ordered.map((s) => ({ atMs: Math.max(createdAt, open - s.beforeOpenSec * 1000), tuple: s.tuple }));
  switch (deviation) {
    case 'skips_ready':
      // the final tuple shows only once trading has started
      walk = [...walk.slice(0, -1), { atMs: open + rng.int(1, 30) * 1000, tuple: last.tuple }];
      break;
    case 'early_ready':
      walk = walk.map((c, i) => (i === walk.length - 1 ? { atMs: Math.max(createdAt, open - rng.int(2, 12) * 3_600_000), tuple: c.tuple } : c));
      break;
    case 'steps_back': {
      const ready = walk[walk.length - 1]!;
      const prev = walk[walk.length - 2] ?? ready;
      const back = ready.atMs + Math.max(1000, Math.round((open - ready.atMs) / 3));
      walk = [...walk, { atMs: back, tuple: prev.tuple }, { atMs: back + Math.max(1000, Math.round((open - back) / 2)), tuple: ready.tuple }];
      break;
    }
    case 'other_code':
      walk = walk.map((c, i) => (i === walk.length - 1 ? { atMs: c.atMs, tuple: [c.tuple[0], c.tuple[1], c.tuple[2] + 1] as StatusTuple } : c));
      break;
    case 'none':
      break;
  }
  walk.sort((a, b) => a.atMs - b.atMs);
  // collapse steps that land on the same instant: the later one wins
  return walk.filter((c, i) => i === walk.length - 1 || walk[i + 1]!.atMs !== c.atMs);
}

const DEVIATIONS: readonly Deviation[] = ['skips_ready', 'early_ready', 'steps_back', 'other_code'];

/**
 * `external` overrides the external latent (a generated lake ties it to competition, see
 * generate/schedule.ts); by default it comes from its own seeded stream.
 */
export function planListing(scenario: Scenario, index: number, scheduledOpen: number, external?: number): ListingPlan {
  const seed = scenario.seed;
  const cfg = scenario.listings;
  const rng = rngFor(seed, 'listing', index);
  const factors = drawFactors(rng, normaliseWeights(scenario.weights), marketTrend(seed, scheduledOpen), external ?? externalLatent(seed, index));
  const g = factors.latent;

  const vcoinName = tickerFor(rng, index);
  const leadMs = Math.min(MAX_LEAD_MS, Math.round(quantileAt(REAL.openMinusCreationMs, correlated(rng, g.timing, 0.8))));
  const createdAt = scheduledOpen - leadMs;
  const deviates = cfg.deviateShare > 0 && correlated(rng, -g.history, 0.6) < normalQuantile(Math.min(cfg.deviateShare, 1 - 1e-9));
  const deviation: Deviation = deviates ? rng.pick(DEVIATIONS) : 'none';
  const late = rng.chance(cfg.lateShare);
  const actualOpen = scheduledOpen + (late ? Math.max(1000, Math.round(rng.exponential(cfg.lateMeanSec * 1000))) : 0);
  const apiTradable = !rng.chance(cfg.notApiTradableShare);
  const m = rng.next();
  const marketOrders = m < cfg.marketDisabledShare ? 'disabled'
    : m < cfg.marketDisabledShare + cfg.apiMarketDisabledShare ? 'api_disabled' : 'enabled';

  const zoneTrace = correlated(rng, g.history, 0.85);
  const zone = ZONES[ZONE_CUTS.filter((c) => zoneTrace > c).length]!;
  const extTrace = correlated(rng, g.external, 0.6);
  const contractAddress = extTrace > -0.5 ? `0x${hex(rng, 40)}` : '';
  const introWords = 20 + Math.round(80 * normalCdf(correlated(rng, g.external, 0.6)));
  const introductionEn = `${vcoinName} is a ${introWords}-word project description.`;

  const openPrice0 = 10 ** rng.uniform(-4, 1);
  const priceScale = Math.min(10, Math.max(0, 4 - Math.floor(Math.log10(openPrice0))));
  const quantityScale = Math.min(6, Math.max(0, Math.floor(Math.log10(openPrice0)) + 3));
  const openPrice = Math.round(openPrice0 * 10 ** priceScale) / 10 ** priceScale;

  const zPump = correlated(rng, factors.signal, scenario.factorStrength);
  const zVol = correlated(rng, zPump, 0.6);
  const zSd = correlated(rng, zPump, 0.5);
  const outcome: ListingOutcome = {
    pump: quantileAt(REAL.pump, zPump),
    volume24h: quantileAt(REAL.volume24h, zVol),
    zPump, zVol, zSd,
  };

  return {
    index,
    symbol: `${vcoinName}USDT`,
    vcoinId: hex(rng, 32),
    vcoinName,
    vcoinNameFull: `${vcoinName[0]}${vcoinName.slice(1).toLowerCase()} Protocol`,
    zone,
    contractAddress,
    introductionEn,
    createdAt,
    scheduledOpen,
    actualOpen,
    apiTradable,
    marketOrders,
    deviation,
    statusTimeline: statusWalk(cfg.statusSequence, deviation, createdAt, scheduledOpen, rng),
    priceScale,
    quantityScale,
    openPrice,
    factors,
    outcome,
  };
}

/** The status tuple in force at a time (undefined before the listing is created). */
export function statusAt(plan: ListingPlan, timeMs: number): StatusTuple | undefined {
  if (timeMs < plan.createdAt) return undefined;
  let current: StatusTuple | undefined;
  for (const c of plan.statusTimeline) {
    if (c.atMs <= timeMs) current = c.tuple;
    else break;
  }
  return current ?? plan.statusTimeline[0]?.tuple;
}
