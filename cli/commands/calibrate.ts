/**
 * `sniper calibrate`: run the pipeline over a lake and write a model artifact (JSON, valid under
 * core/confidence.ts modelArtifactSchema) plus the dashboards' Parquet tables, and print a report.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { calibrateLake, tablesDirFor } from '../../pipeline/calibrate.ts';
import { CalibrationError } from '../../pipeline/calibration-error.ts';
import { formatReport } from '../../pipeline/report.ts';
import { defineCommand, flag } from '../command.ts';

/** A time flag: epoch ms or an ISO date/time (UTC when no zone is given). */
const timeFlag = (name: string) => z.string().transform((s, ctx) => {
  const t = /^\d+$/.test(s) ? Number(s) : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) || !s.includes('T') ? s : `${s}Z`);
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: 'custom', message: `${name} must be epoch ms or an ISO date, got '${s}'` });
    return z.NEVER;
  }
  return t;
});

export const calibrateCommand = defineCommand({
  name: 'calibrate',
  summary: 'run the pipeline over a lake and write a calibrated confidence model',
  help: `usage: sniper calibrate --lake DIR --out FILE [--from T] [--to T] [options]

Builds listing facts, labels (each listing sniped through the backtest fill model: market buy at
the open, take-profit ladder / stop loss / time stop, net of fees), causal features and the
status-pattern study with DuckDB; fits the four weights, calibrates the score, picks the
threshold by expected value, validates walk-forward, and writes:
  FILE                     the model artifact strategies load (--model FILE)
  FILE-without-.json.tables/ listing_facts, features, labels, status_patterns, status_sequences,
                           reliability, ev_buckets, walk_forward, weight_intervals, predictions (.parquet)

  --lake DIR        the lake (default data/lake)
  --out FILE        where to write the artifact (required)
  --from T, --to T  only listings decided in [from, to): epoch ms or ISO date
  --folds N         walk-forward folds (default 5)
  --bootstrap N     bootstrap replicates for the weight intervals (default 200)
  --min-edge X      minimum expected net return per trade for the threshold (default 0)
  --seed N          bootstrap seed (default 1)
  --market-symbols A,B  established pairs whose trend is the market factor (default BTCUSDT,ETHUSDT)
  --ground-truth F  check against a generated lake's truth (default: DIR/ground_truth.json when
                    it exists; --ground-truth none to skip)
  --json            print the artifact instead of the report

example: sniper calibrate --lake data/lake --out data/models/latest.json`,
  options: {
    lake: { type: 'string', default: 'data/lake' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    folds: { type: 'string', default: '5' },
    bootstrap: { type: 'string', default: '200' },
    'min-edge': { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    'market-symbols': { type: 'string', default: 'BTCUSDT,ETHUSDT' },
    'ground-truth': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  schema: z.object({
    lake: z.string().min(1),
    out: z.string({ message: '--out FILE is required' }).min(1).regex(/\.json$/i, 'the artifact file must end in .json'),
    from: timeFlag('--from').optional(),
    to: timeFlag('--to').optional(),
    folds: flag.int('--folds', 1, 20),
    bootstrap: flag.int('--bootstrap', 0, 10_000),
    'min-edge': flag.number('--min-edge', -1),
    seed: flag.int('--seed'),
    'market-symbols': flag.list().pipe(z.array(z.string().regex(/^[A-Z0-9]+$/, '--market-symbols must be uppercase pairs like BTCUSDT')).min(1)),
    'ground-truth': z.string().min(1).optional(),
    json: z.boolean(),
    positionals: z.array(z.string()).max(0, 'calibrate takes no positional arguments'),
  }).refine((a) => a.from === undefined || a.to === undefined || a.from < a.to, { message: '--from must be before --to', path: ['from'] }),
  async run(args, io) {
    try {
      const truthDefault = join(args.lake, 'ground_truth.json');
      const truth = args['ground-truth'] === 'none' ? undefined : (args['ground-truth'] ?? (existsSync(truthDefault) ? truthDefault : undefined));
      const r = await calibrateLake({
        ...(truth === undefined ? {} : { groundTruthFile: truth }),
        lakeDir: args.lake,
        outFile: args.out,
        tablesDir: tablesDirFor(args.out),
        ...(args.from === undefined ? {} : { fromMs: args.from }),
        ...(args.to === undefined ? {} : { toMs: args.to }),
        folds: args.folds,
        bootstrap: args.bootstrap,
        minEdge: args['min-edge'],
        seed: args.seed,
        features: { marketSymbols: args['market-symbols'] },
        onStep: (name, ms) => io.stderr.write(`calibrate: ${name} ${(ms / 1000).toFixed(2)} s\n`),
      });
      io.stdout.write(args.json ? `${JSON.stringify(r.artifact, null, 2)}\n` : formatReport(r));
      return 0;
    } catch (e) {
      if (e instanceof CalibrationError) {
        io.stderr.write(`sniper calibrate: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
});
