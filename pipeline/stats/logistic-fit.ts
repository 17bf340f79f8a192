/**
 * Logistic regression with optional non-negativity on the slopes, by projected Newton with an
 * active set and backtracking: minimises the mean log loss of p = σ(b0 + Σ βj·xj). The weight
 * fit uses it with βj ≥ 0 and reads the weights as β / Σβ (a simplex-constrained score with a
 * free scale and intercept, which is exactly a Platt map on the 0..100 score).
 */
import { solveLinear } from './linear-solve.ts';

export interface LogisticFit {
  readonly intercept: number;
  readonly slopes: readonly number[];
  readonly logLoss: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LogisticOptions {
  readonly nonNegative?: boolean;
  /** L2 penalty on the slopes (per row), for stability. */
  readonly ridge?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Row weights (bootstrap counts); default 1 each. */
  readonly rowWeights?: readonly number[];
  readonly start?: { readonly intercept: number; readonly slopes: readonly number[] };
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

function objective(x: readonly (readonly number[])[], y: readonly number[], w: readonly number[] | undefined, theta: readonly number[], ridge: number): number {
  let s = 0;
  let wt = 0;
  const k = theta.length - 1;
  for (let i = 0; i < y.length; i++) {
    let z = theta[0]!;
    const row = x[i]!;
    for (let j = 0; j < k; j++) z += theta[j + 1]! * row[j]!;
    const wi = w ? w[i]! : 1;
    // log(1 + e^z) − y·z, computed stably
    s += wi * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z);
    wt += wi;
  }
  let pen = 0;
  for (let j = 1; j <= k; j++) pen += theta[j]! ** 2;
  return s / wt + 0.5 * ridge * pen;
}

export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], options: LogisticOptions = {}): LogisticFit {
  const n = y.length;
  if (n === 0) throw new RangeError('no rows to fit');
  const k = x[0]!.length;
  const ridge = options.ridge ?? 1e-6;
  const maxIt = options.maxIterations ?? 100;
  const tol = options.tolerance ?? 1e-10;
  const w = options.rowWeights;
  const nonNeg = options.nonNegative ?? false;
  let theta = options.start ? [options.start.intercept, ...options.start.slopes] : new Array<number>(k + 1).fill(0);
  if (nonNeg) theta = theta.map((v, j) => (j === 0 ? v : Math.max(0, v)));
  let f = objective(x, y, w, theta, ridge);
  let it = 0;
  let converged = false;
  for (; it < maxIt; it++) {
    const g = new Array<number>(k + 1).fill(0);
    const h = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    let wt = 0;
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let z = theta[0]!;
      for (let j = 0; j < k; j++) z += theta[j + 1]! * row[j]!;
      const p = sigmoid(z);
      const wi = w ? w[i]! : 1;
      if (wi === 0) continue;
      wt += wi;
      const r = wi * (p - y[i]!);
      const v = wi * Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a <= k; a++) {
        const xa = a === 0 ? 1 : row[a - 1]!;
        g[a]! += r * xa;
        for (let b = a; b <= k; b++) h[a]![b]! += v * xa * (b === 0 ? 1 : row[b - 1]!);
      }
    }
    for (let a = 0; a <= k; a++) {
      g[a] = g[a]! / wt + (a > 0 ? ridge * theta[a]! : 0);
      for (let b = a; b <= k; b++) {
        h[a]![b] = h[a]![b]! / wt + (a === b && a > 0 ? ridge : 0);
        h[b]![a] = h[a]![b]!;
      }
    }
    // Active set: slopes pinned at zero whose gradient pushes them further below zero.
    const free = theta.map((t, j) => j === 0 || !nonNeg || t > 1e-12 || g[j]! < 0);
    const idx = free.flatMap((fr, j) => (fr ? [j] : []));
    let step: number[];
    try {
      step = solveLinear(idx.map((a) => idx.map((b) => h[a]![b]!)), idx.map((a) => -g[a]!));
    } catch {
      break;
    }
    let alpha = 1;
    let accepted = false;
    let next = theta;
    let fNext = f;
    for (let ls = 0; ls < 30; ls++) {
      next = [...theta];
      idx.forEach((j, q) => { next[j] = theta[j]! + alpha * step[q]!; });
      if (nonNeg) next = next.map((v, j) => (j === 0 ? v : Math.max(0, v)));
      fNext = objective(x, y, w, next, ridge);
      if (fNext <= f + 1e-15) { accepted = true; break; }
      alpha /= 2;
    }
    if (!accepted) { converged = true; break; }
    const change = Math.max(...next.map((v, j) => Math.abs(v - theta[j]!)));
    theta = next;
    const gain = f - fNext;
    f = fNext;
    if (change < 1e-9 || gain < tol) { converged = true; it++; break; }
  }
  return { intercept: theta[0]!, slopes: theta.slice(1), logLoss: f, iterations: it, converged };
}

export { sigmoid };
