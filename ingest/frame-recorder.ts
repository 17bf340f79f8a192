/**
 * The recorder's hot path: one received frame → a raw_frames row (the exact bytes, captured
 * before anything can fail), then decode → normalize → the normalized rows. A frame that does
 * not decode or normalize is counted, kept raw, and recorded as a `malformed_frame` gap; it
 * never throws. Depth deltas also drive each symbol's BookSync (mexc-api.md §3.1); its snapshot
 * requests go to `requestSnapshot`, its gaps become `version_gap` rows.
 */
import { DecodeError } from '../core/errors.ts';
import type { SniperEvent } from '../core/events.ts';
import { DEFAULT_NORMALIZE_OPTIONS, normalizeFrame, type NormalizeOptions } from '../adapters/mexc/normalize.ts';
import { tryDecodeFrame } from '../adapters/mexc/proto/codec.ts';
import { channels } from '../adapters/mexc/channels.ts';
import { BookSync, type DepthSnapshot, type SyncAction } from './book-sync.ts';
import { appendEvent, type RowSink } from './event-rows.ts';

export interface FrameMeta {
  readonly connId: string;
  /** Local receive time, µs. */
  readonly tsRecv: number;
  readonly seq: number;
}

export interface RecorderCounters {
  frames: number;
  bytes: number;
  malformed: number;
  rows: number;
  versionGaps: number;
}

export interface FrameRecorderOptions {
  readonly normalize?: NormalizeOptions;
  /** Keep order books in sync (depth deltas); called when a snapshot is needed. */
  readonly requestSnapshot?: (symbol: string) => void;
  /** Called for every trade (listing discovery marks the actual open with the first one). */
  readonly onTrade?: (symbol: string, tradeTimeMs: number) => void;
}

export class FrameRecorder {
  readonly counters: RecorderCounters = { frames: 0, bytes: 0, malformed: 0, rows: 0, versionGaps: 0 };
  /** Frames received per channel string (compare with the venue's own counts). */
  readonly perChannel = new Map<string, number>();
  readonly books = new Map<string, BookSync>();
  /** The depth channel each book is fed from (its gaps are reported on it). */
  private readonly depthChannels = new Map<string, string>();
  private readonly events: SniperEvent[] = [];
  private readonly normalize: NormalizeOptions;

  constructor(private readonly sink: RowSink, private readonly o: FrameRecorderOptions = {}) {
    this.normalize = o.normalize ?? DEFAULT_NORMALIZE_OPTIONS;
  }

