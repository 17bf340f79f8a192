/**
 * Publishes lake rows to Kafka: an idempotent kafkajs producer, messages batched per send (up to
 * `batchMax`, or every `lingerMs`), GZIP-compressed, keyed by symbol.
 *
 * The buffer is bounded: `publish` returns false once it holds `maxBuffered` messages (that is
 * the back-pressure signal; the recorder counts the message as dropped for Kafka, the lake still
 * has it). While Kafka cannot be reached the publisher keeps the buffer, retries with backoff and
 * raises a loud alarm every `alarmEveryMs`, then reports when it is back.
 */
import { CompressionTypes, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { componentLogger, type Logger } from '../../core/logger.ts';
import type { TableName } from '../../lake/schema.ts';
import type { RowOf } from '../../lake/table-batch.ts';
import { applyControllerShim } from './controller-shim.ts';
import { DEFAULT_TOPIC_PREFIX, rowToMessage, topicOf, type OutMessage } from './messages.ts';
import { kafkaLogCreator, quietKafkaTimerWarnings } from './kafka-log.ts';

export interface PublisherOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  readonly topicPrefix?: string;
  readonly maxBuffered?: number;
  readonly batchMax?: number;
  readonly lingerMs?: number;
  readonly alarmEveryMs?: number;
  readonly logger?: Logger;
}

export interface PublisherStats {
  readonly sent: number;
  readonly buffered: number;
  readonly dropped: number;
  readonly down: boolean;
  readonly downSinceMs: number | undefined;
}

interface Pending {
  readonly topic: string;
  readonly message: OutMessage;
}

export class KafkaPublisher {
  private readonly producer: Producer;
  private readonly prefix: string;
  private buffer: Pending[] = [];
  private sent = 0;
  private dropped = 0;
  private downSinceMs: number | undefined;
  private lastAlarmMs = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly log: Logger;

  constructor(private readonly o: PublisherOptions) {
    applyControllerShim();
    quietKafkaTimerWarnings();
    this.prefix = o.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.log = o.logger ?? componentLogger('ingest.kafka');
    const kafka = new Kafka({
      clientId: o.clientId ?? 'sniper-recorder', brokers: [...o.brokers], logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(this.log), retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
      connectionTimeout: 2000, requestTimeout: 10_000,
    });
    // the default partitioner hashes the key (murmur2, as the Java client does): one symbol, one partition
    this.producer = kafka.producer({
      idempotent: true, maxInFlightRequests: 1, retry: { retries: 3, maxRetryTime: 1000 }, createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** Start the send loop. Connection problems do not throw: they raise the alarm and are retried. */
  async start(topicsOf: readonly TableName[]): Promise<void> {
    this.running = true;
    await this.ensureTopics(topicsOf);
    this.loop = this.run();
  }

  private async ensureTopics(tables: readonly TableName[]): Promise<void> {
    const kafka = new Kafka({ clientId: 'sniper-admin', brokers: [...this.o.brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000 });
    const a = kafka.admin();
    try {
      await a.connect();
      await a.createTopics({ topics: tables.map((t) => ({ topic: topicOf(this.prefix, t), numPartitions: 4 })), waitForLeaders: false });
    } catch (e) {
      this.log.info({ reason: (e as Error).message }, 'createTopics was refused; relying on topic auto-creation');
    } finally {
      await a.disconnect().catch(() => undefined);
    }
  }

  /** Queue one row. False when the buffer is full (the message is dropped and counted). */
  publish<T extends TableName>(table: T, row: RowOf<T>): boolean {
    if (this.buffer.length >= (this.o.maxBuffered ?? 100_000)) {
      this.dropped++;
      return false;
    }
    this.buffer.push({ topic: topicOf(this.prefix, table), message: rowToMessage(table, row) });
    if (this.buffer.length >= (this.o.batchMax ?? 5000)) this.wake?.();
    return true;
  }

  private async run(): Promise<void> {
    let connected = false;
    let backoffMs = 100;
    while (this.running || this.buffer.length > 0) {
      if (this.buffer.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.o.lingerMs ?? 50);
        });
        this.wake = undefined;
        continue;
      }
      try {
        if (!connected) {
          await this.producer.connect();
          connected = true;
        }
        const batch = this.buffer.slice(0, this.o.batchMax ?? 5000);
        await this.producer.sendBatch({ compression: CompressionTypes.GZIP, topicMessages: groupByTopic(batch) });
        this.buffer = this.buffer.slice(batch.length);
        this.sent += batch.length;
        backoffMs = 100;
        this.up();
      } catch (e) {
        connected = false;
        await this.producer.disconnect().catch(() => undefined);
        this.down(e as Error);
        if (!this.running) return; // closing while down: give up, the lake has every row
        await Bun.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5000);
      }
      if (this.running && this.buffer.length < (this.o.batchMax ?? 5000)) await Bun.sleep(this.o.lingerMs ?? 50);
    }
  }

  private down(e: Error): void {
    const now = Date.now();
    this.downSinceMs ??= now;
    if (now - this.lastAlarmMs >= (this.o.alarmEveryMs ?? 10_000)) {
      this.lastAlarmMs = now;
      const secs = ((now - this.downSinceMs) / 1000).toFixed(0);
      this.log.error(
        { buffered: this.buffer.length, dropped: this.dropped, downForS: Number(secs), reason: e.message },
        `KAFKA DOWN for ${secs}s (${e.message}): ${this.buffer.length} messages buffered, ${this.dropped} dropped; the lake keeps recording`,
      );
    }
  }

  private up(): void {
    if (this.downSinceMs === undefined) return;
    const secs = ((Date.now() - this.downSinceMs) / 1000).toFixed(0);
    this.log.warn({ dropped: this.dropped }, `Kafka is back after ${secs}s; ${this.dropped} messages were dropped while it was down`);
    this.downSinceMs = undefined;
    this.lastAlarmMs = 0;
  }

  stats(): PublisherStats {
    return { sent: this.sent, buffered: this.buffer.length, dropped: this.dropped, down: this.downSinceMs !== undefined, downSinceMs: this.downSinceMs };
  }

  /** Send what is buffered (waiting at most `timeoutMs`), then disconnect. */
  async close(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.length > 0 && this.downSinceMs === undefined && Date.now() < deadline) await Bun.sleep(20);
    this.running = false;
    this.wake?.();
    if (this.buffer.length > 0) {
      this.log.error({ unsent: this.buffer.length }, `closing with ${this.buffer.length} messages not sent to Kafka (they are in the lake)`);
      this.buffer = [];
    }
    await this.loop;
    await this.producer.disconnect().catch(() => undefined);
  }
}

function groupByTopic(batch: readonly Pending[]): Array<{ topic: string; messages: OutMessage[] }> {
  const by = new Map<string, OutMessage[]>();
  for (const p of batch) {
    let list = by.get(p.topic);
    if (list === undefined) by.set(p.topic, (list = []));
    list.push(p.message);
  }
  return [...by].map(([topic, messages]) => ({ topic, messages }));
}
