/**
 * Keeping one symbol's order book in sync (mexc-api.md §3.1): deltas are buffered until a REST
 * snapshot arrives; deltas at or below the snapshot's lastUpdateId are dropped; the first one
 * left must cover lastUpdateId + 1; after that every delta must start at the previous
 * toVersion + 1. A break (or a snapshot that cannot be joined) asks for a new snapshot and, once
 * the book is whole again, reports the gap with its start and end.
 *
 * Pure: the caller fetches snapshots and writes gaps; this says when and what.
 */
import { OrderBook } from '../core/order-book.ts';
import type { BookDeltaEvent, Level } from '../core/events.ts';

export interface DepthSnapshot {
  readonly lastUpdateId: number;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly tsRecv: number;
}

export type SyncAction =
  | { readonly kind: 'fetch_snapshot' }
  /** The book was broken from `fromUs` until now (it is whole again, or the caller gives up). */
  | { readonly kind: 'gap'; readonly fromUs: number; readonly toUs: number; readonly detail: string };

export class BookSync {
  readonly book: OrderBook;
  private state: 'buffering' | 'synced' = 'buffering';
  private version = 0;
  private cache: BookDeltaEvent[] = [];
  private fetching = false;
  /** Where the current break began (µs) and why; undefined for the initial sync. */
  private brokenSince: { fromUs: number; detail: string } | undefined;
  private lastGoodUs = 0;
  /** The next delta may straddle the snapshot's lastUpdateId (from <= version + 1 <= to). */
  private straddleOk = false;
  resyncs = 0;

  constructor(readonly symbol: string, private readonly maxCache = 2000) {
    this.book = new OrderBook(symbol);
  }

  get synced(): boolean {
    return this.state === 'synced';
  }
  get localVersion(): number {
    return this.version;
  }

  onDelta(d: BookDeltaEvent): SyncAction[] {
    if (this.state === 'buffering') {
      this.cache.push(d);
      if (this.cache.length > this.maxCache) this.cache.shift();
      return this.requestSnapshot();
    }
    if (d.toVersion <= this.version) return []; // an old or duplicate push
    if (this.straddleOk && d.fromVersion <= this.version + 1) {
      this.apply(d);
      return [];
    }
    if (d.fromVersion !== this.version + 1) {
      return this.breakAt(d, `expected fromVersion ${this.version + 1}, got ${d.fromVersion}..${d.toVersion}`);
    }
    this.apply(d);
    return [];
  }

  private breakAt(d: BookDeltaEvent, detail: string): SyncAction[] {
    this.state = 'buffering';
    this.brokenSince = { fromUs: this.lastGoodUs || d.tsRecv, detail };
    this.cache = [d];
    this.resyncs++;
    return this.requestSnapshot();
  }

  private requestSnapshot(): SyncAction[] {
    if (this.fetching) return [];
    this.fetching = true;
    return [{ kind: 'fetch_snapshot' }];
  }

  /** The snapshot fetch failed; ask again on the next delta. */
  onSnapshotFailed(): void {
    this.fetching = false;
  }

  onSnapshot(s: DepthSnapshot): SyncAction[] {
    this.fetching = false;
    if (this.state === 'synced') return [];
    const first = this.cache[0];
    if (first !== undefined && s.lastUpdateId < first.fromVersion - 1) return this.requestSnapshot(); // step 4: too old
    const rest = this.cache.filter((d) => d.toVersion > s.lastUpdateId); // step 5
    const next = rest[0];
    if (next !== undefined && next.fromVersion > s.lastUpdateId + 1) return this.requestSnapshot(); // step 6
    this.book.clear();
    this.book.applyLevels(s.bids, s.asks);
    this.version = s.lastUpdateId;
    this.lastGoodUs = s.tsRecv;
    this.state = 'synced';
    this.cache = [];
    this.straddleOk = true;
    for (const d of rest) {
      // the first may straddle lastUpdateId; after it, strict continuity
      if (this.straddleOk ? d.fromVersion > this.version + 1 : d.fromVersion !== this.version + 1) {
        return this.breakAt(d, `cached delta ${d.fromVersion}..${d.toVersion} after version ${this.version}`);
      }
      this.apply(d);
    }
    const out: SyncAction[] = [];
    if (this.brokenSince !== undefined) {
      out.push({ kind: 'gap', fromUs: this.brokenSince.fromUs, toUs: s.tsRecv, detail: `${this.brokenSince.detail}; resynced at ${s.lastUpdateId}` });
      this.brokenSince = undefined;
    }
    return out;
  }

  private apply(d: BookDeltaEvent): void {
    this.straddleOk = false;
    this.book.applyLevels(d.bids, d.asks);
    this.version = d.toVersion;
    this.lastGoodUs = d.tsRecv;
  }

  /**
   * The stream stopped (disconnect or end of recording). An open break is reported up to `nowUs`;
   * the book must be rebuilt from a new snapshot when deltas flow again.
   */
  reset(nowUs: number, why: string): SyncAction[] {
    const out: SyncAction[] = [];
    if (this.brokenSince !== undefined) out.push({ kind: 'gap', fromUs: this.brokenSince.fromUs, toUs: nowUs, detail: `${this.brokenSince.detail}; ${why} before resync` });
    this.brokenSince = undefined;
    this.state = 'buffering';
    this.cache = [];
    this.fetching = false;
    return out;
  }
}
