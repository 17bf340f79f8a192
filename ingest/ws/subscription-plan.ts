/**
 * Splitting channels over connections (MEXC: at most 30 subscriptions per connection) and a
 * connection's channels into SUBSCRIPTION messages, and pacing messages below the 100/s limit.
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 30;

export function shardChannels(channels: readonly string[], perConnection = MAX_SUBSCRIPTIONS_PER_CONNECTION): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < channels.length; i += perConnection) out.push(channels.slice(i, i + perConnection));
  return out;
}

export function subscribeBatches(channels: readonly string[], perMessage: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < channels.length; i += perMessage) out.push(channels.slice(i, i + perMessage));
  return out;
}

/**
 * Paces outgoing client messages: at most `perSecond` in any one-second window (MEXC
 * disconnects a connection above 100/s; the default leaves a wide margin).
 */
export class MessagePacer {
  private readonly sent: number[] = [];
  constructor(private readonly perSecond = 50) {}

  /** ms to wait before the next message may go (0 = now). Call `record` when it is sent. */
  waitMs(nowMs: number): number {
    while (this.sent.length > 0 && nowMs - this.sent[0]! >= 1000) this.sent.shift();
    return this.sent.length < this.perSecond ? 0 : this.sent[0]! + 1000 - nowMs;
  }

  record(nowMs: number): void {
    this.sent.push(nowMs);
  }
}
