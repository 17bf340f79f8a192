import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { lakeFilePath, ParquetFileWriter, ROW_GROUP_SIZE, safeWriterId, writeParquetFile } from './parquet-file.ts';
import { readLakeTable, tableSource } from './read-lake.ts';
import { rowsToBatch, type RowOf } from './table-batch.ts';
import { LakeWriteError } from './lake-errors.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lake-parquet-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 23, 13, 5, 0) * 1000;

describe('lakeFilePath', () => {
  test('follows <table>/date=YYYY-MM-DD/<HH>-<writer>-<part>.parquet from ts_recv µs', () => {
    expect(lakeFilePath('/lake', 'trades', T0, 'rec-1', 3)).toBe('/lake/trades/date=2026-11-23/13-rec_1-0003.parquet');
    expect(lakeFilePath('/lake/', 'gaps', { date: '2026-01-02', hour: '07' }, 'w', 12)).toBe('/lake/gaps/date=2026-01-02/07-w-0012.parquet');
    expect(safeWriterId('a-b.c')).toBe('a_b_c');
  });
});

describe('ParquetFileWriter', () => {
  test('round-trips every column type, nulls, empty and long lists across chunk boundaries', async () => {
    const n = 5000; // > 2 chunks of 2048
    const rows: RowOf<'depth_updates'>[] = [];
    for (let i = 0; i < n; i++) {
      const levels = i % 7;
      rows.push({
        ts_event: 1_700_000_000_000 + i, ts_recv: T0 + i, seq: i, conn_id: `c${i % 3}`, symbol: i % 2 ? 'BTCUSDT' : 'NEWUSDT',
        kind: 'delta', from_version: 2 ** 40 + i, to_version: 2 ** 40 + i,
        bid_prices: Array.from({ length: levels }, (_, j) => 100 - j * 0.5), bid_qtys: Array.from({ length: levels }, (_, j) => j),
        ask_prices: i === 4100 ? Array.from({ length: 3000 }, (_, j) => 101 + j) : [101.25], ask_qtys: i === 4100 ? new Float64Array(3000).fill(2) : [0],
      });
    }
    const path = lakeFilePath(dir, 'depth_updates', T0, 'test', 0);
    const written = await writeParquetFile(path, 'depth_updates', rowsToBatch('depth_updates', rows));
    expect(written.rows).toBe(n);
    expect(written.bytes).toBeGreaterThan(0);
    const back = await readLakeTable(dir, 'depth_updates');
    expect(back.length).toBe(n);
    for (const i of [0, 1, 2047, 2048, 2049, 4095, 4096, 4100, n - 1]) {
      const r = back[i]!;
      const w = rows[i]!;
      expect(r.ts_recv).toBe(w.ts_recv);
      expect(r.seq).toBe(i);
      expect(r.from_version).toBe(w.from_version);
      expect(r.conn_id).toBe(w.conn_id);
      expect(r.bid_prices).toEqual(Array.from(w.bid_prices));
      expect(r.bid_qtys).toEqual(Array.from(w.bid_qtys));
      expect(r.ask_prices).toEqual(Array.from(w.ask_prices));
      expect(r.ask_qtys).toEqual(Array.from(w.ask_qtys));
    }
  });

  test('nullable columns, booleans, integers, blobs and negative bigints', async () => {
    const statusRows: RowOf<'status'>[] = Array.from({ length: 3000 }, (_, i) => ({
      ts_event: -5 - i, ts_recv: T0 + i, seq: i, conn_id: 'poll', symbol: 'XUSDT', source: 'symbols_v2', vcoin_id: `v${i}`,
      sts: i % 3 === 0 ? null : 2, st: i % 2, tt: i === 2999 ? null : 4, open_time: i % 5 === 0 ? null : 1_800_000_000_000,
      exchange_status: i % 2 ? '1' : null, api_tradable: i % 3 === 0 ? null : i % 3 === 1,
    }));
    const rawRows: RowOf<'raw_frames'>[] = Array.from({ length: 10 }, (_, i) => ({
      ts_recv: T0 + i, seq: i, conn_id: 'c', channel: 'ch', symbol: i === 3 ? null : 'S', kind: 'ws_binary',
      frame: new Uint8Array([0, 255, i, 0x7b]),
    }));
    const writer = await ParquetFileWriter.open();
    try {
      await writer.write('status', rowsToBatch('status', statusRows), lakeFilePath(dir, 'status', T0, 'w', 0));
      await writer.write('raw_frames', rowsToBatch('raw_frames', rawRows), lakeFilePath(dir, 'raw_frames', T0, 'w', 0));
    } finally {
      await writer.close();
    }
    const status = await readLakeTable(dir, 'status');
    expect(status.map((r) => ({ ...r }))).toEqual(statusRows.map((r) => ({ ...r })) as never);
    const raw = await readLakeTable(dir, 'raw_frames');
    expect(raw[3]!.symbol).toBeNull();
    expect(Array.from(raw[5]!.frame as Uint8Array)).toEqual([0, 255, 5, 0x7b]);
  });

  test('rejects a null in a required column and an unsafe integer, writing no file', async () => {
    const bad = rowsToBatch('gaps', [{
      ts_event: 1, ts_recv: T0, seq: 0, conn_id: 'c', symbol: 'S', channel: 'x', reason: 'disconnect', from_us: 0, to_us: 1, detail: null,
    }]);
    const path = join(dir, 'bad', 'x.parquet');
    await expect(writeParquetFile(path, 'gaps', { ...bad, channel: [null as unknown as string] })).rejects.toThrow(/gaps.channel row 0: is null/);
    await expect(writeParquetFile(path, 'gaps', { ...bad, to_us: [2 ** 60] })).rejects.toThrow(/not a safe integer/);
    await expect(writeParquetFile(path, 'gaps', { ...bad, to_us: [] })).rejects.toThrow(/expected 1/);
  });

  test('low-cardinality strings (one- and two-byte dictionaries, nulls, quotes) come back as VARCHAR values', async () => {
    const n = 6000;
    const rows: RowOf<'raw_frames'>[] = Array.from({ length: n }, (_, i) => ({
      ts_recv: T0 + i, seq: i, conn_id: `it's-${i % 3}`, channel: `ch@${i % 700}`, symbol: i % 5 === 0 ? null : `S${i % 40}`,
      kind: 'ws_binary', frame: new Uint8Array([i & 255]),
    }));
    const path = lakeFilePath(dir, 'raw_frames', T0 + 7_200_000_000, 'dict', 0);
    await writeParquetFile(path, 'raw_frames', rowsToBatch('raw_frames', rows));
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const types = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM '${path}'`)).getRowObjectsJS();
      expect(types.filter((t) => ['conn_id', 'channel', 'symbol'].includes(t.column_name as string)).map((t) => t.column_type)).toEqual(['VARCHAR', 'VARCHAR', 'VARCHAR']);
      const back = (await conn.runAndReadAll(`SELECT conn_id, channel, symbol FROM '${path}' ORDER BY seq`)).getRowObjectsJS();
      expect(back).toEqual(rows.map((r) => ({ conn_id: r.conn_id, channel: r.channel, symbol: r.symbol })));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  test('row groups are ROW_GROUP_SIZE rows and the codec is ZSTD', async () => {
    const n = ROW_GROUP_SIZE + 1000;
    const ts = new Float64Array(n).map((_, i) => T0 + i);
    const batch = {
      ts_event: ts, ts_recv: ts, seq: ts, conn_id: new Array(n).fill('c'), symbol: new Array(n).fill('BTCUSDT'),
      bid_price: new Float64Array(n).fill(1), bid_qty: new Float64Array(n).fill(2), ask_price: new Float64Array(n).fill(3), ask_qty: new Float64Array(n).fill(4),
    };
    const path = lakeFilePath(dir, 'book_tickers', T0, 'rg', 0);
    await writeParquetFile(path, 'book_tickers', batch);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const meta = (await conn.runAndReadAll(
        `SELECT row_group_id, any_value(row_group_num_rows) AS n, any_value(compression) AS c FROM parquet_metadata('${path}') GROUP BY 1 ORDER BY 1`,
      )).getRowObjectsJS();
      expect(meta.map((m) => Number(m.n))).toEqual([ROW_GROUP_SIZE, 1000]);
      expect(meta[0]!.c).toBe('ZSTD');
      const sum = (await conn.runAndReadAll(`SELECT sum(ask_qty)::DOUBLE AS s, max(seq)::BIGINT AS m FROM ${tableSource(dir, 'book_tickers')}`)).getRowObjectsJS();
      expect(sum[0]!.s).toBe(4 * n);
      expect(Number(sum[0]!.m)).toBe(T0 + n - 1);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  test('a read-only folder is a permission_denied LakeWriteError and leaves no temp file', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file modes: a path under a regular file still fails as a typed error (ENOTDIR)
      const file = join(dir, 'not-a-dir');
      await Bun.write(file, 'x');
      const err2 = await writeParquetFile(join(file, 'sub', 'x.parquet'), 'gaps', rowsToBatch('gaps', [{
        ts_event: 1, ts_recv: T0, seq: 0, conn_id: 'c', symbol: 'S', channel: 'x', reason: 'disconnect', from_us: 0, to_us: 1, detail: null,
      }])).catch((e) => e);
      expect(err2).toBeInstanceOf(LakeWriteError);
      expect((err2 as LakeWriteError).code).toBe('io_error');
      return;
    }
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const err = await writeParquetFile(join(ro, 'x.parquet'), 'gaps', rowsToBatch('gaps', [{
      ts_event: 1, ts_recv: T0, seq: 0, conn_id: 'c', symbol: 'S', channel: 'x', reason: 'disconnect', from_us: 0, to_us: 1, detail: null,
    }])).catch((e) => e);
    expect(err).toBeInstanceOf(LakeWriteError);
    expect((err as LakeWriteError).code).toBe('permission_denied');
    expect(readdirSync(ro)).toEqual([]);
    chmodSync(ro, 0o700);
  });
});
