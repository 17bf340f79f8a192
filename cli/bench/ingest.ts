/**
 * `sniper bench ingest`: frames/s through the recorder's whole hot path on one thread: capture
 * (raw_frames row), decode, normalize, the lake sink's write-ahead log, and the Parquet files
 * the log turns into (DuckDB limited to one thread). Then a long run watches RSS: it must stay
 * flat (the second half's peak no more than a little above the first half's).
 * Baseline: decode alone over the same frames, so the ratio shows what recording costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../core/logger.ts';
import { decodeFrame, encodeFrame } from '../../adapters/mexc/proto/codec.ts';
import { realisticMix } from '../../adapters/mexc/proto/sample-frames.ts';
import { FrameRecorder } from '../../ingest/frame-recorder.ts';
import { LakeSink } from '../../ingest/lake-sink.ts';
import { result, type Benchmark } from './types.ts';

const T0 = Date.UTC(2026, 0, 1) * 1000;

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

async function pump(frames: readonly Uint8Array[], recorder: FrameRecorder, total: number, startSeq: number, onSlice: () => void): Promise<number> {
  const start = performance.now();
  let seq = startSeq;
  for (let done = 0; done < total; ) {
    const n = Math.min(2_000, total - done);
    for (let i = 0; i < n; i++, seq++) {
      // synthetic receive time: 20 µs apart, so an hour holds 180 M frames and a run stays in one or two files per table
      recorder.onBinary(frames[seq % frames.length]!, { connId: 'bench', tsRecv: T0 + seq * 20, seq });
    }
    done += n;
    onSlice();
    await Bun.sleep(0); // let the sink's timers and conversions run, as they would live
  }
  return (performance.now() - start) / 1000;
}

export const ingestBenchmark: Benchmark = {
  name: 'ingest',
  summary: 'frames/s through capture + decode + normalize + lake (WAL and Parquet), and RSS over a long run',
  async run({ scale, log }) {
    const frames = realisticMix(20_000, 11).map(encodeFrame);
    const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
    const quiet = createLogger({ level: 'warn' });
    try {
      // baseline: decode only
      let t = performance.now();
      const baseN = 400_000;
      for (let i = 0; i < baseN; i++) decodeFrame(frames[i % frames.length]!);
      const decodeRate = baseN / ((performance.now() - t) / 1000);

      const sink = await LakeSink.open({ lakeDir: dir, writerId: 'bench', logger: quiet, segmentMaxBytes: 32 * 2 ** 20 });
      const recorder = new FrameRecorder(sink);
      await pump(frames, recorder, 100_000, 0, () => undefined); // warm-up
      const n = Math.round(1_000_000 * scale);
      const secs = await pump(frames, recorder, n, 100_000, () => undefined);
      const rate = n / secs;
      log(`${n.toLocaleString('en-US')} frames in ${secs.toFixed(2)} s → ${Math.round(rate).toLocaleString('en-US')} frames/s (decode alone ${Math.round(decodeRate).toLocaleString('en-US')}/s); ${recorder.counters.rows.toLocaleString('en-US')} normalized rows`);

      // long run: RSS sampled per slice; compare the peaks of the two halves
      const long = Math.round(4_000_000 * scale);
      const samples: number[] = [];
      t = performance.now();
      await pump(frames, recorder, long, 100_000 + n, () => samples.push(rssMb()));
      const half = Math.floor(samples.length / 2);
      const firstPeak = Math.max(...samples.slice(0, half));
      const secondPeak = Math.max(...samples.slice(half));
      log(`long run: ${long.toLocaleString('en-US')} frames in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS peak first half ${firstPeak.toFixed(0)} MB, second half ${secondPeak.toFixed(0)} MB`);
      t = performance.now();
      await sink.close();
      const stats = sink.stats();
      log(`close (last Parquet files) ${((performance.now() - t) / 1000).toFixed(1)} s; raw_frames in Parquet: ${stats.raw_frames?.rowsInParquet.toLocaleString('en-US')} in ${stats.raw_frames?.files} files`);
      return [
        result('ingest.frames_per_s', rate, 'frames/s', decodeRate),
        result('ingest.rss_peak_mb', Math.max(firstPeak, secondPeak), 'MB'),
        result('ingest.rss_growth_second_half', secondPeak / firstPeak, 'x'),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
