import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../core/logger.ts';
import { formatCoverage, lakeCoverage } from './coverage.ts';
import { LakeSink } from './lake-sink.ts';

const root = mkdtempSync(join(tmpdir(), 'coverage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('per table and symbol: span, rows, and the gaps of that table\'s stream with their causes', async () => {
  const T = Date.UTC(2026, 10, 23, 10) * 1000;
  const sink = await LakeSink.open({ lakeDir: root, writerId: 'cov', logger: createLogger({ level: 'silent' }) });
  for (let i = 0; i < 10; i++) {
    sink.append('trades', { ts_event: 0, ts_recv: T + i * 1_000_000, seq: i, conn_id: 'c', symbol: 'AUSDT', price: 1, qty: 1, side: 'buy', trade_time: 0, trade_id: null });
  }
  const gap = (channel: string, reason: 'disconnect' | 'version_gap', from: number, to: number) => sink.append('gaps', {
    ts_event: 0, ts_recv: T + to, seq: 0, conn_id: 'c', symbol: 'AUSDT', channel, reason, from_us: T + from, to_us: T + to, detail: null,
  });
  gap('spot@public.aggre.deals.v3.api.pb@100ms@AUSDT', 'disconnect', 0, 2_500_000);
  gap('spot@public.aggre.depth.v3.api.pb@100ms@AUSDT', 'version_gap', 0, 100_000);
  await sink.close();
  const rows = await lakeCoverage(root, ['trades', 'gaps']);
  expect(rows[0]).toEqual({
    table: 'trades', symbol: 'AUSDT', rows: 10, firstUs: T, lastUs: T + 9_000_000, gaps: [{ reason: 'disconnect', count: 1, seconds: 2.5 }],
  });
  expect(rows[1]).toMatchObject({ table: 'gaps', symbol: 'AUSDT', rows: 2 });
  const text = formatCoverage(rows);
  expect(text).toContain('AUSDT                    10 rows  2026-11-23T10:00:00Z → 10:00:09Z  covered 9.0s     1 disconnect (2.5s)');
  expect(await lakeCoverage(join(root, 'none'))).toEqual([]);
});
