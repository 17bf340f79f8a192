import { describe, expect, test } from 'bun:test';
import { DictColumn } from '../lake/dict-column.ts';
import type { RowOf } from '../lake/table-batch.ts';
import { decodeSegment, WalEncoder } from './wal-codec.ts';

const gap = (i: number, channel: string, detail: string | null): RowOf<'gaps'> => ({
  ts_event: i, ts_recv: 1e15 + i, seq: i, conn_id: 'c', symbol: `S${i % 3}`, channel, reason: 'disconnect', from_us: -i, to_us: i, detail,
});
const read = (col: unknown, i: number) => (col instanceof DictColumn ? col.at(i) : (col as ArrayLike<unknown>)[i]);

describe('WAL codec', () => {
  test('rows round-trip over several records; strings come back dictionary-coded, nulls kept', () => {
    const enc = new WalEncoder('gaps');
    const rows = Array.from({ length: 50 }, (_, i) => gap(i, `ch${i % 4}`, i % 5 === 0 ? null : `d${i % 2}`));
    const parts: Uint8Array[] = [];
    rows.forEach((r, i) => {
      enc.append(r);
      if (i % 17 === 16) parts.push(enc.take()!);
    });
    parts.push(enc.take()!);
    expect(enc.take()).toBeUndefined();
    const d = decodeSegment('gaps', Buffer.concat(parts));
    expect(d.rows).toBe(50);
    expect(d.tornBytes).toBe(0);
    expect(d.columns.channel).toBeInstanceOf(DictColumn);
    expect((d.columns.channel as DictColumn).dictionary).toEqual(['ch0', 'ch1', 'ch2', 'ch3']);
    for (let i = 0; i < 50; i++) {
      for (const k of Object.keys(rows[i]!) as (keyof RowOf<'gaps'>)[]) expect([k, read(d.columns[k], i)]).toEqual([k, rows[i]![k]]);
    }
  });

  test('past 4096 distinct values strings are kept inline, and the column decodes to plain strings', () => {
    const enc = new WalEncoder('gaps');
    for (let i = 0; i < 5000; i++) enc.append(gap(i, `unique-${i}`, null));
    const d = decodeSegment('gaps', enc.take()!);
    expect(Array.isArray(d.columns.channel)).toBe(true);
    expect((d.columns.channel as string[])[4999]).toBe('unique-4999');
    expect((d.columns.channel as string[])[17]).toBe('unique-17');
    expect(d.columns.conn_id).toBeInstanceOf(DictColumn);
  });

  test('a failed row leaves no trace (not even its dictionary entries); a torn tail is cut off', () => {
    const enc = new WalEncoder('gaps');
    enc.append(gap(0, 'a', null));
    expect(() => enc.append({ ...gap(1, 'new-channel', null), to_us: 'x' as unknown as number })).toThrow(/to_us must be a safe integer, got x/);
    enc.append(gap(2, 'new-channel', null));
    const rec = enc.take()!;
    const d = decodeSegment('gaps', rec);
    expect(d.rows).toBe(2);
    expect([read(d.columns.channel, 0), read(d.columns.channel, 1)]).toEqual(['a', 'new-channel']);
    enc.append(gap(3, 'b', null));
    const second = enc.take()!;
    const torn = decodeSegment('gaps', Buffer.concat([rec, second.subarray(0, second.length - 3)]));
    expect(torn.rows).toBe(2);
    expect(torn.tornBytes).toBe(second.length - 3);
  });
});
