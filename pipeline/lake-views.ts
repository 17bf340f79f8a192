/**
 * Exposes a lake's tables to a DuckDB connection as views named after the tables
 * (`trades`, `status`, ...; the small ones loaded into memory). A table without Parquet files becomes an empty table with the
 * contract's columns, so every SQL step runs on partial lakes too.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbColumns, tableGlob, type TableName } from '../lake/schema.ts';
import { tableHasFiles } from '../lake/read-lake.ts';

export const PIPELINE_INPUTS: readonly TableName[] = ['listings', 'status', 'trades', 'depth_updates', 'klines', 'book_tickers'];

/** Small tables every step reads several times: loaded once into memory instead of a view. */
export const MATERIALIZED: readonly TableName[] = ['listings', 'status'];

export const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Creates one view (or empty table) per input table; returns the tables that had data. */
export async function attachLake(conn: DuckDBConnection, lakeDir: string, tables: readonly TableName[] = PIPELINE_INPUTS): Promise<TableName[]> {
  const present: TableName[] = [];
  for (const t of tables) {
    const kind = (await conn.runAndReadAll(`SELECT table_type FROM information_schema.tables WHERE table_name = '${t}' AND table_schema = 'main'`)).getRowObjectsJS()[0];
    if (kind) await conn.run(kind.table_type === 'VIEW' ? `DROP VIEW ${t}` : `DROP TABLE ${t}`);
    if (await tableHasFiles(lakeDir, t)) {
      present.push(t);
      const source = `read_parquet(${sqlString(tableGlob(lakeDir, t))}, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`;
      await conn.run(MATERIALIZED.includes(t) ? `CREATE TABLE ${t} AS SELECT * FROM ${source}` : `CREATE VIEW ${t} AS SELECT * FROM ${source}`);
    } else {
      // the same columns a Parquet view has, the hive partition included
      await conn.run(`CREATE TABLE ${t} (${duckdbColumns(t)}, date VARCHAR)`);
    }
  }
  return present;
}
