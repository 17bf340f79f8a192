/**
 * The frame of every data loader: resolve the sources, run the loader's query, write the result
 * to stdout, log to stderr, and exit non-zero with one clear line when something fails.
 * A loader whose source is not there (no model yet, no run yet) writes an empty table with a
 * single `missing` column; pages read `sources.json` first and show the message instead.
 */
import { attachLake } from '../../pipeline/lake-views.ts';
import type { TableName } from '../../lake/schema.ts';
import { queryToParquet, sqlString, withDuckDB, writeStdout } from './emit-parquet.ts';
import { resolveSources, type SourceKind, type Sources } from './sources.ts';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface LoaderContext {
  readonly conn: DuckDBConnection;
  readonly sources: Sources;
  /** The path of a present source (the loader declared it in `needs`). */
  path(kind: SourceKind): string;
  /** Exposes lake tables as views named after them (empty tables when the lake has none). */
  attachLake(tables: readonly TableName[]): Promise<TableName[]>;
}

function log(name: string, message: string): void {
  process.stderr.write(`[${name}] ${message}\n`);
}

async function run(name: string, body: () => Promise<Uint8Array | string>): Promise<void> {
  const started = performance.now();
  try {
    const out = await body();
    await writeStdout(out);
    log(name, `${out.length} bytes in ${(performance.now() - started).toFixed(0)} ms`);
  } catch (error) {
    log(name, `failed: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** A loader that writes Parquet: `sql` returns the query, given views over its sources. */
export function parquetLoader(name: string, needs: readonly SourceKind[], sql: (ctx: LoaderContext) => Promise<string> | string): Promise<void> {
  return run(name, () => withDuckDB(async (conn) => {
    const sources = resolveSources();
    const absent = needs.map((k) => sources[k]).find((s) => !s.present);
    if (absent !== undefined && !absent.present) {
      log(name, `skipped: ${absent.message}`);
      return queryToParquet(conn, `SELECT ${sqlString(absent.message)} AS missing LIMIT 0`);
    }
    const path = (kind: SourceKind): string => {
      const s = sources[kind];
      if (!s.present) throw new Error(`loader ${name} did not declare the ${kind} it reads`);
      return s.path;
    };
    const ctx: LoaderContext = { conn, sources, path, attachLake: (tables) => attachLake(conn, path('lake'), tables) };
    return queryToParquet(conn, await sql(ctx));
  }));
}

/** A loader that writes JSON. */
export function jsonLoader(name: string, body: (sources: Sources) => Promise<unknown> | unknown): Promise<void> {
  return run(name, async () => `${JSON.stringify(await body(resolveSources()))}\n`);
}
