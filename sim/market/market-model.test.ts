/**
 * The listing model against architecture §7's real figures, over 600 listings six hours apart (several market-regime cycles): the quantiles of
 * pump, range, hourly-return SD, first-day volume, the 7-day return and open-minus-creation
 * within tolerances that allow for sampling noise, plus the shares and the factor dependence.
 */
import { expect, test } from 'bun:test';
import { parseScenario } from '../config/scenario.ts';
import { planListing } from './listing-plan.ts';
import { buildPricePath } from './price-path.ts';
import { pathBars, statsFromBars } from './path-stats.ts';
import { sampleQuantile } from './real-figures.ts';

const scenario = parseScenario({ seed: 21 });
const N = 600;
const plans = Array.from({ length: N }, (_, i) => planListing(scenario, i, Date.UTC(2026, 0, 1) + i * 6 * 3_600_000));
const stats = plans.map((p) => statsFromBars(pathBars(buildPricePath(scenario.seed, p))));
const q = (xs: number[], p: number) => sampleQuantile(xs, p);
const within = (got: number, want: number, rel: number) => {
  expect(got).toBeGreaterThanOrEqual(want * (1 - rel));
  expect(got).toBeLessThanOrEqual(want * (1 + rel));
};

test('pump quantiles match the real ones', () => {
  const pump = stats.map((s) => s.pump);
  within(q(pump, 0.1), 0.01, 0.4);
  within(q(pump, 0.25), 0.04, 0.3);
  within(q(pump, 0.5), 0.16, 0.25);
  within(q(pump, 0.75), 0.47, 0.25);
  within(q(pump, 0.9), 0.93, 0.25);
});

test('range, hourly SD, volume and the 7-day return', () => {
  within(q(stats.map((s) => s.range), 0.5), 0.54, 0.3);
  within(q(stats.map((s) => s.range), 0.9), 1.99, 0.3);
  within(q(stats.map((s) => s.hourlySd), 0.5), 0.05, 0.3);
  within(q(stats.map((s) => s.hourlySd), 0.9), 0.12, 0.35);
  const vol = stats.map((s) => s.volume24h);
  within(q(vol, 0.1), 190_000, 0.5);
  within(q(vol, 0.5), 6_100_000, 0.3);
  within(q(vol, 0.9), 106_000_000, 0.5);
  const r7 = q(stats.map((s) => s.return7d), 0.5);
  expect(r7).toBeGreaterThan(-0.16);
  expect(r7).toBeLessThan(0.02);
});

test('scheduled open minus creation', () => {
  const lead = plans.map((p) => p.scheduledOpen - p.createdAt);
  within(q(lead, 0.1), 13 * 60_000, 0.35);
  within(q(lead, 0.5), 54 * 60_000, 0.3);
  within(q(lead, 0.9), 31 * 3_600_000, 0.4);
});

test('shares of untradable, late and deviating listings follow the scenario', () => {
  const share = (f: (p: (typeof plans)[number]) => boolean) => plans.filter(f).length / N;
  within(share((p) => !p.apiTradable), 0.15, 0.35);
  within(share((p) => p.actualOpen > p.scheduledOpen), 0.1, 0.4);
  within(share((p) => p.deviation !== 'none'), 0.2, 0.35);
  // the ready tuple (2,2,4) is the last pre-open step of every listing that follows the default walk
  for (const p of plans.filter((x) => x.deviation === 'none')) {
    const pre = p.statusTimeline.filter((c) => c.atMs <= p.scheduledOpen);
    expect([...pre.at(-1)!.tuple]).toEqual([2, 2, 4]);
  }
});

test('every time in a plan is a whole millisecond (the lake stores them as BIGINT)', () => {
  // steps squeezed by a short announcement are the rare case: look at many plans
  let bad = 0;
  for (let i = 0; i < 20_000; i++) {
    const p = planListing(scenario, i, Date.UTC(2026, 0, 1) + i * 1_800_000);
    for (const t of [p.createdAt, p.scheduledOpen, p.actualOpen, ...p.statusTimeline.map((c) => c.atMs)]) if (!Number.isSafeInteger(t)) bad++;
  }
  expect(bad).toBe(0);
});

function spearman(a: number[], b: number[]): number {
  const rank = (xs: number[]) => {
    const idx = xs.map((x, i) => [x, i] as const).sort((u, v) => u[0] - v[0]);
    const r = new Array<number>(xs.length);
    idx.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const d2 = ra.reduce((s, r, i) => s + (r - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

test('the hidden factors drive the pump with their true weights', () => {
  const pump = stats.map((s) => s.pump);
  const w = scenario.weights;
  const score = plans.map((p) => w.history * p.factors.latent.history + w.market * p.factors.latent.market + w.timing * p.factors.latent.timing + w.external * p.factors.latent.external);
  expect(spearman(score, pump)).toBeGreaterThan(0.5);
  const byFactor = (f: 'history' | 'market' | 'timing' | 'external') => spearman(plans.map((p) => p.factors.latent[f]), pump);
  expect(byFactor('history')).toBeGreaterThan(byFactor('timing'));
  expect(byFactor('external')).toBeGreaterThan(byFactor('timing'));
  expect(byFactor('timing')).toBeGreaterThan(0);
});
