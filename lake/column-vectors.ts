/**
 * DuckDB result chunks as typed column vectors (the Arrow layout: fixed-width values in one
 * buffer, lists as (offset, length) entries + one child buffer). One bulk copy per column per
 * chunk: @duckdb/node-bindings hands out a copy of the vector's buffer under Bun (measured:
 * writes to one returned array do not show in another), so the arrays are ours to keep.
 * Only NOT NULL columns are read this way (the lake schema guarantees it for these columns).
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

export function f64Column(chunk: DuckDBDataChunk, col: number, n: number): Float64Array<ArrayBuffer> {
  const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, col), n * 8);
  return new Float64Array(data.buffer as ArrayBuffer, data.byteOffset, n);
}

export function i32Column(chunk: DuckDBDataChunk, col: number, n: number): Int32Array<ArrayBuffer> {
  const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, col), n * 4);
  return new Int32Array(data.buffer as ArrayBuffer, data.byteOffset, n);
}

/** A DOUBLE[] column: row i's values are values[offset(i) .. offset(i) + length(i)). */
export interface ListColumn {
  /** [offset_lo, offset_hi, length_lo, length_hi] per row (u64 pairs viewed as u32). */
  readonly entries: Uint32Array<ArrayBuffer>;
  readonly values: Float64Array<ArrayBuffer>;
}

export function listF64Column(chunk: DuckDBDataChunk, col: number, n: number): ListColumn {
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, col);
  const e = duckdb.vector_get_data(vector, n * 16);
  const child = duckdb.list_vector_get_child(vector);
  const size = duckdb.list_vector_get_size(vector);
  const v = size === 0 ? new Uint8Array(0) : duckdb.vector_get_data(child, size * 8);
  return { entries: new Uint32Array(e.buffer as ArrayBuffer, e.byteOffset, n * 4), values: new Float64Array(v.buffer as ArrayBuffer, v.byteOffset, size) };
}
