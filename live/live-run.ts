/**
 * One live session: the feed (ingest) → the bridge (record + restamp) → the runner with the risk
 * guard → the paper venue (execution/'s fill model on the live book) or the MEXC venue, with the
 * audit trail in the run folder:
 *
 *   lake/              the session as a lake: raw frames plus every event the runner acted on,
 *                      replayable with `sniper backtest --lake <run>/lake`
 *   decisions.jsonl    each decision as it is made; decisions/orders/fills.parquet at the end
 *   venue.jsonl        real mode: every order sent, answer, unknown outcome and reconciliation
 *   summary.json       what happened, decisionsHash, and the backtest command that replays it
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedClock, WallClock } from '../core/clock.ts';
import type { ModelArtifact } from '../core/confidence.ts';
import type { Logger } from '../core/logger.ts';
import type { AnyStrategy } from '../core/strategy.ts';
import { MexcRestClient } from '../adapters/mexc/rest/client.ts';
import type { InstrumentDefaults } from '../execution/instrument.ts';
import type { LatencyParams } from '../execution/latency.ts';
import type { RiskParams } from '../execution/risk-guard.ts';
import { SimSession } from '../execution/sim-session.ts';
import { LakeSink } from '../ingest/lake-sink.ts';
import type { DiscoveryOptions } from '../ingest/listings/discovery.ts';
import type { PoolOptions } from '../ingest/ws/connection-pool.ts';
import { writeAuditTables } from './audit-tables.ts';
import { DecisionJournal } from './decision-journal.ts';
import { EventBridge } from './event-bridge.ts';
import { LiveDriver, type LiveEngine } from './live-driver.ts';
import { LiveFeed } from './live-feed.ts';
import type { VenueJournalEntry } from './mexc-venue.ts';
import { PrivateStream } from './private-stream.ts';
import { RealSession } from './real-session.ts';
import { checkVenueClock, type VenueClockReport } from './venue-clock-check.ts';
import { liveSummary, type LiveSummary } from './run-summary.ts';
import type { Credentials } from './real-mode-guard.ts';

export interface LiveRunOptions {
  readonly mode: 'paper' | 'real';
  readonly venueName: 'mexc' | 'sim';
  readonly restUrl: string;
  readonly webUrl: string;
  readonly wsUrl: string;
  /** Real mode only; checked by real-mode-guard.ts before a run is built. */
  readonly credentials?: Credentials;
  readonly strategy: AnyStrategy;
  readonly params: Readonly<Record<string, string>>;
  readonly risk: Readonly<Record<string, string>>;
  readonly riskParsed: Partial<RiskParams>;
  readonly venueDefaults: Readonly<Record<string, string>>;
  readonly instruments: InstrumentDefaults;
  readonly latency: LatencyParams;
  readonly model?: ModelArtifact;
  readonly modelPath?: string;
  readonly seed: number;
  readonly initialQuote: number;
  readonly runId: string;
  readonly outDir: string;
  readonly symbols: readonly string[];
  readonly discovery?: DiscoveryOptions;
  readonly pool?: Partial<Omit<PoolOptions, 'url' | 'recorderId'>>;
  readonly log: Logger;
}

export class LiveRun {
  readonly clock = new WallClock();
  readonly startedUs: number;
  readonly journal: DecisionJournal;
  readonly bridge: EventBridge;
  readonly feed: LiveFeed;
  readonly driver: LiveDriver;
  private venueFd: number | undefined;
  /** Real mode: the user data stream that prompts order lookups. */
  privateStream: PrivateStream | undefined;
  private constructor(
    readonly o: LiveRunOptions,
    readonly lake: LakeSink,
    readonly engine: LiveEngine & { equity(): number },
    readonly real: RealSession | undefined,
    journal: DecisionJournal,
    venueFd: number | undefined,
  ) {
    this.startedUs = this.clock.nowUs();
    this.journal = journal;
    this.venueFd = venueFd;
    this.driver = new LiveDriver(engine, this.clock, o.log.child({ component: 'live.runner' }));
    this.bridge = new EventBridge(lake, (e) => this.driver.onEvent(e));
    this.feed = new LiveFeed({ restUrl: o.restUrl, webUrl: o.webUrl, wsUrl: o.wsUrl, feedId: `live-${o.runId}`, symbols: o.symbols,
      ...(o.discovery === undefined ? {} : { discovery: o.discovery }), ...(o.pool === undefined ? {} : { pool: o.pool }) },
    this.bridge, this.clock, o.log);
  }

