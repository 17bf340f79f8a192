/**
 * The connection manager: channels sharded over connections (at most 30 each), each shard kept
 * connected: reconnects with exponential backoff and jitter, a circuit breaker per endpoint,
 * rotation before the 24 h limit (the replacement is subscribed before the old one closes, so
 * the overlap loses nothing), and failed subscriptions retried. Every stretch a channel was not
 * subscribed (disconnect, rejected subscription) becomes one `gaps` row when it ends.
 */
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { parseChannel } from '../../adapters/mexc/channels.ts';
import type { FrameRecorder } from '../frame-recorder.ts';
import { Backoff } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from './subscription-plan.ts';
import { WsConnection, type ConnectionHandlers } from './ws-connection.ts';

export interface PoolOptions {
  readonly url: string;
  readonly recorderId: string;
  readonly maxPerConnection?: number;
  readonly pingMs?: number;
  readonly ackTimeoutMs?: number;
  readonly channelsPerMessage?: number;
  readonly messagesPerSecond?: number;
  /** Rotate a connection after this long (MEXC closes at 24 h). */
  readonly rotateAfterMs?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  readonly breakerThreshold?: number;
  readonly breakerCooldownMs?: number;
  /** A connection that lived this long counts as healthy (resets backoff and breaker). */
  readonly healthyAfterMs?: number;
  readonly retryFailedAfterMs?: number;
}

interface Down {
  readonly fromUs: number;
  readonly reason: 'disconnect' | 'subscribe_failed';
  readonly detail: string;
}

interface Slot {
  readonly index: number;
  readonly channels: string[];
  conn: WsConnection | undefined;
  next: WsConnection | undefined;
  generation: number;
  readonly down: Map<string, Down>;
  retryTimer?: ReturnType<typeof setTimeout>;
}

export interface PoolStats {
  /** Groups of at most 30 channels, each served by one connection (two while rotating). */
  readonly shards: number;
  readonly connections: number;
  readonly channels: number;
  readonly subscribed: number;
  readonly down: number;
  readonly reconnects: number;
  readonly rotations: number;
  readonly frames: number;
  readonly latencyMs: number;
  readonly breakerTrips: number;
}

export class ConnectionPool implements ConnectionHandlers {
  private readonly slots: Slot[] = [];
  private readonly breaker: CircuitBreaker;
  private readonly backoff: Backoff;
  private readonly all = new Set<string>();
  private running = false;
  private reconnects = 0;
  private rotations = 0;
  private gapSeq = 0;
  private framesOfClosed = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Distinguishes this run's connection ids from an earlier run's of the same recorder. */
  private readonly runToken = Date.now().toString(36);

  constructor(private readonly o: PoolOptions, private readonly recorder: FrameRecorder, private readonly clock: Clock, private readonly log: Logger) {
    this.breaker = new CircuitBreaker(o.url, o.breakerThreshold ?? 5, o.breakerCooldownMs ?? 30_000);
    this.backoff = new Backoff({ initialMs: o.backoffInitialMs ?? 250, maxMs: o.backoffMaxMs ?? 30_000 });
  }

  /** Add channels (new listings, for example); already known channels are ignored. */
  add(channels: readonly string[]): void {
    const fresh = channels.filter((c) => !this.all.has(c));
    const max = this.o.maxPerConnection ?? MAX_SUBSCRIPTIONS_PER_CONNECTION;
    for (const c of fresh) {
      this.all.add(c);
      let slot = this.slots.find((s) => s.channels.length < max);
      if (slot === undefined) {
        slot = { index: this.slots.length, channels: [], conn: undefined, next: undefined, generation: 0, down: new Map() };
        this.slots.push(slot);
        if (this.running) this.connect(slot);
      }
      slot.channels.push(c);
      if (slot.conn?.isOpen) slot.conn.subscribe([c]);
    }
  }

  start(): void {
    this.running = true;
    for (const s of this.slots) this.connect(s);
  }

