import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { SniperEvent } from '../core/events.ts';
import { delta, snapshot, status, trade } from '../execution/test-events.ts';
import { listingSniper } from '../strategies/listing-sniper.ts';
import { runBacktest } from './engine.ts';
import { writeRun } from './run-output.ts';
import { writeTestLake } from './test-lake.ts';

const dir = mkdtempSync(join(tmpdir(), 'bt-engine-'));
const lake = join(dir, 'lake');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = Date.parse('2026-11-23T08:00:00Z');

/** Three listings an hour apart: a pump, a dump, and one that opens late. */
function listingEvents(): SniperEvent[] {
  const out: SniperEvent[] = [];
  const one = (sym: string, open: number, path: number[], lateMs = 0) => {
    out.push(status(sym, open - 7_200_000, open, { source: 'calendar' }));
    out.push(status(sym, open - 30_000, open, { apiTradable: true }));
    out.push(snapshot(sym, open - 2000, [[0.95, 500]], [[1.0, 80], [1.01, 80], [1.03, 5000]]));
    out.push(trade(sym, open + 80 + lateMs, 1.0, 3));
    path.forEach((p, i) => {
      const t = open + 1000 + lateMs + i * 5000;
      out.push(delta(sym, t, [[+(p * 0.995).toFixed(4), 5000]], [[+(p * 1.005).toFixed(4), 5000]]));
      out.push(trade(sym, t + 1, p, 4, i % 2 === 0 ? 'buy' : 'sell'));
    });
  };
  one('PUMPUSDT', T + 3_600_000, [1.02, 1.07, 1.12, 1.18, 1.3, 1.28]);
  one('DUMPUSDT', T + 7_200_000, [0.99, 0.95, 0.88, 0.85]);
  one('LATEUSDT', T + 10_800_000, [1.05, 1.1], 5000);
  return out.sort((a, b) => a.tsRecv - b.tsRecv);
}

beforeAll(async () => {
  await writeTestLake(lake, listingEvents());
}, 60_000);

describe('backtest over a lake', () => {
  test('listing-sniper end to end: report fields, per-listing outcomes, Parquet outputs', async () => {
    const r = await runBacktest({ lakeDir: lake, strategy: listingSniper, params: { minScore: 0, quoteQty: 100 }, latency: { medianMs: 20, sigma: 0.3, minMs: 5 } });
    expect(r.events).toBe(listingEvents().length);
    const by = new Map(r.listings.map((l) => [l.symbol, l]));
    expect(by.get('PUMPUSDT')!.pnl).toBeGreaterThan(0);
    expect(by.get('PUMPUSDT')!.scheduledOpen).toBe(T + 3_600_000);
    expect(by.get('DUMPUSDT')!.exitReasons).toEqual(['stop_loss']);
    expect(by.get('LATEUSDT')!.outcome).toBe('missed');
    expect(r.metrics.trades).toBe(2);
    expect(r.metrics.winRate).toBe(0.5);
    expect(r.metrics.maxDrawdownPct).toBeGreaterThan(0);
    const out = join(dir, 'run1');
    const summary = await writeRun(out, r, { strategy: 'listing-sniper', params: { minScore: 0 }, lake, model: null, seed: 1, initialQuote: 1000 });
    const onDisk = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    for (const k of ['trades', 'winRate', 'pnl', 'returnPct', 'maxDrawdownPct', 'sharpe', 'evPerTrade', 'listings', 'decisionsHash']) expect(onDisk).toHaveProperty(k);
    expect(onDisk.decisionsHash).toBe(summary.decisionsHash);
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    const count = async (f: string) => Number((await con.runAndReadAll(`SELECT count(*) FROM '${join(out, f)}'`)).getRows()[0]![0]);
    expect(await count('trades.parquet')).toBe(2);
    expect(await count('decisions.parquet')).toBe(r.decisions.records.length);
    expect(await count('equity.parquet')).toBe(r.equity.length);
    con.closeSync();
    inst.closeSync();
  }, 60_000);

  test('determinism: two runs over the same lake (random latency, same seed) give one decisions hash', async () => {
    const opts = { lakeDir: lake, strategy: listingSniper, params: { minScore: 0 }, seed: 42, latency: { medianMs: 25, sigma: 0.5, minMs: 2 } } as const;
    const a = await runBacktest(opts);
    const b = await runBacktest(opts);
    expect(a.decisions.records.length).toBeGreaterThan(20);
    expect(b.decisions.hash()).toBe(a.decisions.hash());
    expect(b.metrics).toEqual(a.metrics);
  }, 60_000);
});
