/** `sniper sim` as a process: one ready line, MEXC paths answer, SIGINT stops it. */
import { expect, test } from 'bun:test';
import { join } from 'node:path';

const CLI = join(import.meta.dir, '..', 'sniper.ts');

test('prints one ready line with the URLs and credentials, serves, and stops on SIGINT', async () => {
  const proc = Bun.spawn([process.execPath, CLI, 'sim', '--port', '0', '--seed', '3', '--listings', '1', '--symbols', 'BTCUSDT'], { stdout: 'pipe', stderr: 'pipe' });
  const reader = proc.stdout.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const ready = JSON.parse(text.split('\n')[0]!) as { ready: boolean; rest: string; ws: string; apiKey: string; apiSecret: string };
  expect(ready.ready).toBe(true);
  expect(ready.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(ready.ws).toBe(`${ready.rest.replace('http', 'ws')}/ws`);
  expect(ready.apiKey.length).toBeGreaterThan(8);
  expect(await (await fetch(`${ready.rest}/api/v3/ping`)).json()).toEqual({});
  const info = (await (await fetch(`${ready.rest}/api/v3/exchangeInfo`)).json()) as { symbols: { symbol: string }[] };
  expect(info.symbols.map((s) => s.symbol)).toContain('BTCUSDT');
  proc.kill('SIGINT');
  expect(await proc.exited).toBe(0);
});

test('bad flags are one line and exit 2', async () => {
  const proc = Bun.spawn([process.execPath, CLI, 'sim', '--faults', 'gap=7'], { stdout: 'pipe', stderr: 'pipe' });
  expect(await proc.exited).toBe(2);
  const err = await new Response(proc.stderr).text();
  expect(err.trim().split('\n').length).toBe(1);
  expect(err).toContain('gap');
});
