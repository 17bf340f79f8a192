import { expect, test } from 'bun:test';
import { status } from '../execution/test-events.ts';
import { apiTradableSignal } from './api-tradable.ts';

const S = 'NEWUSDT';
const OPEN = 1_800_000_000_000;

test('defaultSymbols: presence always counts; absence only once the pair has opened', () => {
  expect(apiTradableSignal(status(S, OPEN - 1000, OPEN, { source: 'default_symbols', apiTradable: true }), false)).toBe(true);
  expect(apiTradableSignal(status(S, OPEN - 1000, OPEN, { source: 'default_symbols', apiTradable: false }), false)).toBeUndefined();
  expect(apiTradableSignal(status(S, OPEN + 1000, OPEN, { source: 'default_symbols', apiTradable: false }), true)).toBe(false);
});

test('exchangeInfo: only an online pair (status "1") says anything', () => {
  expect(apiTradableSignal(status(S, OPEN - 1000, OPEN, { source: 'exchange_info', exchangeStatus: '2', apiTradable: false }), true)).toBeUndefined();
  expect(apiTradableSignal(status(S, OPEN + 1000, OPEN, { source: 'exchange_info', exchangeStatus: '1', apiTradable: false }), true)).toBe(false);
  expect(apiTradableSignal(status(S, OPEN + 1000, OPEN, { source: 'exchange_info', exchangeStatus: '1', apiTradable: true }), false)).toBe(true);
});

test('other sources only ever confirm tradability', () => {
  expect(apiTradableSignal(status(S, OPEN, OPEN, { apiTradable: false }), true)).toBeUndefined();
  expect(apiTradableSignal(status(S, OPEN, OPEN, { apiTradable: true }), false)).toBe(true);
  expect(apiTradableSignal(status(S, OPEN, OPEN, {}), true)).toBeUndefined();
});
