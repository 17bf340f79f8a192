import { expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The main job, end to end, at smoke-test size: every step must succeed and leave its output.
test('sniper demo --quick runs the whole platform and says where to look', () => {
  const out = mkdtempSync(join(tmpdir(), 'demo-'));
  const r = Bun.spawnSync([process.execPath, join(import.meta.dir, '..', 'sniper.ts'), 'demo', '--quick', '--out', out, '--record-seconds', '12'], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const text = r.stdout.toString() + r.stderr.toString();
  if (r.exitCode !== 0) console.error(text.slice(-4000));
  expect(r.exitCode).toBe(0);
  expect(text).toContain('Where to look');
  const model = JSON.parse(readFileSync(join(out, 'models', 'demo-model.json'), 'utf8'));
  expect(Object.keys(model.weights).sort()).toEqual(['external', 'history', 'market', 'timing']);
  const summary = JSON.parse(readFileSync(join(out, 'runs', 'demo-backtest', 'summary.json'), 'utf8'));
  expect(typeof summary.decisionsHash).toBe('string');
  expect(existsSync(join(out, 'lake-history', 'ground_truth.json'))).toBe(true);
}, 240_000);
