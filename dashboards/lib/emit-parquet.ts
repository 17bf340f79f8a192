/**
 * The one thing every Parquet data loader does: run a query in DuckDB and write the result to
 * stdout as Parquet. Columns the browser reads badly are cast on the way out: 64-bit integers
 * and decimals become DOUBLE (hyparquet would hand BigInts to Plot; ms and µs timestamps are
 * exact in a double), and the file is Snappy-compressed, which hyparquet reads without codecs.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TO_DOUBLE = /^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL)/;

export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Opens an in-memory DuckDB, runs `use`, and always closes both. */
export async function withDuckDB<T>(use: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return await use(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** The query's result as Parquet bytes, with browser-friendly column types. */
export async function queryToParquet(conn: DuckDBConnection, sql: string): Promise<Uint8Array> {
  await conn.run(`CREATE OR REPLACE TEMP VIEW loader_result AS ${sql}`);
  const columns = (await conn.runAndReadAll('DESCRIBE loader_result')).getRowObjectsJS() as { column_name: string; column_type: string }[];
  const select = columns.map(({ column_name: name, column_type: type }) => {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    return TO_DOUBLE.test(type) ? `${quoted}::DOUBLE AS ${quoted}` : quoted;
  }).join(', ');
  const dir = mkdtempSync(join(tmpdir(), 'sniper-loader-'));
  try {
    const file = join(dir, 'out.parquet');
    await conn.run(`COPY (SELECT ${select} FROM loader_result) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION snappy)`);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes bytes to stdout and resolves once they are flushed. */
export function writeStdout(bytes: Uint8Array | string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(bytes, (err) => (err ? reject(err) : resolve())));
}
