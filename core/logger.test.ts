import { expect, test } from 'bun:test';
import { Writable } from 'node:stream';
import { createLogger } from './logger.ts';

test('secrets never reach a log line', () => {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString()); cb(); } });
  const log = createLogger({ destination, level: 'info' }).child({ component: 'adapters.rest' });
  log.info({ apiKey: 'mx0KEY', apiSecret: 'SECRET123', request: { signature: 'abc', headers: { 'X-MEXC-APIKEY': 'mx0KEY' } } }, 'sent');
  const text = lines.join('');
  expect(text).toContain('"component":"adapters.rest"');
  expect(text).not.toContain('SECRET123');
  expect(text).not.toContain('mx0KEY');
  expect(text).not.toContain('"abc"');
  expect(text).toContain('[redacted]');
});
