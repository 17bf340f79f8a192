/**
 * Writing a run's tables (trades, equity, decisions, sweep rows) to Parquet through DuckDB's
 * appender. Column types are BIGINT (integers such as µs times), DOUBLE or VARCHAR; NaN and
 * undefined become NULL.
 */
import { DuckDBInstance } from '@duckdb/node-api';

export type OutType = 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN';
export type OutColumns = Readonly<Record<string, OutType>>;
export type OutRow = Readonly<Record<string, number | string | boolean | null | undefined>>;

export async function writeParquet(path: string, columns: OutColumns, rows: readonly OutRow[]): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    const names = Object.keys(columns);
    await con.run(`CREATE TABLE t (${names.map((c) => `"${c}" ${columns[c]}`).join(', ')})`);
    const app = await con.createAppender('t');
    for (const r of rows) {
      for (const c of names) {
        const v = r[c];
        if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) {
          app.appendNull();
          continue;
        }
        switch (columns[c]) {
          case 'BIGINT':
            app.appendBigInt(BigInt(Math.round(Number(v))));
            break;
          case 'DOUBLE':
            app.appendDouble(Number(v));
            break;
          case 'BOOLEAN':
            app.appendBoolean(Boolean(v));
            break;
          default:
            app.appendVarchar(String(v));
        }
      }
      app.endRow();
    }
    app.flushSync();
    app.closeSync();
    await con.run(`COPY t TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}
