/** The run folder's Parquet tables from a decision journal: the decision log as is, orders and fills unpacked. */
import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeAuditTables } from './audit-tables.ts';
import { DecisionJournal } from './decision-journal.ts';

const dir = mkdtempSync(join(tmpdir(), 'live-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(file: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    return (await con.runAndReadAll(`SELECT * FROM read_parquet('${join(dir, file)}')`)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

describe('writeAuditTables', () => {
  test('decisions, orders and fills', async () => {
    const j = new DecisionJournal(join(dir, 'decisions.jsonl'));
    j.record({ tsUs: 10, symbol: 'NEWUSDT', kind: 'decision', decision: 'arm', reason: 'score 90 passes', data: '{"score":90}' });
    j.record({ tsUs: 20, symbol: 'NEWUSDT', kind: 'refused', decision: 'max_exposure', reason: 'exposure 900 + 200 > max 1000', data: '["ls-1","buy","MARKET",null,200,null]' });
    j.record({ tsUs: 30, symbol: 'NEWUSDT', kind: 'place_order', decision: 'buy', reason: 'snipe_open', data: '["ls-2","MARKET",null,100,null]' });
    j.record({ tsUs: 40, symbol: 'NEWUSDT', kind: 'fill', decision: 'buy', reason: 'snipe_open', data: '["ls-2",0.5,199.9,0.09995,"NEW",false]' });
    j.record({ tsUs: 40, symbol: 'NEWUSDT', kind: 'order_update', decision: 'FILLED', reason: '', data: '["ls-2",199.9,99.95,null]' });
    j.close();
    expect(j.count).toBe(5);
    expect(j.hash()).toMatch(/^[0-9a-f]{64}$/);
    await writeAuditTables(dir);
    const d = await rows('decisions.parquet');
    expect(d.map((r) => [Number(r.ts_us), r.kind])).toEqual([[10, 'decision'], [20, 'refused'], [30, 'place_order'], [40, 'fill'], [40, 'order_update']]);
    const o = await rows('orders.parquet');
    expect(o.map((r) => [r.client_order_id, r.event, r.status, r.side, r.order_type, r.quote_qty, r.filled_qty, r.reason])).toEqual([
      ['ls-1', 'refused', null, 'buy', 'MARKET', 200, null, 'max_exposure: exposure 900 + 200 > max 1000'],
      ['ls-2', 'place_order', null, 'buy', 'MARKET', 100, null, 'snipe_open'],
      ['ls-2', 'order_update', 'FILLED', null, null, null, 199.9, ''],
    ]);
    const f = await rows('fills.parquet');
    expect(f.map((r) => [r.client_order_id, r.side, r.price, r.qty, r.fee, r.fee_asset, r.is_maker])).toEqual([['ls-2', 'buy', 0.5, 199.9, 0.09995, 'NEW', false]]);
  });
});
