// Parquet from a data loader, read in the browser with hyparquet (pure JS, bundled from
// node_modules): an array of plain row objects. Integers that arrive as BigInt become numbers.
// Pages pass `FileAttachment("x.parquet").arrayBuffer()`: calling a method by name keeps
// Framework from adding its implicit Parquet reader (apache-arrow + parquet-wasm from a CDN).
import {parquetReadObjects} from "hyparquet";

function plain(value) {
  return typeof value === "bigint" ? Number(value) : value;
}

export async function readParquet(buffer) {
  const rows = await parquetReadObjects({file: await buffer});
  for (const row of rows) for (const key in row) row[key] = plain(row[key]);
  return rows;
}
