/**
 * The dashboards' Parquet tables: the SQL steps' tables as they are, and the calibration's
 * results (reliability, EV buckets, walk-forward, weight intervals, out-of-sample predictions)
 * through typed temporary tables. One folder per artifact: `<artifact>.tables/<name>.parquet`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from './lake-views.ts';

export const SQL_TABLES = ['listing_facts', 'features', 'labels', 'status_patterns', 'status_sequences'] as const;

export type ColumnKind = 'DOUBLE' | 'BIGINT' | 'VARCHAR' | 'INTEGER';
export type ObjectTable = { readonly columns: Readonly<Record<string, ColumnKind>>; readonly rows: readonly Record<string, unknown>[] };

function literal(v: unknown, kind: ColumnKind): string {
  if (v === null || v === undefined) return 'NULL';
  if (kind === 'VARCHAR') return sqlString(String(v));
  const n = Number(v);
  if (!Number.isFinite(n)) return 'NULL';
  return kind === 'DOUBLE' ? `${n}::DOUBLE` : String(Math.round(n));
}

export async function writeObjectTable(conn: DuckDBConnection, path: string, table: ObjectTable): Promise<void> {
  const cols = Object.entries(table.columns);
  await conn.run(`CREATE OR REPLACE TEMP TABLE export_tmp (${cols.map(([n, k]) => `"${n}" ${k}`).join(', ')})`);
  for (let i = 0; i < table.rows.length; i += 1000) {
    const values = table.rows.slice(i, i + 1000).map((r) => `(${cols.map(([n, k]) => literal(r[n], k)).join(', ')})`);
    await conn.run(`INSERT INTO export_tmp VALUES ${values.join(', ')}`);
  }
  await conn.run(`COPY export_tmp TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
  await conn.run('DROP TABLE export_tmp');
}

/** Writes every SQL table and the given object tables; returns the files written. */
export async function exportTables(conn: DuckDBConnection, dir: string, objects: Readonly<Record<string, ObjectTable>>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const t of SQL_TABLES) {
    const path = join(dir, `${t}.parquet`);
    await conn.run(`COPY (SELECT * FROM ${t}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
    written.push(path);
  }
  for (const [name, table] of Object.entries(objects)) {
    const path = join(dir, `${name}.parquet`);
    await writeObjectTable(conn, path, table);
    written.push(path);
  }
  return written;
}
