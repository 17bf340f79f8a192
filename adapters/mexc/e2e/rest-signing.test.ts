/**
 * Signed requests end to end: the documented signing vector reaches the sim's signature check
 * and passes it; the adapter's client with a wrong secret gets 700002; a client whose clock is
 * off gets 700003 until syncTime corrects its timestamps.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { MexcVenueError } from '../rest/errors.ts';
import { hmacSha256Hex } from '../rest/sign.ts';
import { clientFor, e2eScenario, failure, must, SkewedClock, startE2eSim } from './harness.ts';

// the documented vector (mexc-api.md §4.2) is signed with this secret, so the sim account uses it
const DOC_SECRET = '45d0b3c26f2644f19bfb98b07741b2f5';
const DOC_TOTAL = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087';
const DOC_SIGNATURE = 'fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a';

const sim = startE2eSim(e2eScenario({ account: { apiSecret: DOC_SECRET, balances: { USDT: 1000 } } }));
afterAll(() => sim.stop());
const apiKey = sim.exchange.scenario.account.apiKey;

const venueCode = (e: unknown): number | undefined => (e instanceof MexcVenueError ? e.venueCode : undefined);

describe('signing against the sim', () => {
  test('the documented vector passes the signature check (then fails only on its 2022 timestamp); one changed byte is 700002', async () => {
    expect(hmacSha256Hex(DOC_SECRET, DOC_TOTAL)).toBe(DOC_SIGNATURE);
    const post = (sig: string) => fetch(`${sim.rest}/api/v3/order?${DOC_TOTAL}&signature=${sig}`, { method: 'POST', headers: { 'X-MEXC-APIKEY': apiKey } })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as { code: number } }));
    expect((await post(DOC_SIGNATURE)).body.code).toBe(700003);
    const tampered = DOC_SIGNATURE.replace(/^f/, 'e');
    expect((await post(tampered)).body.code).toBe(700002);
  });

  test('the client signs what the sim verifies; a wrong secret is a non-retryable 700002', async () => {
    const good = clientFor(sim);
    expect(must(await good.account()).balances.find((b) => b.asset === 'USDT')?.free).toBe('1000.00000000');
    const wrong = clientFor(sim, { apiSecret: 'ffffffffffffffffffffffffffffffff' });
    const e = failure(await wrong.account());
    expect(venueCode(e)).toBe(700002);
    expect((e as MexcVenueError).retryable).toBe(false);
  });

  test('a clock 10 s behind is 700003 (retry after a time sync); syncTime fixes it', async () => {
    const client = clientFor(sim, {}, { clock: new SkewedClock(-10_000) });
    const e = failure(await client.account());
    expect(venueCode(e)).toBe(700003);
    expect((e as MexcVenueError).retryHint).toBe('after_time_sync');
    const sync = must(await client.syncTime());
    expect(sync.offsetMs).toBeGreaterThan(9000);
    must(await client.account());
  });

  test('a clock 3 s ahead is 700003 too (the timestamp is in the future)', async () => {
    const client = clientFor(sim, {}, { clock: new SkewedClock(3_000) });
    expect(venueCode(failure(await client.account()))).toBe(700003);
    must(await client.syncTime());
    must(await client.account());
  });

  test('a wider recvWindow (≤ 60000) accepts the same late clock', async () => {
    const client = clientFor(sim, { recvWindow: 60_000 }, { clock: new SkewedClock(-10_000) });
    must(await client.account());
  });

  test('selfSymbols (signed) lists the pairs this key may trade', async () => {
    expect(must(await clientFor(sim).selfSymbols()).data).toContain('BTCUSDT');
  });
});
