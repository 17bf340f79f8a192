/**
 * Frames carried as text lines (hex or base64), as `sniper decode` reads them and as fixtures
 * store them. Strict: odd-length hex, non-hex characters or bad base64 are errors.
 */
import { DecodeError } from '../../core/errors.ts';

export type FrameTextFormat = 'hex' | 'base64';

const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function frameFromText(text: string, format: FrameTextFormat): Uint8Array {
  const t = text.trim();
  if (t === '') throw new DecodeError('bad_input', 'empty line');
  if (format === 'hex') {
    if (!HEX.test(t)) throw new DecodeError('bad_input', t.length % 2 === 1 ? 'odd number of hex digits' : 'not hex');
    return Buffer.from(t, 'hex');
  }
  if (!BASE64.test(t)) throw new DecodeError('bad_input', 'not base64');
  return Buffer.from(t, 'base64');
}

export function frameToText(bytes: Uint8Array, format: FrameTextFormat): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(format);
}
