/** The main-thread side of write-worker.ts: write(table, cols, path) → the file's bytes. */
import { LakeWriteError } from '../../lake/lake-errors.ts';
import type { TableName } from '../../lake/schema.ts';

export interface PartitionWriter {
  write(table: TableName, cols: Record<string, unknown[]>, path: string): Promise<{ bytes: number }>;
  close(): Promise<void>;
}

export class WorkerWriter implements PartitionWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: { bytes: number }) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private readonly ready: Promise<void>;

  constructor() {
    this.worker = new Worker(new URL('./write-worker.ts', import.meta.url).href);
    let markReady!: () => void;
    this.ready = new Promise((r) => {
      markReady = r;
    });
    this.worker.onmessage = (e: MessageEvent) => {
      const m = e.data as { id: number; ready?: boolean; bytes?: number; error?: string; closed?: boolean };
      if (m.ready) return markReady();
      const w = this.waiting.get(m.id);
      if (w === undefined) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new LakeWriteError('io_error', m.error));
      else w.resolve({ bytes: m.bytes ?? 0 });
    };
  }

  async write(table: TableName, cols: Record<string, unknown[]>, path: string): Promise<{ bytes: number }> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, table, path, cols });
    });
  }

  async close(): Promise<void> {
    await this.ready;
    const id = this.nextId++;
    await new Promise<void>((resolve) => {
      this.waiting.set(id, { resolve: () => resolve(), reject: () => resolve() });
      this.worker.postMessage({ id, close: true });
    });
    this.worker.terminate();
  }
}
