/** The readable report `sniper calibrate` prints. */
import { FACTORS, PRIOR_WEIGHTS } from '../core/confidence.ts';
import type { CalibrateLakeResult } from './calibrate.ts';
import { formatTruthCheck } from './truth-check.ts';

const pct = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '   -  ' : `${(100 * x).toFixed(d)} %`);
const f3 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '  -  ' : x.toFixed(3));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function formatReport(r: CalibrateLakeResult): string {
  const statusRows = r.statusPatterns;
  const { result: c, run, artifact } = r;
  const range = artifact.data.range as { firstDecisionMs: number; lastDecisionMs: number };
  const oos = c.outOfSample;
  const lines: string[] = [];
  lines.push(`calibration ${artifact.version}`);
  lines.push(`  lake       ${artifact.data.lake as string}  (${r.fingerprint.files} files, fingerprint ${r.fingerprint.sha256.slice(0, 12)})`);
  lines.push(`  listings   ${run.listings} in range, ${run.labelled} labelled, ${c.inSample.n} with features; decisions ${day(range.firstDecisionMs)} .. ${day(range.lastDecisionMs)} UTC`);
  lines.push(`  success    ${pct(c.inSample.baseRate)} of snipes made money net of fees`);
  lines.push('');
  lines.push('weights      fitted   95 % bootstrap    prior');
  for (const f of FACTORS) {
    const iv = c.intervals.find((i) => i.factor === f)!;
    lines.push(`  ${f.padEnd(9)}  ${f3(c.weights[f])}   [${f3(iv.lower)}, ${f3(iv.upper)}]    ${f3(PRIOR_WEIGHTS[f])}`);
  }
  if (!c.informative) lines.push('  (no factor carries signal: equal weights)');
  const cal = c.calibration;
  lines.push('');
  lines.push(`calibration  ${cal.method === 'platt' ? `platt  p = 1/(1+exp(-(${cal.a.toFixed(4)}·score ${cal.b >= 0 ? '+' : '-'} ${Math.abs(cal.b).toFixed(3)})))` : cal.method === 'isotonic' ? `isotonic, ${cal.scores.length} steps` : 'none'}  (chosen by walk-forward Brier)`);
  lines.push(`threshold    ${c.threshold.toFixed(1)}  (lowest score whose expected net return is positive)`);
  const ti = c.tradesInSample;
  lines.push(`  in sample       ${ti.trades} trades, hit ${pct(ti.hitRate)}, mean ${pct(ti.meanReturn, 2)}, total ${ti.totalReturn.toFixed(2)} stakes`);
  const to = c.tradesOutOfSample;
  if (to) lines.push(`  walk-forward    ${to.trades} trades, hit ${pct(to.hitRate)}, mean ${pct(to.meanReturn, 2)}, total ${to.totalReturn.toFixed(2)} stakes`);
  lines.push('');
  lines.push(`quality      ${oos ? 'out of sample (walk-forward)' : 'in sample'}   Brier ${f3((oos ?? c.inSample).brier)}   log loss ${f3((oos ?? c.inSample).logLoss)}   AUC ${f3((oos ?? c.inSample).auc)}   ECE ${f3((oos ?? c.inSample).ece)}`);
  lines.push(`             in sample                   Brier ${f3(c.inSample.brier)}   log loss ${f3(c.inSample.logLoss)}   AUC ${f3(c.inSample.auc)}   ECE ${f3(c.inSample.ece)}`);
  lines.push('');
  lines.push('reliability  predicted   observed   listings');
  for (const b of c.reliability) lines.push(`  ${pct(b.lower, 0).padStart(5)}-${pct(b.upper, 0).padEnd(6)} ${pct(b.meanPredicted).padStart(8)}   ${pct(b.observedRate).padStart(8)}   ${String(b.count).padStart(6)}`);
  lines.push('');
  lines.push('EV by score  listings  p(success)   hit      mean net');
  for (const b of c.evBuckets) lines.push(`  ${String(b.lower).padStart(3)}-${String(b.upper).padEnd(4)}  ${String(b.count).padStart(7)}   ${pct(b.meanProbability).padStart(8)}  ${pct(b.hitRate).padStart(8)}  ${pct(b.meanReturn, 2).padStart(9)}`);
  lines.push('');
  lines.push('walk-forward fold  train  test   threshold  Brier   AUC    ECE    trades  mean net');
  for (const f of c.folds) {
    const m = c.method === 'platt' ? f.platt : f.isotonic;
    lines.push(`  ${String(f.fold).padStart(4)}        ${String(f.trainCount).padStart(5)}  ${String(m.n).padStart(5)}  ${f.threshold.toFixed(1).padStart(8)}   ${f3(m.brier)}  ${f3(m.auc)}  ${f3(m.ece)}  ${String(f.trades).padStart(6)}  ${pct(f.meanReturn, 2).padStart(8)}`);
  }
  if (statusRows.length > 0) {
    lines.push('');
    lines.push('status tuples (sts:st:tt)  listings  open follows  lead before open (min) p10 / p50 / p90');
    for (const s of statusRows.slice(0, 10)) {
      lines.push(`  ${`${s.sts}:${s.st}:${s.tt}`.padEnd(24)} ${String(s.listings).padStart(8)}  ${pct(Number(s.open_rate)).padStart(11)}   ${Number(s.lead_min_p10 ?? NaN).toFixed(1)} / ${Number(s.lead_min_p50 ?? NaN).toFixed(1)} / ${Number(s.lead_min_p90 ?? NaN).toFixed(1)}`);
    }
  }
  if (r.truthCheck) {
    lines.push('');
    lines.push(formatTruthCheck(r.truthCheck).trimEnd());
  }
  lines.push('');
  lines.push(`timings      ${Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(', ')}`);
  lines.push(`wrote        ${r.files[0]} and ${r.files.length - 1} tables in ${r.files[1] ? r.files[1].replace(/\/[^/]+$/, '') : '-'}`);
  return `${lines.join('\n')}\n`;
}
