import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { WallClock } from '../../core/clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { TableName } from '../../lake/schema.ts';
import type { RowOf } from '../../lake/table-batch.ts';
import { FrameRecorder } from '../frame-recorder.ts';
import { channelsForSymbol } from '../market-feed.ts';
import { startSim, type SimProcess } from '../testing/sim-process.ts';
import { ConnectionPool } from './connection-pool.ts';

let sim: SimProcess;
beforeAll(async () => {
  sim = await startSim(['--speed', '5', '--listings', '0', '--symbols', 'BTCUSDT,ETHUSDT,AAAUSDT,BBBUSDT,CCCUSDT,DDDUSDT,EEEUSDT']);
}, 20_000);
afterAll(async () => {
  await sim?.stop();
});

function collecting() {
  const rows: Array<{ table: TableName; row: unknown }> = [];
  const sink = { append: <T extends TableName>(table: T, row: RowOf<T>) => void rows.push({ table, row }) };
  return { rows, recorder: new FrameRecorder(sink) };
}
const quiet = createLogger({ level: 'silent' });

describe('ConnectionPool against sniper sim', () => {
  test('shards over connections of at most 30, rotates with overlap without losing frames, reports a Blocked subscription', async () => {
    const { rows, recorder } = collecting();
    const pool = new ConnectionPool({ url: sim.ws, recorderId: 't', rotateAfterMs: 1000, ackTimeoutMs: 2000, retryFailedAfterMs: 60_000 }, recorder, new WallClock(), quiet);
    const symbols = ['BTCUSDT', 'ETHUSDT', 'AAAUSDT', 'BBBUSDT', 'CCCUSDT', 'DDDUSDT', 'EEEUSDT'];
    const channels = symbols.flatMap(channelsForSymbol); // 35 channels → 2 connections
    const legacy = 'spot@public.deals.v3.api@BTCUSDT'; // the retired JSON channel: MEXC answers "Blocked"
    pool.add([...channels, legacy]);
    const before = await sim.stats();
    pool.start();
    await Bun.sleep(3500);
    const stats = pool.stats();
    const after = await sim.stats();
    pool.stop();
    expect(stats.channels).toBe(36);
    expect(stats.shards).toBe(2);
    expect(stats.connections).toBeGreaterThanOrEqual(2);
    expect(stats.connections).toBeLessThanOrEqual(4);
    expect(stats.rotations).toBeGreaterThanOrEqual(3);
    expect(stats.reconnects).toBe(0);
    const gaps = rows.filter((r) => r.table === 'gaps').map((r) => r.row as RowOf<'gaps'>);
    expect(gaps.filter((g) => g.reason === 'disconnect')).toEqual([]);
    const failed = gaps.filter((g) => g.reason === 'subscribe_failed');
    expect(failed.map((g) => g.channel)).toEqual([legacy]);
    expect(failed[0]!.detail).toContain('Blocked');
    // every channel got at least what the sim sent while we were subscribed (rotation overlap may duplicate)
    for (const c of channels) {
      const sentDuring = (after.sent[c] ?? 0) - (before.sent[c] ?? 0);
      expect(recorder.perChannel.get(c) ?? 0).toBeGreaterThanOrEqual(Math.floor(sentDuring * 0.9));
    }
  }, 20_000);
});

describe('ConnectionPool without a server', () => {
  test('backs off, opens the circuit after repeated failures with one error line, then holds further attempts', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
    const { rows, recorder } = collecting();
    // a port nobody listens on: connection refused at once
    const server = Bun.serve({ port: 0, fetch: () => new Response('') });
    const url = `ws://127.0.0.1:${server.port}/ws`;
    await server.stop(true);
    const pool = new ConnectionPool({ url, recorderId: 'b', backoffInitialMs: 20, backoffMaxMs: 40, breakerThreshold: 3, breakerCooldownMs: 60_000 }, recorder, new WallClock(), logger);
    pool.add(['spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT']);
    pool.start();
    await Bun.sleep(600);
    const stats = pool.stats();
    pool.stop();
    expect(stats.breakerTrips).toBe(1);
    expect(stats.connections).toBe(0);
    const opened = lines.filter((l) => String(l.msg).startsWith('circuit open for'));
    expect(opened.length).toBe(1);
    expect(opened[0]!.level).toBe(50);
    const reconnecting = lines.filter((l) => l.msg === 'reconnecting');
    expect(reconnecting.length).toBe(3); // then the breaker holds further attempts for the cooldown
    expect(rows).toEqual([]); // never subscribed: nothing to close
  });
});
