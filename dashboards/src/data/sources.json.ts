// Which lake, model and run the dashboards read, or why one is missing (dashboards/lib/sources.ts).
import { jsonLoader } from '../../lib/loader.ts';

await jsonLoader('sources.json', (sources) => sources);
