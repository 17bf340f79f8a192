/**
 * `sniper sim`: the MEXC-compatible exchange on localhost. Prints one JSON line
 * {"ready":true,"rest":...,"ws":...,"apiKey":...,"apiSecret":...} once it accepts connections,
 * then runs until SIGINT/SIGTERM.
 */
import { z } from 'zod';
import { defineCommand, flag } from '../command.ts';
import { scenarioFromFlags } from '../../sim/config/from-flags.ts';
import { parseFaults } from '../../sim/faults/fault-spec.ts';
import { startSim } from '../../sim/server/sim-server.ts';
import { startReplay } from '../../sim/replay/replay-server.ts';

export const simCommand = defineCommand({
  name: 'sim',
  summary: 'start the MEXC-compatible exchange on localhost',
  help: `usage: sniper sim [flags]

Starts HTTP and WebSocket on one port with MEXC's paths (/api/v3/..., /ws, the calendar and
symbolsV2) and prints one JSON line when it accepts connections:
  {"ready":true,"rest":"http://...","ws":"ws://.../ws","apiKey":"...","apiSecret":"..."}
  --host H               bind address (default 127.0.0.1)
  --port N               port, 0 = any free port (default 0)
  --seed N               market seed (default from the scenario, 1)
  --speed X              market clock multiplier (default 1)
  --listings N           scheduled new listings (default 3)
  --first-open-in S      seconds until the first listing opens (default 120)
  --listing-interval S   seconds between listings (default 300)
  --symbols A,B          established pairs that trade all the time (default BTCUSDT,ETHUSDT)
  --faults LIST          e.g. disconnect=20s,gap=0.005,rest429=0.01,skew=250ms (see sim/README.md)
  --scenario FILE        JSON scenario for everything else (sim/README.md)
  --replay LAKE          serve a lake's recorded raw frames instead of the market model
  --replay-speed N|max   replay pace (default 1 = recorded pace)
GET /_sim/stats reports frames sent per channel, faults, orders and listings.`,
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    seed: { type: 'string' },
    speed: { type: 'string' },
    listings: { type: 'string' },
    'first-open-in': { type: 'string' },
    'listing-interval': { type: 'string' },
    symbols: { type: 'string' },
    faults: { type: 'string' },
    scenario: { type: 'string' },
    replay: { type: 'string' },
    'replay-speed': { type: 'string', default: '1' },
  },
  schema: z.object({
    host: z.string().min(1),
    port: flag.int('port', 0, 65535),
    seed: flag.int('seed').optional(),
    speed: flag.number('speed', 0.001).optional(),
    listings: flag.int('listings', 0, 100_000).optional(),
    'first-open-in': flag.number('first-open-in', 0).optional(),
    'listing-interval': flag.number('listing-interval', 1).optional(),
    symbols: flag.list().pipe(z.array(z.string().regex(/^[A-Z0-9]{2,20}USDT$/, 'symbols must look like BTCUSDT'))).optional(),
    faults: z.string().optional(),
    scenario: z.string().optional(),
    replay: z.string().optional(),
    'replay-speed': z.union([z.literal('max'), flag.number('replay-speed', 0.001)]),
    positionals: z.array(z.string()).max(0, 'sim takes no positional arguments'),
  }),
  async run(args, io) {
    const scenario = scenarioFromFlags({
      scenario: args.scenario, seed: args.seed, speed: args.speed, listings: args.listings,
      firstOpenIn: args['first-open-in'], listingInterval: args['listing-interval'], symbols: args.symbols, faults: args.faults,
    });
    const faults = parseFaults(scenario.faults);
    const running = args.replay !== undefined
      ? await startReplay({ lake: args.replay, speed: args['replay-speed'], host: args.host, port: args.port, scenario })
      : startSim({ scenario, host: args.host, port: args.port, faults });
    io.stdout.write(`${JSON.stringify({
      ready: true, rest: running.rest, ws: running.ws, apiKey: scenario.account.apiKey, apiSecret: scenario.account.apiSecret,
    })}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await running.stop();
    return 0;
  },
});
