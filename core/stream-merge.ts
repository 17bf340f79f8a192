/**
 * Merging event streams by (tsRecv, seq), the order every consumer sees (architecture §5).
 *
 * `mergeCursors` is the hot path for replays: each source is a cursor over columnar batches
 * whose head row is read in place (no object per row); ties on (tsRecv, seq) go to the source
 * listed first, so the merge is deterministic. `mergeIterables` merges ordinary async iterables
 * of events (live sources, tests).
 */
import { compareEventTime, type EventTime } from './events.ts';

export interface MergeCursor<T> {
  /** True when the source has nothing more. */
  readonly done: boolean;
  /** tsRecv (µs) of the head row; valid while !done. */
  readonly ts: number;
  /** seq of the head row; valid while !done. */
  readonly seq: number;
  /** The head row as an event (may be a reused object, valid until the next step). */
  current(): T;
  /** Move past the head row. Returns false when the batch is used up and `load()` must run. */
  step(): boolean;
  /** Load the next batch (sets done at the end of the source). */
  load(): Promise<void>;
}

/**
 * Visit every row of every cursor in (tsRecv, seq) order. `visit` may return false to stop.
 * Time going backwards within one source is an invariant violation and throws.
 */
export async function mergeCursors<T>(cursors: readonly MergeCursor<T>[], visit: (item: T) => boolean | void): Promise<void> {
  await Promise.all(cursors.map((c) => (c.done ? undefined : c.load())));
  const n = cursors.length;
  for (;;) {
    let best = -1;
    let bestTs = Infinity;
    let bestSeq = Infinity;
    for (let i = 0; i < n; i++) {
      const c = cursors[i]!;
      if (c.done) continue;
      const ts = c.ts;
      if (ts < bestTs || (ts === bestTs && c.seq < bestSeq)) {
        best = i;
        bestTs = ts;
        bestSeq = c.seq;
      }
    }
    if (best < 0) return;
    const c = cursors[best]!;
    if (visit(c.current()) === false) return;
    if (!c.step()) {
      await c.load();
    }
    if (!c.done && (c.ts < bestTs || (c.ts === bestTs && c.seq < bestSeq))) {
      throw new RangeError(`source ${best} went back in time: (${c.ts}, ${c.seq}) after (${bestTs}, ${bestSeq})`);
    }
  }
}

/** Merge async iterables of timed events by (tsRecv, seq); ties go to the earlier source. */
export async function* mergeIterables<T extends EventTime>(sources: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  const its = sources.map((s) => s[Symbol.asyncIterator]());
  const heads: (T | undefined)[] = await Promise.all(its.map(async (it) => {
    const r = await it.next();
    return r.done ? undefined : r.value;
  }));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h !== undefined && (best < 0 || compareEventTime(h, heads[best]!) < 0)) best = i;
    }
    if (best < 0) return;
    yield heads[best]!;
    const r = await its[best]!.next();
    heads[best] = r.done ? undefined : r.value;
  }
}
