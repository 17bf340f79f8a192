import { describe, expect, test } from 'bun:test';
import { feeOf, fillAmounts } from './fees.ts';
import { fixedFromString, rescale, toDecimalString, divDown, fixedFromNumber } from './fixed-point.ts';

describe('fees are exact to the last decimal', () => {
  test('taker buy: fee in base, half-up at 8 decimals', () => {
    // 123.45 × 0.0005 = 0.061725 exactly
    const r = feeOf('buy', 0.012345, 123.45, '0.0005');
    expect(r.feeText).toBe('0.06172500');
    expect(r.fee).toBe(0.061725);
    // price × qty exactly, where doubles would drift: 0.012345 × 123.45 = 1.52399025
    expect(toDecimalString(fillAmounts('buy', 0.012345, 123.45, '0.0005').quote)).toBe('1.52399025');
  });
  test('taker sell: fee in quote, rounded half-up at the 8th decimal', () => {
    // 0.012345 × 123.45 = 1.52399025; × 0.0005 = 0.000761995125 → 0.00076200
    const r = feeOf('sell', 0.012345, 123.45, '0.0005');
    expect(r.feeText).toBe('0.00076200');
    expect(r.quote).toBe(1.52399025);
  });
  test('the classic binary trap stays exact: 0.1 × 3 at 0.3 % fee', () => {
    const r = feeOf('sell', 0.1, 3, '0.003');
    expect(r.quote).toBe(0.3);
    expect(r.feeText).toBe('0.00090000');
  });
  test('maker rate 0 gives exactly zero', () => {
    expect(feeOf('sell', 1.2345, 10, '0').feeText).toBe('0.00000000');
  });
  test('fixed-point helpers', () => {
    expect(toDecimalString(fixedFromString('1e-7'))).toBe('0.0000001');
    expect(toDecimalString(rescale(fixedFromString('2.5'), 0, 'half-up'))).toBe('3');
    expect(toDecimalString(rescale(fixedFromString('-2.5'), 0, 'down'))).toBe('-2');
    expect(toDecimalString(divDown(fixedFromNumber(100), fixedFromNumber(3), 4))).toBe('33.3333');
    expect(() => fixedFromString('abc')).toThrow();
  });
});
