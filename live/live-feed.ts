/**
 * The live event source: ingest's connection manager (sharded WS connections, acks, PING,
 * reconnects with backoff, disconnect gaps), its frame recorder (decode, normalize, order-book
 * sync with REST snapshots) and its listing discovery (calendar, symbolsV2, exchangeInfo,
 * defaultSymbols), wired to one RowSink: the EventBridge that records and feeds the runner.
 *
 * This mirrors ingest/recorder.ts, whose sinks are fixed to the lake and Kafka; the live runner
 * needs its own sink in between. The depth-snapshot fetch below is the Recorder's, restated.
 */
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { MexcRestClient } from '../adapters/mexc/rest/client.ts';
import type { RowSink } from '../ingest/event-rows.ts';
import { FrameRecorder } from '../ingest/frame-recorder.ts';
import { ListingDiscovery, type DiscoveryOptions } from '../ingest/listings/discovery.ts';
import { channelsForSymbol } from '../ingest/recorder.ts';
import { ConnectionPool, type PoolOptions, type PoolStats } from '../ingest/ws/connection-pool.ts';

export interface LiveFeedOptions {
  readonly restUrl: string;
  readonly webUrl?: string;
  readonly wsUrl: string;
  /** Stable id for connection ids in the recording. */
  readonly feedId: string;
  /** Symbols streamed from the start (the market factor reads BTCUSDT). New listings are added by discovery. */
  readonly symbols: readonly string[];
  readonly pool?: Partial<Omit<PoolOptions, 'url' | 'recorderId'>>;
  readonly discovery?: DiscoveryOptions;
}

export class LiveFeed {
  readonly rest: MexcRestClient;
  readonly frames: FrameRecorder;
  readonly pool: ConnectionPool;
  readonly discovery: ListingDiscovery;
  private readonly inFlight = new Set<string>();
  private snapshotSeq = 0;
  snapshots = 0;
  snapshotFailures = 0;

  constructor(private readonly o: LiveFeedOptions, sink: RowSink, private readonly clock: Clock, private readonly log: Logger) {
    this.rest = MexcRestClient.create({ baseUrl: o.restUrl, webBaseUrl: o.webUrl ?? o.restUrl }, { clock, logger: log.child({ component: 'live.rest' }) });
    this.frames = new FrameRecorder(sink, {
      requestSnapshot: (s) => this.fetchSnapshot(s),
      onTrade: (s, t) => this.discovery.onTrade(s, t),
    });
    this.pool = new ConnectionPool({ url: o.wsUrl, recorderId: o.feedId, ...o.pool }, this.frames, clock, log.child({ component: 'live.ws' }));
    this.discovery = new ListingDiscovery(this.rest, this.frames, sink, clock, log.child({ component: 'live.listings' }),
      (symbol) => this.subscribe(symbol), { connId: `${o.feedId}-poll`, ...o.discovery });
  }

  subscribe(symbol: string): void {
    this.log.info({ symbol }, 'subscribing');
    this.pool.add(channelsForSymbol(symbol));
  }

  start(): void {
    for (const s of this.o.symbols) this.pool.add(channelsForSymbol(s));
    this.pool.start();
    this.discovery.start();
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  private fetchSnapshot(symbol: string): void {
    if (this.inFlight.has(symbol)) return;
    this.inFlight.add(symbol);
    void this.rest.depth(symbol, 5000).then((r) => {
      this.inFlight.delete(symbol);
      const meta = { connId: `${this.o.feedId}-rest`, tsRecv: this.clock.nowUs(), seq: this.snapshotSeq++ };
      if (!r.ok) {
        this.snapshotFailures++;
        this.log.warn({ symbol, err: r.error.message }, 'depth snapshot failed; retrying on the next delta');
        this.frames.onSnapshotFailed(symbol);
        return;
      }
      this.snapshots++;
      this.frames.onRest('/api/v3/depth', new TextEncoder().encode(JSON.stringify(r.value)), meta, symbol);
      const lv = (l: readonly [unknown, unknown]) => [Number(l[0]), Number(l[1])] as const;
      this.frames.onSnapshot(symbol, { lastUpdateId: Number(r.value.lastUpdateId), bids: r.value.bids.map(lv), asks: r.value.asks.map(lv), tsRecv: meta.tsRecv }, meta);
    });
  }

  /** Stop polling and close every connection (channels still down get their gap rows). */
  stop(): void {
    this.discovery.stop();
    this.pool.stop();
  }
}
