/**
 * End to end against `sniper sim` with faults (disconnects every 10 s, dropped, garbage and torn
 * frames): everything the sim sent is in the lake (decoded, or kept raw and counted as
 * malformed, or dropped on purpose by the sim's `gap` fault), every disconnect and version gap is
 * a `gaps` row, listings are discovered and recorded, and the same recording through Kafka and
 * the lake writer gives the same rows.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { readLakeTable, type LakeRow } from '../lake/read-lake.ts';
import { TABLE_NAMES } from '../lake/schema.ts';
import { startKafkaMock, type KafkaMock } from '../scripts/kafka-mock.ts';
import { KafkaLakeWriter } from './kafka/lake-writer.ts';
import { LakeSink } from './lake-sink.ts';
import { Recorder } from './recorder.ts';
import { startSim, type SimProcess, type SimStatsAnswer } from './testing/sim-process.ts';

let sim: SimProcess;
let mock: KafkaMock | undefined;
let root: string;
const quiet = createLogger({ level: 'silent' });
let stats: SimStatsAnswer;
let recorder: Recorder;
let lake: string;
let kafkaLake: string;

// The suite runs a short recording with frequent faults on a fast sim clock. The issue's own
// conditions (60 s, disconnect=10s, real-time clock) are one environment away:
//   SNIPER_E2E_RECORD_MS=60000 SNIPER_E2E_FAULTS=disconnect=10s,gap=0.005,garbage=0.001,torn=0.001 \
//   SNIPER_E2E_SPEED=1 bun test --timeout 300000 ingest/record.e2e.test.ts
const RECORD_MS = Number(process.env.SNIPER_E2E_RECORD_MS ?? 8_000);
const FAULTS = process.env.SNIPER_E2E_FAULTS ?? 'disconnect=3s,gap=0.005,garbage=0.001,torn=0.001';
const SPEED = process.env.SNIPER_E2E_SPEED ?? '10';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'record-e2e-'));
  lake = join(root, 'lake');
  kafkaLake = join(root, 'kafka-lake');
  const [s, m] = await Promise.all([
    startSim(['--speed', SPEED, '--listings', '2', '--first-open-in', '20', '--listing-interval', '40', '--seed', '7',
      '--faults', FAULTS]),
    startKafkaMock(),
  ]);
  sim = s;
  if (m.ok) mock = m.mock;
  else console.warn(`\n*** KAFKA PART OF THE END-TO-END TEST SKIPPED: ${m.reason} ***\n`);
  recorder = await Recorder.create({
    restUrl: sim.rest, wsUrl: sim.ws, lakeDir: lake, symbols: ['BTCUSDT', 'ETHUSDT'], listings: true, all: false, recorderId: 'e2e',
    ...(mock ? { kafkaBrokers: [mock.brokers] } : {}), logger: quiet,
    pool: { backoffInitialMs: 100, healthyAfterMs: 2000, retryFailedAfterMs: 1000, ackTimeoutMs: 2000 },
    discovery: { calendarMs: 2000, symbolsMs: 1000, qualifyMs: 2000, subscribeAheadMs: 3600_000 },
  });
  await recorder.start();
  await Bun.sleep(RECORD_MS);
  // stop first: once our connections are closed the sim sends nothing more to us
  await recorder.stop();
  stats = await sim.stats();
}, 60_000 + RECORD_MS);

afterAll(async () => {
  await sim?.stop();
  await mock?.stop();
  rmSync(root, { recursive: true, force: true });
});

const count = (rows: LakeRow[], key: (r: LakeRow) => string) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return m;
};

describe('sniper record against sniper sim with faults', () => {
  test('every frame the sim sent is recorded, malformed, or was dropped by the sim on purpose', async () => {
    const raw = (await readLakeTable(lake, 'raw_frames')).filter((r) => r.kind === 'ws_binary');
    const byChannel = count(raw, (r) => r.channel as string);
    const malformed = byChannel.get('') ?? 0;
    let sent = 0;
    let decoded = 0;
    const invented: string[] = [];
    const silent: string[] = [];
    for (const [channel, n] of Object.entries(stats.sent)) {
      if (channel.startsWith('spot@private')) continue;
      sent += n;
      const got = byChannel.get(channel) ?? 0;
      decoded += got;
      if (got > n) invented.push(`${channel}: ${got} > ${n}`);
      if (n >= 5 && got === 0) silent.push(channel);
    }
    expect(invented).toEqual([]);
    expect(silent).toEqual([]);
    // exact: sent = decoded + kept raw as malformed + dropped by the sim's gap fault
    expect({ sent, accounted: decoded + malformed + (stats.faults.gap ?? 0) }).toEqual({ sent, accounted: sent });
    expect(malformed).toBe(recorder.frames.counters.malformed);
    expect(malformed).toBeGreaterThan(0);
    expect(malformed).toBeLessThanOrEqual((stats.faults.garbage ?? 0) + (stats.faults.torn ?? 0) + 5);
    expect(stats.faults.disconnect).toBeGreaterThanOrEqual(2);
  });

  test('every disconnect, version gap and malformed frame is a gaps row', async () => {
    const gaps = await readLakeTable(lake, 'gaps');
    const reasons = count(gaps, (r) => r.reason as string);
    expect(reasons.get('malformed_frame')).toBe(recorder.frames.counters.malformed);
    expect(reasons.get('version_gap') ?? 0).toBe(recorder.frames.counters.versionGaps);
    expect(reasons.get('version_gap') ?? 0).toBeGreaterThan(0);
    // BTCUSDT was subscribed from the start: one disconnect row per disconnect of its connection
    const btc = gaps.filter((g) => g.reason === 'disconnect' && g.channel === 'spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT');
    expect(btc.length).toBe(stats.faults.disconnect!);
    for (const g of btc) expect((g.to_us as number) >= (g.from_us as number)).toBe(true);
  });

  test('listings are discovered, observed in status every poll, subscribed and written to listings', async () => {
    const status = await readLakeTable(lake, 'status');
    const sources = count(status, (r) => r.source as string);
    for (const s of ['calendar', 'symbols_v2', 'exchange_info', 'default_symbols']) expect(sources.get(s) ?? 0).toBeGreaterThan(0);
    const listings = await readLakeTable(lake, 'listings');
    expect(listings.map((l) => l.symbol).sort()).toEqual(stats.listings.map((l) => l.symbol).sort());
    const opened = stats.listings.filter((l) => l.openedAt !== null).map((l) => l.symbol);
    const trades = count(await readLakeTable(lake, 'trades'), (r) => r.symbol as string);
    for (const s of opened) expect(trades.get(s) ?? 0).toBeGreaterThan(0);
  });

  test('the same recording through Kafka and the lake writer gives the same rows', async () => {
    if (mock === undefined) return console.warn('SKIPPED: no Kafka mock (kcat missing)');
    expect(recorder.kafka!.stats().dropped).toBe(0);
    const sink = await LakeSink.open({ lakeDir: kafkaLake, writerId: 'from_kafka', logger: quiet });
    const writer = new KafkaLakeWriter({ brokers: [mock.brokers], sink, groupId: 'e2e-writer', logger: quiet });
    await writer.start();
    const expected = recorder.kafka!.stats().sent;
    const deadline = Date.now() + 30_000;
    while (writer.stats().rows < expected && Date.now() < deadline) await Bun.sleep(100);
    await writer.stop();
    await sink.close();
    expect(writer.stats().rows).toBe(expected);
    const key = (r: LakeRow) => JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
    for (const table of TABLE_NAMES) {
      const a = (await readLakeTable(lake, table, { orderBy: 'conn_id, ts_recv, seq' })).map(key).sort();
      const b = (await readLakeTable(kafkaLake, table, { orderBy: 'conn_id, ts_recv, seq' })).map(key).sort();
      expect({ table, rows: b.length }).toEqual({ table, rows: a.length });
      expect(b).toEqual(a);
    }
  }, 45_000);
});
