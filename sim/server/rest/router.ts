/**
 * REST dispatch: faults, rate limits, MEXC's signed-request checks (API key, recvWindow ≤ 60000,
 * timestamp window, HMAC-SHA256 of totalParams), then the endpoint. Also the sim's own
 * GET /_sim/stats, outside MEXC's paths.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmacSha256Hex } from '../../../adapters/mexc/rest/sign.ts';
import type { Exchange } from '../exchange.ts';
import { fail, ok, type RestAnswer, type RestRequest } from './request.ts';
import { MARKET_ROUTES } from './market-routes.ts';
import { TRADE_ROUTES } from './trade-routes.ts';
import { LISTING_ROUTES } from './listing-routes.ts';
import { RateLimiter } from './rate-limit.ts';
import { simStatsBody } from './stats-route.ts';

function verifySigned(ex: Exchange, r: RestRequest, now: number): RestAnswer | undefined {
  const acct = ex.scenario.account;
  if (r.apiKey === undefined || r.apiKey === '') return fail(400, 'api key required');
  if (r.apiKey !== acct.apiKey) return fail(10072, 'Api key info invalid');
  const recvWindow = r.params.recvWindow === undefined ? 5000 : Number(r.params.recvWindow);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0) return fail(33333, 'Parameter error: recvWindow');
  if (recvWindow > 60_000) return fail(700005, 'recvWindow must less than 60000');
  const ts = Number(r.params.timestamp);
  if (r.params.timestamp === undefined || !Number.isFinite(ts)) return fail(700003, 'Timestamp for this request is outside of the recvWindow.');
  if (r.signature === undefined) return fail(700002, 'Signature for this request is not valid.');
  const want = Buffer.from(hmacSha256Hex(acct.apiSecret, r.signedText));
  const got = Buffer.from(r.signature);
  if (got.length !== want.length || !timingSafeEqual(got, want)) return fail(700002, 'Signature for this request is not valid.');
  if (!(ts < now + 1000 && now - ts <= recvWindow)) return fail(700003, 'Timestamp for this request is outside of the recvWindow.');
  return undefined;
}

export interface Dispatched {
  readonly answer: RestAnswer;
  /** Hold the answer back this long (the timeout fault). */
  readonly delayMs: number;
}

export class RestRouter {
  private readonly limiter: RateLimiter;

  constructor(private readonly ex: Exchange) {
    this.limiter = new RateLimiter(ex.scenario.rest);
  }

  dispatch(r: RestRequest, wallNow: number): Dispatched {
    const ex = this.ex;
    const now = ex.timeAt(wallNow);
    if (r.path === '/_sim/stats' && r.method === 'GET') return { answer: ok(simStatsBody(ex, now)), delayMs: 0 };
    const key = `${r.method} ${r.path}`;
    const pub = MARKET_ROUTES[key] ?? LISTING_ROUTES[key];
    const signed = TRADE_ROUTES[key];
    const route = pub ?? signed;
    if (route === undefined) return { answer: fail(404, 'Not Found', 404), delayMs: 0 };
    const fault = ex.faults.forRequest();
    if (fault === 'rest429' || fault === 'rest418') {
      const status = fault === 'rest429' ? 429 : 418;
      return { answer: { status, body: { code: status, msg: 'Too Many Requests' }, headers: { 'Retry-After': '1' } }, delayMs: 0 };
    }
    const mutating = r.method !== 'GET';
    if (fault === 'rest5xx' && !mutating) return { answer: fail(503, 'service not available', 503), delayMs: 0 };
    const verdict = this.limiter.check(signed ? `uid:${r.path}` : `ip:${r.ip}:${r.path}`, route.weight, signed !== undefined,
      signed?.order === true, r.ip, wallNow);
    if (!verdict.ok) {
      return {
        answer: { status: verdict.status, body: { code: verdict.status, msg: 'Too Many Requests' }, headers: { 'Retry-After': String(verdict.retryAfterSec) } },
        delayMs: 0,
      };
    }
    if (signed !== undefined) {
      const bad = verifySigned(ex, r, now);
      if (bad !== undefined) return { answer: bad, delayMs: 0 };
    }
    const answer = route.handler(ex, r, now);
    // a 5xx or a time-out on a mutating request happens after the exchange acted on it
    if (fault === 'rest5xx') return { answer: fail(503, 'service not available', 503), delayMs: 0 };
    if (fault === 'timeout') return { answer, delayMs: ex.scenario.rest.timeoutFaultMs };
    return { answer, delayMs: 0 };
  }
}
