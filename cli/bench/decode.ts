/**
 * `sniper bench decode`: frames/s through our generated decoder over a realistic mix of push
 * frames, side by side in the same run with protobufjs reflection (the .proto loaded at run
 * time, int64 read as numbers, as the official demo decodes). One thread, so one core.
 */
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { decodeFrame, encodeFrame } from '../../adapters/mexc/proto/codec.ts';
import { realisticMix } from '../../adapters/mexc/proto/sample-frames.ts';
import { result, type Benchmark } from './types.ts';

const PROTO = join(import.meta.dir, '..', '..', 'adapters', 'mexc', 'proto', 'mexc-push.proto');

/** Decode every frame repeatedly for about `seconds`; returns frames per second. */
function measure(frames: readonly Uint8Array[], decode: (b: Uint8Array) => unknown, seconds: number): number {
  let sink = 0;
  let count = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < frames.length; i++) {
      const m = decode(frames[i]!);
      if (m !== undefined) sink++;
    }
    count += frames.length;
  }
  const elapsed = (performance.now() - start) / 1000;
  if (sink !== count) throw new Error('decoder returned nothing');
  return count / elapsed;
}

export const decodeBenchmark: Benchmark = {
  name: 'decode',
  summary: 'frames/s decoded (generated codec vs protobufjs reflection), realistic frame mix',
  async run({ scale, log }) {
    // Buffers, as both ws and Bun deliver binary WebSocket messages
    const frames = realisticMix(20_000, 7).map((f) => Buffer.from(encodeFrame(f)));
    const bytes = frames.reduce((s, f) => s + f.length, 0);
    log(`${frames.length} frames, mean ${(bytes / frames.length).toFixed(0)} bytes`);
    const root = protobuf.loadSync(PROTO);
    const Wrapper = root.lookupType('PushDataV3ApiWrapper');
    // The strictest baseline: protobufjs's decode alone (its message objects, int64 as Long or
    // number), without the toObject conversion the official demo adds on top.
    const refDecode = (b: Uint8Array) => Wrapper.decode(b);
    const seconds = 2 * scale;
    // warm both up, then alternate so neither gets the quieter half of the run
    measure(frames, decodeFrame, 0.5);
    measure(frames, refDecode, 0.5);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < 3; round++) {
      ours.push(measure(frames, decodeFrame, seconds / 3));
      theirs.push(measure(frames, refDecode, seconds / 3));
    }
    const best = (xs: number[]) => Math.max(...xs);
    log(`ours ${ours.map((x) => Math.round(x)).join(', ')} frames/s; protobufjs ${theirs.map((x) => Math.round(x)).join(', ')}`);
    const oursRate = best(ours);
    const theirsRate = best(theirs);
    return [
      result('decode.frames_per_s', oursRate, 'frames/s', theirsRate),
      result('decode.mb_per_s', (oursRate * bytes) / frames.length / 1e6, 'MB/s', (theirsRate * bytes) / frames.length / 1e6),
    ];
  },
};
