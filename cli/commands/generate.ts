/**
 * `sniper generate`: the sim's listing market written straight to a lake, with ground truth.
 */
import { z } from 'zod';
import { defineCommand, flag } from '../command.ts';
import { scenarioFromFlags } from '../../sim/config/from-flags.ts';
import { generateLake } from '../../sim/generate/generate-lake.ts';

export const generateCommand = defineCommand({
  name: 'generate',
  summary: 'write a historical lake straight from the market model, with its ground truth',
  help: `usage: sniper generate --listings N --lake DIR [--seed S] [flags]

Writes the sim's market (no sockets) as a lake in DIR (raw_frames, trades, depth_updates,
book_tickers, klines, status, listings) and DIR/ground_truth.json:
  {"weights":{"history","market","timing","external"},"listings":[{symbol, vcoinId, factors, ...}]}
  --listings N         number of listings (required)
  --lake DIR           output lake directory (required)
  --seed S             market seed (default 1)
  --start ISO          time before the first open (default 2026-01-01T00:00:00Z)
  --spacing-min M      mean minutes between scheduled opens (default 30)
  --symbols A,B        established pairs written as Min1 klines (default BTCUSDT,ETHUSDT)
  --trade-minutes M    trades and Min1 klines for this long after each open (default 60)
  --raw-seconds S      aggre.deals raw frames for this long after each open (default 30)
  --scenario FILE      JSON scenario (weights, shares, status walk; see sim/README.md)`,
  options: {
    listings: { type: 'string' },
    lake: { type: 'string' },
    seed: { type: 'string' },
    start: { type: 'string', default: '2026-01-01T00:00:00Z' },
    'spacing-min': { type: 'string', default: '30' },
    symbols: { type: 'string' },
    'trade-minutes': { type: 'string', default: '60' },
    'raw-seconds': { type: 'string', default: '30' },
    scenario: { type: 'string' },
  },
  schema: z.object({
    listings: z.string({ error: 'is required (how many listings to generate)' }).pipe(flag.int('listings', 1, 10_000_000)),
    lake: z.string({ error: 'is required (the output lake directory)' }).min(1),
    seed: flag.int('seed').optional(),
    start: z.string().refine((s) => Number.isFinite(Date.parse(s)), 'start must be an ISO time').transform((s) => Date.parse(s)),
    'spacing-min': flag.number('spacing-min', 0.1),
    symbols: flag.list().pipe(z.array(z.string().regex(/^[A-Z0-9]{2,20}USDT$/, 'symbols must look like BTCUSDT'))).optional(),
    'trade-minutes': flag.number('trade-minutes', 1),
    'raw-seconds': flag.number('raw-seconds', 0),
    scenario: z.string().optional(),
    positionals: z.array(z.string()).max(0, 'generate takes no positional arguments'),
  }),
  async run(args, io) {
    const scenario = scenarioFromFlags({ scenario: args.scenario, seed: args.seed, symbols: args.symbols });
    const r = await generateLake({
      scenario, lake: args.lake, listings: args.listings, startMs: args.start, meanSpacingMs: args['spacing-min'] * 60_000,
      tradeMs: args['trade-minutes'] * 60_000, rawMs: args['raw-seconds'] * 1000,
      progress: (done, total) => io.stderr.write(`generate: ${done}/${total} listings\n`),
    });
    io.stdout.write(`${JSON.stringify({ ...r, listingsPerSec: r.listings / r.seconds, rowsPerSec: r.rows / r.seconds })}\n`);
    return 0;
  },
});
