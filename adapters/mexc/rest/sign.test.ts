import { describe, expect, test } from 'bun:test';
import { encodeParams, hmacSha256Hex, signedQuery, signTotalParams, totalParams, verifySignature } from './sign.ts';

// mexc-api.md §4.2 (the official docs' vectors)
const SECRET = '45d0b3c26f2644f19bfb98b07741b2f5';
const PARAMS = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';

describe('signing', () => {
  test('reproduces the documented vector (Example 2)', () => {
    expect(hmacSha256Hex(SECRET, PARAMS)).toBe('fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a');
  });

  test('mixed query + body concatenates with no "&" (Example 3)', () => {
    const query = 'symbol=BTCUSDT&side=BUY&type=LIMIT';
    const body = 'quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';
    expect(totalParams(query, body)).toBe('symbol=BTCUSDT&side=BUY&type=LIMITquantity=1&price=11&recvWindow=5000&timestamp=1644489390087');
    expect(signTotalParams(SECRET, query, body)).toBe('d1a676610ceb39174c8039b3f548357994b2a34139a8addd33baadba65684592');
  });

  test('the signature is lowercase hex', () => {
    expect(hmacSha256Hex(SECRET, 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('signedQuery puts recvWindow and timestamp last and the signature after them', () => {
    const q = signedQuery(SECRET, { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '1', price: '11' }, 1644489390087, 5000);
    expect(q.signed).toBe(PARAMS);
    expect(q.signature).toBe('fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a');
    expect(q.query).toBe(`${PARAMS}&signature=${q.signature}`);
    expect(verifySignature(SECRET, q.query)).toBe(true);
    expect(verifySignature('another-secret', q.query)).toBe(false);
    expect(verifySignature(SECRET, q.query.replace('price=11', 'price=12'))).toBe(false);
  });

  test('undefined parameters are left out; special characters get uppercase percent-encoding', () => {
    expect(encodeParams({ symbol: 'BTCUSDT', limit: undefined, symbols: 'A,B', ok: true })).toBe('symbol=BTCUSDT&symbols=A%2CB&ok=true');
  });

  test('a non-integer timestamp is refused', () => {
    expect(() => signedQuery(SECRET, {}, 1.5, 5000)).toThrow(RangeError);
  });
});
