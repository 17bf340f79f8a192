/** The scenario a `sniper sim` or `sniper generate` run uses: the --scenario file, then the flags on top. */
import { DEFAULT_ESTABLISHED, establishedFor, loadScenarioFile, parseScenario, type Scenario } from './scenario.ts';

export interface ScenarioFlags {
  readonly scenario?: string;
  readonly seed?: number;
  readonly speed?: number;
  readonly listings?: number;
  readonly firstOpenIn?: number;
  readonly listingInterval?: number;
  readonly symbols?: readonly string[];
  readonly faults?: string;
}

export function scenarioFromFlags(f: ScenarioFlags): Scenario {
  const base = f.scenario !== undefined ? loadScenarioFile(f.scenario) : parseScenario({});
  const established = f.symbols !== undefined ? f.symbols.map(establishedFor)
    : base.established.length > 0 ? base.established : DEFAULT_ESTABLISHED.slice(0, 2);
  return {
    ...base,
    seed: f.seed ?? base.seed,
    speed: f.speed ?? base.speed,
    established,
    listings: {
      ...base.listings,
      count: f.listings ?? base.listings.count,
      firstOpenInSec: f.firstOpenIn ?? base.listings.firstOpenInSec,
      intervalSec: f.listingInterval ?? base.listings.intervalSec,
    },
    faults: f.faults ?? base.faults,
  };
}
