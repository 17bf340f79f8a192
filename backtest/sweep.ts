/**
 * Parameter sweeps: the cartesian product of `--sweep k=a,b,c` lists, each combination run as its
 * own `sniper backtest` child process (its own DuckDB, its own core), at most `parallel` at once.
 * Each run writes its folder under <out>/sweep/NNN; the sweep writes one row per parameter set to
 * <out>/sweep.parquet and <out>/sweep.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeParquet, type OutType } from './parquet-out.ts';

export interface SweepSpec {
  readonly key: string;
  readonly values: readonly string[];
}

export function combinations(specs: readonly SweepSpec[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const s of specs) out = out.flatMap((c) => s.values.map((v) => ({ ...c, [s.key]: v })));
  return out;
}

export interface SweepOptions {
  /** argv of `sniper backtest` without --out and without the swept params. */
  readonly baseArgs: readonly string[];
  readonly specs: readonly SweepSpec[];
  readonly outDir: string;
  readonly parallel: number;
  readonly sniperPath: string;
  readonly onDone?: (done: number, total: number) => void;
}

const METRICS = ['trades', 'winRate', 'pnl', 'returnPct', 'maxDrawdownPct', 'sharpe', 'evPerTrade', 'feesQuote', 'events', 'decisionsHash'] as const;

export async function runSweep(o: SweepOptions): Promise<Record<string, unknown>[]> {
  const combos = combinations(o.specs);
  const rows: Record<string, unknown>[] = new Array(combos.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= combos.length) return;
      const combo = combos[i]!;
      const dir = join(o.outDir, 'sweep', String(i).padStart(3, '0'));
      const args = [...o.baseArgs, ...Object.entries(combo).flatMap(([k, v]) => ['--param', `${k}=${v}`]), '--out', dir, '--quiet'];
      const proc = Bun.spawn([process.execPath, o.sniperPath, 'backtest', ...args], { stdout: 'ignore', stderr: 'pipe' });
      const [code, err] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
      if (code !== 0) {
        rows[i] = { run: i, ...combo, error: err.trim().split('\n').slice(-1)[0] ?? `exit ${code}` };
      } else {
        const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
        rows[i] = { run: i, ...combo, ...Object.fromEntries(METRICS.map((k) => [k, s[k]])), error: null };
      }
      o.onDone?.(++done, combos.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, combos.length)) }, worker));
  writeFileSync(join(o.outDir, 'sweep.json'), `${JSON.stringify(rows, null, 2)}\n`);
  const columns: Record<string, OutType> = { run: 'BIGINT' };
  for (const s of o.specs) columns[s.key] = 'VARCHAR';
  for (const k of METRICS) columns[k] = k === 'decisionsHash' ? 'VARCHAR' : k === 'trades' || k === 'events' ? 'BIGINT' : 'DOUBLE';
  columns.error = 'VARCHAR';
  await writeParquet(join(o.outDir, 'sweep.parquet'), columns, rows as Record<string, number | string | null>[]);
  return rows;
}
