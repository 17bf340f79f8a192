// Every backtest run folder found, with its headline numbers, to compare runs.
import { listRuns } from '../../lib/artifacts.ts';
import { jsonLoader } from '../../lib/loader.ts';

await jsonLoader('runs.json', ({ run }) => listRuns(run.present ? run.path : null));
