import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { DecodeError } from '../../../core/errors.ts';
import { mexcFixture } from '../../../core/testing/fixtures.ts';
import { decodeFrame, encodeFrame, frameToRawJson, tryDecodeFrame, type MexcPushFrame } from './codec.ts';
import { ALL_SAMPLE_KINDS, sampleFrame } from './sample-frames.ts';

interface FixtureFrame { id: string; hex: string; decoded: Record<string, unknown> }
const fixtures: FixtureFrame[] = JSON.parse(readFileSync(mexcFixture('ws-frames.json'), 'utf8')).frames;

const root = protobuf.loadSync(join(import.meta.dir, 'mexc-push.proto'));
const Wrapper = root.lookupType('PushDataV3ApiWrapper');
const reference = (bytes: Uint8Array) =>
  Wrapper.toObject(Wrapper.decode(bytes), { longs: Number, oneofs: true }) as Record<string, unknown>;

function expectDecodeError(bytes: Uint8Array, code?: string): DecodeError {
  const r = tryDecodeFrame(bytes);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('decoded');
  if (code !== undefined) expect(r.error.code).toBe(code as DecodeError['code']);
  return r.error;
}

describe('real MEXC frames', () => {
  test('there are fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(2));
  for (const f of fixtures) {
    test(`${f.id} decodes to exactly its recorded value`, () => {
      const frame = decodeFrame(Buffer.from(f.hex, 'hex'));
      expect(frameToRawJson(frame)).toEqual(f.decoded);
      // key order too: the raw JSON line must read like the recorded one
      expect(JSON.stringify(frameToRawJson(frame))).toBe(JSON.stringify(f.decoded));
    });
    test(`${f.id} re-encodes to the same bytes`, () => {
      const bytes = Buffer.from(f.hex, 'hex');
      expect(Buffer.from(encodeFrame(decodeFrame(bytes))).toString('hex')).toBe(f.hex);
    });
    test(`${f.id} agrees with protobufjs`, () => {
      const bytes = Buffer.from(f.hex, 'hex');
      const ours = frameToRawJson(decodeFrame(bytes));
      const ref = reference(bytes);
      const name = ref.body as string;
      expect(ours[name]).toEqual(ref[name]);
      expect(ours.channel).toBe(ref.channel);
    });
    test(`${f.id}: every truncation is a typed error, never a partial frame`, () => {
      const bytes = Buffer.from(f.hex, 'hex');
      for (let n = 0; n < bytes.length; n++) expectDecodeError(bytes.subarray(0, n));
    });
  }
});

describe('every message type', () => {
  for (const kind of ALL_SAMPLE_KINDS) {
    test(`${kind}: round-trips and matches protobufjs both ways`, () => {
      const frame = sampleFrame(kind, 3);
      const bytes = encodeFrame(frame);
      const back = decodeFrame(bytes);
      expect(back).toEqual(frame);
      // protobufjs decodes our bytes to the same values
      const ref = reference(bytes);
      const raw = frameToRawJson(back);
      const name = ref.body as string;
      expect(raw[name]).toEqual(ref[name]);
      // and our decoder reads protobufjs's encoding of the same message identically
      const refBytes = Wrapper.encode(Wrapper.fromObject(ref)).finish();
      expect(Buffer.from(refBytes).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
    });
  }
});

describe('bad input', () => {
  const good = encodeFrame(sampleFrame('depth', 1));

  test('empty frame', () => {
    expectDecodeError(new Uint8Array(0), 'truncated');
  });

  test('garbage never crashes: a typed error or a complete frame', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    let errors = 0;
    for (let i = 0; i < 5000; i++) {
      const bytes = new Uint8Array(1 + (i % 200)).map(() => rand());
      const r = tryDecodeFrame(bytes);
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(DecodeError);
        errors++;
      } else {
        // whatever decoded is a whole frame: it has a channel and a body
        expect(typeof r.value.channel).toBe('string');
        expect(r.value.bodyField).toBeGreaterThan(0);
      }
    }
    expect(errors).toBeGreaterThan(4900);
  });

  test('flipped bytes in a real frame give a typed error or a whole frame', () => {
    const bytes = Buffer.from(fixtures[0]!.hex, 'hex');
    for (let i = 0; i < bytes.length; i++) {
      const copy = Uint8Array.from(bytes);
      copy[i] = copy[i]! ^ 0xff;
      const r = tryDecodeFrame(copy);
      if (!r.ok) expect(r.error).toBeInstanceOf(DecodeError);
    }
  });

  test('a length running past the end is truncated', () => {
    const bytes = Uint8Array.from(good);
    bytes[1] = 0xff; // channel length 16383: far past the frame
    bytes[2] = 0x7f;
    expectDecodeError(bytes, 'truncated');
  });

  test('invalid UTF-8 in a string is bad_utf8', () => {
    const bytes = Uint8Array.from(good);
    bytes[2] = 0xff; // first byte of the channel string
    expectDecodeError(bytes, 'bad_utf8');
  });

  test('a known field with the wrong wire type is bad_wire_type', () => {
    // channel (field 1) sent as a varint
    expectDecodeError(Uint8Array.from([0x08, 0x01]), 'bad_wire_type');
  });

  test('wire types 3, 4, 6, 7 are rejected', () => {
    for (const wt of [3, 4, 6, 7]) expectDecodeError(Uint8Array.from([(9 << 3) | wt, 0]), 'bad_wire_type');
  });

  test('a wrapper without a body or without a channel is rejected', () => {
    expectDecodeError(encodeFrame({ channel: 'spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT' } as MexcPushFrame), 'unknown_body');
    const noChannel = encodeFrame({ ...sampleFrame('bookTicker', 1), channel: undefined } as unknown as MexcPushFrame);
    expectDecodeError(noChannel, 'malformed');
  });

  test('a varint longer than 10 bytes is malformed', () => {
    expectDecodeError(Uint8Array.from([0x28, ...new Array(11).fill(0xff), 0x01]), 'malformed');
  });
});

