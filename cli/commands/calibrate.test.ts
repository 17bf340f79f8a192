import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelArtifactSchema } from '../../core/confidence.ts';
import { buildWorld } from '../../pipeline/testing/fixture-world.ts';
import { writeLakeRows } from '../../pipeline/testing/lake-writer.ts';

const SNIPER = join(import.meta.dir, '..', 'sniper.ts');
let dir: string;

function run(args: string[]) {
  const r = Bun.spawnSync([process.execPath, SNIPER, 'calibrate', ...args], { env: { ...process.env, LOG_LEVEL: 'error' } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-calibrate-'));
  const world = buildWorld({ listings: 200, weights: { history: 0.3, market: 0.3, timing: 0.2, external: 0.2 }, seed: 8 });
  await writeLakeRows(join(dir, 'lake'), world.rows);
  mkdirSync(join(dir, 'empty'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sniper calibrate', () => {
  test('bad flags are one line and exit 2', () => {
    for (const args of [['--lake', 'x'], ['--out', 'm.txt'], ['--out', 'm.json', '--from', '2026-02-01', '--to', '2026-01-01'], ['--out', 'm.json', '--folds', '0']]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  }, 30_000);

  test('an empty lake says so and exits 1', () => {
    const r = run(['--lake', join(dir, 'empty'), '--out', join(dir, 'x.json')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no Parquet files');
  });

  test('writes a loadable artifact and prints the report', () => {
    const out = join(dir, 'models', 'm.json');
    const r = run(['--lake', join(dir, 'lake'), '--out', out, '--bootstrap', '20']);
    expect(r.code).toBe(0);
    for (const s of ['weights', 'calibration', 'threshold', 'reliability', 'EV by score', 'walk-forward', 'status tuples']) expect(r.out).toContain(s);
    const artifact = modelArtifactSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(artifact.data.listings).toBe(200);
    expect(artifact.metrics.brier).toBeGreaterThan(0);
  }, 30_000);

  test('--from/--to restrict the listings by decision time', () => {
    const out = join(dir, 'range.json');
    const all = modelArtifactSchema.parse(JSON.parse(readFileSync(join(dir, 'models', 'm.json'), 'utf8')));
    const range = all.data.range as { firstDecisionMs: number; lastDecisionMs: number };
    const mid = Math.round((range.firstDecisionMs + range.lastDecisionMs) / 2);
    const r = run(['--lake', join(dir, 'lake'), '--out', out, '--from', String(mid), '--bootstrap', '0']);
    expect(r.code).toBe(0);
    const part = modelArtifactSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(part.data.listings as number).toBeLessThan(200);
    expect((part.data.range as { firstDecisionMs: number }).firstDecisionMs).toBeGreaterThanOrEqual(mid);
  }, 30_000);
});
