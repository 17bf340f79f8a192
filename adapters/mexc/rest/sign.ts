/**
 * Request signing (mexc-api.md §4.2): signature = lowercase hex HMAC-SHA256(secretKey, totalParams),
 * where totalParams is the query string concatenated with the body, with no '&' between them.
 * Like ccxt, this client puts every parameter in the query string and sends no body, so
 * totalParams is exactly the query string that goes on the wire, with `signature` appended last.
 */
import { createHmac } from 'node:crypto';

export type ParamValue = string | number | boolean;
/** Request parameters in the order they are sent; undefined values are left out. */
export type Params = Readonly<Record<string, ParamValue | undefined>>;

export function hmacSha256Hex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/** totalParams = query + body, no separator (the docs' Example 3). */
export function totalParams(query: string, body = ''): string {
  return query + body;
}

export function signTotalParams(secret: string, query: string, body = ''): string {
  return hmacSha256Hex(secret, totalParams(query, body));
}

/**
 * Encode parameters as `k=v&k=v` in insertion order. Values are percent-encoded with uppercase
 * hex (encodeURIComponent), which is what MEXC wants for batch parameters with commas or JSON.
 */
export function encodeParams(params: Params): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.join('&');
}

export interface SignedQuery {
  /** The full query string to send, ending in `&signature=<hex>`. */
  readonly query: string;
  /** The query string that was signed (everything before `&signature=`). */
  readonly signed: string;
  readonly signature: string;
}

/**
 * Build a signed query string: the parameters, then `recvWindow` and `timestamp`, then the
 * signature over everything before it.
 */
export function signedQuery(secret: string, params: Params, timestampMs: number, recvWindowMs: number): SignedQuery {
  if (!Number.isSafeInteger(timestampMs)) throw new RangeError(`timestamp must be an integer ms, got ${timestampMs}`);
  const signed = encodeParams({ ...params, recvWindow: recvWindowMs, timestamp: timestampMs });
  const signature = signTotalParams(secret, signed);
  return { query: `${signed}&signature=${signature}`, signed, signature };
}

/**
 * Server side of the check (used by tests and by the exchange simulator): split a raw query
 * string at its `signature` parameter and verify it against query + body. Comparison is in
 * constant time over equal-length hex.
 */
export function verifySignature(secret: string, rawQuery: string, body = ''): boolean {
  const match = /(?:^|&)signature=([^&]*)/.exec(rawQuery);
  if (match === null) return false;
  const given = match[1]!;
  const unsigned = rawQuery.slice(0, match.index) + rawQuery.slice(match.index + match[0].length);
  const expected = signTotalParams(secret, unsigned.replace(/^&/, ''), body);
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}