  private later(ms: number, f: () => void): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => {
      this.timers.delete(t);
      f();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private connect(slot: Slot, rotatingFrom?: WsConnection): void {
    if (!this.running) return;
    const wait = this.breaker.waitMs(this.clock.nowMs());
    if (wait > 0) {
      this.later(wait, () => this.connect(slot, rotatingFrom));
      return;
    }
    const id = `${this.o.recorderId}-${this.runToken}-c${slot.index}-g${slot.generation++}`;
    const conn = new WsConnection(id, this.o.url, this.recorder, this, this.clock, this.log, {
      pingMs: this.o.pingMs ?? 20_000, ackTimeoutMs: this.o.ackTimeoutMs ?? 5_000,
      channelsPerMessage: this.o.channelsPerMessage ?? 10, messagesPerSecond: this.o.messagesPerSecond ?? 50,
    });
    if (rotatingFrom !== undefined) slot.next = conn;
    else slot.conn = conn;
    conn.open().then(
      () => {
        if (!this.running) return conn.close();
        conn.subscribe(slot.channels);
        const rotateMs = this.o.rotateAfterMs ?? 23.5 * 3600_000;
        this.later(rotateMs, () => this.rotate(slot, conn));
        this.later(this.o.healthyAfterMs ?? 10_000, () => {
          if (conn.isOpen) {
            this.backoff.reset();
            this.breaker.success();
          }
        });
      },
      (e: Error) => {
        if (rotatingFrom !== undefined) slot.next = undefined;
        else slot.conn = undefined;
        this.failed(slot, `connect failed: ${e.message}`, rotatingFrom);
      },
    );
  }

  private failed(slot: Slot, why: string, rotatingFrom?: WsConnection): void {
    if (this.breaker.failure(this.clock.nowMs())) {
      this.log.error({ endpoint: this.o.url, why }, `circuit open for ${this.o.url} after repeated failures (${why}); pausing reconnects`);
    }
    const delay = this.backoff.next();
    this.log.warn({ slot: slot.index, delayMs: delay, why }, 'reconnecting');
    this.later(delay, () => this.connect(slot, rotatingFrom && slot.conn === rotatingFrom ? rotatingFrom : undefined));
  }

  private rotate(slot: Slot, conn: WsConnection): void {
    if (!this.running || slot.conn !== conn || slot.next !== undefined) return;
    this.log.info({ conn: conn.id }, 'rotating connection before the 24 h limit');
    this.connect(slot, conn);
  }

  private slotOf(conn: WsConnection): Slot | undefined {
    return this.slots.find((s) => s.conn === conn || s.next === conn);
  }

  onSubscribed(conn: WsConnection, channel: string, atUs: number): void {
    const slot = this.slotOf(conn);
    if (slot === undefined) return;
    const down = slot.down.get(channel);
    if (down !== undefined) {
      slot.down.delete(channel);
      this.gap(conn.id, channel, down.reason, down.fromUs, atUs, down.detail);
    }
    this.maybeFinishRotation(slot);
  }

  /** The replacement has an answer for every channel: it takes over and the old connection closes. */
  private maybeFinishRotation(slot: Slot): void {
    const next = slot.next;
    if (next === undefined || !slot.channels.every((c) => next.subscribed.has(c) || next.failed.has(c))) return;
    const old = slot.conn;
    slot.conn = next;
    slot.next = undefined;
    this.rotations++;
    if (old !== undefined) {
      this.framesOfClosed += old.frames;
      old.close();
    }
  }

  onSubscribeFailed(conn: WsConnection, channel: string, reason: string, atUs: number): void {
    const slot = this.slotOf(conn);
    if (slot === undefined) return;
    if (slot.next === conn) {
      // a channel the old connection carried but the replacement cannot: it goes down at the swap
      if (slot.conn?.subscribed.has(channel) && !slot.down.has(channel)) slot.down.set(channel, { fromUs: atUs, reason: 'subscribe_failed', detail: reason });
      this.maybeFinishRotation(slot);
      return;
    }
    this.log.warn({ conn: conn.id, channel, reason }, 'subscription failed');
    if (!slot.down.has(channel)) slot.down.set(channel, { fromUs: atUs, reason: 'subscribe_failed', detail: reason });
    this.later(this.o.retryFailedAfterMs ?? 30_000, () => {
      if (slot.conn === conn && conn.isOpen && !conn.subscribed.has(channel)) conn.subscribe([channel]);
    });
  }

  onClosed(conn: WsConnection, info: { code: number; reason: string; atUs: number }): void {
    const slot = this.slotOf(conn);
    this.framesOfClosed += conn.frames;
    if (slot === undefined) return;
    if (slot.next === conn) {
      slot.next = undefined; // the replacement died; the old connection still serves
      return;
    }
    slot.conn = undefined;
    this.reconnects++;
    const detail = `${conn.id} closed (code ${info.code}${info.reason ? `, ${info.reason}` : ''})`;
    for (const c of slot.channels) if (!slot.down.has(c)) slot.down.set(c, { fromUs: info.atUs, reason: 'disconnect', detail });
    const depthSymbols = slot.channels.map(parseChannel).filter((p) => p?.kind === 'aggre.depth').map((p) => p!.symbol!);
    this.recorder.resetBooks(depthSymbols, this.meta(conn.id, info.atUs), 'disconnect');
    const lived = this.clock.nowMs() - conn.openedAtMs;
    this.log.warn({ conn: conn.id, code: info.code, livedMs: Math.round(lived) }, 'connection lost');
    if (slot.next !== undefined) {
      // mid-rotation: the replacement takes over now
      slot.conn = slot.next;
      slot.next = undefined;
      return;
    }
    this.failed(slot, `closed with code ${info.code}`);
  }

  private meta(connId: string, atUs: number) {
    return { connId: `${connId}`, tsRecv: atUs, seq: this.gapSeq++ };
  }

  private gap(connId: string, channel: string, reason: Down['reason'], fromUs: number, toUs: number, detail: string): void {
    const symbol = parseChannel(channel)?.symbol ?? '';
    this.recorder.gap(this.meta(`${this.o.recorderId}-${this.runToken}-gaps`, toUs), symbol, channel, reason, fromUs, toUs, `${detail}; resumed on ${connId}`);
  }

  stats(): PoolStats {
    let connections = 0;
    let subscribed = 0;
    let down = 0;
    let frames = this.framesOfClosed;
    let lat = 0;
    let latN = 0;
    for (const s of this.slots) {
      down += s.down.size;
      for (const c of [s.conn, s.next]) {
        if (c === undefined) continue;
        frames += c.frames;
        if (c.isOpen) connections++;
        if (!Number.isNaN(c.latencyMs)) {
          lat += c.latencyMs;
          latN++;
        }
      }
      subscribed += s.conn?.subscribed.size ?? 0;
    }
    return {
      shards: this.slots.length, connections, channels: this.all.size, subscribed, down, reconnects: this.reconnects, rotations: this.rotations,
      frames, latencyMs: latN > 0 ? lat / latN : Number.NaN, breakerTrips: this.breaker.trips,
    };
  }

  /** Close every connection; channels still down get their gap rows up to now. */
  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const now = this.clock.nowUs();
    for (const s of this.slots) {
      for (const [channel, d] of s.down) this.gap(s.conn?.id ?? 'none', channel, d.reason, d.fromUs, now, `${d.detail}; still down at stop`);
      s.down.clear();
      s.conn?.close();
      s.next?.close();
    }
  }
}
