/**
 * Exact decimal arithmetic on scaled bigints, for money: fill amounts and fees must match the
 * venue to the last decimal, which binary doubles cannot promise (0.1 + 0.2).
 * A `Fixed` is `units / 10^scale`. Numbers are converted through their shortest decimal
 * representation (what `String(x)` prints), which is the decimal string they were parsed from.
 */

export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

const POW10: bigint[] = [];
for (let i = 0; i <= 40; i++) POW10.push(10n ** BigInt(i));

function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/** Parse a decimal string ("0.0005", "-12.5", "1e-7") exactly. */
export function fixedFromString(text: string): Fixed {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  let digits = BigInt(`${intPart}${frac}` || '0');
  let scale = frac.length - exp;
  if (scale < 0) {
    digits *= pow10(-scale);
    scale = 0;
  }
  return { units: sign * digits, scale };
}

export function fixedFromNumber(x: number): Fixed {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return fixedFromString(String(x));
}

/** Rescale; when digits are dropped, `mode` decides: 'down' (toward zero), 'up' (away), 'half-up'. */
export function rescale(a: Fixed, scale: number, mode: 'down' | 'up' | 'half-up' = 'half-up'): Fixed {
  if (scale >= a.scale) return { units: a.units * pow10(scale - a.scale), scale };
  const div = pow10(a.scale - scale);
  const neg = a.units < 0n;
  const abs = neg ? -a.units : a.units;
  let q = abs / div;
  const r = abs % div;
  if (r !== 0n) {
    if (mode === 'up') q += 1n;
    else if (mode === 'half-up' && r * 2n >= div) q += 1n;
  }
  return { units: neg ? -q : q, scale };
}

export function mul(a: Fixed, b: Fixed): Fixed {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function add(a: Fixed, b: Fixed): Fixed {
  const s = Math.max(a.scale, b.scale);
  return { units: rescale(a, s).units + rescale(b, s).units, scale: s };
}

export function sub(a: Fixed, b: Fixed): Fixed {
  return add(a, { units: -b.units, scale: b.scale });
}

/** a / b rounded toward zero to `scale` decimals. */
export function divDown(a: Fixed, b: Fixed, scale: number): Fixed {
  if (b.units === 0n) throw new RangeError('division by zero');
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); result units = that · 10^scale
  const num = a.units * pow10(scale + b.scale);
  const den = b.units * pow10(a.scale);
  return { units: num / den, scale };
}

export function compare(a: Fixed, b: Fixed): number {
  const s = Math.max(a.scale, b.scale);
  const x = rescale(a, s).units;
  const y = rescale(b, s).units;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The exact decimal string, with exactly `scale` decimals. */
export function toDecimalString(a: Fixed): string {
  const neg = a.units < 0n;
  const digits = (neg ? -a.units : a.units).toString().padStart(a.scale + 1, '0');
  const cut = digits.length - a.scale;
  const body = a.scale === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return neg ? `-${body}` : body;
}

/** The nearest double (exact decimals with up to 15 significant digits round-trip through String). */
export function toNumber(a: Fixed): number {
  return Number(toDecimalString(a));
}

export const ZERO: Fixed = Object.freeze({ units: 0n, scale: 0 });