  static async create(o: LiveRunOptions): Promise<LiveRun> {
    if (existsSync(o.outDir) && readdirSync(o.outDir).length > 0) throw new Error(`run folder ${o.outDir} is not empty: one folder holds one session`);
    const wall = new WallClock();
    // real mode: the account answers before anything is opened, so a bad key fails fast and leaves nothing behind
    let real: { client: MexcRestClient; quote: number } | undefined;
    if (o.mode === 'real') {
      if (o.credentials === undefined) throw new Error('real mode without credentials (real-mode-guard.ts must refuse this earlier)');
      const client = MexcRestClient.create({ baseUrl: o.restUrl, webBaseUrl: o.webUrl, apiKey: o.credentials.apiKey, apiSecret: o.credentials.apiSecret }, { clock: wall });
      await client.syncTime();
      const account = await client.account();
      if (!account.ok) throw account.error;
      real = { client, quote: Number(account.value.balances.find((b) => b.asset === 'USDT')?.free ?? 0) };
    }
    mkdirSync(o.outDir, { recursive: true });
    const lake = await LakeSink.open({ lakeDir: join(o.outDir, 'lake'), writerId: `live-${o.runId}`, logger: o.log.child({ component: 'live.lake' }) });
    const journal = new DecisionJournal(join(o.outDir, 'decisions.jsonl'));
    const clock = new SimulatedClock(wall.nowUs());
    const common = { strategy: o.strategy, params: o.params, clock, seed: o.seed, risk: o.riskParsed, instruments: o.instruments, decisions: journal, ...(o.model === undefined ? {} : { model: o.model }) };
    if (real === undefined) {
      const s = new SimSession({ ...common, initialQuote: o.initialQuote, latency: o.latency });
      return new LiveRun(o, lake, s, undefined, journal, undefined);
    }
    const venueFd = openSync(join(o.outDir, 'venue.jsonl'), 'a');
    let run: LiveRun | undefined;
    const s = new RealSession({
      ...common, initialQuote: real.quote,
      venue: {
        client: real.client, clock: wall, log: o.log.child({ component: 'live.venue' }),
        journal: (e: VenueJournalEntry) => writeSync(venueFd, `${JSON.stringify(e)}\n`),
        wake: () => run?.driver.wake(),
      },
    });
    const engine = Object.assign(s, { equity: () => s.runner.portfolio.equity((sym) => s.runner.lastPrice(sym)) });
    run = new LiveRun(o, lake, engine, s, journal, venueFd);
    const stream = new PrivateStream(real.client, o.wsUrl, o.log.child({ component: 'live.private' }), (id) => s.venue.pollSoon(id));
    try {
      await stream.start();
      run.privateStream = stream;
    } catch (e) {
      o.log.warn({ err: (e as Error).message }, 'no private stream (listen key refused); fills are found by polling GET order');
    }
    return run;
  }

  /** Offset and rate of the venue's clock against ours (a warning for a fast sim or a wrong clock). */
  checkClock(): Promise<VenueClockReport | undefined> {
    return checkVenueClock(this.feed.rest);
  }

  start(): void {
    this.driver.start(this.bridge);
    this.feed.start();
  }

  /** Run until `durationMs` passes, `signal` aborts, or the runner fails. */
  async runFor(durationMs: number, signal?: AbortSignal): Promise<void> {
    const until = performance.now() + durationMs;
    while (performance.now() < until && signal?.aborted !== true && this.driver.failure === undefined) {
      await Bun.sleep(Math.min(100, Math.max(1, until - performance.now())));
    }
  }

  /** Stop the feed and the runner, write the audit tables and summary.json; returns the summary. */
  async stop(): Promise<LiveSummary> {
    await this.feed.stop(); // a listing poll in flight lands before the bridge closes
    const endUs = this.driver.stop();
    this.bridge.close();
    this.real?.venue.stop();
    this.privateStream?.stop();
    await this.lake.close();
    this.journal.close();
    if (this.venueFd !== undefined) closeSync(this.venueFd);
    this.venueFd = undefined;
    await writeAuditTables(this.o.outDir);
    const summary = liveSummary(this, endUs);
    await Bun.write(join(this.o.outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  }
}
