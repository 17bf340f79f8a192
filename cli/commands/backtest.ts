/**
 * `sniper backtest`: replay a lake through a strategy on the simulated venue and write a run
 * folder (summary.json, trades.parquet, equity.parquet, decisions.parquet); with --sweep, run
 * every parameter combination in parallel child processes and write one row per set.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { runBacktest } from '../../backtest/engine.ts';
import { progressBar } from '../../backtest/progress.ts';
import { formatReport } from '../../backtest/report.ts';
import { writeRun } from '../../backtest/run-output.ts';
import { runSweep, type SweepSpec } from '../../backtest/sweep.ts';
import { instrumentDefaultsSchema } from '../../execution/instrument.ts';
import { latencySchema } from '../../execution/latency.ts';
import { riskParamsSchema } from '../../execution/risk-guard.ts';
import { STRATEGIES, strategyByName } from '../../strategies/index.ts';
import { checkParam, loadModelFlag, splitScopedParams } from '../scoped-params.ts';
import { defineCommand } from '../command.ts';

const time = z.string().transform((s, ctx) => {
  const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `'${s}' is not a time (ISO 8601 or epoch ms)` });
    return z.NEVER;
  }
  return ms * 1000;
});
const kv = z.string().regex(/^[\w.]+=.*$/, 'expected key=value');



export const backtestCommand = defineCommand({
  name: 'backtest',
  summary: 'replay the lake through a strategy; write a run folder',
  help: `usage: sniper backtest --strategy NAME [--lake DIR] [--out DIR] [flags]

  --lake DIR          the Parquet lake (default data/lake)
  --strategy NAME     ${STRATEGIES.map((s) => s.name).join(' | ')}
  --model FILE        a calibrated model artifact (sniper calibrate); default: the prior weights
  --from T, --to T    replay only [from, to) (ISO 8601 or epoch ms, on ts_recv)
  --param k=v         a strategy parameter (repeat); prefixes: risk.k (risk rules), venue.k
                      (instrument defaults: minQuote, qtyScale, takerFeeRate ...), latency.k
                      (medianMs, sigma, minMs; default: fitted from the lake)
  --sweep k=a,b,c     run every combination of the listed values (repeat), in parallel workers;
                      writes sweep.parquet / sweep.json with one row per parameter set
  --out DIR           the run folder (summary.json, trades/equity/decisions.parquet);
                      default data/runs/<strategy>-<UTC time>
  --seed N            seed for latency draws and ctx.rng (default 1)
  --quote X           initial quote balance (default 1000)
  --workers N         parallel sweep workers (default: cores)
  --quiet             no report, no progress bar

example: sniper backtest --lake data/lake --strategy listing-sniper --param minScore=60 --out data/runs/r1`,
  options: {
    lake: { type: 'string' }, strategy: { type: 'string' }, model: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
    param: { type: 'string', multiple: true, default: [] }, sweep: { type: 'string', multiple: true, default: [] }, out: { type: 'string' },
    seed: { type: 'string', default: '1' }, quote: { type: 'string', default: '1000' }, workers: { type: 'string' }, quiet: { type: 'boolean', default: false },
  },
  schema: z.object({
    lake: z.string().default('data/lake').refine((d) => existsSync(d), 'lake folder does not exist (make one with sniper generate or sniper record)'),
    strategy: z.string({ message: '--strategy is required' }).refine((s) => strategyByName(s) !== undefined, `unknown strategy (have: ${STRATEGIES.map((s) => s.name).join(', ')})`),
    model: z.string().refine((f) => existsSync(f), 'model file does not exist').optional(),
    from: time.optional(),
    to: time.optional(),
    param: z.array(kv),
    sweep: z.array(z.string().regex(/^[\w.]+=[^,]+(,[^,]+)*$/, 'expected key=a,b,c')),
    out: z.string().optional(),
    seed: z.string().regex(/^\d+$/, '--seed must be an integer').transform(Number),
    quote: z.string().refine((s) => Number(s) > 0, '--quote must be positive').transform(Number),
    workers: z.string().regex(/^\d+$/).transform(Number).optional(),
    quiet: z.boolean(),
    positionals: z.array(z.string()).max(0, 'backtest takes no positional arguments'),
  }),
  async run(parsed, io) {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
    const args = { ...parsed, out: parsed.out ?? join('data', 'runs', `${parsed.strategy}-${stamp}`) };
    const strategy = strategyByName(args.strategy)!;
    const scoped = splitScopedParams(args.param);
    const specs: SweepSpec[] = args.sweep.map((s) => ({ key: s.slice(0, s.indexOf('=')), values: s.slice(s.indexOf('=') + 1).split(',') }));
    for (const s of specs) splitScopedParams([`${s.key}=${s.values[0]}`]);
    if (args.from !== undefined && args.to !== undefined && args.to <= args.from) throw new UsageError('--to must be after --from');
    if (specs.length > 0) {
      const base = [
        '--lake', args.lake, '--strategy', args.strategy, '--seed', String(args.seed), '--quote', String(args.quote),
        ...(args.model === undefined ? [] : ['--model', args.model]), ...args.param.flatMap((p) => ['--param', p]),
        ...(args.from === undefined ? [] : ['--from', String(args.from / 1000)]), ...(args.to === undefined ? [] : ['--to', String(args.to / 1000)]),
      ];
      const progress = args.quiet ? undefined : progressBar(io.stderr, 'sweep');
      const rows = await runSweep({
        baseArgs: base, specs, outDir: args.out, parallel: args.workers ?? availableParallelism(), sniperPath: resolve(import.meta.dir, '..', 'sniper.ts'),
        ...(progress === undefined ? {} : { onDone: progress }),
      });
      if (!args.quiet) {
        for (const r of rows) io.stdout.write(`${specs.map((s) => `${s.key}=${String(r[s.key])}`).join(' ').padEnd(40)} ${r.error === null ? `trades ${r.trades}  pnl ${Number(r.pnl).toFixed(2)}  win ${(Number(r.winRate) * 100).toFixed(1)} %  EV ${Number(r.evPerTrade).toFixed(3)}` : `error: ${String(r.error)}`}\n`);
        io.stdout.write(`sweep of ${rows.length} runs written to ${join(args.out, 'sweep.parquet')}\n`);
      }
      return rows.some((r) => r.error !== null) ? 1 : 0;
    }
    checkParam(strategy.params, scoped.strategy, `--param for ${strategy.name}`);
    const risk = checkParam(riskParamsSchema, scoped.risk, '--param risk.*');
    const instruments = checkParam(instrumentDefaultsSchema, scoped.venue, '--param venue.*');
    const latency = Object.keys(scoped.latency).length > 0 ? checkParam(latencySchema, scoped.latency, '--param latency.*') : 'fit' as const;
    const model = loadModelFlag(args.model);
    const progress = args.quiet ? undefined : progressBar(io.stderr, 'replay');
    const result = await runBacktest({
      lakeDir: args.lake, strategy, params: scoped.strategy, seed: args.seed, initialQuote: args.quote, risk, instruments, latency,
      ...(model === undefined ? {} : { model }), ...(args.from === undefined ? {} : { fromUs: args.from }), ...(args.to === undefined ? {} : { toUs: args.to }),
      ...(progress === undefined ? {} : { onProgress: progress }),
    });
    await writeRun(args.out, result, { strategy: strategy.name, params: { ...scoped.strategy, ...prefixed('risk', scoped.risk), ...prefixed('venue', scoped.venue), ...prefixed('latency', scoped.latency) }, lake: args.lake, model: args.model ?? null, seed: args.seed, initialQuote: args.quote });
    if (!args.quiet) io.stdout.write(formatReport(result, strategy.name, args.out, args.quote));
    return 0;
  },
});

function prefixed(prefix: string, o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix}.${k}`, v]));
}
