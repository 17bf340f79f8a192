/**
 * One venue's market data, wired to one RowSink: the connection manager (sharded WS connections,
 * acks, PING, reconnects with backoff, disconnect gaps), the frame recorder (capture, decode,
 * normalize, order-book sync with REST depth snapshots) and, when asked, listing discovery
 * (calendar, symbolsV2, defaultSymbols, exchangeInfo), which subscribes each new listing's streams.
 *
 * The recorder puts the lake and/or Kafka behind the sink; the live runner puts its EventBridge
 * there, which records and feeds the strategy. Both therefore see the venue the same way.
 */
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { channels } from '../adapters/mexc/channels.ts';
import { MexcRestClient } from '../adapters/mexc/rest/client.ts';
import type { RowSink } from './event-rows.ts';
import { FrameRecorder } from './frame-recorder.ts';
import { ListingDiscovery, type DiscoveryOptions } from './listings/discovery.ts';
import { ConnectionPool, type PoolOptions, type PoolStats } from './ws/connection-pool.ts';

/** The streams recorded for each symbol (5 channels: 6 symbols per connection). */
export function channelsForSymbol(symbol: string): string[] {
  return [
    channels.aggreDeals(symbol), channels.aggreDepth(symbol), channels.aggreBookTicker(symbol),
    channels.kline(symbol, 'Min1'), channels.miniTicker(symbol),
  ];
}

export interface MarketFeedOptions {
  readonly restUrl: string;
  readonly webUrl?: string;
  readonly wsUrl: string;
  /** Stable id: the prefix of every connection id in the recording. */
  readonly feedId: string;
  /** Symbols streamed from the start. */
  readonly symbols?: readonly string[];
  /** Discover new listings and subscribe their streams ahead of the open. */
  readonly listings: boolean;
  readonly pool?: Partial<Omit<PoolOptions, 'url' | 'recorderId'>>;
  readonly discovery?: DiscoveryOptions;
  /** Log component prefix: `ingest` gives ingest.ws, ingest.listings, ingest.rest. */
  readonly component: string;
}

export class MarketFeed {
  readonly rest: MexcRestClient;
  readonly frames: FrameRecorder;
  readonly pool: ConnectionPool;
  readonly discovery: ListingDiscovery | undefined;
  snapshots = 0;
  snapshotFailures = 0;
  private readonly inFlight = new Set<string>();
  private snapshotSeq = 0;
  private stopped = false;

  constructor(private readonly o: MarketFeedOptions, sink: RowSink, private readonly clock: Clock, private readonly log: Logger) {
    this.rest = MexcRestClient.create({ baseUrl: o.restUrl, webBaseUrl: o.webUrl ?? o.restUrl }, { clock, logger: log.child({ component: `${o.component}.rest` }) });
    this.frames = new FrameRecorder(sink, {
      requestSnapshot: (s) => this.fetchSnapshot(s),
      onTrade: (s, t) => this.discovery?.onTrade(s, t),
    });
    this.pool = new ConnectionPool({ url: o.wsUrl, recorderId: o.feedId, ...o.pool }, this.frames, clock, log.child({ component: `${o.component}.ws` }));
    this.discovery = o.listings
      ? new ListingDiscovery(this.rest, this.frames, sink, clock, log.child({ component: `${o.component}.listings` }),
        (symbol) => this.subscribe(symbol), { connId: `${o.feedId}-poll`, ...o.discovery })
      : undefined;
  }

  subscribe(symbol: string): void {
    this.log.info({ symbol }, 'subscribing');
    this.pool.add(channelsForSymbol(symbol));
  }

  /** Open the connections for the configured symbols (and any added before), start discovery. */
  start(): void {
    for (const s of this.o.symbols ?? []) this.pool.add(channelsForSymbol(s));
    this.pool.start();
    this.discovery?.start();
  }

  stats(): PoolStats {
    return this.pool.stats();
  }

  /** Stop polling (a poll in flight finishes first) and close every connection (channels still down get their gap rows). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.discovery?.stop();
    this.pool.stop();
  }

  /** Close every order book with a reset row (`reason`), e.g. at the end of a recording. */
  endBooks(reason: string): void {
    const meta = { connId: `${this.o.feedId}-rest`, tsRecv: this.clock.nowUs(), seq: this.snapshotSeq++ };
    this.frames.resetBooks([...this.frames.books.keys()], meta, reason);
  }

  private fetchSnapshot(symbol: string): void {
    if (this.inFlight.has(symbol)) return;
    this.inFlight.add(symbol);
    void this.rest.depth(symbol, 5000).then((r) => {
      this.inFlight.delete(symbol);
      if (this.stopped) return;
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
}
