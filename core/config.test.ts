import { describe, expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from './config.ts';
import { ConfigError } from './errors.ts';

const schema = z.object({
  rest: z.object({ baseUrl: z.url(), recvWindowMs: z.coerce.number().int().min(1).max(60000).default(5000) }),
  mode: z.enum(['paper', 'real']).default('paper'),
});
const dir = mkdtempSync(join(tmpdir(), 'config-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadConfig', () => {
  test('file, then env, then overrides; defaults fill the rest; result is frozen', () => {
    const cfg = loadConfig(schema, {
      file: file('ok.json', '{"rest":{"baseUrl":"https://api.mexc.com","recvWindowMs":3000}}'),
      env: { SNIPER_REST_URL: 'http://127.0.0.1:9' },
      envMap: { 'rest.baseUrl': 'SNIPER_REST_URL' },
      overrides: { 'rest.recvWindowMs': '4000' },
    });
    expect(cfg).toEqual({ rest: { baseUrl: 'http://127.0.0.1:9', recvWindowMs: 4000 }, mode: 'paper' });
    expect(Object.isFrozen(cfg.rest)).toBe(true);
  });
  test('real mode is never the default', () => {
    expect(loadConfig(schema, { overrides: { 'rest.baseUrl': 'https://api.mexc.com' } }).mode).toBe('paper');
  });
  test('a missing file is a ConfigError naming it', () => {
    expect(() => loadConfig(schema, { file: join(dir, 'nope.json') })).toThrow(/cannot read config file .*nope\.json/);
  });
  test('broken JSON is a ConfigError', () => {
    expect(() => loadConfig(schema, { file: file('bad.json', '{"rest": ') })).toThrow(ConfigError);
  });
  test('a JSON array at the top level is refused', () => {
    expect(() => loadConfig(schema, { file: file('arr.json', '[]') })).toThrow(/JSON object/);
  });
  test('schema violations are printed readably with their path', () => {
    try {
      loadConfig(schema, { file: file('v.json', '{"rest":{"baseUrl":"nope","recvWindowMs":70000},"mode":"yolo"}') });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('rest.baseUrl');
      expect(msg).toContain('rest.recvWindowMs');
      expect(msg).toContain('mode');
    }
  });
});
