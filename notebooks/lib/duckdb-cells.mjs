// Runs a notebook's DuckDB SQL cells with the project's @duckdb/node-api and writes each result
// where Notebook Kit looks for it (its query cache), so its Vite plugin finds the answer ready.
// Notebook Kit's own DuckDB runner imports a type (VARINT) that @duckdb/node-api 1.5 renamed
// (BIGNUM), so it cannot run against the version this project pins; the result format below is
// the same as its runner's: {rows, schema: [{name, type}], duration, date}.
import {existsSync} from "node:fs";
import {mkdir, writeFile} from "node:fs/promises";
import {dirname} from "node:path";
import {DuckDBInstance, DuckDBTypeId} from "@duckdb/node-api";
import {getDatabaseConfig, getQueryCachePath} from "@observablehq/notebook-kit/databases";

const TYPES = new Map([
  ["boolean", ["BOOLEAN"]],
  ["integer", ["BIT", "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT", "UINTEGER", "BIGNUM"]],
  ["bigint", ["BIGINT", "UBIGINT", "HUGEINT", "UHUGEINT"]],
  ["number", ["FLOAT", "DOUBLE", "DECIMAL"]],
  ["date", ["TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_TZ", "DATE"]],
  ["string", ["TIME", "VARCHAR", "UUID", "ENUM"]],
  ["buffer", ["BLOB"]],
  ["array", ["INTERVAL", "LIST", "ARRAY"]]
].flatMap(([type, ids]) => ids.map((id) => [DuckDBTypeId[id], type])));

async function query(path, sql) {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  const date = new Date();
  try {
    const result = await connection.run(sql);
    const rows = await result.getRowObjectsJson();
    const schema = result.columnNames().map((name, i) => ({name, type: TYPES.get(result.columnTypeId(i)) ?? "other"}));
    return {rows, schema, duration: Date.now() - +date, date};
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** For `observable({transformNotebook})`: fills the query cache for every static DuckDB SQL cell. */
export async function runDuckDBCells(notebook, {filename}) {
  for (const cell of notebook.cells) {
    if (cell.mode !== "sql" || !cell.database || cell.database.startsWith("var:") || cell.value.includes("${")) continue;
    const config = await getDatabaseConfig(filename, cell.database);
    if (config.type !== "duckdb") continue;
    const cachePath = await getQueryCachePath(filename, cell.database, [cell.value]);
    if (existsSync(cachePath)) continue;
    let result;
    try {
      result = await query(config.path ?? ":memory:", cell.value);
    } catch (error) {
      throw new Error(`${filename}: SQL cell ${cell.id} failed: ${error.message}`);
    }
    await mkdir(dirname(cachePath), {recursive: true});
    await writeFile(cachePath, JSON.stringify(result));
  }
  return notebook;
}
