/**
 * An order book in integer price ticks and quantity lots, with one version counter per symbol
 * (the space of REST depth `lastUpdateId` and of aggre.depth fromVersion/toVersion). Every level
 * change bumps the version by one and is recorded in the change log until the frame producer
 * drains it, so pushes are contiguous by construction.
 */

export type BookSide = 'bid' | 'ask';

export interface LevelChange {
  readonly side: BookSide;
  readonly ticks: number;
  /** Absolute quantity after the change; 0 removes the level. */
  readonly lots: number;
  readonly version: number;
}

class SideLadder {
  readonly levels = new Map<number, number>();
  /** Sorted best-first. */
  private sorted: number[] = [];
  private dirty = false;
  constructor(private readonly descending: boolean) {}

  set(ticks: number, lots: number): void {
    if (lots <= 0) {
      if (this.levels.delete(ticks)) this.dirty = true;
    } else {
      if (!this.levels.has(ticks)) this.dirty = true;
      this.levels.set(ticks, lots);
    }
  }

  best(): number | undefined {
    return this.ordered()[0];
  }

  ordered(): readonly number[] {
    if (this.dirty) {
      this.sorted = [...this.levels.keys()].sort(this.descending ? (a, b) => b - a : (a, b) => a - b);
      this.dirty = false;
    }
    return this.sorted;
  }
}

export class Book {
  readonly bids = new SideLadder(true);
  readonly asks = new SideLadder(false);
  version: number;
  private log: LevelChange[] = [];

  constructor(startVersion: number) {
    this.version = startVersion;
  }

  side(side: BookSide): SideLadder {
    return side === 'bid' ? this.bids : this.asks;
  }

  lotsAt(side: BookSide, ticks: number): number {
    return this.side(side).levels.get(ticks) ?? 0;
  }

  /** Set a level's absolute quantity (no-op when unchanged). */
  set(side: BookSide, ticks: number, lots: number): void {
    const ladder = this.side(side);
    const current = ladder.levels.get(ticks) ?? 0;
    const next = Math.max(0, Math.round(lots));
    if (current === next) return;
    ladder.set(ticks, next);
    this.version++;
    this.log.push({ side, ticks, lots: next, version: this.version });
  }

  /** The changes since the last drain, oldest first. */
  drain(): LevelChange[] {
    const out = this.log;
    this.log = [];
    return out;
  }

  /** Top `depth` levels of a side as [ticks, lots]. */
  top(side: BookSide, depth: number): [number, number][] {
    const ladder = this.side(side);
    const out: [number, number][] = [];
    for (const t of ladder.ordered()) {
      if (out.length >= depth) break;
      out.push([t, ladder.levels.get(t)!]);
    }
    return out;
  }
}
