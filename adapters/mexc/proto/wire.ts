/**
 * Protobuf wire primitives for the generated MEXC codec (generated.ts). Strict: every read is
 * bounds-checked against the end of the enclosing message, strings must be valid UTF-8, and any
 * violation throws DecodeError; the decoder never returns a partial object.
 */
import { DecodeError } from '../../../core/errors.ts';

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** Wire types. */
export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

const TWO_32 = 4294967296;

function truncated(what: string): DecodeError {
  return new DecodeError('truncated', `frame ends inside ${what}`);
}

/**
 * A direct-mapped cache for strings that repeat (channel, symbol, eventType, and, in a real
 * market, most prices): hashing and comparing a few dozen bytes is cheaper than building the
 * string again. Keys live in one preallocated arena, so a miss allocates nothing but the string.
 */
const INTERN_SLOTS = 4096;
const INTERN_MAX = 64;
const internArena = new Uint8Array(INTERN_SLOTS * INTERN_MAX);
const internLengths = new Int32Array(INTERN_SLOTS).fill(-1);
const internStrings: string[] = new Array<string>(INTERN_SLOTS).fill('');

/** Buffer's native latin1Slice (Node and Bun): the fastest way to turn ASCII bytes into a string. */
type SliceableBuffer = Buffer & { latin1Slice(start: number, end: number): string };

export class Reader {
  pos = 0;
  readonly buf: Uint8Array;
  private readonly native: SliceableBuffer;
  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.native = (Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)) as SliceableBuffer;
  }

  uint32(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= end) throw truncated('a varint');
    let b = buf[pos++]!;
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let value = b & 0x7f;
    let shift = 7;
    for (;;) {
      if (pos >= end) throw truncated('a varint');
      b = buf[pos++]!;
      if (shift < 28) {
        value |= (b & 0x7f) << shift;
      } else if (shift === 28) {
        value = (value | ((b & 0x0f) << 28)) >>> 0;
      }
      if (b < 0x80) break;
      shift += 7;
      if (shift > 63) throw new DecodeError('malformed', 'varint longer than 10 bytes');
    }
    this.pos = pos;
    return value >>> 0;
  }

  /** int32: the low 32 bits of the varint, signed (negative values take 10 bytes on the wire). */
  int32(end: number): number {
    return this.uint32(end) | 0;
  }

  /** int64 as a JS number (exact up to 2^53; ms timestamps and ids fit). */
  int64(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    do {
      if (pos >= end) throw truncated('a varint');
      b = buf[pos++]!;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else if (shift < 63) hi |= (b & 0x7f) << (shift - 32);
      else if (shift === 63) hi |= (b & 0x01) << 31;
      else throw new DecodeError('malformed', 'varint longer than 10 bytes');
      shift += 7;
    } while (b >= 0x80);
    this.pos = pos;
    lo >>>= 0;
    if (hi & 0x80000000) return -((~hi >>> 0) * TWO_32 + ((~lo >>> 0) + 1));
    return (hi >>> 0) * TWO_32 + lo;
  }

  bool(end: number): boolean {
    return this.uint32(end) !== 0;
  }

  /** Start of a length-delimited field: returns its end offset. */
  len(end: number): number {
    const n = this.uint32(end);
    const stop = this.pos + n;
    if (stop > end) throw truncated('a length-delimited field');
    return stop;
  }

  string(end: number): string {
    const stop = this.len(end);
    const start = this.pos;
    this.pos = stop;
    return stop - start <= 6 ? decodeUtf8(this.buf, start, stop) : this.asciiOrUtf8(start, stop);
  }

  /** Longer strings: check for ASCII, then one native slice; anything else goes through the strict UTF-8 decoder. */
  private asciiOrUtf8(start: number, stop: number): string {
    const buf = this.buf;
    for (let i = start; i < stop; i++) {
      if (buf[i]! >= 0x80) return decodeUtf8Slow(buf, start, stop);
    }
    return this.native.latin1Slice(start, stop);
  }

  /** A string that is expected to repeat (channel, symbol): served from the intern cache. */
  internedString(end: number): string {
    const stop = this.len(end);
    const start = this.pos;
    this.pos = stop;
    const n = stop - start;
    if (n > INTERN_MAX || n < 3) return this.asciiOrUtf8(start, stop);
    const buf = this.buf;
    // hash the tail (where channel strings differ: stream kind, speed, symbol) and the length
    let h = 0x811c9dc5 ^ n;
    for (let i = n > 20 ? stop - 20 : start; i < stop; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const slot = (h ^ (h >>> 15)) & (INTERN_SLOTS - 1);
    const base = slot * INTERN_MAX;
    if (internLengths[slot] === n) {
      // compare from the end: strings that collide usually differ there
      let i = n - 1;
      while (i >= 0 && internArena[base + i] === buf[start + i]) i--;
      if (i < 0) return internStrings[slot]!;
    }
    const s = this.asciiOrUtf8(start, stop);
    for (let i = 0; i < n; i++) internArena[base + i] = buf[start + i]!;
    internLengths[slot] = n;
    internStrings[slot] = s;
    return s;
  }

  skip(tag: number, end: number): void {
    switch (tag & 7) {
      case VARINT:
        this.int64(end);
        return;
      case I64:
        if (this.pos + 8 > end) throw truncated('a fixed64 field');
        this.pos += 8;
        return;
      case LEN:
        this.pos = this.len(end);
        return;
      case I32:
        if (this.pos + 4 > end) throw truncated('a fixed32 field');
        this.pos += 4;
        return;
      default:
        throw new DecodeError('bad_wire_type', `wire type ${tag & 7} (field ${tag >>> 3}) is not valid here`);
    }
  }
}

