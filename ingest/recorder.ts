/**
 * The recorder: a MarketFeed (market-feed.ts: connections, capture, decode, normalize, order
 * books, listing discovery) with the sinks behind it, the Parquet lake and/or Kafka.
 * `sniper record` is a thin shell around it; tests drive it directly against `sniper sim`.
 */
import { WallClock, type Clock } from '../core/clock.ts';
import { componentLogger, type Logger } from '../core/logger.ts';
import { TABLE_NAMES } from '../lake/schema.ts';
import { fanOut, type RowSink } from './event-rows.ts';
import { KafkaPublisher } from './kafka/publisher.ts';
import { LakeSink } from './lake-sink.ts';
import type { DiscoveryOptions } from './listings/discovery.ts';
import { channelsForSymbol, MarketFeed } from './market-feed.ts';
import type { PoolOptions } from './ws/connection-pool.ts';

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

export class Recorder {
  readonly feed: MarketFeed;
  private readonly clock: Clock;
  private readonly log: Logger;

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
    this.feed = new MarketFeed({
      restUrl: config.restUrl, wsUrl: config.wsUrl, feedId: config.recorderId, symbols: config.symbols, listings: config.listings || config.all, component: 'ingest',
      ...(config.webUrl === undefined ? {} : { webUrl: config.webUrl }), ...(config.pool === undefined ? {} : { pool: config.pool }),
      ...(config.discovery === undefined ? {} : { discovery: config.discovery }),
    }, fanOut(sinks), this.clock, this.log);
  }

  get rest(): MarketFeed['rest'] { return this.feed.rest; }
  get frames(): MarketFeed['frames'] { return this.feed.frames; }
  get pool(): MarketFeed['pool'] { return this.feed.pool; }
  get discovery(): MarketFeed['discovery'] { return this.feed.discovery; }
  get snapshots(): number { return this.feed.snapshots; }

  static async create(config: RecorderConfig): Promise<Recorder> {
    if (config.lakeDir === undefined && config.kafkaBrokers === undefined) throw new Error('record needs a lake, Kafka, or both');
    const lake = config.lakeDir === undefined ? undefined : await LakeSink.open({ lakeDir: config.lakeDir, writerId: config.recorderId, ...(config.logger ? { logger: config.logger } : {}) });
    const kafka = config.kafkaBrokers === undefined ? undefined
      : new KafkaPublisher({ brokers: config.kafkaBrokers, clientId: config.recorderId, ...(config.kafkaTopicPrefix ? { topicPrefix: config.kafkaTopicPrefix } : {}), ...(config.logger ? { logger: config.logger } : {}) });
    return new Recorder(config, lake, kafka);
  }

  subscribeSymbol(symbol: string): void {
    this.feed.subscribe(symbol);
  }

  async start(): Promise<void> {
    await this.kafka?.start(TABLE_NAMES);
    if (this.config.all) {
      const info = await this.rest.exchangeInfo();
      if (info.ok) {
        for (const s of info.value.symbols) if (s.status === '1') this.feed.pool.add(channelsForSymbol(s.symbol));
      } else this.log.error({ err: info.error.message }, 'exchangeInfo failed; --all records only what discovery finds');
    }
    this.feed.start();
  }

  /** Stop everything and flush: gaps still open are closed at now, listings rows written, files finished. */
  async stop(): Promise<void> {
    await this.feed.stop();
    this.feed.endBooks('end of recording');
    this.discovery?.writeListings();
    await this.kafka?.close();
    await this.lake?.close();
  }
}
