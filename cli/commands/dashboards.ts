/**
 * `sniper dashboards [build|preview]`: the Observable Framework site over the lake, a model and a
 * backtest run (dashboards/README.md). The work lives in dashboards/lib/site.ts.
 */
import { z } from 'zod';
import { defineCommand, flag } from '../command.ts';
import { buildDashboards, DashboardsError, previewDashboards } from '../../dashboards/lib/site.ts';

export const dashboardsCommand = defineCommand({
  name: 'dashboards',
  summary: 'build or preview the dashboards (lake coverage, listings, calibration, backtest runs)',
  help: `usage: sniper dashboards [build|preview] [--lake DIR] [--model FILE] [--run DIR] [--out DIR] [--port N] [--verbose]

  build     (default) write the static site to dashboards/dist (open dashboards/dist/index.html
            through any static server, or use preview)
  preview   serve the site on localhost with live reload; prints the URL

Sources (each optional; a missing one is shown on its pages with the command that makes it):
  --lake DIR      a lake (default: SNIPER_LAKE, else data/lake, else data/demo/lake-history)
  --model FILE    a model artifact with its .tables/ folder beside it (default: SNIPER_MODEL,
                  else the newest in data/models, else data/demo/models/demo-model.json)
  --run DIR       a backtest run folder (default: SNIPER_RUN, else the newest in data/runs,
                  else data/demo/runs/demo-backtest)
  --out DIR       where build writes the site (default dashboards/dist)
  --port N        preview port (default 3000, or the next free one)
  --host H        preview host (default 127.0.0.1)
  --verbose       show Observable Framework's own output

Everything builds offline: libraries come from node_modules, data from the local files.`,
  options: {
    lake: { type: 'string' },
    model: { type: 'string' },
    run: { type: 'string' },
    out: { type: 'string' },
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    verbose: { type: 'boolean', default: false },
  },
  schema: z.object({
    lake: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    run: z.string().min(1).optional(),
    out: z.string().min(1).optional(),
    port: flag.int('--port', 1, 65535),
    host: z.string().min(1),
    verbose: z.boolean(),
    positionals: z.array(z.enum(['build', 'preview'], { error: 'the action must be build or preview' }))
      .max(1, 'dashboards takes one action: build or preview'),
  }),
  async run(args, io) {
    const action = args.positionals[0] ?? 'build';
    const opts = { lake: args.lake, model: args.model, run: args.run, verbose: args.verbose };
    try {
      if (action === 'preview') return await previewDashboards({ ...opts, port: args.port, host: args.host }, io);
      await buildDashboards({ ...opts, out: args.out }, io);
      return 0;
    } catch (error) {
      if (!(error instanceof DashboardsError)) throw error;
      io.stderr.write(`sniper dashboards: ${error.message}\n`);
      return 1;
    }
  },
});
