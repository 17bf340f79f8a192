/**
 * The numbered SQL steps in pipeline/sql and their variables. Each step is one file of
 * idempotent statements (CREATE OR REPLACE); parameters reach the SQL as DuckDB variables
 * (`getvariable('horizon_ms')`), so the files stay plain SQL a person can run in the DuckDB CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

const SQL_DIR = join(import.meta.dir, 'sql');

export interface SqlStep {
  readonly name: string;
  readonly file: string;
  readonly sql: string;
}

export function loadSteps(): SqlStep[] {
  return readdirSync(SQL_DIR).filter((f) => /^\d\d_.+\.sql$/.test(f)).sort().map((file) => ({
    name: file.replace(/^\d\d_|\.sql$/g, ''),
    file,
    sql: readFileSync(join(SQL_DIR, file), 'utf8'),
  }));
}

export function step(name: string): SqlStep {
  const s = loadSteps().find((x) => x.name === name);
  if (!s) throw new Error(`no SQL step named ${name}`);
  return s;
}

export type SqlVariables = Readonly<Record<string, number | string>>;

export async function setVariables(conn: DuckDBConnection, vars: SqlVariables): Promise<void> {
  for (const [k, v] of Object.entries(vars)) {
    if (!/^[a-z_][a-z0-9_]*$/.test(k)) throw new RangeError(`bad variable name ${k}`);
    const literal = typeof v === 'number'
      ? (Number.isInteger(v) ? `${v}::BIGINT` : `${v}::DOUBLE`)
      : `'${v.replace(/'/g, "''")}'`;
    await conn.run(`SET VARIABLE ${k} = ${literal}`);
  }
}

export async function runStep(conn: DuckDBConnection, s: SqlStep): Promise<void> {
  await conn.run(s.sql);
}
