/**
 * The user data stream (listenKey) as a prompt for reconciliation: a push about one of our
 * orders (spot@private.orders / spot@private.deals) makes the real venue look the order up at
 * once instead of at its next polling pass. The pushes are not booked themselves: fills and
 * statuses come from one source (GET order + myTrades), so nothing can be counted twice, and a
 * lost push costs only latency. Keeps the key alive every 30 minutes, PINGs every 20 s, and
 * reconnects with a growing pause when the connection drops.
 */
import WebSocket from 'ws';
import type { Logger } from '../core/logger.ts';
import { channels } from '../adapters/mexc/channels.ts';
import { pingMessage, subscribeMessage } from '../adapters/mexc/control.ts';
import { tryDecodeFrame } from '../adapters/mexc/proto/codec.ts';
import type { MexcRestClient } from '../adapters/mexc/rest/client.ts';

export interface PrivateStreamOptions {
  readonly pingMs?: number;
  readonly keepAliveMs?: number;
  readonly maxBackoffMs?: number;
}

export class PrivateStream {
  private ws: WebSocket | undefined;
  private listenKey: string | undefined;
  private running = false;
  private backoffMs = 250;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private intervals: ReturnType<typeof setInterval>[] = [];
  pushes = 0;
  reconnects = 0;
  connected = false;

  constructor(
    private readonly client: MexcRestClient,
    private readonly wsUrl: string,
    private readonly log: Logger,
    private readonly onOrderActivity: (clientOrderId: string) => void,
    private readonly o: PrivateStreamOptions = {},
  ) {}

  /** Get a listen key and connect; resolves once subscribed (or fails with the REST error). */
  async start(): Promise<void> {
    const key = await this.client.createListenKey();
    if (!key.ok) throw key.error;
    this.listenKey = key.value.listenKey;
    this.running = true;
    this.intervals.push(setInterval(() => void this.keepAlive(), this.o.keepAliveMs ?? 30 * 60_000));
    await this.connect();
  }

  private async keepAlive(): Promise<void> {
    if (this.listenKey === undefined) return;
    const r = await this.client.keepAliveListenKey(this.listenKey);
    if (!r.ok) this.log.warn({ err: r.error.message }, 'listen key keep-alive failed; fills are still found by polling');
  }

  private connect(): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${this.wsUrl}?listenKey=${encodeURIComponent(this.listenKey ?? '')}`, { handshakeTimeout: 10_000 });
      ws.binaryType = 'nodebuffer';
      this.ws = ws;
      let ping: ReturnType<typeof setInterval> | undefined;
      ws.on('open', () => {
        this.connected = true;
        this.backoffMs = 250;
        ws.send(subscribeMessage([channels.privateOrders(), channels.privateDeals()]));
        ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(pingMessage()), this.o.pingMs ?? 20_000);
        resolve();
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) this.onFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      ws.on('error', (e: Error) => this.log.warn({ err: e.message }, 'private stream error'));
      ws.on('close', (code: number) => {
        this.connected = false;
        if (ping !== undefined) clearInterval(ping);
        resolve();
        if (!this.running) return;
        this.reconnects++;
        this.log.warn({ code, delayMs: this.backoffMs }, 'private stream lost; reconnecting (fills are still found by polling)');
        const t = setTimeout(() => {
          this.timers.delete(t);
          if (this.running) void this.connect();
        }, this.backoffMs);
        this.timers.add(t);
        this.backoffMs = Math.min(this.o.maxBackoffMs ?? 10_000, this.backoffMs * 2);
      });
    });
  }

  private onFrame(bytes: Uint8Array): void {
    const f = tryDecodeFrame(bytes);
    if (!f.ok) return;
    const frame = f.value;
    const id = frame.bodyField === 304 ? frame.privateOrders.clientId : frame.bodyField === 306 ? frame.privateDeals.clientOrderId : undefined;
    if (id === undefined || id === '') return;
    this.pushes++;
    this.onOrderActivity(id);
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const i of this.intervals) clearInterval(i);
    this.intervals = [];
    this.ws?.close();
    if (this.listenKey !== undefined) void this.client.closeListenKey(this.listenKey);
  }
}
