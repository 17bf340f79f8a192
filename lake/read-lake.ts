/**
 * Reading a lake table back with DuckDB (`read_parquet(glob, hive_partitioning = true)`), for
 * tests, coverage and small tools. BIGINTs come back as numbers (every lake integer is a safe
 * integer: µs timestamps, versions, sequence numbers), BLOBs as Uint8Array, lists as arrays.
 * An absent table reads as no rows.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableGlob, type TableName } from './schema.ts';

export type LakeValue = null | boolean | number | string | Uint8Array | LakeValue[];
export type LakeRow = Record<string, LakeValue>;

/** Does the table have at least one Parquet file? */
export async function tableHasFiles(lakeDir: string, table: TableName): Promise<boolean> {
  const walk = async (dir: string): Promise<boolean> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const e of entries) {
      if (e.isFile() && e.name.endsWith('.parquet') && !e.name.startsWith('.')) return true;
      if (e.isDirectory() && (await walk(join(dir, e.name)))) return true;
    }
    return false;
  };
  return walk(join(lakeDir, table));
}

/** The SQL source of a table: `read_parquet('<glob>', hive_partitioning = true)`. */
export function tableSource(lakeDir: string, table: TableName): string {
  return `read_parquet('${tableGlob(lakeDir, table).replace(/'/g, "''")}', hive_partitioning = true, union_by_name = true)`;
}

function toLake(v: unknown): LakeValue {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toLake);
  return v as LakeValue;
}

/** Run a query where `{table}` stands for the table source; returns rows with plain JS values. */
export async function queryLake(conn: DuckDBConnection, lakeDir: string, table: TableName, sql: string): Promise<LakeRow[]> {
  if (!(await tableHasFiles(lakeDir, table))) return [];
  const reader = await conn.runAndReadAll(sql.replaceAll('{table}', tableSource(lakeDir, table)));
  return reader.getRowObjectsJS().map((r) => {
    const out: LakeRow = {};
    for (const [k, v] of Object.entries(r)) out[k] = toLake(v);
    return out;
  });
}

/**
 * Every row of a table (the hive `date` column dropped), ordered by `orderBy` (default: by
 * ts_recv and seq when the table has them). Opens and closes its own DuckDB.
 */
export async function readLakeTable(lakeDir: string, table: TableName, options: { orderBy?: string; where?: string } = {}): Promise<LakeRow[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const order = options.orderBy ?? 'ts_recv, seq';
    const where = options.where ? ` WHERE ${options.where}` : '';
    return await queryLake(conn, lakeDir, table, `SELECT * EXCLUDE (date) FROM {table}${where} ORDER BY ${order}`);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
