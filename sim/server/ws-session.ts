/**
 * One WebSocket connection's protocol state (mexc-api.md §1.2–1.3): subscriptions, the message
 * rate, and the idle and lifetime rules. Pure logic: the server feeds it messages and the clock
 * and carries out the replies and the close it asks for.
 */
import { parseChannel } from '../../adapters/mexc/channels.ts';
import { blockedMessage, parseClientRequest } from '../../adapters/mexc/control.ts';
import type { Scenario } from '../config/scenario.ts';

export type SessionAction =
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'subscribe'; readonly channel: string }
  | { readonly kind: 'unsubscribe'; readonly channel: string }
  | { readonly kind: 'close'; readonly reason: string };

export class WsSession {
  readonly subscriptions = new Set<string>();
  readonly connectedAt: number;
  /** When the connection last had no subscription (start of the 30 s rule). */
  private unsubscribedSince: number | undefined;
  /** When a subscription was last made (start of the 60 s no-data rule). */
  lastSubscribedAt = 0;
  /** When the client last sent PING (it keeps a subscribed connection without data alive). */
  private lastPingAt = 0;
  private readonly msgTimes: number[] = [];

  constructor(readonly id: number, private readonly cfg: Scenario['ws'], now: number, readonly listenKey?: string) {
    this.connectedAt = now;
    this.unsubscribedSince = now;
  }

  onMessage(text: string, now: number): SessionAction[] {
    this.msgTimes.push(now);
    while (this.msgTimes.length > 0 && this.msgTimes[0]! <= now - 1000) this.msgTimes.shift();
    if (this.msgTimes.length > this.cfg.maxMessagesPerSec) return [{ kind: 'close', reason: 'rate_limit' }];
    const req = parseClientRequest(text, { caseInsensitive: this.cfg.caseInsensitiveMethods });
    if (!req.ok) return [{ kind: 'reply', text: JSON.stringify({ id: 0, code: 0, msg: 'Wrong request' }) }];
    const r = req.value;
    if (r.method === 'PING') {
      this.lastPingAt = now;
      return [{ kind: 'reply', text: '{"id":0,"code":0,"msg":"PONG"}' }];
    }
    if (r.method === 'UNSUBSCRIPTION') {
      const actions: SessionAction[] = [];
      for (const ch of r.params) {
        if (this.subscriptions.delete(ch)) actions.push({ kind: 'unsubscribe', channel: ch });
      }
      if (this.subscriptions.size === 0 && this.unsubscribedSince === undefined) this.unsubscribedSince = now;
      actions.push({ kind: 'reply', text: JSON.stringify({ id: 0, code: 0, msg: r.params.join(',') }) });
      return actions;
    }
    const accepted: string[] = [];
    const rejected: string[] = [];
    for (const ch of r.params) {
      if (this.subscriptions.has(ch)) {
        accepted.push(ch);
        continue;
      }
      if (!this.allowed(ch) || this.subscriptions.size >= this.cfg.maxSubscriptions) {
        rejected.push(ch);
        continue;
      }
      this.subscriptions.add(ch);
      accepted.push(ch);
    }
    const actions: SessionAction[] = accepted
      .filter((ch) => this.subscriptions.has(ch))
      .map((channel) => ({ kind: 'subscribe' as const, channel }));
    if (accepted.length > 0) {
      this.unsubscribedSince = undefined;
      this.lastSubscribedAt = now;
      actions.push({ kind: 'reply', text: JSON.stringify({ id: 0, code: 0, msg: accepted.join(',') }) });
    }
    if (rejected.length > 0) actions.push({ kind: 'reply', text: JSON.stringify({ id: 0, code: 0, msg: blockedMessage(rejected) }) });
    if (r.params.length === 0) actions.push({ kind: 'reply', text: JSON.stringify({ id: 0, code: 0, msg: '' }) });
    return actions;
  }

  private allowed(ch: string): boolean {
    const parsed = parseChannel(ch);
    if (parsed === undefined) return false;
    // private channels only on a listenKey connection
    return !parsed.kind.startsWith('private.') || this.listenKey !== undefined;
  }

  /**
   * The idle and lifetime rules (PING counts as activity for the no-data rule: "the client may
   * send PING to keep the connection alive"). `lastDataAt` is the last push to any of this connection's
   * channels (undefined when none has come since it subscribed).
   */
  check(now: number, lastDataAt: number | undefined): SessionAction | undefined {
    if (now - this.connectedAt >= this.cfg.lifetimeMs) return { kind: 'close', reason: 'lifetime' };
    if (this.subscriptions.size === 0) {
      if (this.unsubscribedSince !== undefined && now - this.unsubscribedSince >= this.cfg.noSubscriptionTimeoutMs) {
        return { kind: 'close', reason: 'no_subscription' };
      }
      return undefined;
    }
    const since = Math.max(this.lastSubscribedAt, lastDataAt ?? 0, this.lastPingAt);
    if (now - since >= this.cfg.noDataTimeoutMs) return { kind: 'close', reason: 'no_data' };
    return undefined;
  }
}
