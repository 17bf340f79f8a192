/**
 * `sniper record --from-kafka`: the Kafka lake writer as a long-running job with a status line.
 */
/** Where the job reports (the CLI passes its io). */
export interface WriterIo {
  readonly stderr: NodeJS.WritableStream;
}
import { KafkaLakeWriter } from './kafka/lake-writer.ts';
import { LakeSink } from './lake-sink.ts';

export interface LakeWriterRun {
  readonly brokers: readonly string[];
  readonly lakeDir: string;
  readonly groupId: string;
  readonly topicPrefix: string;
  readonly writerId: string;
}

export async function runLakeWriter(o: LakeWriterRun, stop: Promise<void>, io: WriterIo): Promise<number> {
  const sink = await LakeSink.open({ lakeDir: o.lakeDir, writerId: o.writerId });
  const writer = new KafkaLakeWriter({ brokers: o.brokers, sink, groupId: o.groupId, topicPrefix: o.topicPrefix });
  io.stderr.write(`sniper record --from-kafka: ${o.brokers.join(',')} (group ${o.groupId}) → lake ${o.lakeDir} as ${o.writerId}; Ctrl-C stops\n`);
  await writer.start();
  const timer = setInterval(() => {
    const s = writer.stats();
    io.stderr.write(`lake writer: ${s.rows.toLocaleString('en-US')} rows, ${s.batches} batches, ${s.invalid} invalid messages\n`);
  }, 10_000);
  await stop;
  clearInterval(timer);
  await writer.stop();
  await sink.close();
  const s = writer.stats();
  io.stderr.write(`lake writer stopped: ${s.rows.toLocaleString('en-US')} rows written, ${s.invalid} invalid messages skipped\n`);
  return 0;
}