  /** A binary (protobuf) frame. Returns the frame's sendTime (ms) when it decoded. */
  onBinary(bytes: Uint8Array, m: FrameMeta): number | undefined {
    this.counters.frames++;
    this.counters.bytes += bytes.length;
    const decoded = tryDecodeFrame(bytes);
    if (!decoded.ok) {
      this.raw(bytes, m, '', null, 'ws_binary');
      this.malformed(m, '', decoded.error);
      return undefined;
    }
    const frame = decoded.value;
    const channel = frame.channel ?? '';
    this.perChannel.set(channel, (this.perChannel.get(channel) ?? 0) + 1);
    this.raw(bytes, m, channel, frame.symbol ?? null, 'ws_binary');
    const events = this.events;
    events.length = 0;
    try {
      normalizeFrame(frame, m, events, this.normalize);
    } catch (e) {
      this.malformed(m, channel, e instanceof DecodeError ? e : new DecodeError('malformed', (e as Error).message), frame.symbol);
      return frame.sendTime;
    }
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      this.counters.rows += appendEvent(this.sink, e, m.connId);
      if (e.type === 'book_delta' && this.o.requestSnapshot !== undefined) {
        if (this.depthChannels.get(e.symbol) !== channel) this.depthChannels.set(e.symbol, channel);
        this.onDelta(e, m);
      }
      else if (e.type === 'trade' && this.o.onTrade !== undefined) this.o.onTrade(e.symbol, e.tradeTime);
    }
    return frame.sendTime;
  }

  /** A text frame (control replies): kept raw; the connection interprets it. */
  onText(bytes: Uint8Array, m: FrameMeta): void {
    this.counters.frames++;
    this.counters.bytes += bytes.length;
    this.raw(bytes, m, 'control', null, 'ws_text');
  }

  /** A REST answer worth keeping (depth snapshots, listing polls): its exact body. */
  onRest(path: string, bytes: Uint8Array, m: FrameMeta, symbol: string | null): void {
    this.raw(bytes, m, path, symbol, 'rest');
  }

  private raw(bytes: Uint8Array, m: FrameMeta, channel: string, symbol: string | null, kind: 'ws_binary' | 'ws_text' | 'rest'): void {
    this.sink.append('raw_frames', { ts_recv: m.tsRecv, seq: m.seq, conn_id: m.connId, channel, symbol: symbol || null, kind, frame: bytes });
  }

  private malformed(m: FrameMeta, channel: string, error: DecodeError, symbol?: string): void {
    this.counters.malformed++;
    this.gap(m, symbol ?? '', channel, 'malformed_frame', m.tsRecv, m.tsRecv, `${error.code}: ${error.message}`);
  }

  gap(m: FrameMeta, symbol: string, channel: string, reason: 'malformed_frame' | 'version_gap' | 'disconnect' | 'subscribe_failed' | 'resync' | 'stale', fromUs: number, toUs: number, detail: string): void {
    this.sink.append('gaps', {
      ts_event: Math.floor(m.tsRecv / 1000), ts_recv: m.tsRecv, seq: m.seq, conn_id: m.connId, symbol, channel, reason,
      from_us: fromUs, to_us: toUs, detail,
    });
  }

  private bookOf(symbol: string): BookSync {
    let b = this.books.get(symbol);
    if (b === undefined) this.books.set(symbol, (b = new BookSync(symbol)));
    return b;
  }

  private onDelta(e: Extract<SniperEvent, { type: 'book_delta' }>, m: FrameMeta): void {
    this.act(e.symbol, this.bookOf(e.symbol).onDelta(e), m);
  }

  /** A REST depth snapshot for `symbol` arrived (record it with onRest too). */
  onSnapshot(symbol: string, s: DepthSnapshot, m: FrameMeta): void {
    this.sink.append('depth_updates', {
      ts_event: Math.floor(s.tsRecv / 1000), ts_recv: s.tsRecv, seq: m.seq, conn_id: m.connId, symbol, kind: 'snapshot',
      from_version: s.lastUpdateId, to_version: s.lastUpdateId,
      bid_prices: s.bids.map((l) => l[0]), bid_qtys: s.bids.map((l) => l[1]), ask_prices: s.asks.map((l) => l[0]), ask_qtys: s.asks.map((l) => l[1]),
    });
    this.act(symbol, this.bookOf(symbol).onSnapshot(s), m);
  }

  onSnapshotFailed(symbol: string): void {
    this.books.get(symbol)?.onSnapshotFailed();
  }

  /** The depth stream of these symbols stopped (disconnect): close open breaks, resync later. */
  resetBooks(symbols: Iterable<string>, m: FrameMeta, why: string): void {
    for (const s of symbols) {
      const b = this.books.get(s);
      if (b !== undefined) this.act(s, b.reset(m.tsRecv, why), m);
    }
  }

  private act(symbol: string, actions: readonly SyncAction[], m: FrameMeta): void {
    for (const a of actions) {
      if (a.kind === 'fetch_snapshot') this.o.requestSnapshot?.(symbol);
      else {
        this.counters.versionGaps++;
        this.gap(m, symbol, this.depthChannels.get(symbol) ?? channels.aggreDepth(symbol), 'version_gap', a.fromUs, a.toUs, a.detail);
      }
    }
  }
}
