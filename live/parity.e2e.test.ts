/**
 * The parity promise (house style): a paper run against `sniper sim`, recorded, then replayed
 * through the backtester gives the decisions it made live. The sim opens one listing a few
 * seconds in; `sniper live` snipes it in paper mode (entry fill, time-stop exit) and writes its
 * run folder; `sniper backtest` replays the folder's lake with the command the summary gives.
 * Both are real child processes, as a user runs them. The sim drops the connection every 5 s and
 * injects version gaps and garbage frames, so the recording holds reconnects and gaps too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { startSim, type SimProcess } from '../ingest/testing/sim-process.ts';

const CLI = join(import.meta.dir, '..', 'cli', 'sniper.ts');
let root: string;
let sim: SimProcess;
let live: { code: number; stdout: string; stderr: string };
let summary: Record<string, unknown> & { decisionsHash: string; endUs: number; replay: { command: string[] } };
let replay: Record<string, unknown> & { decisionsHash: string };
const runDir = () => join(root, 'run');

async function sniper(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = Bun.spawn([process.execPath, CLI, ...args], { stdout: 'pipe', stderr: 'pipe', env: { ...process.env, LOG_LEVEL: 'warn' } });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { code, stdout, stderr };
}

async function decisionRows(file: string): Promise<unknown[][]> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    const r = await con.runAndReadAll(`SELECT ts_us, symbol, kind, decision, reason, data FROM read_parquet('${file}')`);
    return r.getRows().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'live-parity-'));
  const scenario = join(root, 'scenario.json');
  // every listing API-tradable, on time, with market orders allowed: the run must reach a fill
  writeFileSync(scenario, JSON.stringify({ listings: { notApiTradableShare: 0, lateShare: 0, marketDisabledShare: 0, apiMarketDisabledShare: 0, deviateShare: 0 } }));
  sim = await startSim(['--listings', '1', '--first-open-in', '8', '--listing-interval', '60', '--seed', '3', '--scenario', scenario, '--faults', 'disconnect=5s,gap=0.005,garbage=0.002']);
  live = await sniper([
    'live', '--venue', 'sim', '--rest', sim.rest, '--ws', sim.ws, '--strategy', 'listing-sniper', '--duration', '17', '--out', runDir(), '--json',
    '--param', 'minScore=0', '--param', 'requireApiTradable=false', '--param', 'windowEndMs=4000', '--param', 'timeStopMs=2000',
  ]);
  if (live.code !== 0) throw new Error(`sniper live failed (${live.code}): ${live.stderr.slice(-2000)}`);
  summary = JSON.parse(live.stdout);
  const [cmd, ...args] = summary.replay.command;
  expect(cmd).toBe('sniper');
  const bt = await sniper(args);
  if (bt.code !== 0) throw new Error(`sniper backtest failed (${bt.code}): ${bt.stderr.slice(-2000)}`);
  replay = JSON.parse(readFileSync(join(runDir(), 'replay', 'summary.json'), 'utf8'));
}, 45_000);

afterAll(async () => {
  await sim?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('sniper live (paper) against sim, replayed by sniper backtest', () => {
  test('the live run sniped the listing: an entry fill and a closed round trip', () => {
    expect(summary.mode).toBe('paper'); // the default
    expect(summary.failure).toBeNull();
    expect((summary.listings as unknown[]).length).toBe(1);
    expect(summary.fills as number).toBeGreaterThanOrEqual(2);
    expect(summary.trades).toBe(1);
    expect(summary.openPositions).toBe(0);
    expect((summary.feed as { reconnects: number }).reconnects).toBeGreaterThanOrEqual(1);
  });

  test('a person watching saw the status line on stderr; stdout carried only the summary', () => {
    expect(live.stderr).toMatch(/live paper sim \| 0:1\d \| conns \d/);
    expect(live.stderr).not.toContain('"level":50'); // no error lines
    expect(summary.replay.command[0]).toBe('sniper');
  });

  test('the run folder holds the audit trail', () => {
    for (const f of ['summary.json', 'decisions.jsonl', 'decisions.parquet', 'orders.parquet', 'fills.parquet', 'lake/trades', 'lake/status', 'lake/raw_frames']) {
      expect(existsSync(join(runDir(), f))).toBe(true);
    }
  });

  test('the replay makes the same decisions: same decisionsHash, same rows', async () => {
    expect(replay.decisions).toBe(summary.decisions);
    expect(replay.decisionsHash).toBe(summary.decisionsHash);
    const [a, b] = await Promise.all([decisionRows(join(runDir(), 'decisions.parquet')), decisionRows(join(runDir(), 'replay', 'decisions.parquet'))]);
    expect(a.length).toBe(summary.decisions as number);
    expect(b).toEqual(a);
    expect(a.some((r) => r[2] === 'fill')).toBe(true);
    expect(replay.trades).toBe(summary.trades);
  });
});
