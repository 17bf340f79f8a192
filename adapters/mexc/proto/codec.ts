/**
 * The MEXC push-frame codec: one binary WebSocket message ⇄ one PushDataV3ApiWrapper.
 *
 * decodeFrame is strict: truncated input, bad wire types, invalid UTF-8, or a wrapper without a
 * channel or a body throw DecodeError (never a partial object). Unknown fields are skipped, so
 * future schema additions do not break it. encodeFrame writes fields in field-number order, which
 * is what MEXC (and protoc-generated encoders) do, so a decoded frame re-encodes to its bytes.
 */
import { DecodeError } from '../../../core/errors.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import {
  decodePushDataV3ApiWrapper,
  sizePushDataV3ApiWrapper,
  writePushDataV3ApiWrapper,
  PushDataV3ApiWrapperBody,
  type MexcPushDataV3ApiWrapper,
} from './generated.ts';
import { Reader, Writer } from './wire.ts';

export type MexcPushFrame = MexcPushDataV3ApiWrapper;
export * from './generated.ts';

/** Decode one binary frame. Throws DecodeError. */
export function decodeFrame(bytes: Uint8Array): MexcPushFrame {
  if (bytes.length === 0) throw new DecodeError('truncated', 'empty frame');
  const reader = new Reader(bytes);
  const frame = decodePushDataV3ApiWrapper(reader, bytes.length);
  if (frame.channel === undefined) throw new DecodeError('malformed', 'wrapper has no channel (field 1)');
  if (frame.bodyField === undefined) throw new DecodeError('unknown_body', `wrapper for ${frame.channel} has no known body`);
  return frame;
}

/** decodeFrame as a Result, for callers that expect bad frames (recorders, the decode command). */
export function tryDecodeFrame(bytes: Uint8Array): Result<MexcPushFrame, DecodeError> {
  try {
    return ok(decodeFrame(bytes));
  } catch (e) {
    if (e instanceof DecodeError) return err(e);
    return err(new DecodeError('malformed', `undecodable frame: ${(e as Error).message}`, { cause: e }));
  }
}

/** Encode a wrapper to the exact bytes MEXC would send. */
export function encodeFrame(frame: MexcPushFrame): Uint8Array {
  const writer = new Writer(sizePushDataV3ApiWrapper(frame));
  writePushDataV3ApiWrapper(frame, writer);
  if (writer.pos !== writer.buf.length) throw new Error(`encoder size mismatch: ${writer.pos} != ${writer.buf.length}`);
  return writer.buf;
}

/** The oneof member name of the frame's body (e.g. 'publicAggreDeals'). */
export function bodyName(frame: MexcPushFrame): string | undefined {
  return frame.bodyField === undefined ? undefined : PushDataV3ApiWrapperBody[frame.bodyField];
}

/**
 * The wrapper as JSON with the .proto field names, in a stable key order: channel, symbol,
 * symbolId, createTime, sendTime, bodyField, then the body under its oneof name. int64 fields are
 * numbers, decimals stay the strings they are.
 */
export function frameToRawJson(frame: MexcPushFrame): Record<string, unknown> {
  const out: Record<string, unknown> = { channel: frame.channel };
  if (frame.symbol !== undefined) out.symbol = frame.symbol;
  if (frame.symbolId !== undefined) out.symbolId = frame.symbolId;
  if (frame.createTime !== undefined) out.createTime = frame.createTime;
  if (frame.sendTime !== undefined) out.sendTime = frame.sendTime;
  const name = bodyName(frame);
  if (name !== undefined) {
    out.bodyField = frame.bodyField;
    out[name] = (frame as unknown as Record<string, unknown>)[name];
  }
  return out;
}
