/**
 * `sniper generate` writes a readable lake whose rows are the live sim's market: the trades and
 * the aggre.deals bytes of a listing's first seconds equal what the live symbol market produces.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLakeTable } from '../../lake/read-lake.ts';
import { decodeFrame, encodeFrame } from '../../adapters/mexc/proto/codec.ts';
import { parseScenario } from '../config/scenario.ts';
import { planListing } from '../market/listing-plan.ts';
import { SymbolMarket, type PublicTrade } from '../market/symbol-market.ts';
import { ListingSource } from '../market/trade-source.ts';
import { listingMakerStyle } from '../market/market.ts';
import { dealsFrame } from '../server/frame-builders.ts';
import { generateLake } from './generate-lake.ts';

const dir = mkdtempSync(join(tmpdir(), 'sim-generate-'));
const scenario = parseScenario({ seed: 9, established: [{ symbol: 'BTCUSDT', price: 86_500, priceScale: 2, quantityScale: 6 }] });
let result: Awaited<ReturnType<typeof generateLake>>;

beforeAll(async () => {
  result = await generateLake({ scenario, lake: dir, listings: 8, startMs: Date.UTC(2026, 2, 1), meanSpacingMs: 1_800_000, tradeMs: 600_000 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Truth { weights: Record<string, number>; listings: { symbol: string; index: number; scheduledOpen: number; actualOpen: number; factors: Record<string, number>; latent: Record<string, number>; pump: number }[] }

test('every table is readable and ground_truth.json holds the weights and every listing', async () => {
  expect(result.listings).toBe(8);
  const truth = JSON.parse(readFileSync(join(dir, 'ground_truth.json'), 'utf8')) as Truth;
  expect(Object.keys(truth.weights).sort()).toEqual(['external', 'history', 'market', 'timing']);
  expect(truth.listings.length).toBe(8);
  for (const l of truth.listings) for (const v of Object.values(l.factors)) expect(v).toBeGreaterThanOrEqual(0);
  for (const t of ['listings', 'status', 'trades', 'klines', 'depth_updates', 'book_tickers', 'raw_frames'] as const) {
    expect((await readLakeTable(dir, t)).length).toBeGreaterThan(0);
  }
  const listings = await readLakeTable(dir, 'listings');
  expect(listings.map((r) => r.symbol).sort()).toEqual(truth.listings.map((l) => l.symbol).sort());
  const status = await readLakeTable(dir, 'status', { where: "source = 'symbols_v2'" });
  expect(status.length).toBeGreaterThanOrEqual(8);
});

test("a listing's trades and raw frames are the live sim's", async () => {
  const truth = JSON.parse(readFileSync(join(dir, 'ground_truth.json'), 'utf8')) as Truth;
  const t0 = truth.listings[0]!;
  const plan = planListing(scenario, t0.index, t0.scheduledOpen, t0.latent.external);
  expect(plan.symbol).toBe(t0.symbol);
  const live = new SymbolMarket(scenario.seed, plan.symbol, new ListingSource(scenario.seed, plan), listingMakerStyle(plan), plan);
  const trades: PublicTrade[] = [];
  const frames: Uint8Array[] = [];
  let window: PublicTrade[] = [];
  const end = plan.actualOpen + 5000;
  for (let t = Math.floor(plan.actualOpen / 10) * 10; t < end; t += 10) {
    const r = live.advance(t, t + 10);
    trades.push(...r.trades);
    window.push(...r.trades);
    if ((t + 10) % 100 === 0 && window.length > 0) {
      frames.push(encodeFrame(dealsFrame(scenario.seed, live, '100ms', window, t + 10)));
      window = [];
    }
  }
  const lakeTrades = await readLakeTable(dir, 'trades', { where: `symbol = '${plan.symbol}' AND trade_time < ${end - (end % 100)}`, orderBy: 'seq' });
  const liveTrades = trades.filter((t) => t.timeMs < end - (end % 100));
  expect(lakeTrades.length).toBe(liveTrades.length);
  expect(lakeTrades.map((r) => [r.trade_id, r.trade_time, r.price, r.qty])).toEqual(
    liveTrades.map((t) => [t.id, t.timeMs, t.ticks / live.pMul, t.lots / live.qMul]));
  const raw = await readLakeTable(dir, 'raw_frames', { where: `symbol = '${plan.symbol}' AND channel LIKE 'spot@public.aggre.deals%'`, orderBy: 'seq' });
  const lakeFrames = raw.map((r) => r.frame as Uint8Array).filter((f) => (decodeFrame(f).createTime ?? 0) <= end - (end % 100));
  expect(lakeFrames.length).toBe(frames.filter((f) => (decodeFrame(f).createTime ?? 0) <= end - (end % 100)).length);
  lakeFrames.forEach((f, i) => expect(Buffer.compare(Buffer.from(f), Buffer.from(frames[i]!))).toBe(0));
});
