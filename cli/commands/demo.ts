/**
 * `sniper demo`: the main job on embedded defaults, from a fresh clone, offline, in a few
 * minutes. Each step runs a real `sniper` subcommand as a child process (the same command a
 * user would type, printed before it runs), so the demo is also a tour of the CLI:
 *   generate history → calibrate → backtest → sim → record + paper-snipe live → dashboards → report.
 * Steps whose command does not exist yet are listed as skipped, not faked.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand, flag, type CommandIo } from '../command.ts';
import { runChild, startChild, type ChildHandle } from '../child.ts';

const SNIPER = join(import.meta.dir, '..', 'sniper.ts');

interface DemoPlan {
  readonly out: string;
  readonly seed: number;
  readonly historyListings: number;
  readonly recordSeconds: number;
  readonly liveListings: number;
}

async function hasCommand(name: string): Promise<boolean> {
  const { COMMANDS } = await import('./index.ts');
  return COMMANDS.some((c) => c.name === name);
}

function banner(io: CommandIo, n: number, title: string): void {
  io.stdout.write(`\n── ${n}. ${title}\n`);
}

export async function runDemo(plan: DemoPlan, io: CommandIo): Promise<number> {
  const started = performance.now();
  // paths under the working directory are shown relative to it, others in full
  const rel = (p: string) => {
    const r = relative(process.cwd(), p);
    return r === '' ? '.' : r.startsWith('..') ? p : r;
  };
  const paths = {
    historyLake: join(plan.out, 'lake-history'),
    model: join(plan.out, 'models', 'demo-model.json'),
    run: join(plan.out, 'runs', 'demo-backtest'),
    liveLake: join(plan.out, 'lake-live'),
    paper: join(plan.out, 'live', 'demo-paper'),
    dashboards: join(plan.out, 'dashboards'),
  };
  rmSync(plan.out, { recursive: true, force: true });
  mkdirSync(plan.out, { recursive: true });
  const sniper = (args: string[]) => runChild(process.execPath, [SNIPER, ...args], io);
  const skipped: string[] = [];
  let step = 0;

  banner(io, ++step, `generate a history of ${plan.historyListings} listings from the sim's market model`);
  let code = await sniper(['generate', '--listings', String(plan.historyListings), '--seed', String(plan.seed), '--lake', paths.historyLake]);
  if (code !== 0) return code;

  banner(io, ++step, 'calibrate the confidence model on the history (DuckDB pipeline)');
  code = await sniper(['calibrate', '--lake', paths.historyLake, '--out', paths.model]);
  if (code !== 0) return code;

  banner(io, ++step, 'backtest listing-sniper over the history with the calibrated model');
  code = await sniper(['backtest', '--lake', paths.historyLake, '--strategy', 'listing-sniper', '--model', paths.model,
    '--out', paths.run, '--seed', String(plan.seed)]);
  if (code !== 0) return code;

  banner(io, ++step, 'start sim, the MEXC-compatible exchange, on localhost, with new listings about to open');
  // Opens fall inside the live window: the first a quarter of the way in, the rest spread after it.
  const firstOpenIn = Math.max(6, Math.round(plan.recordSeconds / 4));
  const interval = Math.max(4, Math.round((plan.recordSeconds * 0.6) / plan.liveListings));
  const sim = await startChild(process.execPath, [SNIPER, 'sim', '--seed', String(plan.seed), '--listings', String(plan.liveListings),
    '--first-open-in', String(firstOpenIn), '--listing-interval', String(interval)], io);
  try {
    const ready = sim.ready as { rest: string; ws: string };
    io.stdout.write(`   sim ready: REST ${ready.rest}  WS ${ready.ws}; ${plan.liveListings} listings open from ${firstOpenIn} s on, every ${interval} s\n`);

    banner(io, ++step, `for ${plan.recordSeconds} s, side by side: record the sim (sniper record) and snipe its listings in paper mode (sniper live)`);
    const jobs: Promise<number>[] = [];
    if (await hasCommand('record')) {
      jobs.push(sniper(['record', '--venue', 'sim', '--rest', ready.rest, '--ws', ready.ws, '--lake', paths.liveLake,
        '--all', '--duration', String(plan.recordSeconds)]));
    } else skipped.push('record (sniper record is not built yet)');
    if (await hasCommand('live')) {
      jobs.push(sniper(['live', '--mode', 'paper', '--venue', 'sim', '--rest', ready.rest, '--ws', ready.ws, '--strategy', 'listing-sniper',
        '--model', paths.model, '--duration', String(plan.recordSeconds), '--out', paths.paper, '--seed', String(plan.seed)]));
    } else skipped.push('live paper trading (sniper live is not built yet)');
    const codes = await Promise.all(jobs);
    const failed = codes.find((c) => c !== 0);
    if (failed !== undefined) return failed;
  } finally {
    await sim.stop();
  }
  if (await hasCommand('record') && await hasCommand('coverage')) {
    banner(io, ++step, 'what the recorder captured');
    code = await sniper(['coverage', '--lake', paths.liveLake]);
    if (code !== 0) return code;
  }

  if (await hasCommand('dashboards')) {
    banner(io, ++step, 'build the dashboards over everything above');
    code = await sniper(['dashboards', 'build', '--lake', paths.historyLake, '--model', paths.model, '--run', paths.run, '--out', paths.dashboards]);
    if (code !== 0) return code;
  } else skipped.push('dashboards (sniper dashboards is not built yet)');

  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  io.stdout.write(`
── done in ${seconds} s. Where to look:
   history lake       ${rel(paths.historyLake)}  (ground truth: ${rel(join(paths.historyLake, 'ground_truth.json'))})
   model artifact     ${rel(paths.model)}  (tables for dashboards beside it)
   backtest run       ${rel(paths.run)}/summary.json, trades/equity/decisions.parquet
   live recording     ${rel(paths.liveLake)}/<table>/date=*/…parquet   (sniper coverage --lake ${rel(paths.liveLake)})
   paper trading run  ${rel(paths.paper)}/summary.json   (replay it: sniper backtest --lake ${rel(paths.paper)}/lake ...)
   dashboards         ${rel(paths.dashboards)}/index.html
   query anything     duckdb: SELECT * FROM read_parquet('${rel(paths.historyLake)}/trades/**/*.parquet', hive_partitioning=true) LIMIT 10
