import { describe, expect, test } from 'bun:test';
import { mergeCursors, mergeIterables, type MergeCursor } from './stream-merge.ts';

/** A cursor over [ts, seq] rows in batches of two. */
function cursor(name: string, rows: [number, number][]): MergeCursor<string> & { loads: number } {
  let batch: [number, number][] = [];
  let i = 0;
  let next = 0;
  const c = {
    done: false, ts: 0, seq: 0, loads: 0,
    current: () => `${name}${batch[i]![0]}.${batch[i]![1]}`,
    step() {
      i++;
      if (i >= batch.length) return false;
      [c.ts, c.seq] = batch[i]!;
      return true;
    },
    async load() {
      c.loads++;
      batch = rows.slice(next, next + 2);
      next += 2;
      i = 0;
      if (batch.length === 0) c.done = true;
      else [c.ts, c.seq] = batch[0]!;
    },
  };
  return c;
}

describe('stream merge', () => {
  test('cursors merge by (tsRecv, seq) across batch boundaries; ties go to the first source', async () => {
    const out: string[] = [];
    await mergeCursors([cursor('a', [[1, 1], [3, 1], [3, 2], [9, 0]]), cursor('b', [[2, 0], [3, 1], [4, 0]])], (x) => void out.push(x));
    expect(out).toEqual(['a1.1', 'b2.0', 'a3.1', 'b3.1', 'a3.2', 'b4.0', 'a9.0']);
  });
  test('a source going back in time throws', async () => {
    await expect(mergeCursors([cursor('a', [[5, 0], [4, 0]])], () => undefined)).rejects.toThrow(/back in time/);
  });
  test('async iterables merge the same way', async () => {
    async function* gen(xs: [number, number][]) {
      for (const [tsRecv, seq] of xs) yield { tsRecv, seq, tsEvent: 0 };
    }
    const out: string[] = [];
    for await (const e of mergeIterables([gen([[1, 0], [5, 0]]), gen([[1, 0], [2, 0]])])) out.push(`${e.tsRecv}`);
    expect(out).toEqual(['1', '1', '2', '5']);
  });
});
