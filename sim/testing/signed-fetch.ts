/** Raw signed requests for tests that need to break the rules the client enforces. */
import { signedQuery, type Params } from '../../adapters/mexc/rest/sign.ts';

export interface SignedFetchOptions {
  readonly base: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

export async function signedFetch(o: SignedFetchOptions, method: string, path: string, params: Params, extra: { timestamp?: number; recvWindow?: number; tamper?: boolean } = {}) {
  const q = signedQuery(o.apiSecret, params, extra.timestamp ?? Date.now(), extra.recvWindow ?? 5000);
  const flipped = q.signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const query = extra.tamper ? q.query.replace(`signature=${q.signature}`, `signature=${flipped}`) : q.query;
  const res = await fetch(`${o.base}${path}?${query}`, { method, headers: { 'X-MEXC-APIKEY': o.apiKey, 'Content-Type': 'application/json' } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
