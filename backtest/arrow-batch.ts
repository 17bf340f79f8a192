/**
 * DuckDB result chunks as Apache Arrow record batches: fixed-width columns wrap the column arrays
 * read from the chunk (lake/column-vectors.ts: one bulk copy per column, no per-row work), DOUBLE[]
 * columns become Arrow lists over the chunk's child buffer (DuckDB's (offset, length) entries
 * turned into Arrow's n + 1 offsets; the values are gathered only in the rare case that rows are
 * not laid out back to back). Only NOT NULL columns are read this way.
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { Field, Float64, Int32, List, makeData, RecordBatch, Schema, Struct, type Data } from 'apache-arrow';
import { f64Column, i32Column, listF64Column } from '../lake/column-vectors.ts';

export type ColumnKind = 'f64' | 'i32' | 'list_f64';

export function arrowSchema(columns: readonly (readonly [name: string, kind: ColumnKind])[]): Schema {
  return new Schema(columns.map(([name, kind]) => new Field(name, kind === 'f64' ? new Float64() : kind === 'i32' ? new Int32() : new List(new Field('item', new Float64())), false)));
}

function listData(chunk: DuckDBDataChunk, col: number, n: number, type: List<Float64>): Data {
  const { entries, values } = listF64Column(chunk, col, n);
  const offsets = new Int32Array(n + 1);
  const start = n > 0 ? entries[0]! : 0;
  let contiguous = true;
  let end = start;
  for (let i = 0; i < n; i++) {
    if (entries[i * 4]! !== end) contiguous = false;
    end = entries[i * 4]! + entries[i * 4 + 2]!;
    offsets[i + 1] = offsets[i]! + entries[i * 4 + 2]!;
  }
  let child: Float64Array;
  if (contiguous) child = values.subarray(start, end);
  else {
    child = new Float64Array(offsets[n]!);
    for (let i = 0; i < n; i++) child.set(values.subarray(entries[i * 4]!, entries[i * 4]! + entries[i * 4 + 2]!), offsets[i]!);
  }
  return makeData({ type, length: n, nullCount: 0, valueOffsets: offsets, child: makeData({ type: type.children[0]!.type, length: child.length, nullCount: 0, data: child }) });
}

const structs = new WeakMap<Schema, Struct>();

/**
 * One chunk as a record batch with `schema` (built by arrowSchema, columns in query order).
 * The batch is assembled without RecordBatch's constructor, which re-derives the schema and the
 * struct type for every batch (ensureSameLengthData) and cost more than the copy out of DuckDB;
 * the columns are equal-length and non-null by construction, which is all it checks.
 */
export function toRecordBatch(chunk: DuckDBDataChunk, schema: Schema): RecordBatch {
  const n = chunk.rowCount;
  const children = schema.fields.map((f, col): Data => {
    if (f.type instanceof Float64) return makeData({ type: f.type, length: n, nullCount: 0, data: f64Column(chunk, col, n) });
    if (f.type instanceof Int32) return makeData({ type: f.type, length: n, nullCount: 0, data: i32Column(chunk, col, n) });
    return listData(chunk, col, n, f.type as List<Float64>);
  });
  let struct = structs.get(schema);
  if (struct === undefined) {
    struct = new Struct(schema.fields);
    structs.set(schema, struct);
  }
  const batch = Object.create(RecordBatch.prototype) as RecordBatch & { _metadata: Map<string, string> };
  Object.assign(batch, { schema, data: makeData({ type: struct, length: n, nullCount: 0, children }), _metadata: new Map() });
  return batch;
}

/** The values buffer of a fixed-width column. */
export function f64Of(batch: RecordBatch, col: number): Float64Array<ArrayBuffer> {
  return batch.data.children[col]!.values as Float64Array<ArrayBuffer>;
}

export function i32Of(batch: RecordBatch, col: number): Int32Array<ArrayBuffer> {
  return batch.data.children[col]!.values as Int32Array<ArrayBuffer>;
}

/** A list column: row i's values are values[offsets[i] .. offsets[i + 1]). */
export function listOf(batch: RecordBatch, col: number): { offsets: Int32Array<ArrayBuffer>; values: Float64Array<ArrayBuffer> } {
  const d = batch.data.children[col]!;
  return { offsets: d.valueOffsets as Int32Array<ArrayBuffer>, values: d.children[0]!.values as Float64Array<ArrayBuffer> };
}