export function decodeUtf8(buf: Uint8Array, start: number, stop: number): string {
  const n = stop - start;
  if (n <= 64) {
    let s = '';
    for (let i = start; i < stop; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return decodeUtf8Slow(buf, start, stop);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decodeUtf8Slow(buf, start, stop);
}

function decodeUtf8Slow(buf: Uint8Array, start: number, stop: number): string {
  try {
    return utf8Fatal.decode(buf.subarray(start, stop));
  } catch (cause) {
    throw new DecodeError('bad_utf8', 'string field is not valid UTF-8', { cause });
  }
}

export function wrongWireType(field: number, got: number, want: number): DecodeError {
  return new DecodeError('bad_wire_type', `field ${field} has wire type ${got}, expected ${want}`);
}

// ---- encoding -------------------------------------------------------------------------------

export function varintSize(value: number): number {
  if (value < 0) return 10;
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  let n = 4;
  let v = Math.floor(value / 0x10000000);
  while (v > 0) {
    n++;
    v = Math.floor(v / 128);
  }
  return n;
}

export function utf8Size(s: string): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (s.charCodeAt(i) >= 0x80) return utf8Encoder.encode(s).length;
  }
  return n;
}

export function stringSize(s: string): number {
  const n = utf8Size(s);
  return varintSize(n) + n;
}

export class Writer {
  pos = 0;
  readonly buf: Uint8Array;
  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }

  /** Writes a tag that is already varint-encoded into up to 2 bytes (fields < 2048). */
  tag(encoded: number): void {
    if (encoded < 0x80) this.buf[this.pos++] = encoded;
    else this.varint(encoded);
  }

  varint(value: number): void {
    const buf = this.buf;
    if (value < 0) {
      // two's complement, 10 bytes (int32/int64 negatives)
      let lo = value >>> 0;
      let hi = Math.floor(value / TWO_32) >>> 0;
      for (let i = 0; i < 9; i++) {
        buf[this.pos++] = (lo & 0x7f) | 0x80;
        lo = ((lo >>> 7) | (hi << 25)) >>> 0;
        hi >>>= 7;
      }
      buf[this.pos++] = lo & 0x01;
      return;
    }
    while (value >= 0x80) {
      buf[this.pos++] = (value & 0x7f) | 0x80;
      value = value >= TWO_32 ? Math.floor(value / 128) : value >>> 7;
    }
    buf[this.pos++] = value;
  }

  string(s: string): void {
    const n = s.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      this.varint(n);
      const buf = this.buf;
      let pos = this.pos;
      for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
      this.pos = pos;
      return;
    }
    const bytes = utf8Encoder.encode(s);
    this.varint(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }
}
