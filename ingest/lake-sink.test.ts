import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { readLakeTable } from '../lake/read-lake.ts';
import type { RowOf } from '../lake/table-batch.ts';
import { LakeSink } from './lake-sink.ts';
import { walDir } from './wal-segment.ts';

let root: string;
let child: ReturnType<typeof Bun.spawn> | undefined;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lake-sink-'));
});
afterAll(() => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const H = Date.UTC(2026, 10, 23, 10) * 1000; // an hour boundary, µs
const trade = (tsRecv: number, seq: number): RowOf<'trades'> => ({
  ts_event: Math.floor(tsRecv / 1000), ts_recv: tsRecv, seq, conn_id: 'c1', symbol: 'AUSDT', price: 1.5, qty: seq, side: 'sell',
  trade_time: Math.floor(tsRecv / 1000), trade_id: seq % 2 ? null : `t${seq}`,
});
const gap = (tsRecv: number, seq: number): RowOf<'gaps'> => ({
  ts_event: 0, ts_recv: tsRecv, seq, conn_id: 'c1', symbol: 'AUSDT', channel: 'spot@x', reason: 'disconnect', from_us: tsRecv - 5, to_us: tsRecv, detail: 'd',
});

function capture(): { logger: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => void out.push(s) } });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('LakeSink', () => {
  test('rows of each table and hour land in their hourly Parquet file; the log is empty afterwards', async () => {
    const lake = join(root, 'basic');
    let now = H + 1000;
    const sink = await LakeSink.open({ lakeDir: lake, writerId: 'rec', nowUs: () => now, tickMs: 1e6, hourGraceMs: 1000 });
    for (let i = 0; i < 3000; i++) sink.append('trades', trade(H - 1_000_000 + i * 1000, i)); // 1 s before H to 2 s after
    sink.append('gaps', gap(H + 10, 0));
    // the earlier hour is over (plus grace) and no longer appended to: its file appears while
    // the sink is open (a past hour still receiving rows, as in a backfill, waits one idle tick)
    now = H + 2_000_000;
    sink.flushLog();
    await Bun.sleep(100);
    expect(existsSync(join(lake, 'trades', 'date=2026-11-23', '09-rec-0000.parquet'))).toBe(false);
    sink.flushLog();
    await Bun.sleep(300);
    expect(existsSync(join(lake, 'trades', 'date=2026-11-23', '09-rec-0000.parquet'))).toBe(true);
    expect(existsSync(join(lake, 'trades', 'date=2026-11-23', '10-rec-0000.parquet'))).toBe(false);
    await sink.close();
    expect(readdirSync(join(lake, 'trades', 'date=2026-11-23')).sort()).toEqual(['09-rec-0000.parquet', '10-rec-0000.parquet']);
    const rows = await readLakeTable(lake, 'trades');
    expect(rows.length).toBe(3000);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(rows[2]).toEqual({ ...trade(H - 1_000_000 + 2000, 2) } as never);
    expect((await readLakeTable(lake, 'gaps')).length).toBe(1);
    expect(readdirSync(walDir(lake, 'rec', 'trades'))).toEqual([]);
    expect(sink.stats().trades).toMatchObject({ rowsAppended: 3000, rowsInParquet: 3000, files: 2, droppedRows: 0 });
  });

  test('a segment past its size limit becomes another part of the hour; a restart continues the numbering', async () => {
    const lake = join(root, 'parts');
    const sink = await LakeSink.open({ lakeDir: lake, writerId: 'w', nowUs: () => H, segmentMaxBytes: 20_000 });
    for (let i = 0; i < 1000; i++) sink.append('trades', trade(H + i, i));
    await sink.close();
    const again = await LakeSink.open({ lakeDir: lake, writerId: 'w', nowUs: () => H });
    again.append('trades', trade(H + 5000, 1000));
    await again.close();
    const files = readdirSync(join(lake, 'trades', 'date=2026-11-23')).sort();
    expect(files.length).toBeGreaterThan(3);
    expect(new Set(files).size).toBe(files.length);
    const rows = await readLakeTable(lake, 'trades');
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 1001 }, (_, i) => i));
  });

  test('a row that breaks the table contract is refused, counted and logged; the others are recorded', async () => {
    const lake = join(root, 'invalid');
    const { logger, lines } = capture();
    const sink = await LakeSink.open({ lakeDir: lake, writerId: 'rec', nowUs: () => H, logger });
    sink.append('trades', trade(H, 0));
    sink.append('trades', { ...trade(H + 1, 1), trade_time: 1.5 });
    sink.append('trades', trade(H + 2, 2));
    await sink.close();
    expect((await readLakeTable(lake, 'trades')).map((r) => r.seq)).toEqual([0, 2]);
    expect(sink.stats().trades).toMatchObject({ rowsAppended: 2, invalidRows: 1, rowsInParquet: 2 });
    const errors = lines().filter((l) => l.level === 50);
    expect(errors.map((l) => l.msg)).toEqual(['refused a trades row that breaks the table contract: trades.trade_time must be a safe integer, got 1.5']);
  });

  /** Run the failure scenario with `block` making the trades log unwritable and `unblock` fixing it. */
  async function failingTable(name: string, block: (walTradesDir: string) => void, unblock: (walTradesDir: string) => void) {
    const lake = join(root, name);
    const { logger, lines } = capture();
    const t0 = performance.now();
    const nowUs = () => H + Math.round((performance.now() - t0) * 1000);
    const sink = await LakeSink.open({ lakeDir: lake, writerId: 'rec', nowUs, tickMs: 20, retryMs: 50, logger });
    const dir = walDir(lake, 'rec', 'trades');
    block(dir);
    for (let i = 0; i < 500; i++) {
      sink.append('trades', trade(H + i, i));
      sink.append('gaps', gap(H + i, i));
    }
    await Bun.sleep(200);
    const errors = lines().filter((l) => l.level === 50);
    expect(errors.length).toBe(1);
    expect(errors[0]).toMatchObject({ table: 'trades' });
    expect(String(errors[0]!.msg)).toContain('LAKE WRITE FAILED for trades');
    expect(sink.stats().trades!.failing).toBeDefined();
    expect(sink.stats().gaps!.failing).toBeUndefined();
    unblock(dir);
    await Bun.sleep(200);
    expect(sink.stats().trades!.failing).toBeUndefined();
    expect(lines().some((l) => l.level === 40 && String(l.msg).includes('trades is being written again'))).toBe(true);
    await sink.close();
    expect((await readLakeTable(lake, 'gaps')).length).toBe(500);
    expect((await readLakeTable(lake, 'trades')).map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    return errors[0]!;
  }

  test('an unwritable table is one clear error line; other tables keep recording; it catches up when fixed', async () => {
    const error = await failingTable('blocked', (dir) => {
      mkdirSync(join(dir, '..'), { recursive: true });
      writeFileSync(dir, 'not a folder');
    }, (dir) => unlinkSync(dir));
    expect(error.code).toBe('io_error');
  });

  test('a full disk (a 64 KiB tmpfs under the trades log) is reported as disk_full', async () => {
    const probe = join(root, 'probe');
    mkdirSync(probe);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status !== 0) {
      console.warn('SKIPPED full-disk test: mounting a tmpfs is not permitted here (needs root with CAP_SYS_ADMIN)');
      return;
    }
    spawnSync('umount', [probe]);
    try {
      const error = await failingTable('full', (dir) => {
        mkdirSync(dir, { recursive: true });
        spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k', 'tmpfs', dir]);
      }, (dir) => {
        spawnSync('mount', ['-o', 'remount,size=10m', dir]);
      });
      expect(error.code).toBe('disk_full');
      expect(String(error.msg)).toContain('the disk is full');
    } finally {
      spawnSync('umount', [walDir(join(root, 'full'), 'rec', 'trades')]);
    }
  });

  test('kill -9 of a recording process loses at most about a second; a restart recovers the rest', async () => {
    const lake = join(root, 'kill');
    const proc = Bun.spawn([process.execPath, join(import.meta.dir, 'testing', 'kill-child.ts'), lake, 'k'], { stdout: 'pipe', stderr: 'inherit' });
    child = proc;
    const reports: Array<{ appended: number; tUs: number }> = [];
    const reader = (async () => {
      let buf = '';
      for await (const chunk of proc.stdout) {
        buf += new TextDecoder().decode(chunk);
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = JSON.parse(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if ('appended' in line) reports.push(line);
        }
      }
    })();
    const started = Date.now();
    while ((reports.at(-1)?.appended ?? 0) < 30_000 && Date.now() - started < 20_000) await Bun.sleep(20);
    const killUs = (performance.timeOrigin + performance.now()) * 1000;
    proc.kill('SIGKILL');
    await proc.exited;
    await reader;
    const total = reports.at(-1)!.appended;
    expect(total).toBeGreaterThanOrEqual(30_000);
    // restart: recovery converts what the killed process left in its log
    const sink = await LakeSink.open({ lakeDir: lake, writerId: 'k' });
    await sink.close();
    const rows = await readLakeTable(lake, 'trades');
    const seqs = rows.map((r) => r.seq as number);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i)); // a prefix, no holes
    const secondBefore = reports.filter((r) => r.tUs <= killUs - 1_000_000).at(-1)!;
    expect(seqs.length).toBeGreaterThanOrEqual(secondBefore.appended);
    expect(seqs.length).toBeLessThanOrEqual(total + 400);
    // the lake holds what was appended until ~a tick before the kill
    expect(total - seqs.length).toBeLessThan(20_000);
  }, 30_000);
});
