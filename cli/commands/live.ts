/**
 * `sniper live`: run a strategy live, in paper mode (simulated fills on the live book; the
 * default) or real mode (signed orders on MEXC; needs --mode real, --i-understand-real-money and
 * credentials in the environment). Writes a run folder (live/README.md) and prints a summary.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { componentLogger } from '../../core/logger.ts';
import { instrumentDefaultsSchema } from '../../execution/instrument.ts';
import { latencySchema } from '../../execution/latency.ts';
import { riskParamsSchema } from '../../execution/risk-guard.ts';
import { startSimChild, type SimChild } from '../../live/sim-child.ts';
import { formatLiveSummary } from '../../live/format-summary.ts';
import { LiveRun } from '../../live/live-run.ts';
import { checkParam, loadModelFlag, splitScopedParams } from '../scoped-params.ts';
import { checkRealMode } from '../../live/real-mode-guard.ts';
import { LiveStatusLine } from '../../live/status-line.ts';
import { STRATEGIES, strategyByName } from '../../strategies/index.ts';
import { defineCommand, flag } from '../command.ts';

const MEXC = { rest: 'https://api.mexc.com', web: 'https://www.mexc.com', ws: 'wss://wbs-api.mexc.com/ws' };
const url = z.url({ protocol: /^(https?|wss?)$/ });


export const liveCommand = defineCommand({
  name: 'live',
  summary: 'run a strategy live: paper (default) or real mode, on MEXC or sim',
  help: `usage: sniper live --strategy NAME [--mode paper|real] [--venue mexc|sim] [--rest URL --ws URL] [flags]

Runs the same strategy code as the backtest on live streams (WebSocket market data, listing
discovery from the calendar, symbolsV2 and exchangeInfo), checks every order with the risk
guard, and fills it on the paper venue (the backtest's fill model against the live book) or
sends it to MEXC. Writes a run folder; its recording replays with \`sniper backtest\`.
  --mode M           paper (default): simulated fills, no orders leave this machine
                     real: signed orders with real money; also needs --i-understand-real-money
                     and MEXC_API_KEY / MEXC_API_SECRET in the environment
  --venue V          mexc (default) or sim; sim without --rest/--ws starts its own \`sniper sim\`
  --rest URL, --ws URL, --web URL   endpoints (mexc: ${MEXC.rest}, ${MEXC.ws}, ${MEXC.web}; sim: web = rest)
  --strategy NAME    ${STRATEGIES.map((s) => s.name).join(' | ')}
  --model FILE       a calibrated model artifact (sniper calibrate); default: the prior weights
  --param k=v        a strategy parameter (repeat); risk.k (risk rules), venue.k (instrument
                     defaults), latency.k (paper fills: medianMs, sigma, minMs)
  --duration S       stop after S seconds (default: until Ctrl-C)
  --out DIR          run folder (default data/live/<run-id>)
  --run-id ID        default: live-<UTC time>
  --symbols A,B      pairs streamed from the start besides new listings (default BTCUSDT)
  --seed N           seed for paper latency draws and ctx.rng (default 1)
  --quote X          paper starting balance in USDT (default 1000; real mode reads the account)
  --json             print summary.json instead of the readable summary
examples:
  sniper live --venue sim --strategy listing-sniper --param minScore=0 --duration 60
  MEXC_API_KEY=... MEXC_API_SECRET=... sniper live --mode real --i-understand-real-money --strategy listing-sniper --param quoteQty=10`,
  options: {
    mode: { type: 'string', default: 'paper' }, venue: { type: 'string', default: 'mexc' }, rest: { type: 'string' }, ws: { type: 'string' }, web: { type: 'string' },
    strategy: { type: 'string' }, model: { type: 'string' }, param: { type: 'string', multiple: true, default: [] }, duration: { type: 'string' },
    out: { type: 'string' }, 'run-id': { type: 'string' }, symbols: { type: 'string', default: 'BTCUSDT' }, seed: { type: 'string', default: '1' },
    quote: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false }, 'i-understand-real-money': { type: 'boolean', default: false },
  },
  schema: z.object({
    mode: z.enum(['paper', 'real'], { message: "--mode must be 'paper' or 'real'" }),
    venue: z.enum(['mexc', 'sim'], { message: "--venue must be 'mexc' or 'sim'" }),
    rest: url.optional(), ws: url.optional(), web: url.optional(),
    strategy: z.string({ message: '--strategy is required' }).refine((s) => strategyByName(s) !== undefined, `unknown strategy (have: ${STRATEGIES.map((s) => s.name).join(', ')})`),
    model: z.string().refine((f) => existsSync(f), 'model file does not exist').optional(),
    param: z.array(z.string().regex(/^[\w.]+=.*$/, 'expected key=value')),
    duration: flag.number('--duration', 0).optional(),
    out: z.string().optional(),
    'run-id': z.string().regex(/^[\w.-]{1,80}$/, '--run-id: letters, digits, . _ - only').optional(),
    symbols: flag.list(),
    seed: flag.int('--seed', 0),
    quote: flag.number('--quote', 0).refine((n) => n > 0, '--quote must be positive'),
    json: z.boolean(),
    'i-understand-real-money': z.boolean(),
    positionals: z.array(z.string()).max(0, 'live takes no positional arguments'),
  }),
  async run(args, io) {
    const guard = checkRealMode(args.mode, args['i-understand-real-money'], process.env);
    if (!guard.ok) throw guard.error;
    const strategy = strategyByName(args.strategy)!;
    const scoped = splitScopedParams(args.param);
    checkParam(strategy.params, scoped.strategy, `--param for ${strategy.name}`);
    const risk = checkParam(riskParamsSchema, scoped.risk, '--param risk.*');
    const instruments = checkParam(instrumentDefaultsSchema, scoped.venue, '--param venue.*');
    const latency = checkParam(latencySchema, scoped.latency, '--param latency.*');
    const model = loadModelFlag(args.model);
    if ((args.rest === undefined) !== (args.ws === undefined)) throw new UsageError('--rest and --ws go together');
    if (args.venue === 'sim' && args.mode === 'real' && args.rest === undefined) throw new UsageError('real mode against sim needs --rest/--ws of a sim whose apiKey/apiSecret are in the environment');
    if (args.out !== undefined && existsSync(args.out) && readdirSync(args.out).length > 0) {
      throw new UsageError(`--out ${args.out} is not empty: a run folder holds one session (its decisions and lake would mix); choose another folder`);
    }
    let sim: SimChild | undefined;
    if (args.venue === 'sim' && args.rest === undefined) {
      sim = await startSimChild(['--listings', '3', '--first-open-in', '20', '--listing-interval', '45', '--seed', String(args.seed)]);
      io.stderr.write(`started sniper sim at ${sim.rest}\n`);
    }
    try {
      const rest = args.rest ?? sim?.rest ?? MEXC.rest;
      const ws = args.ws ?? sim?.ws ?? MEXC.ws;
      const web = args.web ?? (args.venue === 'sim' || args.rest !== undefined ? rest : MEXC.web);
      const runId = args['run-id'] ?? `live-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const outDir = args.out ?? join('data', 'live', runId);
      const run = await LiveRun.create({
        mode: args.mode, venueName: args.venue, restUrl: rest, webUrl: web, wsUrl: ws, ...(guard.value === undefined ? {} : { credentials: guard.value }),
        strategy, params: scoped.strategy, risk: scoped.risk, riskParsed: risk, venueDefaults: scoped.venue, instruments, latency,
        ...(model === undefined ? {} : { model, modelPath: args.model! }), seed: args.seed, initialQuote: args.quote, runId, outDir, symbols: args.symbols,
        log: componentLogger('live'),
      });
      const clock = await run.checkClock();
      if (clock?.problem !== undefined) io.stderr.write(`WARNING: ${clock.problem}\n`);
      const status = new LiveStatusLine(run, io.stderr);
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        io.stderr.write(`live ${args.mode} on ${args.venue} (${rest}), run folder ${outDir}${args.mode === 'real' ? ' — REAL ORDERS' : ''}\n`);
        run.start();
        status.start();
        await run.runFor(args.duration === undefined ? Infinity : args.duration * 1000, abort.signal);
      } finally {
        status.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      const summary = await run.stop();
      io.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : formatLiveSummary(summary, outDir));
      return summary.failure === null ? 0 : 1;
    } finally {
      await sim?.stop();
    }
  },
});
