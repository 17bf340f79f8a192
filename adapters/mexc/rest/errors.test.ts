import { describe, expect, test } from 'bun:test';
import { IpBannedError, RateLimitError, TransportError, UnknownOutcomeError, VenueError } from '../../../core/errors.ts';
import { MEXC_ERROR_CODES } from './error-codes.ts';
import { MexcVenueError, RequestTimeoutError, isSuccessCode, mapHttpError, mapTransportError, parseRetryAfter, type RequestFacts } from './errors.ts';

const NOW = 1_700_000_000_000;
const place: RequestFacts = { method: 'POST', path: '/api/v3/order', stateChanging: true };
const read: RequestFacts = { method: 'GET', path: '/api/v3/depth', stateChanging: false };

function http(status: number, body: unknown, retryAfter: string | null = null, request = place) {
  return mapHttpError({ status, bodyText: typeof body === 'string' ? body : JSON.stringify(body), retryAfterHeader: retryAfter, nowMs: NOW }, request);
}

describe('HTTP status classes', () => {
  test('429 → RateLimitError with retryAfterMs from Retry-After seconds', () => {
    const e = http(429, { code: 429, msg: 'Too many requests' }, '7');
    expect(e).toBeInstanceOf(RateLimitError);
    expect((e as RateLimitError).retryAfterMs).toBe(7000);
    expect((e as RateLimitError).retryable).toBe(true);
    expect((e as RateLimitError).httpStatus).toBe(429);
  });
  test('429 without Retry-After uses the default hold', () => {
    expect((http(429, '') as RateLimitError).retryAfterMs).toBe(10_000);
  });
  test('418 → IpBannedError, Retry-After as an HTTP date', () => {
    const e = http(418, '', new Date(NOW + 120_000).toUTCString());
    expect(e).toBeInstanceOf(IpBannedError);
    expect((e as IpBannedError).retryAfterMs).toBe(120_000);
  });
  test('5xx on order placement or cancel → UnknownOutcomeError, never a rejection', () => {
    for (const status of [500, 502, 503, 504]) {
      const e = http(status, '<html>bad gateway</html>');
      expect(e).toBeInstanceOf(UnknownOutcomeError);
      expect(e).not.toBeInstanceOf(VenueError);
    }
    expect(http(500, '', null, { method: 'DELETE', path: '/api/v3/order', stateChanging: true })).toBeInstanceOf(UnknownOutcomeError);
  });
  test('an error body with code 500/503/504 on placement is an unknown outcome too', () => {
    expect(http(400, { code: 503, msg: 'service not available' })).toBeInstanceOf(UnknownOutcomeError);
  });
  test('5xx on a GET → retryable venue error', () => {
    const e = http(503, '', null, read) as MexcVenueError;
    expect(e).toBeInstanceOf(MexcVenueError);
    expect(e.retryable).toBe(true);
    expect(e.retryHint).toBe('backoff');
  });
  test('403 without a body (WAF) backs off; 404 without a body does not retry', () => {
    expect((http(403, '', null, read) as MexcVenueError).retryHint).toBe('backoff');
    expect((http(404, 'not found', null, read) as MexcVenueError).retryable).toBe(false);
  });
});

describe('MEXC codes', () => {
  const cases: [number, string, boolean][] = [
    [10007, 'after_open', true],
    [30014, 'after_open', true],
    [30010, 'after_open', true],
    [700003, 'after_time_sync', true],
    [10073, 'after_time_sync', true],
    [10101, 'never', false],
    [700002, 'never', false],
    [30018, 'never', false],
    [-2011, 'never', false],
    [30025, 'backoff', true],
  ];
  for (const [code, hint, retryable] of cases) {
    test(`${code} → ${hint}`, () => {
      const e = http(400, { code, msg: 'm' }) as MexcVenueError;
      expect(e).toBeInstanceOf(MexcVenueError);
      expect(e.venueCode).toBe(code);
      expect(e.retryHint).toBe(hint as MexcVenueError['retryHint']);
      expect(e.retryable).toBe(retryable);
      expect(e.venueMsg).toBe('m');
    });
  }
  test('an unknown code is not retryable', () => {
    expect((http(400, { code: 123456, msg: '?' }) as MexcVenueError).retryable).toBe(false);
  });
  test('a code given as a string is read', () => {
    expect((http(400, { code: '10101', msg: '资金不足' }) as MexcVenueError).venueCode).toBe(10101);
  });
  test('overrides replace a row of the table', () => {
    const e = mapHttpError({ status: 400, bodyText: '{"code":30001,"msg":"x"}', retryAfterHeader: null, nowMs: NOW }, place,
      { 30001: { retry: 'after_open', meaning: 'buy-only before open' } }) as MexcVenueError;
    expect(e.retryable).toBe(true);
  });
  test('every table row has a meaning and a known hint', () => {
    for (const rule of Object.values(MEXC_ERROR_CODES)) {
      expect(rule.meaning.length).toBeGreaterThan(0);
      expect(['never', 'backoff', 'after_time_sync', 'after_open', 'after_retry_after']).toContain(rule.retry);
    }
  });
  test('success envelopes are 0 and 200', () => {
    expect(isSuccessCode(0) && isSuccessCode(200) && !isSuccessCode(10007)).toBe(true);
  });
});

describe('transport failures', () => {
  const refused = Object.assign(new TypeError('Unable to connect'), { code: 'ECONNREFUSED' });
  const reset = Object.assign(new TypeError('socket closed'), { code: 'ECONNRESET' });
  const timeout = new DOMException('The operation timed out.', 'TimeoutError');
  test('connection refused → TransportError (nothing was sent), even for a placement', () => {
    expect(mapTransportError(refused, place, 1000)).toBeInstanceOf(TransportError);
  });
  test('time-out or dropped connection on a placement → UnknownOutcomeError', () => {
    expect(mapTransportError(timeout, place, 1000)).toBeInstanceOf(UnknownOutcomeError);
    expect(mapTransportError(reset, place, 1000)).toBeInstanceOf(UnknownOutcomeError);
  });
  test('time-out on a read → RequestTimeoutError; a drop → TransportError', () => {
    expect(mapTransportError(timeout, read, 1000)).toBeInstanceOf(RequestTimeoutError);
    expect(mapTransportError(reset, read, 1000)).toBeInstanceOf(TransportError);
  });
});

describe('Retry-After parsing', () => {
  test('seconds, fractions, dates, junk', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});
