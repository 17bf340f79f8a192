/**
 * API credentials, held in private fields so that logging, JSON-serializing or inspecting the
 * client never shows them. The secret leaves this object only as an HMAC.
 */
import { signedQuery, type Params, type SignedQuery } from './sign.ts';

export class MexcCredentials {
  readonly #apiKey: string;
  readonly #apiSecret: string;
  constructor(apiKey: string, apiSecret: string) {
    this.#apiKey = apiKey;
    this.#apiSecret = apiSecret;
  }
  /** The value of the X-MEXC-APIKEY header. */
  headerValue(): string {
    return this.#apiKey;
  }
  sign(params: Params, timestampMs: number, recvWindowMs: number): SignedQuery {
    return signedQuery(this.#apiSecret, params, timestampMs, recvWindowMs);
  }
  toJSON(): string {
    return '[redacted credentials]';
  }
  toString(): string {
    return '[redacted credentials]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[redacted credentials]';
  }
}
