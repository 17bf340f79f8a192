import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mexcFixture } from '../core/testing/fixtures.ts';
import { COMMANDS } from './commands/index.ts';

const SNIPER = join(import.meta.dir, 'sniper.ts');

function run(args: string[], stdin?: string) {
  const r = Bun.spawnSync([process.execPath, SNIPER, ...args], { stdin: stdin === undefined ? 'ignore' : Buffer.from(stdin), env: { ...process.env, LOG_LEVEL: 'error' } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe('sniper', () => {
  test('--help lists every command', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toContain(c.name);
  });
  test('an unknown command is one line and exit 2', () => {
    const r = run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
  for (const c of COMMANDS) {
    test(`${c.name} --help`, () => {
      const r = run([c.name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('usage: sniper');
    });
    test(`${c.name} with an unknown flag: one line, exit 2`, () => {
      const r = run([c.name, '--no-such-flag']);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toContain(`sniper ${c.name}:`);
    });
  }
});

describe('sniper decode', () => {
  const fixtures: { hex: string; decoded: unknown }[] = JSON.parse(readFileSync(mexcFixture('ws-frames.json'), 'utf8')).frames;

  test('--raw reproduces every fixture exactly, one line per input line', () => {
    const r = run(['decode', '--raw'], fixtures.map((f) => f.hex).join('\n'));
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(fixtures.length);
    lines.forEach((line, i) => expect(line).toBe(JSON.stringify(fixtures[i]!.decoded)));
  });

  test('base64 input gives the same output', () => {
    const hex = run(['decode', '--raw'], fixtures.map((f) => f.hex).join('\n')).out;
    const b64 = run(['decode', '--raw', '--format', 'base64'], fixtures.map((f) => Buffer.from(f.hex, 'hex').toString('base64')).join('\n')).out;
    expect(b64).toBe(hex);
  });

  test('bad lines become error objects and decoding goes on; exit 0', () => {
    const good = fixtures[0]!.hex;
    const input = [good, 'zz', good.slice(0, 40), '', 'deadbeef', good].join('\n');
    const r = run(['decode', '--raw'], input);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual(fixtures[0]!.decoded);
    expect(lines[1]).toEqual({ line: 2, error: { code: 'bad_input', message: 'not hex' } });
    expect(lines[2].line).toBe(3);
    expect(lines[2].error.code).toBe('truncated');
    expect(lines[3]).toEqual({ line: 4, error: { code: 'bad_input', message: 'empty line' } });
    expect(lines[4].line).toBe(5);
    expect(lines[5]).toEqual(fixtures[0]!.decoded);
  });

  test('normalized output is a JSON array of events per line', () => {
    const r = run(['decode'], fixtures.map((f) => f.hex).join('\n'));
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0][0].type).toBe('book_ticker');
    expect(lines[1][0]).toMatchObject({ type: 'kline', openTime: 1790356740000 });
  });

  test('a bad --format is one line and exit 2', () => {
    const r = run(['decode', '--format', 'binary']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format');
  });
});
