/** `sniper generate` as a process: a summary line on stdout, a lake and ground_truth.json on disk. */
import { afterAll, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(import.meta.dir, '..', 'sniper.ts');
const dir = mkdtempSync(join(tmpdir(), 'cli-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('writes the lake and the ground truth, and reports throughput', async () => {
  const lake = join(dir, 'lake');
  const proc = Bun.spawn([process.execPath, CLI, 'generate', '--listings', '5', '--lake', lake, '--seed', '4', '--symbols', 'BTCUSDT'], { stdout: 'pipe', stderr: 'pipe' });
  expect(await proc.exited).toBe(0);
  const summary = JSON.parse(await new Response(proc.stdout).text()) as { listings: number; rows: number; listingsPerSec: number };
  expect(summary.listings).toBe(5);
  expect(summary.rows).toBeGreaterThan(1000);
  expect(summary.listingsPerSec).toBeGreaterThan(0);
  const truth = JSON.parse(readFileSync(join(lake, 'ground_truth.json'), 'utf8')) as { weights: Record<string, number>; listings: unknown[] };
  expect(truth.listings.length).toBe(5);
  expect(Object.values(truth.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  for (const t of ['raw_frames', 'trades', 'klines', 'status', 'listings', 'depth_updates', 'book_tickers']) expect(existsSync(join(lake, t))).toBe(true);
});
