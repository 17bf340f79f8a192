/**
 * Building blocks for MEXC REST wire schemas. MEXC is inconsistent about JSON types: times and
 * ids come as numbers in one answer and as strings in the next (`"T": "1710327661000"`,
 * `"lastUpdateId": "20453289489"`), decimals are strings but sometimes numbers, and unset fields
 * are `null`. Wire schemas keep each value exactly as received (a parsed answer deep-equals the
 * JSON); the converters at the bottom turn them into numbers with strict checks, where a
 * consumer needs one.
 */
import { z } from 'zod';
import { parseDecimal, parseIntegerString } from '../../../core/decimal.ts';
import { DecodeError } from '../../../core/errors.ts';

/** An integer (time in ms, id, version) sent as a JSON number or a decimal string. */
export const wireInt = z.union([z.number(), z.string()]);
export type WireInt = z.infer<typeof wireInt>;

/** A decimal value (price, quantity, rate): normally a string, occasionally a JSON number. */
export const wireDecimal = z.union([z.string(), z.number()]);
export type WireDecimal = z.infer<typeof wireDecimal>;

/** A decimal that may be null or an empty string (ticker fields such as `quoteVolume`, `bidQty`). */
export const wireDecimalOrNull = wireDecimal.nullable();

/** An id that some answers send as a string, others as a number, others as null (trade `id`). */
export const wireIdOrNull = z.union([z.string(), z.number()]).nullable();

/** One price level `[price, quantity]` of a depth snapshot. */
export const wireLevel = z.tuple([wireDecimal, wireDecimal]);
export type MexcLevel = z.infer<typeof wireLevel>;

/** Convert a wire integer to a safe integer; junk is a DecodeError, never 0 or NaN. */
export function intOf(value: WireInt, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new DecodeError('bad_decimal', `${field}: ${value} is not a safe integer`);
    return value;
  }
  return parseIntegerString(value, field);
}

/** Convert a wire decimal to a number; empty strings, NaN and junk are DecodeErrors. */
export function decimalOf(value: WireDecimal, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DecodeError('bad_decimal', `${field}: ${value} is not finite`);
    return value;
  }
  return parseDecimal(value, field);
}

/** Like decimalOf, but null, undefined and "" give `undefined` (absent values in tickers). */
export function optionalDecimalOf(value: WireDecimal | null | undefined, field: string): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return decimalOf(value, field);
}
