/**
 * Where closed segments become Parquet: on a worker thread (the default: the recording thread
 * keeps only the hot path) or, where workers are unavailable, on the calling thread.
 */
import { ParquetFileWriter } from '../lake/parquet-file.ts';
import { LakeWriteError, type LakeWriteErrorCode } from '../lake/lake-errors.ts';
import { convertSegment, type Conversion } from './segment-converter.ts';
import type { SegmentId } from './wal-segment.ts';

export interface SegmentConverter {
  convert(id: SegmentId): Promise<Conversion>;
  close(): Promise<void>;
}

export class InlineConverter implements SegmentConverter {
  private constructor(private readonly lakeDir: string, private readonly writer: string, private readonly parquet: ParquetFileWriter) {}

  static async open(lakeDir: string, writer: string, memoryLimit: string): Promise<InlineConverter> {
    return new InlineConverter(lakeDir, writer, await ParquetFileWriter.open({ threads: 1, memoryLimit }));
  }

  convert(id: SegmentId): Promise<Conversion> {
    return convertSegment(this.lakeDir, this.writer, id, this.parquet);
  }

  close(): Promise<void> {
    return this.parquet.close();
  }
}

interface Waiting {
  resolve(c: Conversion): void;
  reject(e: Error): void;
}

export class WorkerConverter implements SegmentConverter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private readonly ready: Promise<void>;

  constructor(private readonly lakeDir: string, private readonly writer: string, memoryLimit: string) {
    this.worker = new Worker(new URL('./convert-worker.ts', import.meta.url).href);
    let markReady!: () => void;
    this.ready = new Promise((r) => {
      markReady = r;
    });
    this.worker.onmessage = (e: MessageEvent) => {
      const m = e.data as { id: number; ready?: boolean; conversion?: Conversion; error?: { code: LakeWriteErrorCode; message: string }; closed?: boolean };
      if (m.ready) return markReady();
      const w = this.waiting.get(m.id);
      if (w === undefined) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new LakeWriteError(m.error.code, m.error.message));
      else w.resolve(m.conversion!);
    };
    this.worker.postMessage({ id: 0, init: { memoryLimit } });
    this.worker.onerror = (e) => {
      for (const w of this.waiting.values()) w.reject(new LakeWriteError('io_error', `the Parquet worker failed: ${e.message}`));
      this.waiting.clear();
    };
  }

  private async send(message: object): Promise<Conversion> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  convert(id: SegmentId): Promise<Conversion> {
    return this.send({ lakeDir: this.lakeDir, writer: this.writer, segment: id });
  }

  async close(): Promise<void> {
    await this.send({ close: true }).catch(() => undefined);
    this.worker.terminate();
  }
}
