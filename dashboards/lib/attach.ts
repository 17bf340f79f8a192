/**
 * Views over the model's tables and a run's tables, named after their files, and the SQL files
 * in dashboards/sql/ that loaders run against them and the lake views.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './emit-parquet.ts';
import { modelTablesDir } from './sources.ts';

/** The model tables `sniper calibrate` writes (pipeline/README.md). */
export const MODEL_TABLES = [
  'listing_facts', 'features', 'labels', 'status_patterns', 'status_sequences',
  'reliability', 'ev_buckets', 'walk_forward', 'weight_intervals', 'predictions',
] as const;
export type ModelTable = (typeof MODEL_TABLES)[number];

/** The Parquet files of a backtest run folder (backtest/run-output.ts). */
export const RUN_TABLES = ['trades', 'equity', 'decisions'] as const;

async function viewsOver(conn: DuckDBConnection, dir: string, names: readonly string[]): Promise<string[]> {
  const present: string[] = [];
  for (const name of names) {
    const file = join(dir, `${name}.parquet`);
    if (!existsSync(file)) continue;
    await conn.run(`CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_parquet(${sqlString(file)})`);
    present.push(name);
  }
  return present;
}

export function attachModelTables(conn: DuckDBConnection, modelFile: string, names: readonly ModelTable[] = MODEL_TABLES): Promise<string[]> {
  return viewsOver(conn, modelTablesDir(modelFile), names);
}

export function attachRun(conn: DuckDBConnection, runDir: string): Promise<string[]> {
  return viewsOver(conn, runDir, RUN_TABLES);
}

const SQL_DIR = join(import.meta.dir, '..', 'sql');

/** The text of dashboards/sql/<name>.sql. */
export function sqlFile(name: string): string {
  return readFileSync(join(SQL_DIR, `${name}.sql`), 'utf8').replace(/;\s*$/, '');
}

export const SQL_FILES = (): string[] => readdirSync(SQL_DIR).filter((f) => f.endsWith('.sql'));