${skipped.length > 0 ? `   not in this demo yet: ${skipped.join('; ')}\n` : ''}`);
  return 0;
}

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'the main job: generate → calibrate → backtest → sim → record + paper-snipe → dashboards',
  help: `usage: sniper demo [--out DIR] [--seed N] [--history-listings N] [--record-seconds S] [--quick]

Runs the whole platform offline on localhost and prints where to look:
  1. generates a history of listings (sniper generate) into DIR/lake-history
  2. calibrates the confidence model (sniper calibrate) into DIR/models/demo-model.json
  3. backtests listing-sniper with it (sniper backtest) into DIR/runs/demo-backtest
  4. starts sim (a MEXC-compatible exchange) with a few listings about to open
  5. records it (sniper record → DIR/lake-live) while sniping its listings in paper mode
     with the calibrated model (sniper live → DIR/live/demo-paper), side by side
  6. builds the dashboards (DIR/dashboards)
Each step prints the exact command it runs.

  --out DIR              output folder (default data/demo; emptied first)
  --seed N               market seed (default 7)
  --history-listings N   listings in the generated history (default 1000)
  --record-seconds S     how long to record and paper-trade the live sim (default 60)
  --quick                small sizes (200 listings, 20 s), for a smoke test`,
  options: {
    out: { type: 'string', default: 'data/demo' },
    seed: { type: 'string', default: '7' },
    'history-listings': { type: 'string' },
    'record-seconds': { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
  schema: z.object({
    out: z.string().min(1),
    seed: flag.int('--seed', 0),
    'history-listings': flag.int('--history-listings', 10, 1_000_000).optional(),
    'record-seconds': flag.int('--record-seconds', 5, 3600).optional(),
    quick: z.boolean(),
    positionals: z.array(z.string()).max(0, 'demo takes no positional arguments'),
  }),
  async run(args, io) {
    return runDemo({
      out: resolve(args.out),
      seed: args.seed,
      historyListings: args['history-listings'] ?? (args.quick ? 200 : 1000),
      recordSeconds: args['record-seconds'] ?? (args.quick ? 20 : 60),
      liveListings: args.quick ? 2 : 3,
    }, io);
  },
});
