/**
 * MEXC sends prices, quantities and rates as decimal strings ("0.00000000", "86503.92").
 * Parsing is strict: an empty string, NaN, Infinity, exponents or junk are errors, not zeros.
 */
import { DecodeError } from './errors.ts';

const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)$/;

/** Parse a decimal string; throws DecodeError('bad_decimal') on anything that is not one. */
export function parseDecimal(text: string, field: string): number {
  if (!DECIMAL.test(text)) {
    throw new DecodeError('bad_decimal', `${field}: ${JSON.stringify(text)} is not a decimal number`);
  }
  return Number(text);
}

/** Like parseDecimal, but an absent or empty value gives `fallback`. */
export function parseOptionalDecimal(text: string | undefined | null, field: string, fallback: number): number {
  if (text === undefined || text === null || text === '') return fallback;
  return parseDecimal(text, field);
}

/** Parse a version or id carried as a decimal integer string; it must fit a double exactly. */
export function parseIntegerString(text: string, field: string): number {
  if (!/^\d+$/.test(text)) throw new DecodeError('bad_decimal', `${field}: ${JSON.stringify(text)} is not an integer`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new DecodeError('bad_decimal', `${field}: ${text} does not fit a safe integer`);
  }
  return value;
}

/** Number of decimal places in a decimal string ("0.0010" → 4). */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
