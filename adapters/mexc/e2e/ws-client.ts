/**
 * A real WebSocket client (Bun's) for the e2e tests that speaks through the adapter's own
 * protocol code: requests built by control.ts, text replies classified by parseControlReply,
 * binary pushes decoded by decodeFrame and normalized by normalizeToArray. It records everything
 * in arrival order, with the receive time, and how the connection closed.
 */
import { expect } from 'bun:test';
import type { SniperEvent } from '../../../core/events.ts';
import { ackAccepts, parseControlReply, pingMessage, subscribeMessage, unsubscribeMessage, type ControlReply } from '../control.ts';
import { normalizeToArray } from '../normalize.ts';
import { decodeFrame, type MexcPushFrame } from '../proto/codec.ts';
import { until } from './harness.ts';

export interface ReceivedFrame {
  readonly bytes: Uint8Array;
  readonly frame: MexcPushFrame;
  readonly events: readonly SniperEvent[];
  /** Local receive time, wall ms. */
  readonly atMs: number;
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
  /** Wall ms at the close. */
  readonly atMs: number;
}

export class E2eWsClient {
  readonly replies: ControlReply[] = [];
  readonly texts: string[] = [];
  readonly frames: ReceivedFrame[] = [];
  /** Frames that failed to decode or normalize (should stay empty without faults). */
  readonly bad: Error[] = [];
  readonly closed: Promise<CloseInfo>;
  private closeInfo: CloseInfo | undefined;
  private seq = 0;

  private constructor(readonly ws: WebSocket, readonly openedAtMs: number) {
    this.closed = new Promise<CloseInfo>((resolve) => {
      ws.addEventListener('close', (e) => {
        this.closeInfo = { code: e.code, reason: e.reason, atMs: Date.now() };
        resolve(this.closeInfo);
      });
    });
    ws.addEventListener('message', (e) => this.onMessage(e.data));
  }

  static async connect(url: string): Promise<E2eWsClient> {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    // listeners are attached before the first message can arrive (open fires after this tick)
    const client = new E2eWsClient(ws, Date.now());
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
    return client;
  }

  private onMessage(data: unknown): void {
    if (typeof data === 'string') {
      this.texts.push(data);
      const reply = parseControlReply(data);
      if (reply.ok) this.replies.push(reply.value);
      else this.bad.push(reply.error);
      return;
    }
    const bytes = new Uint8Array(data as ArrayBuffer);
    const atMs = Date.now();
    try {
      const frame = decodeFrame(bytes);
      const events = normalizeToArray(frame, { tsRecv: atMs * 1000, seq: ++this.seq });
      this.frames.push({ bytes, frame, events, atMs });
    } catch (e) {
      this.bad.push(e as Error);
    }
  }

  get isClosed(): boolean {
    return this.closeInfo !== undefined;
  }

  subscribe(channels: readonly string[]): void {
    this.ws.send(subscribeMessage(channels));
  }
  unsubscribe(channels: readonly string[]): void {
    this.ws.send(unsubscribeMessage(channels));
  }
  ping(): void {
    this.ws.send(pingMessage());
  }

  /** Send SUBSCRIPTION and wait for the next control reply (ack or rejection). */
  async request(channels: readonly string[], ms = 2000): Promise<ControlReply> {
    const before = this.replies.length;
    this.subscribe(channels);
    await until(() => this.replies.length > before, ms, 'a reply to SUBSCRIPTION');
    return this.replies[before]!;
  }

  /** Frames on one channel, in arrival order. */
  on(channel: string): ReceivedFrame[] {
    return this.frames.filter((f) => f.frame.channel === channel);
  }

  async waitFrames(channel: string, n: number, ms = 3000): Promise<ReceivedFrame[]> {
    await until(() => this.on(channel).length >= n, ms, `${n} frames on ${channel}`);
    return this.on(channel);
  }

  close(): void {
    if (!this.isClosed) this.ws.close();
  }
}

/**
 * Subscribe, let frames flow for `ms`, unsubscribe and wait for the ack (everything sent is then
 * delivered). The client is pushed to `open` first, so the test's afterAll closes it even on failure.
 */
export async function recordChannels(url: string, subs: readonly string[], ms: number, open: E2eWsClient[]): Promise<E2eWsClient> {
  const c = await E2eWsClient.connect(url);
  open.push(c);
  expect(ackAccepts(await c.request(subs), subs)).toBe(true);
  await Bun.sleep(ms);
  const before = c.replies.length;
  c.unsubscribe(subs);
  await until(() => c.replies.length > before, 2000, 'the unsubscribe ack');
  return c;
}
