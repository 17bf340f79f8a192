/**
 * The Kafka lake writer: a consumer group reading every `<prefix>.<table>` topic into a lake sink,
 * so N recorders → Kafka → M writers build the same lake as one embedded recorder. Offsets are
 * committed only after a batch's rows are in the sink's write-ahead log, so a crashed writer
 * re-reads (at least once) rather than loses. Messages that fail validation are counted, logged
 * (rate-limited) and skipped.
 */
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { componentLogger, type Logger } from '../../core/logger.ts';
import { TABLE_NAMES, type TableName } from '../../lake/schema.ts';
import type { LakeSink } from '../lake-sink.ts';
import { applyControllerShim } from './controller-shim.ts';
import { kafkaLogCreator, quietKafkaTimerWarnings } from './kafka-log.ts';
import { DEFAULT_TOPIC_PREFIX, messageToRow, tableOfTopic, topicOf } from './messages.ts';

export interface LakeWriterOptions {
  readonly brokers: readonly string[];
  readonly sink: LakeSink;
  readonly groupId?: string;
  readonly topicPrefix?: string;
  readonly tables?: readonly TableName[];
  readonly logger?: Logger;
}

export interface LakeWriterStats {
  readonly rows: number;
  readonly invalid: number;
  readonly batches: number;
}

export class KafkaLakeWriter {
  private readonly consumer: Consumer;
  private readonly prefix: string;
  private rows = 0;
  private invalid = 0;
  private batches = 0;
  private lastInvalidLogMs = 0;
  private readonly log: Logger;

  constructor(private readonly o: LakeWriterOptions) {
    applyControllerShim();
    quietKafkaTimerWarnings();
    this.prefix = o.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.log = o.logger ?? componentLogger('ingest.kafka-lake-writer');
    const kafka = new Kafka({
      clientId: 'sniper-lake-writer', brokers: [...o.brokers], logLevel: logLevel.WARN, logCreator: kafkaLogCreator(this.log),
      connectionTimeout: 2000,
    });
    // a short fetch wait keeps stop() quick (kafkajs waits for the pending fetch) at little cost: batches are large
    this.consumer = kafka.consumer({ groupId: o.groupId ?? 'sniper-lake-writer', sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 250 });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    const topics = (this.o.tables ?? TABLE_NAMES).map((t) => topicOf(this.prefix, t));
    await this.consumer.subscribe({ topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
        const table = tableOfTopic(this.prefix, batch.topic);
        for (const m of batch.messages) {
          if (table !== undefined) this.take(table, batch.topic, m);
        }
        this.o.sink.flushLog();
        const last = batch.messages.at(-1);
        if (last !== undefined) resolveOffset(last.offset);
        this.batches++;
        await commitOffsetsIfNecessary();
        await heartbeat();
      },
    });
  }

  private take(table: TableName, topic: string, m: Parameters<typeof messageToRow>[1] & { offset: string }): void {
    const row = messageToRow(table, m);
    if (!row.ok) {
      this.invalid++;
      const now = Date.now();
      if (now - this.lastInvalidLogMs > 5000) {
        this.lastInvalidLogMs = now;
        this.log.warn({ topic, offset: m.offset, invalid: this.invalid }, `skipping an invalid message: ${row.error}`);
      }
      return;
    }
    this.o.sink.append(table, row.value);
    this.rows++;
  }

  stats(): LakeWriterStats {
    return { rows: this.rows, invalid: this.invalid, batches: this.batches };
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
