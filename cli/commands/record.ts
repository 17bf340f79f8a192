/**
 * `sniper record`: the ingest worker (ingest/README.md). Records a venue to the Parquet lake
 * and/or Kafka with a live status line on stderr and a summary at the end; or, with
 * --from-kafka, runs the Kafka lake writer.
 */
import { hostname } from 'node:os';
import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { defineCommand, flag } from '../command.ts';
import { Recorder } from '../../ingest/recorder.ts';
import { runLakeWriter } from '../../ingest/lake-writer-run.ts';
import { formatSummary, StatusLine } from '../../ingest/status-line.ts';

const MEXC = { rest: 'https://api.mexc.com', web: 'https://www.mexc.com', ws: 'wss://wbs-api.mexc.com/ws' };
const url = z.url({ protocol: /^(https?|wss?)$/ });

export const recordCommand = defineCommand({
  name: 'record',
  summary: 'record MEXC (or the sim) to the Parquet lake and/or Kafka; or write Kafka into the lake',
  help: `usage: sniper record --venue mexc|sim [--rest URL --ws URL] --lake DIR [--symbols A,B | --listings-only | --all]
                     [--kafka BROKERS] [--duration SECONDS]
       sniper record --from-kafka BROKERS --lake DIR [--group ID]

Records raw frames and the normalized tables (trades, depth_updates, book_tickers, klines,
mini_tickers, status, listings, gaps) to hourly Parquet files under the lake, through a
write-ahead log (a kill -9 loses at most about a second; the next start recovers the rest).
  --venue V          mexc (default) or sim; sim needs --rest and --ws (from \`sniper sim\`'s ready line)
  --rest URL         REST base URL (mexc: ${MEXC.rest})
  --web URL          website base URL for the calendar and symbolsV2 (mexc: ${MEXC.web}; sim: --rest)
  --ws URL           WebSocket URL (mexc: ${MEXC.ws})
  --lake DIR         lake folder (default data/lake)
  --symbols A,B      record these symbols
  --listings-only    record new listings only (discovered from the calendar and symbolsV2)
  --all              every online exchangeInfo symbol, plus new listings
                     (default with none of the three: --listings-only)
  --kafka BROKERS    also publish to Kafka (host:port,...; default $KAFKA_BROKERS when set)
  --kafka-only       publish to Kafka only, no local lake (distributed mode)
  --topic-prefix P   Kafka topic prefix (default sniper → sniper.trades, sniper.raw_frames, ...)
  --recorder-id ID   names this recorder's files and connections (default rec); two recorders
                     writing one lake need different ids
  --duration S       stop after S seconds (default: until Ctrl-C)
  --from-kafka B     run the lake writer: consume the topics (group --group, default
                     sniper-lake-writer) into --lake; --writer-id names its files
examples:
  sniper record --venue sim --rest http://127.0.0.1:4000 --ws ws://127.0.0.1:4000/ws --lake data/lake --symbols BTCUSDT --duration 60
  KAFKA_BROKERS=kafka1:9092 sniper record --venue mexc --lake data/lake --listings-only`,
  options: {
    venue: { type: 'string', default: 'mexc' },
    rest: { type: 'string' },
    web: { type: 'string' },
    ws: { type: 'string' },
    lake: { type: 'string', default: 'data/lake' },
    symbols: { type: 'string' },
    'listings-only': { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    kafka: { type: 'string' },
    'kafka-only': { type: 'boolean', default: false },
    'topic-prefix': { type: 'string', default: 'sniper' },
    'recorder-id': { type: 'string', default: 'rec' },
    duration: { type: 'string' },
    'from-kafka': { type: 'string' },
    group: { type: 'string', default: 'sniper-lake-writer' },
    'writer-id': { type: 'string' },
  },
  schema: z.object({
    venue: z.enum(['mexc', 'sim']),
    rest: url.optional(),
    web: url.optional(),
    ws: url.optional(),
    lake: z.string().min(1),
    symbols: flag.list().pipe(z.array(z.string().regex(/^[A-Z0-9]{2,30}$/, 'symbols are uppercase like BTCUSDT')).min(1)).optional(),
    'listings-only': z.boolean(),
    all: z.boolean(),
    kafka: flag.list().optional(),
    'kafka-only': z.boolean(),
    'topic-prefix': z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dots, dashes'),
    'recorder-id': z.string().regex(/^[A-Za-z0-9_]+$/, 'letters, digits and underscores'),
    duration: flag.number('--duration', 0.1).optional(),
    'from-kafka': flag.list().optional(),
    group: z.string().min(1),
    'writer-id': z.string().regex(/^[A-Za-z0-9_]+$/, 'letters, digits and underscores').optional(),
    positionals: z.array(z.string()).max(0, 'record takes no positional arguments'),
  }),
  async run(args, io) {
    if (args['from-kafka'] !== undefined) {
      const stopSignal = untilSignal(args.duration);
      return runLakeWriter({
        brokers: args['from-kafka'], lakeDir: args.lake, groupId: args.group, topicPrefix: args['topic-prefix'],
        writerId: args['writer-id'] ?? `kafka_${hostname().replace(/[^A-Za-z0-9]/g, '_')}`,
      }, stopSignal.promise, io).finally(() => stopSignal.dispose());
    }
    const modes = [args.symbols !== undefined, args['listings-only'], args.all].filter(Boolean).length;
    if (modes > 1) throw new UsageError('choose one of --symbols, --listings-only and --all');
    if (args.venue === 'sim' && (args.rest === undefined || args.ws === undefined)) {
      throw new UsageError('--venue sim needs --rest and --ws (the URLs in `sniper sim`\'s ready line)');
    }
    const kafka = args.kafka ?? (process.env.KAFKA_BROKERS ? process.env.KAFKA_BROKERS.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
    if (args['kafka-only'] && kafka === undefined) throw new UsageError('--kafka-only needs --kafka BROKERS (or KAFKA_BROKERS)');
    const rest = args.rest ?? MEXC.rest;
    const recorder = await Recorder.create({
      restUrl: rest, webUrl: args.web ?? (args.venue === 'sim' ? rest : MEXC.web), wsUrl: args.ws ?? MEXC.ws,
      ...(args['kafka-only'] ? {} : { lakeDir: args.lake }),
      ...(kafka !== undefined ? { kafkaBrokers: kafka, kafkaTopicPrefix: args['topic-prefix'] } : {}),
      ...(args.symbols !== undefined ? { symbols: args.symbols } : {}),
      listings: args['listings-only'] || modes === 0 || args.all, all: args.all, recorderId: args['recorder-id'],
    });
    io.stderr.write(`sniper record: ${args.venue} ${args.ws ?? MEXC.ws} → ${args['kafka-only'] ? '' : `lake ${args.lake}`}${kafka ? ` kafka ${kafka.join(',')}` : ''}; Ctrl-C stops\n`);
    const stopSignal = untilSignal(args.duration);
    await recorder.start();
    const status = new StatusLine(recorder, io.stderr);
    status.start();
    await stopSignal.promise;
    status.stop();
    io.stderr.write('stopping: closing connections and finishing the Parquet files...\n');
    await recorder.stop();
    io.stderr.write(formatSummary(recorder, status.elapsedS()));
    stopSignal.dispose();
    return 0;
  },
});

/** Resolves on SIGINT/SIGTERM or after `durationS`. */
function untilSignal(durationS: number | undefined): { promise: Promise<void>; dispose(): void } {
  let done!: () => void;
  const promise = new Promise<void>((r) => {
    done = r;
  });
  const onSig = () => done();
  process.on('SIGINT', onSig);
  process.on('SIGTERM', onSig);
  const timer = durationS !== undefined ? setTimeout(onSig, durationS * 1000) : undefined;
  return {
    promise,
    dispose() {
      process.off('SIGINT', onSig);
      process.off('SIGTERM', onSig);
      if (timer) clearTimeout(timer);
    },
  };
}

