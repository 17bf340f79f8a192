/**
 * Map what went wrong with a MEXC REST call to the typed errors of core/errors.ts:
 * - HTTP 429 → RateLimitError, 418 → IpBannedError (both with retryAfterMs from Retry-After);
 * - 5xx, a time-out or a dropped connection on a state-changing call (order placement, cancel)
 *   → UnknownOutcomeError: the venue may have acted, so it is never reported as a rejection;
 * - 5xx or a time-out on a read → a retryable error;
 * - an error body `{code, msg}` → MexcVenueError with the code's retry rule (error-codes.ts);
 * - a connection that never opened → TransportError.
 * Messages name the endpoint (method + path), never the query string: it carries the signature.
 */
import { SniperError, IpBannedError, RateLimitError, TransportError, UnknownOutcomeError, VenueError } from '../../../core/errors.ts';
import { ruleFor, SERVER_FAILURE_CODES, type MexcCodeRule, type RetryHint } from './error-codes.ts';
import { mexcErrorBodySchema } from './types-trading.ts';

/** A venue error with MEXC's message and a retry hint that says when retrying can help. */
export class MexcVenueError extends VenueError {
  readonly retryHint: RetryHint;
  readonly venueMsg: string | undefined;
  constructor(
    message: string,
    fields: { venueCode?: number; httpStatus?: number; retryHint: RetryHint; venueMsg?: string; retryAfterMs?: number },
    options?: { cause?: unknown },
  ) {
    super(message, { ...fields, retryable: fields.retryHint !== 'never' }, options);
    this.retryHint = fields.retryHint;
    this.venueMsg = fields.venueMsg;
  }
}

/** A read (GET) that got no answer in time. Retryable; a read changes nothing. */
export class RequestTimeoutError extends SniperError {
  readonly code = 'timeout' as const;
  readonly retryable = true;
}

export type MexcRestError = VenueError | UnknownOutcomeError | TransportError | RequestTimeoutError | SniperError;

export interface RequestFacts {
  readonly method: string;
  readonly path: string;
  /** True for calls that may change state at the venue: order placement and cancels. */
  readonly stateChanging: boolean;
}

const endpoint = (r: RequestFacts): string => `${r.method} ${r.path}`;

/** Default waits when a 429/418 comes without a usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = Object.freeze({ rateLimited: 10_000, banned: 120_000 });

/** Retry-After is seconds (MEXC) or an HTTP date; answer ms from now, or undefined. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Read `{code, msg}` from a body text; undefined when it is not that shape. */
export function parseErrorBody(text: string): { code: number; msg: string | undefined } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = mexcErrorBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const code = Number(parsed.data.code);
  if (!Number.isFinite(code)) return undefined;
  return { code, msg: parsed.data.msg ?? undefined };
}

/** MEXC's success codes in `{code, msg, data}` envelopes. */
export function isSuccessCode(code: number): boolean {
  return code === 0 || code === 200;
}

export interface HttpFailure {
  readonly status: number;
  readonly bodyText: string;
  readonly retryAfterHeader: string | null;
  readonly nowMs: number;
}

/** Map a non-2xx answer (or a 2xx whose body is an error envelope) to a typed error. */
export function mapHttpError(
  failure: HttpFailure, request: RequestFacts, overrides?: Readonly<Record<number, MexcCodeRule>>,
  defaults: { readonly rateLimited: number; readonly banned: number } = DEFAULT_RETRY_AFTER_MS,
): MexcRestError {
  const { status } = failure;
  const body = parseErrorBody(failure.bodyText);
  const retryAfter = parseRetryAfter(failure.retryAfterHeader, failure.nowMs);
  const venueText = body ? ` (code ${body.code}: ${body.msg ?? ''})` : '';
  const fields = { httpStatus: status, ...(body ? { venueCode: body.code } : {}) };
  if (status === 418) {
    const retryAfterMs = retryAfter ?? defaults.banned;
    return new IpBannedError(`${endpoint(request)}: IP banned (HTTP 418), retry after ${retryAfterMs} ms${venueText}`,
      { ...fields, retryable: true, retryAfterMs });
  }
  if (status === 429 || body?.code === 429) {
    const retryAfterMs = retryAfter ?? defaults.rateLimited;
    return new RateLimitError(`${endpoint(request)}: rate limited (HTTP ${status}), retry after ${retryAfterMs} ms${venueText}`,
      { ...fields, retryable: true, retryAfterMs });
  }
  const serverFailure = status >= 500 || (body !== undefined && SERVER_FAILURE_CODES.has(body.code));
  if (serverFailure && request.stateChanging) {
    return new UnknownOutcomeError(
      `${endpoint(request)}: HTTP ${status}${venueText}; the venue may have acted, reconcile before assuming anything`);
  }
  if (serverFailure) {
    return new MexcVenueError(`${endpoint(request)}: server error HTTP ${status}${venueText}`,
      { ...fields, retryHint: 'backoff', ...(body?.msg !== undefined ? { venueMsg: body.msg } : {}) });
  }
  if (body !== undefined) {
    const rule = ruleFor(body.code, overrides);
    const retryHint: RetryHint = rule?.retry ?? 'never';
    const meaning = rule ? ` [${rule.meaning}]` : '';
    return new MexcVenueError(`${endpoint(request)}: HTTP ${status}, MEXC code ${body.code}: ${body.msg ?? ''}${meaning}`,
      { ...fields, retryHint, ...(body.msg !== undefined ? { venueMsg: body.msg } : {}) });
  }
  // 403 without a body is the WAF limit: backing off helps.
  const retryHint: RetryHint = status === 403 ? 'backoff' : 'never';
  return new MexcVenueError(`${endpoint(request)}: HTTP ${status} ${failure.bodyText.slice(0, 120)}`.trimEnd(),
    { ...fields, retryHint });
}

/** Error codes that mean the connection was never established, so nothing reached the venue. */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ConnectionRefused', 'ENOTFOUND', 'EAI_AGAIN', 'FailedToOpenSocket', 'EHOSTUNREACH',
  'ENETUNREACH', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Map a thrown fetch error (no HTTP answer, or the answer broke off) to a typed error. */
export function mapTransportError(error: unknown, request: RequestFacts, timeoutMs: number): MexcRestError {
  const code = errorCode(error);
  if (code !== undefined && NEVER_SENT_CODES.has(code)) {
    return new TransportError(`${endpoint(request)}: could not connect (${code})`, { cause: error });
  }
  const what = isTimeout(error) ? `no answer within ${timeoutMs} ms` : `connection dropped (${code ?? (error as Error)?.name ?? 'error'})`;
  if (request.stateChanging) {
    return new UnknownOutcomeError(`${endpoint(request)}: ${what}; the venue may have acted, reconcile before assuming anything`,
      { cause: error });
  }
  if (isTimeout(error)) return new RequestTimeoutError(`${endpoint(request)}: ${what}`, { cause: error });
  return new TransportError(`${endpoint(request)}: ${what}`, { cause: error });
}
