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

/** Synthetic receive times start now, so segments belong to the current hour as they would live. */
const T0 = Date.now() * 1000;

function cpuSeconds(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

async function pump(frames: readonly Uint8Array[], recorder: FrameRecorder, total: number, startSeq: number, onSlice: () => void): Promise<number> {
  const start = performance.now();
  let seq = startSeq;
  for (let done = 0; done < total; ) {
    const n = Math.min(5_000, total - done);
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
      // baseline: decode only, per CPU-second
      const baseN = 400_000;
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < baseN; i++) decodeFrame(frames[i % frames.length]!);
      const decodeRate = baseN / cpuSeconds(process.cpuUsage(cpu0));

      // 1) first, in a fresh process, a long run with the default segments (conversions interleave on
      //    the worker): RSS must stay flat
      const sink = await LakeSink.open({ lakeDir: join(dir, 'long'), writerId: 'bench', logger: quiet });
      const recorder = new FrameRecorder(sink);
      const long = Math.round(4_000_000 * scale);
      const samples: number[] = [];
      let t = performance.now();
      await pump(frames, recorder, long, 0, () => samples.push(rssMb()));
      const half = Math.floor(samples.length / 2);
      const firstPeak = Math.max(...samples.slice(0, half));
      const secondPeak = Math.max(...samples.slice(half));
      const q = Math.floor(samples.length / 4);
      const quarters = [0, 1, 2, 3].map((i) => Math.max(...samples.slice(i * q, i === 3 ? samples.length : (i + 1) * q)).toFixed(0));
      const pumpS = (performance.now() - t) / 1000;
      await sink.close();
      const longS = (performance.now() - t) / 1000;
      const stats = sink.stats();
      log(`long run: ${long.toLocaleString('en-US')} frames, pushed in ${pumpS.toFixed(1)} s, all Parquet written after ${longS.toFixed(1)} s `
        + `(${Math.round(long / longS).toLocaleString('en-US')} frames/s); raw_frames ${stats.raw_frames?.rowsInParquet.toLocaleString('en-US')} rows in ${stats.raw_frames?.files} files; `
        + `RSS peak per quarter ${quarters.join(' / ')} MB`);

      // 2) the hot path on the main thread: capture, decode, normalize, write-ahead log. Segments
      //    are large so no Parquet conversion runs meanwhile; then closing converts all of it,
      //    so frames / (hot + close) is the sustained end-to-end rate.
      const n = Math.round(1_000_000 * scale);
      const hotSink = await LakeSink.open({ lakeDir: join(dir, 'hot'), writerId: 'bench', logger: quiet, segmentMaxBytes: 2 ** 31, converterMemoryLimit: '6GB' });
      const hotRecorder = new FrameRecorder(hotSink);
      await pump(frames, hotRecorder, 50_000, 0, () => undefined); // warm-up
      // CPU seconds (all threads of the process) next to wall seconds: on a busy machine the wall
      // clock measures the neighbours too, CPU time measures the work. Frames per CPU-second is
      // the one-core rate.
      let cpu = process.cpuUsage();
      const hotS = await pump(frames, hotRecorder, n, 50_000, () => undefined);
      const hotCpu = cpuSeconds(process.cpuUsage(cpu));
      cpu = process.cpuUsage();
      t = performance.now();
      await hotSink.close();
      const closeS = (performance.now() - t) / 1000;
      const closeCpu = cpuSeconds(process.cpuUsage(cpu));
      const hotRate = n / hotS;
      const sustained = (n + 50_000) / (hotS + closeS);
      const hotPerCpu = n / hotCpu;
      const sustainedPerCpu = n / (hotCpu + (closeCpu * n) / (n + 50_000));
      log(`CPU: hot path ${hotCpu.toFixed(2)} s, conversion ${closeCpu.toFixed(2)} s → ${Math.round(hotPerCpu).toLocaleString('en-US')} frames per CPU-second (hot path), `
        + `${Math.round(sustainedPerCpu).toLocaleString('en-US')} end to end`);
      log(`hot path: ${n.toLocaleString('en-US')} frames in ${hotS.toFixed(2)} s → ${Math.round(hotRate).toLocaleString('en-US')} frames/s `
        + `(decode alone ${Math.round(decodeRate).toLocaleString('en-US')}/s); ${hotRecorder.counters.rows.toLocaleString('en-US')} normalized rows`);
      log(`Parquet conversion of all of it: ${closeS.toFixed(2)} s → sustained ${Math.round(sustained).toLocaleString('en-US')} frames/s end to end`);

      return [
        result('ingest.frames_per_cpu_s', sustainedPerCpu, 'frames/s', decodeRate),
        result('ingest.hot_path_frames_per_cpu_s', hotPerCpu, 'frames/s', decodeRate),
        result('ingest.hot_path_frames_per_s', hotRate, 'frames/s', decodeRate),
        result('ingest.sustained_frames_per_s', sustained, 'frames/s', decodeRate),
        result('ingest.long_run_frames_per_s', long / longS, 'frames/s'),
        result('ingest.rss_peak_mb', Math.max(firstPeak, secondPeak), 'MB'),
        result('ingest.rss_growth_second_half', secondPeak / firstPeak, 'x'),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
