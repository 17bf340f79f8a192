import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

// processes under a loaded machine take seconds: every test here has a 60 s limit
const SNIPER = resolve(import.meta.dir, '..', 'sniper.ts');
const dir = mkdtempSync(join(tmpdir(), 'bt-cli-'));
const lake = join(dir, 'lake');

async function sniper(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const p = Bun.spawn([process.execPath, SNIPER, ...args], { stdout: 'pipe', stderr: 'pipe' });
  const [code, out, err] = await Promise.all([p.exited, new Response(p.stdout).text(), new Response(p.stderr).text()]);
  return { code, out, err };
}

interface Truth { listings: { symbol: string; apiTradable: boolean; actualOpen: number | null }[] }

beforeAll(async () => {
  const g = await sniper('generate', '--listings', '16', '--lake', lake, '--seed', '11');
  if (g.code !== 0) throw new Error(`generate failed: ${g.err}`);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sniper backtest over a `sniper generate` lake', () => {
  test('a sensible report, the run folder, one hash across processes, nothing filled before the open', async () => {
    const a = await sniper('backtest', '--lake', lake, '--strategy', 'listing-sniper', '--param', 'minScore=0', '--out', join(dir, 'a'));
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/backtest listing-sniper: [\d,]+ events/);
    expect(a.out).toMatch(/trades +\d+ +wins/);
    const b = await sniper('backtest', '--lake', lake, '--strategy', 'listing-sniper', '--param', 'minScore=0', '--out', join(dir, 'b'), '--quiet');
    expect(b.code).toBe(0);
    const sa = JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8'));
    const sb = JSON.parse(readFileSync(join(dir, 'b', 'summary.json'), 'utf8'));
    expect(sb.decisionsHash).toBe(sa.decisionsHash);
    expect(sa.trades).toBeGreaterThan(0);
    const truth = JSON.parse(readFileSync(join(lake, 'ground_truth.json'), 'utf8')) as Truth;
    expect(sa.listings.length).toBe(truth.listings.length);
    const outcome = new Map<string, string>(sa.listings.map((l: { symbol: string; outcome: string }) => [l.symbol, l.outcome]));
    for (const l of truth.listings) if (!l.apiTradable) expect(outcome.get(l.symbol)).not.toBe('entered');
    // every buy fill comes after the symbol's first recorded trade
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    const rows = (await con.runAndReadAll(`
      SELECT d.symbol, min(d.ts_us) AS first_fill, (SELECT min(ts_recv) FROM read_parquet('${lake}/trades/**/*.parquet') t WHERE t.symbol = d.symbol) AS first_trade
      FROM '${join(dir, 'a', 'decisions.parquet')}' d WHERE d.kind = 'fill' AND d.decision = 'buy' GROUP BY d.symbol`)).getRowsJS();
    con.closeSync();
    inst.closeSync();
    expect(rows.length).toBe(sa.trades);
    for (const [, firstFill, firstTrade] of rows) expect(Number(firstFill)).toBeGreaterThan(Number(firstTrade));
  }, 60_000);

  test('a sweep runs each parameter set in its own process and writes one row per set', async () => {
    const r = await sniper('backtest', '--lake', lake, '--strategy', 'listing-sniper', '--param', 'minScore=0', '--sweep', 'quoteQty=20,60', '--out', join(dir, 's'), '--quiet');
    expect(r.code).toBe(0);
    const rows = JSON.parse(readFileSync(join(dir, 's', 'sweep.json'), 'utf8')) as { quoteQty: string; error: unknown; trades: number; decisionsHash: string }[];
    expect(rows.map((x) => x.quoteQty)).toEqual(['20', '60']);
    expect(rows.every((x) => x.error === null && x.trades > 0)).toBe(true);
    expect(rows[0]!.decisionsHash).not.toBe(rows[1]!.decisionsHash);
  }, 60_000);

  test('bad input is one line and exit 2', async () => {
    const r = await sniper('backtest', '--lake', lake, '--strategy', 'nope', '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(r.err).toMatch(/unknown strategy/);
    const p = await sniper('backtest', '--lake', lake, '--strategy', 'listing-sniper', '--param', 'quoteQty=-5', '--out', join(dir, 'x'));
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/quoteQty/);
  }, 60_000);
});
