/**
 * One WebSocket connection to the MEXC push endpoint: subscribes its channels in paced
 * SUBSCRIPTION batches, checks every ack (a `code: 0` "Not Subscribed successfully ... Blocked"
 * is a failure, as is no ack within `ackTimeoutMs`), sends PING about every 20 s, and hands every
 * frame, numbered, with its receive time, to the recorder before anything else looks at it.
 */
import WebSocket from 'ws';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { parseControlReply, pingMessage, subscribeMessage } from '../../adapters/mexc/control.ts';
import type { FrameRecorder } from '../frame-recorder.ts';
import { MessagePacer, subscribeBatches } from './subscription-plan.ts';

export interface ConnectionOptions {
  readonly pingMs: number;
  readonly ackTimeoutMs: number;
  readonly channelsPerMessage: number;
  readonly messagesPerSecond: number;
}

export interface ConnectionHandlers {
  onSubscribed(conn: WsConnection, channel: string, atUs: number): void;
  onSubscribeFailed(conn: WsConnection, channel: string, reason: string, atUs: number): void;
  onClosed(conn: WsConnection, info: { code: number; reason: string; atUs: number; wasOpen: boolean }): void;
}

interface PendingRequest {
  readonly channels: Set<string>;
  readonly sentMs: number;
}

export class WsConnection {
  private ws: WebSocket | undefined;
  private seq = 0;
  private readonly pending: PendingRequest[] = [];
  private readonly queue: string[][] = [];
  private readonly pacer: MessagePacer;
  private timers: ReturnType<typeof setInterval>[] = [];
  private closedByUs = false;
  private opened = false;
  private finished = false;
  readonly subscribed = new Set<string>();
  /** Channels the server refused (or never acked) on this connection. */
  readonly failed = new Set<string>();
  openedAtMs = 0;
  lastFrameUs = 0;
  frames = 0;
  /** Latency from the venue's sendTime to local receive, ms (EWMA). */
  latencyMs = Number.NaN;
  pongRttMs = Number.NaN;
  private pingSentMs = 0;

  constructor(
    readonly id: string,
    readonly url: string,
    private readonly recorder: FrameRecorder,
    private readonly handlers: ConnectionHandlers,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly o: ConnectionOptions,
  ) {
    this.pacer = new MessagePacer(o.messagesPerSecond);
  }

  /** Connect; resolves when open, rejects when the connection cannot be made. */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { handshakeTimeout: 10_000 });
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      ws.on('open', () => {
        this.opened = true;
        this.openedAtMs = this.clock.nowMs();
        this.timers.push(setInterval(() => this.ping(), this.o.pingMs), setInterval(() => this.housekeeping(), 250));
        resolve();
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(data, isBinary));
      ws.on('error', (e: Error) => {
        if (!this.opened) reject(e);
        else this.log.warn({ conn: this.id, err: e.message }, 'websocket error');
      });
      ws.on('close', (code: number, reason: Buffer) => this.onClose(code, reason.toString()));
    });
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closedByUs) return; // closing on purpose: the sinks may already be finishing
    const tsRecv = this.clock.nowUs();
    const meta = { connId: this.id, tsRecv, seq: this.seq++ };
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.frames++;
    this.lastFrameUs = tsRecv;
    if (isBinary && bytes[0] !== 0x7b) {
      const sendTime = this.recorder.onBinary(bytes, meta);
      if (sendTime !== undefined) {
        const l = tsRecv / 1000 - sendTime;
        this.latencyMs = Number.isNaN(this.latencyMs) ? l : this.latencyMs * 0.95 + l * 0.05;
      }
      return;
    }
    this.recorder.onText(bytes, meta);
    this.onControl(data.toString('utf8'), tsRecv);
  }

  private onControl(text: string, atUs: number): void {
    const reply = parseControlReply(text);
    if (!reply.ok) {
      this.log.warn({ conn: this.id, text: text.slice(0, 200) }, 'unreadable control frame');
      return;
    }
    const r = reply.value;
    if (r.kind === 'pong') {
      this.pongRttMs = this.clock.nowMs() - this.pingSentMs;
    } else if (r.kind === 'ack') {
      for (const c of r.channels) this.settle(c, undefined, atUs);
    } else if (r.kind === 'rejected') {
      for (const c of r.channels) this.settle(c, `rejected: ${r.reason}`, atUs);
    } else if (r.kind === 'error') {
      const oldest = this.pending[0];
      if (oldest !== undefined) for (const c of [...oldest.channels]) this.settle(c, `error ${r.code}: ${r.msg}`, atUs);
    }
  }

  /** Mark a requested channel as acked (reason undefined) or failed. */
  private settle(channel: string, reason: string | undefined, atUs: number): void {
    const req = this.pending.find((p) => p.channels.has(channel));
    if (req === undefined) {
      if (reason === undefined && !this.subscribed.has(channel)) this.log.warn({ conn: this.id, channel }, 'ack for a channel never requested');
      return;
    }
    req.channels.delete(channel);
    if (req.channels.size === 0) this.pending.splice(this.pending.indexOf(req), 1);
    if (reason === undefined) {
      this.subscribed.add(channel);
      this.handlers.onSubscribed(this, channel, atUs);
    } else {
      this.failed.add(channel);
      this.handlers.onSubscribeFailed(this, channel, reason, atUs);
    }
  }

  /** Queue channels for subscription (sent in paced batches). */
  subscribe(channels: readonly string[]): void {
    for (const c of channels) this.failed.delete(c);
    for (const b of subscribeBatches(channels, this.o.channelsPerMessage)) this.queue.push(b);
    this.housekeeping();
  }

  private housekeeping(): void {
    if (this.ws === undefined || this.ws.readyState !== WebSocket.OPEN) return;
    const now = this.clock.nowMs();
    while (this.queue.length > 0 && this.pacer.waitMs(now) === 0) {
      const batch = this.queue.shift()!;
      this.pacer.record(now);
      this.pending.push({ channels: new Set(batch), sentMs: now });
      this.ws.send(subscribeMessage(batch));
    }
    for (const p of [...this.pending]) {
      if (now - p.sentMs >= this.o.ackTimeoutMs) {
        for (const c of [...p.channels]) this.settle(c, `no ack within ${this.o.ackTimeoutMs} ms`, this.clock.nowUs());
      }
    }
  }

  private ping(): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    const now = this.clock.nowMs();
    if (this.pacer.waitMs(now) > 0) return;
    this.pacer.record(now);
    this.pingSentMs = now;
    this.ws.send(pingMessage());
  }

  private onClose(code: number, reason: string): void {
    if (this.finished) return;
    this.finished = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const atUs = this.clock.nowUs();
    // a connection that never opened is reported by open()'s rejection instead
    if (!this.closedByUs && this.opened) this.handlers.onClosed(this, { code, reason, atUs, wasOpen: true });
  }

  /** Close on purpose (rotation, shutdown): no disconnect is reported. */
  close(): void {
    this.closedByUs = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.finished = true;
    this.ws?.close(1000, 'bye');
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }
}
