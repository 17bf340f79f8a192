/**
 * `sniper dashboards [build|preview]`: the Observable Framework site over the lake, a model and a
 * backtest run (dashboards/README.md). The work lives in dashboards/lib/site.ts.
 */
import { defineCommand } from '../command.ts';
import { runSiteCommand, siteOptions, siteSchema } from '../site-command.ts';
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
  options: siteOptions(3000),
  schema: siteSchema('dashboards'),
  run(args, io) {
    return runSiteCommand('dashboards', args, io, {
      build: buildDashboards, preview: previewDashboards, isOwnError: (e): e is Error => e instanceof DashboardsError,
    });
  },
});
