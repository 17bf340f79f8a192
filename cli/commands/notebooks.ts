/**
 * `sniper notebooks [build|preview]`: the Observable Notebook Kit research notebooks, whose DuckDB
 * SQL cells run over the lake and the model tables (notebooks/README.md). The work lives in
 * notebooks/lib/site.ts.
 */
import { defineCommand } from '../command.ts';
import { runSiteCommand, siteOptions, siteSchema } from '../site-command.ts';
import { buildNotebooks, NotebooksError, previewNotebooks } from '../../notebooks/lib/site.ts';

export const notebooksCommand = defineCommand({
  name: 'notebooks',
  summary: 'build or preview the research notebooks (DuckDB SQL cells over the lake and the model)',
  help: `usage: sniper notebooks [build|preview] [--lake DIR] [--model FILE] [--run DIR] [--out DIR] [--port N] [--verbose]

  build     (default) run every notebook's SQL cells and write notebooks/dist/<name>.html
  preview   serve the notebooks on localhost (edits to notebooks/*.html reload); prints the URL

The SQL cells query database "sniper": views over the lake's tables, the model's tables and the
run's tables (run_trades, run_equity, run_decisions). A lake and a model are required.
  --lake DIR      a lake (default: SNIPER_LAKE, else data/lake, else data/demo/lake-history)
  --model FILE    a model artifact with its .tables/ folder (default: SNIPER_MODEL, else the
                  newest in data/models, else data/demo/models/demo-model.json)
  --run DIR       a backtest run folder (optional; default: SNIPER_RUN, else the newest in
                  data/runs, else data/demo/runs/demo-backtest)
  --out DIR       where build writes the notebooks (default notebooks/dist)
  --port N        preview port (default 3100, or the next free one)
  --host H        preview host (default 127.0.0.1)
  --verbose       show the Vite build's own output

Everything builds offline: libraries come from node_modules, never from a CDN.`,
  options: siteOptions(3100),
  schema: siteSchema('notebooks'),
  run(args, io) {
    return runSiteCommand('notebooks', args, io, {
      build: buildNotebooks, preview: previewNotebooks, isOwnError: (e): e is Error => e instanceof NotebooksError,
    });
  },
});
