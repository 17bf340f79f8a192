/**
 * Real mode is refused unless asked for twice (--mode real and --i-understand-real-money) and
 * credentials are in the environment; paper mode never looks at credentials. Checked on the
 * guard itself and on the `sniper live` command, which must refuse before connecting anywhere.
 */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, UsageError } from '../core/errors.ts';
import { checkRealMode } from './real-mode-guard.ts';

const CREDS = { MEXC_API_KEY: 'mx0key', MEXC_API_SECRET: 'secret' };

describe('checkRealMode', () => {
  test('paper mode needs nothing and reads no credentials, even when they are set', () => {
    const r = checkRealMode('paper', true, CREDS);
    expect(r).toEqual({ ok: true, value: undefined });
  });

  test('real mode without --i-understand-real-money is refused, credentials or not', () => {
    const r = checkRealMode('real', false, CREDS);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBeInstanceOf(UsageError);
    expect(!r.ok && r.error.message).toContain('--i-understand-real-money');
  });

  test('real mode without credentials names what is missing', () => {
    const none = checkRealMode('real', true, {});
    expect(!none.ok && none.error).toBeInstanceOf(ConfigError);
    expect(!none.ok && none.error.message).toContain('MEXC_API_KEY and MEXC_API_SECRET');
    const blank = checkRealMode('real', true, { MEXC_API_KEY: 'k', MEXC_API_SECRET: '  ' });
    expect(!blank.ok && blank.error.message).toContain('MEXC_API_SECRET');
    expect(!blank.ok && blank.error.message).not.toContain('MEXC_API_KEY');
  });

  test('real mode with both flags and credentials passes them on', () => {
    expect(checkRealMode('real', true, CREDS)).toEqual({ ok: true, value: { apiKey: 'mx0key', apiSecret: 'secret' } });
  });
});

const CLI = join(import.meta.dir, '..', 'cli', 'sniper.ts');

async function live(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stderr: string; stdout: string }> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined && !(k.startsWith('MEXC_API_') && !(k in env))) clean[k] = v;
  // a port nothing listens on: a command that got as far as connecting would fail differently (exit 1)
  const child = Bun.spawn([process.execPath, CLI, 'live', '--strategy', 'listing-sniper', '--venue', 'sim', '--rest', 'http://127.0.0.1:9', '--ws', 'ws://127.0.0.1:9/ws', ...args],
    { stdout: 'pipe', stderr: 'pipe', env: clean });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { code, stderr, stdout };
}

describe('sniper live refuses real mode before doing anything', () => {
  test('--mode real alone', async () => {
    const r = await live(['--mode', 'real'], CREDS);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('real money');
    expect(r.stdout).toBe('');
  }, 15_000);

  test('--mode real --i-understand-real-money without credentials', async () => {
    const r = await live(['--mode', 'real', '--i-understand-real-money'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('MEXC_API_KEY and MEXC_API_SECRET');
  }, 15_000);

  test('credentials are never printed', async () => {
    const r = await live(['--mode', 'real'], { MEXC_API_KEY: 'mx0-visible-key', MEXC_API_SECRET: 'very-secret-value' });
    expect(r.stderr + r.stdout).not.toContain('very-secret-value');
    expect(r.stderr + r.stdout).not.toContain('mx0-visible-key');
  }, 15_000);
});

describe('sniper live refuses a run folder that already holds a session', () => {
  test('a non-empty --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'live-out-'));
    try {
      writeFileSync(join(dir, 'decisions.jsonl'), '{}\n');
      const r = await live(['--out', dir], {});
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not empty');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
