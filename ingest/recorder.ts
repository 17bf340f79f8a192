/**
 * The recorder: wires the connection manager, the frame recorder (capture, decode, normalize,
 * order books), listing discovery, and the sinks (the Parquet lake and/or Kafka) together.
 * `sniper record` is a thin shell around it; tests drive it directly against `sniper sim`.
 */
import { WallClock, type Clock } from '../core/clock.ts';
import { componentLogger, type Logger } from '../core/logger.ts';
import { channels } from '../adapters/mexc/channels.ts';
import { MexcRestClient } from '../adapters/mexc/rest/client.ts';
import { TABLE_NAMES } from '../lake/schema.ts';
import { fanOut, type RowSink } from './event-rows.ts';
import { FrameRecorder } from './frame-recorder.ts';
import { KafkaPublisher } from './kafka/publisher.ts';
import { LakeSink } from './lake-sink.ts';
import { ListingDiscovery, type DiscoveryOptions } from './listings/discovery.ts';
import { ConnectionPool, type PoolOptions } from './ws/connection-pool.ts';

export interface RecorderConfig {
  readonly restUrl: string;
  readonly webUrl?: string;
  readonly wsUrl: string;
  readonly lakeDir?: string;
  readonly kafkaBrokers?: readonly string[];
  readonly kafkaTopicPrefix?: string;
  /** Which symbols: a fixed list, new listings only, or every exchangeInfo symbol plus listings. */
  readonly symbols?: readonly string[];
  readonly listings: boolean;
  readonly all: boolean;
  /** Stable id: names files and connection ids. */
  readonly recorderId: string;
  readonly pool?: Partial<Omit<PoolOptions, 'url' | 'recorderId'>>;
  readonly discovery?: DiscoveryOptions;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The streams recorded for each symbol (5 channels: 6 symbols per connection). */
export function channelsForSymbol(symbol: string): string[] {
  return [
    channels.aggreDeals(symbol), channels.aggreDepth(symbol), channels.aggreBookTicker(symbol),
    channels.kline(symbol, 'Min1'), channels.miniTicker(symbol),
  ];
}

export class Recorder {
  readonly frames: FrameRecorder;
  readonly pool: ConnectionPool;
  readonly discovery: ListingDiscovery | undefined;
  readonly rest: MexcRestClient;
  private readonly clock: Clock;
  private readonly log: Logger;
  private snapshotsInFlight = new Set<string>();
  private snapshotSeq = 0;
  private stopped = false;
  snapshots = 0;

  private constructor(
    private readonly config: RecorderConfig,
    readonly lake: LakeSink | undefined,
    readonly kafka: KafkaPublisher | undefined,
  ) {
    this.clock = config.clock ?? new WallClock();
    this.log = config.logger ?? componentLogger('ingest.record');
    const sinks: RowSink[] = [];
    if (lake !== undefined) sinks.push(lake);
    if (kafka !== undefined) sinks.push({ append: (t, r) => void kafka.publish(t, r) });
    const sink = fanOut(sinks);
    this.rest = MexcRestClient.create({ baseUrl: config.restUrl, webBaseUrl: config.webUrl ?? config.restUrl }, { clock: this.clock });
    this.frames = new FrameRecorder(sink, {
      requestSnapshot: (s) => this.fetchSnapshot(s),
      onTrade: (s, t) => this.discovery?.onTrade(s, t),
    });
    this.pool = new ConnectionPool({ url: config.wsUrl, recorderId: config.recorderId, ...config.pool }, this.frames, this.clock, this.log.child({ component: 'ingest.ws' }));
    if (config.listings || config.all) {
      this.discovery = new ListingDiscovery(this.rest, this.frames, sink, this.clock, this.log.child({ component: 'ingest.listings' }),
        (symbol) => this.subscribeSymbol(symbol), { connId: `${config.recorderId}-poll`, ...config.discovery });
    }
  }

  static async create(config: RecorderConfig): Promise<Recorder> {
    if (config.lakeDir === undefined && config.kafkaBrokers === undefined) throw new Error('record needs a lake, Kafka, or both');
    const lake = config.lakeDir === undefined ? undefined : await LakeSink.open({ lakeDir: config.lakeDir, writerId: config.recorderId, ...(config.logger ? { logger: config.logger } : {}) });
    const kafka = config.kafkaBrokers === undefined ? undefined
      : new KafkaPublisher({ brokers: config.kafkaBrokers, clientId: config.recorderId, ...(config.kafkaTopicPrefix ? { topicPrefix: config.kafkaTopicPrefix } : {}), ...(config.logger ? { logger: config.logger } : {}) });
    return new Recorder(config, lake, kafka);
  }

  subscribeSymbol(symbol: string): void {
    this.log.info({ symbol }, 'subscribing');
    this.pool.add(channelsForSymbol(symbol));
  }

  async start(): Promise<void> {
    await this.kafka?.start(TABLE_NAMES);
    for (const s of this.config.symbols ?? []) this.pool.add(channelsForSymbol(s));
    if (this.config.all) {
      const info = await this.rest.exchangeInfo();
      if (info.ok) {
        for (const s of info.value.symbols) if (s.status === '1') this.pool.add(channelsForSymbol(s.symbol));
      } else this.log.error({ err: info.error.message }, 'exchangeInfo failed; --all records only what discovery finds');
    }
    this.pool.start();
    this.discovery?.start();
  }

  private fetchSnapshot(symbol: string): void {
    if (this.snapshotsInFlight.has(symbol)) return;
    this.snapshotsInFlight.add(symbol);
    void this.rest.depth(symbol, 5000).then((r) => {
      this.snapshotsInFlight.delete(symbol);
      if (this.stopped) return;
      const meta = { connId: `${this.config.recorderId}-rest`, tsRecv: this.clock.nowUs(), seq: this.snapshotSeq++ };
      if (!r.ok) {
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

  /** Stop everything and flush: gaps still open are closed at now, listings rows written, files finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.discovery?.stop();
    this.pool.stop();
    const meta = { connId: `${this.config.recorderId}-rest`, tsRecv: this.clock.nowUs(), seq: this.snapshotSeq++ };
    this.frames.resetBooks([...this.frames.books.keys()], meta, 'end of recording');
    this.discovery?.writeListings();
    await this.kafka?.close();
    await this.lake?.close();
  }
}