describe('schema evolution', () => {
  test('unknown fields are skipped in the wrapper and in bodies', () => {
    const frame = sampleFrame('deals', 2);
    const bytes = encodeFrame(frame);
    // append unknown wrapper fields: 7 varint, 8 length-delimited, 9 fixed32, 10 fixed64
    const extra = Uint8Array.from([0x38, 0x96, 0x01, 0x42, 0x03, 0x61, 0x62, 0x63, 0x4d, 1, 2, 3, 4, 0x51, 1, 2, 3, 4, 5, 6, 7, 8]);
    const withExtra = new Uint8Array(bytes.length + extra.length);
    withExtra.set(bytes);
    withExtra.set(extra, bytes.length);
    expect(decodeFrame(withExtra)).toEqual(frame);
  });

  test('a frame from before the 2026-06 fields decodes (no tradeId, no version)', () => {
    const frame: MexcPushFrame = {
      channel: 'spot@public.aggre.bookTicker.v3.api.pb@100ms@ETHUSDT', symbol: 'ETHUSDT', sendTime: 1736417034332,
      bodyField: 315, publicAggreBookTicker: { bidPrice: '3300.1', bidQuantity: '1.5', askPrice: '3300.2', askQuantity: '0.2' },
    };
    expect(decodeFrame(encodeFrame(frame))).toEqual(frame);
  });

  test('int64 and negative int32 values survive', () => {
    const frame: MexcPushFrame = {
      channel: 'spot@private.orders.v3.api.pb', sendTime: 2 ** 53 - 1, bodyField: 304,
      privateOrders: { id: 'x', orderType: -1, createTime: 1790145447239, status: 2 },
    };
    const back = decodeFrame(encodeFrame(frame));
    expect(back).toEqual(frame);
    expect(reference(encodeFrame(frame)).privateOrders).toEqual({ id: 'x', orderType: -1, createTime: 1790145447239, status: 2 });
  });

  test('when two body fields arrive, the last wins (oneof semantics)', () => {
    const a = encodeFrame(sampleFrame('bookTicker', 1));
    const b = encodeFrame(sampleFrame('depth', 1));
    // body of b = its bytes after the header; concatenating whole frames repeats the header fields
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    const frame = decodeFrame(both);
    expect(frame.bodyField).toBe(313);
    expect('publicAggreBookTicker' in frame).toBe(false);
  });
});

test('generated code is up to date with the .proto', () => {
  const r = Bun.spawnSync([process.execPath, join(import.meta.dir, 'generate.ts'), '--check']);
  expect(r.stderr.toString()).toBe('');
  expect(r.exitCode).toBe(0);
});
