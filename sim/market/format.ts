/** Integer ticks and lots to MEXC's fixed-decimal strings ("86503.92", "0.004965"). */
export function scaled(n: number, scale: number): string {
  const neg = n < 0;
  const digits = String(Math.abs(Math.round(n)));
  if (scale === 0) return neg ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const s = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  return neg ? `-${s}` : s;
}

/** A float to a fixed number of decimals without exponent notation. */
export function fixed(x: number, decimals: number): string {
  return scaled(Math.round(x * 10 ** decimals), decimals);
}
