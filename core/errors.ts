/**
 * Error classes. Each carries a literal `code`, a message a person can act on, and `cause`.
 * Expected failures are usually returned as Result values (core/result.ts); these classes are
 * what the error side of a Result holds, and what is thrown across process boundaries.
 */

export abstract class SniperError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** A config file or environment variable failed validation. */
export class ConfigError extends SniperError {
  readonly code = 'config_invalid' as const;
}

/** Bad command-line input. */
export class UsageError extends SniperError {
  readonly code = 'usage' as const;
}

export type DecodeErrorCode =
  | 'truncated' | 'malformed' | 'bad_wire_type' | 'bad_utf8' | 'unknown_body' | 'bad_json' | 'bad_input'
  | 'bad_decimal';

/** A frame or message that cannot be decoded. Nothing partial is ever returned with it. */
export class DecodeError extends SniperError {
  readonly code: DecodeErrorCode;
  constructor(code: DecodeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The venue answered with an error. `venueCode` is the exchange's own code (MEXC: 10007,
 * 700002, ...), `httpStatus` the HTTP status. `retryable` says whether sending the same request
 * again later can succeed.
 */
export class VenueError extends SniperError {
  readonly code: 'venue_error' | 'rate_limited' | 'ip_banned' = 'venue_error';
  readonly venueCode: number | undefined;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  /** For 429/418: how long to wait before the next request, ms (from Retry-After). */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    fields: { venueCode?: number; httpStatus?: number; retryable: boolean; retryAfterMs?: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.venueCode = fields.venueCode;
    this.httpStatus = fields.httpStatus;
    this.retryable = fields.retryable;
    this.retryAfterMs = fields.retryAfterMs;
  }
  override toJSON(): { code: string; message: string; venueCode?: number; httpStatus?: number; retryable: boolean } {
    return { code: this.code, message: this.message, venueCode: this.venueCode, httpStatus: this.httpStatus, retryable: this.retryable };
  }
}

/** HTTP 429: over a rate limit. Retry after `retryAfterMs`. */
export class RateLimitError extends VenueError {
  override readonly code = 'rate_limited' as const;
}

/** HTTP 418: the IP is banned for a while (2 minutes to 3 days). */
export class IpBannedError extends VenueError {
  override readonly code = 'ip_banned' as const;
}

/**
 * A request that may have changed state (an order placement or cancel) failed in a way that does
 * not tell whether the venue acted on it: a 5xx, a time-out, a dropped connection after sending.
 * The order stays pending until reconciliation (GET /api/v3/order or the private stream) settles it.
 * Never treat this as a rejection.
 */
export class UnknownOutcomeError extends SniperError {
  readonly code = 'unknown_outcome' as const;
}

/** The request never reached the venue (connection refused, DNS, send failed before writing). */
export class TransportError extends SniperError {
  readonly code = 'transport' as const;
  readonly retryable = true;
}
