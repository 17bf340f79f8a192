import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../core/logger.ts';
import { readLakeTable } from '../../lake/read-lake.ts';
import type { RowOf } from '../../lake/table-batch.ts';
import { startKafkaMock, type KafkaMock } from '../../scripts/kafka-mock.ts';
import { LakeSink } from '../lake-sink.ts';
import { KafkaLakeWriter } from './lake-writer.ts';
import { messageToRow, rowToMessage } from './messages.ts';
import { KafkaPublisher } from './publisher.ts';

let mock: KafkaMock | undefined;
let skipReason = '';
let root: string;
const quiet = createLogger({ level: 'silent' });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kafka-lake-'));
  const started = await startKafkaMock();
  if (started.ok) mock = started.mock;
  else {
    skipReason = started.reason;
    console.warn(`\n*** KAFKA TESTS SKIPPED: ${skipReason} ***\n`);
  }
});
afterAll(async () => {
  await mock?.stop();
  rmSync(root, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 23, 11, 30) * 1000;
function rowsFor(conn: string, n: number) {
  const trades: RowOf<'trades'>[] = [];
  const raw: RowOf<'raw_frames'>[] = [];
  const depth: RowOf<'depth_updates'>[] = [];
  for (let i = 0; i < n; i++) {
    const symbol = `S${i % 5}USDT`;
    raw.push({ ts_recv: T0 + i, seq: i, conn_id: conn, channel: `spot@public.aggre.deals.v3.api.pb@100ms@${symbol}`, symbol: i % 9 ? symbol : null, kind: 'ws_binary', frame: new Uint8Array([i & 255, 1, 2]) });
    trades.push({ ts_event: 1000 + i, ts_recv: T0 + i, seq: i, conn_id: conn, symbol, price: 0.1 * i, qty: 1 / 3, side: i % 2 ? 'buy' : 'sell', trade_time: 1000 + i, trade_id: i % 4 ? String(i) : null });
    if (i % 10 === 0) depth.push({ ts_event: 1, ts_recv: T0 + i, seq: i, conn_id: conn, symbol, kind: 'delta', from_version: i, to_version: i + 1, bid_prices: [1.5, 1.25], bid_qtys: [0, 3], ask_prices: [], ask_qtys: [] });
  }
  return { trades, raw, depth };
}

const sortKey = (r: object) => { const x = r as Record<string, unknown>; return `${x.conn_id}|${String(x.ts_recv).padStart(20)}|${String(x.seq).padStart(10)}`; };
const sorted = <T extends object>(rows: T[]) => [...rows].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

describe('Kafka messages', () => {
  test('rows round-trip through messages; invalid messages are refused with a reason', () => {
    const { trades, raw, depth } = rowsFor('c', 10);
    const back = (t: 'trades' | 'raw_frames' | 'depth_updates', row: never) => {
      const m = rowToMessage(t, row);
      const r = messageToRow(t, { value: Buffer.from(m.value), headers: m.headers ?? {} });
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    expect(back('trades', trades[4] as never)).toEqual(trades[4] as never);
    expect(back('raw_frames', raw[0] as never)).toEqual(raw[0] as never);
    expect(back('depth_updates', depth[0] as never)).toEqual(depth[0] as never);
    const bad = messageToRow('trades', { value: Buffer.from(JSON.stringify({ ...trades[0], price: 'x' })) });
    expect(bad).toEqual({ ok: false, error: 'price: Invalid input: expected number, received string' });
    expect(messageToRow('trades', { value: Buffer.from('{') }).ok).toBe(false);
  });
});

describe('Kafka against the librdkafka mock cluster', () => {
  test('2 recorders → Kafka → 2 lake writers in one group give the rows the recorders published, once each', async () => {
    if (mock === undefined) return console.warn(`SKIPPED: ${skipReason}`);
    const brokers = [mock.brokers];
    const a = rowsFor('recA', 3000);
    const b = rowsFor('recB', 2000);
    const pubs = [new KafkaPublisher({ brokers, logger: quiet, clientId: 'a' }), new KafkaPublisher({ brokers, logger: quiet, clientId: 'b' })];
    await Promise.all(pubs.map((p) => p.start(['trades', 'raw_frames', 'depth_updates'])));
    for (const [p, rows] of [[pubs[0]!, a], [pubs[1]!, b]] as const) {
      for (const r of rows.raw) expect(p.publish('raw_frames', r)).toBe(true);
      for (const r of rows.trades) p.publish('trades', r);
      for (const r of rows.depth) p.publish('depth_updates', r);
    }
    const lake = join(root, 'distributed');
    const sinks = await Promise.all(['w1', 'w2'].map((id) => LakeSink.open({ lakeDir: lake, writerId: id, logger: quiet })));
    const writers = sinks.map((sink) => new KafkaLakeWriter({ brokers, sink, groupId: 'lake-test', logger: quiet, tables: ['trades', 'raw_frames', 'depth_updates'] }));
    await Promise.all(writers.map((w) => w.start()));
    const total = 6300 + 4200;
    const deadline = Date.now() + 30_000;
    while (writers.reduce((s, w) => s + w.stats().rows, 0) < total && Date.now() < deadline) await Bun.sleep(100);
    await Promise.all(pubs.map((p) => p.close()));
    expect(pubs.map((p) => p.stats().sent)).toEqual([6300, 4200]);
    expect(writers.reduce((s, w) => s + w.stats().rows, 0)).toBe(total);
    await Promise.all(writers.map((w) => w.stop()));
    await Promise.all(sinks.map((s) => s.close()));
    const trades = await readLakeTable(lake, 'trades');
    expect(sorted(trades)).toEqual(sorted([...a.trades, ...b.trades]) as never);
    const raw = await readLakeTable(lake, 'raw_frames');
    expect(sorted(raw).map((r) => ({ ...r, frame: Array.from(r.frame as Uint8Array) }))).toEqual(sorted([...a.raw, ...b.raw]).map((r) => ({ ...r, frame: Array.from(r.frame) })) as never);
    expect(sorted(await readLakeTable(lake, 'depth_updates'))).toEqual(sorted([...a.depth, ...b.depth]) as never);
  }, 45_000);

  test('while Kafka is down: a loud alarm, a bounded buffer that refuses (back-pressure) and counts drops', async () => {
    const second = await startKafkaMock();
    if (!second.ok) return console.warn(`SKIPPED: ${second.reason}`);
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
    const pub = new KafkaPublisher({ brokers: [second.mock.brokers], logger, maxBuffered: 100, alarmEveryMs: 500 });
    await pub.start(['trades']);
    const { trades } = rowsFor('down', 300);
    pub.publish('trades', trades[0]!);
    while (pub.stats().sent < 1) await Bun.sleep(20);
    await second.mock.stop();
    let accepted = 0;
    for (const r of trades.slice(1)) if (pub.publish('trades', r)) accepted++;
    expect(accepted).toBe(100);
    expect(pub.stats().dropped).toBe(199);
    const deadline = Date.now() + 15_000;
    while (!lines.some((l) => String(l.msg).startsWith('KAFKA DOWN')) && Date.now() < deadline) await Bun.sleep(50);
    const alarm = lines.find((l) => String(l.msg).startsWith('KAFKA DOWN'));
    expect(alarm).toBeDefined();
    expect(alarm!.level).toBe(50);
    expect(String(alarm!.msg)).toContain('the lake keeps recording');
    expect(pub.stats().down).toBe(true);
    await pub.close(100);
  }, 30_000);
});
