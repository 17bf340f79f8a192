/**
 * JSON control messages on the MEXC WebSocket (mexc-api.md §1.3): SUBSCRIPTION, UNSUBSCRIPTION
 * and PING requests, and the text frames that answer them. A rejected subscription still comes
 * back with `code: 0`, so acks are judged by their `msg`, never by `code`.
 */
import { z } from 'zod';
import { DecodeError } from '../../core/errors.ts';
import { err, ok, type Result } from '../../core/result.ts';

export type ControlMethod = 'SUBSCRIPTION' | 'UNSUBSCRIPTION' | 'PING';

export function subscribeMessage(params: readonly string[]): string {
  return JSON.stringify({ method: 'SUBSCRIPTION', params });
}
export function unsubscribeMessage(params: readonly string[]): string {
  return JSON.stringify({ method: 'UNSUBSCRIPTION', params });
}
export function pingMessage(): string {
  return '{"method":"PING"}';
}

/** The exact text MEXC sends for a blocked or refused subscription (note the full-width colon). */
export function blockedMessage(params: readonly string[]): string {
  return `Not Subscribed successfully! [${params.join(',')}].  Reason： Blocked! `;
}

const ackSchema = z.object({ id: z.number().optional(), code: z.number(), msg: z.string() }).loose();
const requestSchema = z.object({
  method: z.string(),
  params: z.array(z.string()).optional(),
  id: z.number().optional(),
}).loose();

export type ControlReply =
  | { readonly kind: 'pong' }
  /** Ack listing the channels the server accepted (msg split on commas). */
  | { readonly kind: 'ack'; readonly channels: readonly string[]; readonly code: number }
  /** The `Not Subscribed successfully! [...]. Reason： Blocked!` rejection. */
  | { readonly kind: 'rejected'; readonly channels: readonly string[]; readonly reason: string }
  /** A non-zero code with a message (e.g. an error the server returns for a malformed request). */
  | { readonly kind: 'error'; readonly code: number; readonly msg: string }
  /** Plain text such as `Invalid listen key` on a user-data connection. */
  | { readonly kind: 'text'; readonly text: string };

const REJECTION = /^Not Subscribed successfully! \[(.*)\]\.\s*Reason[:：]\s*(.*?)\s*$/s;

/** Classify a text frame received from the server. */
export function parseControlReply(text: string): Result<ControlReply, DecodeError> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return ok({ kind: 'text', text: trimmed });
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (cause) {
    return err(new DecodeError('bad_json', `control frame is not valid JSON: ${trimmed.slice(0, 80)}`, { cause }));
  }
  const parsed = ackSchema.safeParse(json);
  if (!parsed.success) return err(new DecodeError('bad_json', `unexpected control frame: ${trimmed.slice(0, 80)}`));
  const { code, msg } = parsed.data;
  if (msg === 'PONG') return ok({ kind: 'pong' });
  const rejected = REJECTION.exec(msg);
  if (rejected) {
    return ok({ kind: 'rejected', channels: splitChannels(rejected[1]!), reason: rejected[2]!.replace(/!$/, '').trim() });
  }
  if (code !== 0) return ok({ kind: 'error', code, msg });
  return ok({ kind: 'ack', channels: splitChannels(msg), code });
}

function splitChannels(list: string): string[] {
  return list.split(',').map((c) => c.trim()).filter((c) => c !== '');
}

/**
 * Did the server accept every requested channel? Success only when the ack's msg names exactly
 * the requested channels (in any order); a rejection or a partial ack is a failure.
 */
export function ackAccepts(reply: ControlReply, requested: readonly string[]): boolean {
  if (reply.kind !== 'ack') return false;
  const got = new Set(reply.channels);
  return got.size === new Set(requested).size && requested.every((c) => got.has(c));
}

export type ClientRequest =
  | { readonly method: 'SUBSCRIPTION' | 'UNSUBSCRIPTION'; readonly params: readonly string[]; readonly id?: number }
  | { readonly method: 'PING'; readonly id?: number };

/**
 * Parse a request a client sent (the simulator's side). The method name is matched exactly
 * by default; whether MEXC accepts lowercase `ping` is unverified, so it is an option.
 */
export function parseClientRequest(text: string, options: { caseInsensitive?: boolean } = {}): Result<ClientRequest, DecodeError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    return err(new DecodeError('bad_json', 'request is not valid JSON', { cause }));
  }
  const parsed = requestSchema.safeParse(json);
  if (!parsed.success) return err(new DecodeError('bad_json', 'request has no method'));
  const method = options.caseInsensitive ? parsed.data.method.toUpperCase() : parsed.data.method;
  const id = parsed.data.id;
  if (method === 'PING') return ok(id === undefined ? { method } : { method, id });
  if (method === 'SUBSCRIPTION' || method === 'UNSUBSCRIPTION') {
    const params = parsed.data.params ?? [];
    return ok(id === undefined ? { method, params } : { method, params, id });
  }
  return err(new DecodeError('bad_input', `unknown method ${JSON.stringify(parsed.data.method)}`));
}
