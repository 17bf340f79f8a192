/**
 * Writing one batch of one lake table to one Parquet file, through DuckDB: the batch goes into an
 * in-memory table through the appender (chunks filled in bulk, see duckdb-chunk.ts), then
 * `COPY ... TO (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)` writes a hidden temp
 * file next to the target, which is fsync'd and renamed into place. Readers therefore never see a
 * partial file, and a crash leaves at most a `.tmp` file that no glob matches.
 *
 * One ParquetFileWriter owns one DuckDB instance; writes through it are serialized. Close it.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DuckDBDataChunk, DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { partitionOf, type ColumnDef, type TableName } from './schema.ts';
import { batchRowCount, columnsOf, type TableBatch } from './table-batch.ts';
import { ChunkScratch, CHUNK_ROWS, dictionaryOf, fillVector, type Dictionary } from './duckdb-chunk.ts';
import { LakeWriteError, toLakeWriteError } from './lake-errors.ts';

/** Rows per Parquet row group: DuckDB's own row-group size, so scans parallelize per group. */
export const ROW_GROUP_SIZE = 122_880;

export interface WrittenFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

export interface ParquetWriterOptions {
  /** DuckDB threads for encoding (default: DuckDB's own choice, the core count). */
  readonly threads?: number;
  /** DuckDB memory limit, e.g. '1GB'. */
  readonly memoryLimit?: string;
}

/** `<lake>/<table>/date=YYYY-MM-DD/<HH>-<writer>-<part>.parquet` for a row time (µs) or partition. */
export function lakeFilePath(
  lakeDir: string, table: TableName, at: number | { readonly date: string; readonly hour: string }, writer: string, part: number,
): string {
  const p = typeof at === 'number' ? partitionOf(at) : at;
  return join(lakeDir, table, `date=${p.date}`, `${p.hour}-${safeWriterId(writer)}-${String(part).padStart(4, '0')}.parquet`);
}

/** Writer ids appear in file names between dashes: keep letters, digits and underscores. */
export function safeWriterId(writer: string): string {
  const id = writer.replace(/[^A-Za-z0-9_]/g, '_');
  return id === '' ? 'w' : id;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

let tempCounter = 0;

export class ParquetFileWriter {
  private readonly scratch = new ChunkScratch();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(private readonly instance: DuckDBInstance, private readonly conn: DuckDBConnection) {}

  static async open(options: ParquetWriterOptions = {}): Promise<ParquetFileWriter> {
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    return new ParquetFileWriter(instance, conn);
  }

  /** Write `batch` to `path` atomically. An empty batch writes nothing (rows: 0, bytes: 0). */
  write<T extends TableName>(table: T, batch: TableBatch<T>, path: string): Promise<WrittenFile> {
    const next = this.queue.then(() => this.writeNow(table, batch as Readonly<Record<string, ArrayLike<unknown>>>, path));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async writeNow(table: TableName, batch: Readonly<Record<string, ArrayLike<unknown>>>, path: string): Promise<WrittenFile> {
    if (this.closed) throw new LakeWriteError('io_error', 'the Parquet writer is closed');
    const rows = batchRowCount(table, batch);
    if (rows === 0) return { path, rows: 0, bytes: 0 };
    const staging = `staging_${table}`;
    const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${++tempCounter}`);
    try {
      // low-cardinality strings (symbols, channels, connection ids) go in as ENUM codes and are
      // cast back to VARCHAR on the way out, so the Parquet schema is the table contract's
      const cols = columnsOf(table);
      const dicts = cols.map((c) => (c.type === 'VARCHAR' ? dictionaryOf(batch[c.name]!, rows) : undefined));
      await this.conn.run(`CREATE OR REPLACE TABLE ${staging} (${cols.map((c, i) => columnDdl(c, dicts[i])).join(', ')})`);
      await this.appendBatch(table, staging, batch, rows, dicts);
      const casts = cols.filter((_, i) => dicts[i] !== undefined).map((c) => `CAST("${c.name}" AS VARCHAR) AS "${c.name}"`);
      const source = casts.length === 0 ? staging : `(SELECT * REPLACE (${casts.join(', ')}) FROM ${staging})`;
      try {
        await mkdir(dirname(path), { recursive: true });
      } catch (cause) {
        throw toLakeWriteError(cause, `creating ${dirname(path)}`);
      }
      try {
        await this.conn.run(
          `COPY ${source} TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
        );
        const fd = openSync(tmp, 'r');
        try {
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, path);
        syncDir(dirname(path));
      } catch (cause) {
        rmSync(tmp, { force: true });
        throw toLakeWriteError(cause, `writing ${path}`);
      }
      return { path, rows, bytes: (await stat(path)).size };
    } finally {
      await this.conn.run(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
    }
  }

  private async appendBatch(
    table: TableName, staging: string, batch: Readonly<Record<string, ArrayLike<unknown>>>, rows: number, dicts: ReadonlyArray<Dictionary | undefined>,
  ): Promise<void> {
    const cols = columnsOf(table);
    const appender = await this.conn.createAppender(staging);
    try {
      const types = cols.map((_, i) => appender.columnType(i));
      const chunk = DuckDBDataChunk.create(types);
      const values = cols.map((c) => batch[c.name]!);
      for (let start = 0; start < rows; start += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, rows - start);
        duckdb.data_chunk_reset(chunk.chunk);
        for (let c = 0; c < cols.length; c++) {
          fillVector(table, cols[c]!, duckdb.data_chunk_get_vector(chunk.chunk, c), values[c]!, start, n, this.scratch, dicts[c]);
        }
        duckdb.data_chunk_set_size(chunk.chunk, n);
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Wait for pending writes, then release DuckDB. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function columnDdl(c: ColumnDef, dict: Dictionary | undefined): string {
  const type = dict === undefined ? c.type : `ENUM (${dict.values.map(sqlString).join(', ')})`;
  return `"${c.name}" ${type}${c.nullable ? '' : ' NOT NULL'}`;
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some filesystems refuse fsync on a directory; the rename itself is still atomic
  }
}

/** One-shot: open a writer, write one file, close. */
export async function writeParquetFile<T extends TableName>(path: string, table: T, batch: TableBatch<T>): Promise<WrittenFile> {
  const writer = await ParquetFileWriter.open();
  try {
    return await writer.write(table, batch, path);
  } finally {
    await writer.close();
  }
}
