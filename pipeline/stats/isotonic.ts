/**
 * Isotonic regression (pool adjacent violators): the non-decreasing step function of x that best
 * fits y in squared error. Used twice: score → probability of success, and score → expected net
 * return (which picks the execution threshold).
 */

export interface StepFunction {
  /** Ascending breakpoints; the value holds from each breakpoint on (below the first: values[0]). */
  readonly xs: readonly number[];
  readonly values: readonly number[];
  /** How many rows each step pooled. */
  readonly counts: readonly number[];
}

export function isotonicFit(x: readonly number[], y: readonly number[]): StepFunction {
  if (x.length !== y.length) throw new RangeError('x and y differ in length');
  if (x.length === 0) throw new RangeError('no rows to fit');
  const order = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  // Blocks: start x, sum, weight. Equal x values always share a block.
  const bx: number[] = [];
  const bs: number[] = [];
  const bw: number[] = [];
  for (let k = 0; k < order.length;) {
    let s = 0;
    let w = 0;
    const xv = x[order[k]!]!;
    while (k < order.length && x[order[k]!] === xv) { s += y[order[k]!]!; w++; k++; }
    bx.push(xv); bs.push(s); bw.push(w);
    while (bx.length > 1 && bs[bs.length - 2]! / bw[bw.length - 2]! >= bs[bs.length - 1]! / bw[bw.length - 1]!) {
      const s2 = bs.pop()!; const w2 = bw.pop()!; bx.pop();
      bs[bs.length - 1]! += s2;
      bw[bw.length - 1]! += w2;
    }
  }
  return { xs: bx, values: bs.map((s, i) => s / bw[i]!), counts: bw };
}

export function evaluateStep(f: StepFunction, x: number): number {
  let v = f.values[0]!;
  for (let i = 0; i < f.xs.length && f.xs[i]! <= x; i++) v = f.values[i]!;
  return v;
}
