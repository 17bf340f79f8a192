// The backtest run's summary.json: metrics, latency, venue counts and per-listing outcomes.
import { readRun } from '../../lib/artifacts.ts';
import { jsonLoader } from '../../lib/loader.ts';

await jsonLoader('run.json', ({ run }) => (run.present ? readRun(run.path) : { missing: run.message }));
