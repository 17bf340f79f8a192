/**
 * Scoring rules for probabilistic predictions of a binary outcome: Brier score, log loss, AUC,
 * and the reliability table with its expected calibration error (ECE).
 */

const EPS = 1e-12;

function check(p: readonly number[], y: readonly number[]): void {
  if (p.length !== y.length) throw new RangeError(`predictions (${p.length}) and outcomes (${y.length}) differ in length`);
}

export function brierScore(p: readonly number[], y: readonly number[]): number {
  check(p, y);
  if (p.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

export function logLoss(p: readonly number[], y: readonly number[]): number {
  check(p, y);
  if (p.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - EPS, Math.max(EPS, p[i]!));
    s -= y[i]! === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

/** Area under the ROC curve (Mann-Whitney, ties count one half). NaN when one class is missing. */
export function auc(score: readonly number[], y: readonly number[]): number {
  check(score, y);
  const idx = score.map((_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]!] === 1) { rankSumPos += midRank; pos++; }
    i = j + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface ReliabilityBin {
  readonly bin: number;
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/** Equal-width bins over [0, 1]; empty bins are omitted. */
export function reliabilityTable(p: readonly number[], y: readonly number[], bins = 10): ReliabilityBin[] {
  check(p, y);
  const n = new Array<number>(bins).fill(0);
  const sp = new Array<number>(bins).fill(0);
  const sy = new Array<number>(bins).fill(0);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
    n[b]!++;
    sp[b]! += p[i]!;
    sy[b]! += y[i]!;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (n[b] === 0) continue;
    out.push({ bin: b, lower: b / bins, upper: (b + 1) / bins, count: n[b]!, meanPredicted: sp[b]! / n[b]!, observedRate: sy[b]! / n[b]! });
  }
  return out;
}

/** Expected calibration error: the count-weighted mean |predicted − observed| over the bins. */
export function expectedCalibrationError(table: readonly ReliabilityBin[]): number {
  const total = table.reduce((s, b) => s + b.count, 0);
  if (total === 0) return NaN;
  return table.reduce((s, b) => s + (b.count / total) * Math.abs(b.meanPredicted - b.observedRate), 0);
}

export interface BinaryMetrics {
  readonly n: number;
  readonly baseRate: number;
  readonly brier: number;
  readonly logLoss: number;
  readonly auc: number;
  readonly ece: number;
}

export function binaryMetrics(p: readonly number[], y: readonly number[], score: readonly number[] = p): BinaryMetrics {
  const base = y.length === 0 ? NaN : y.reduce((s, v) => s + v, 0) / y.length;
  return {
    n: y.length,
    baseRate: base,
    brier: brierScore(p, y),
    logLoss: logLoss(p, y),
    auc: auc(score, y),
    ece: expectedCalibrationError(reliabilityTable(p, y)),
  };
}
