/**
 * Fills DuckDB data chunks straight from columnar JS arrays through the C API bindings: numbers
 * are packed into reusable typed arrays and copied into each vector with one native call, strings
 * and blobs are assigned per cell, lists get their entries and child vector in bulk. This avoids
 * the per-value objects (and BigInt conversions) of the generic appender path, which is what
 * makes writing millions of rows per second possible.
 */
import duckdb from '@duckdb/node-bindings';
import type { ColumnDef } from './schema.ts';
import { LakeWriteError } from './lake-errors.ts';
import { DictColumn } from './dict-column.ts';

/** DuckDB's vector size: the rows of one data chunk. */
export const CHUNK_ROWS = 2048;
const TWO_32 = 4294967296;

/** Reusable scratch buffers (one set per writer). */
export class ChunkScratch {
  readonly i32 = new Int32Array(CHUNK_ROWS * 4);
  readonly f64 = new Float64Array(CHUNK_ROWS);
  readonly u8 = new Uint8Array(CHUNK_ROWS);
  readonly u16 = new Uint16Array(CHUNK_ROWS);
  readonly validity = new Uint32Array(CHUNK_ROWS / 32);
  child = new Float64Array(CHUNK_ROWS * 8);
  childFor(n: number): Float64Array {
    if (this.child.length < n) this.child = new Float64Array(Math.max(n, this.child.length * 2));
    return this.child;
  }
}

function fail(table: string, col: ColumnDef, row: number, what: string): never {
  throw new LakeWriteError('bad_batch', `${table}.${col.name} row ${row}: ${what}`);
}

/** Validity bitmap of a slice; returns true when some cell is null. */
function fillValidity(values: ArrayLike<unknown>, start: number, n: number, bits: Uint32Array): boolean {
  bits.fill(0xffffffff);
  let anyNull = false;
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) {
      bits[i >>> 5]! &= ~(1 << (i & 31));
      anyNull = true;
    }
  }
  return anyNull;
}

/**
 * Write rows [start, start + n) of one column into `vector`. Required columns reject nulls;
 * nullable ones get a validity mask.
 */
export function fillVector(
  table: string, col: ColumnDef, vector: duckdb.Vector, values: ArrayLike<unknown>, start: number, n: number, s: ChunkScratch,
  dict?: Dictionary,
): void {
  if (col.nullable) {
    if (values instanceof DictColumn ? dictValidity(values, start, n, s.validity) : fillValidity(values, start, n, s.validity)) {
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(vector, 0, s.validity.buffer, 0, Math.ceil(n / 64) * 8);
    }
  }
  switch (col.type) {
    case 'BIGINT': return fillBigInt(table, col, vector, values, start, n, s);
    case 'INTEGER': {
      const a = s.i32;
      for (let i = 0; i < n; i++) {
        const v = values[start + i];
        if (typeof v === 'number') a[i] = v;
        else if (v === null || v === undefined) { if (!col.nullable) fail(table, col, start + i, 'is null'); a[i] = 0; }
        else fail(table, col, start + i, `not a number: ${String(v)}`);
      }
      duckdb.copy_data_to_vector(vector, 0, a.buffer, 0, n * 4);
      return;
    }
    case 'DOUBLE': {
      if (values instanceof Float64Array) {
        duckdb.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, values.byteOffset + start * 8, n * 8);
        return;
      }
      const a = s.f64;
      for (let i = 0; i < n; i++) {
        const v = values[start + i];
        if (typeof v === 'number') a[i] = v;
        else if (v === null || v === undefined) { if (!col.nullable) fail(table, col, start + i, 'is null'); a[i] = 0; }
        else fail(table, col, start + i, `not a number: ${String(v)}`);
      }
      duckdb.copy_data_to_vector(vector, 0, a.buffer, 0, n * 8);
      return;
    }
    case 'BOOLEAN': {
      const a = s.u8;
      for (let i = 0; i < n; i++) {
        const v = values[start + i];
        if (v === null || v === undefined) { if (!col.nullable) fail(table, col, start + i, 'is null'); a[i] = 0; }
        else a[i] = v ? 1 : 0;
      }
      duckdb.copy_data_to_vector(vector, 0, a.buffer, 0, n);
      return;
    }
    case 'VARCHAR':
      if (values instanceof DictColumn) return fillDictColumn(table, col, vector, values, start, n, s);
      if (dict !== undefined) return fillCodes(table, col, vector, values, start, n, s, dict);
      for (let i = 0; i < n; i++) {
        const v = values[start + i];
        if (typeof v === 'string') duckdb.vector_assign_string_element(vector, i, v);
        else if (v === null || v === undefined) { if (!col.nullable) fail(table, col, start + i, 'is null'); }
        else fail(table, col, start + i, `not a string: ${String(v)}`);
      }
      return;
    case 'BLOB':
      for (let i = 0; i < n; i++) {
        const v = values[start + i];
        if (v instanceof Uint8Array) duckdb.vector_assign_string_element_len(vector, i, v);
        else if (v === null || v === undefined) { if (!col.nullable) fail(table, col, start + i, 'is null'); }
        else fail(table, col, start + i, 'not a Uint8Array');
      }
      return;
    case 'DOUBLE[]': return fillDoubleList(table, col, vector, values, start, n, s);
  }
}

function fillBigInt(
  table: string, col: ColumnDef, vector: duckdb.Vector, values: ArrayLike<unknown>, start: number, n: number, s: ChunkScratch,
): void {
  const a = s.i32;
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    let hi = 0;
    let lo = 0;
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) fail(table, col, start + i, `not a safe integer: ${v}`);
      hi = Math.floor(v / TWO_32);
      lo = v - hi * TWO_32;
    } else if (typeof v === 'bigint') {
      hi = Number(BigInt.asIntN(32, v >> 32n));
      lo = Number(BigInt.asUintN(32, v));
    } else if (v === null || v === undefined) {
      if (!col.nullable) fail(table, col, start + i, 'is null');
    } else {
      fail(table, col, start + i, `not an integer: ${String(v)}`);
    }
    a[2 * i] = lo | 0;
    a[2 * i + 1] = hi;
  }
  duckdb.copy_data_to_vector(vector, 0, a.buffer, 0, n * 8);
}

function fillDoubleList(
  table: string, col: ColumnDef, vector: duckdb.Vector, values: ArrayLike<unknown>, start: number, n: number, s: ChunkScratch,
): void {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = values[start + i] as ArrayLike<number> | null | undefined;
    if (v === null || v === undefined) { if (!col.nullable) fail(table, col, start + i, 'is null'); continue; }
    if (typeof v !== 'object' || typeof v.length !== 'number') fail(table, col, start + i, 'not an array of numbers');
    total += v.length;
  }
  // list_entry_t is { uint64 offset; uint64 length }: four int32 words per row, little-endian
  const entries = s.i32;
  const child = s.childFor(total);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const v = values[start + i] as ArrayLike<number> | null | undefined;
    const len = v === null || v === undefined ? 0 : v.length;
    entries[4 * i] = offset;
    entries[4 * i + 1] = 0;
    entries[4 * i + 2] = len;
    entries[4 * i + 3] = 0;
    for (let j = 0; j < len; j++) {
      const x = v![j]!;
      if (typeof x !== 'number') fail(table, col, start + i, `element ${j} is not a number`);
      child[offset + j] = x;
    }
    offset += len;
  }
  duckdb.list_vector_reserve(vector, total);
  duckdb.list_vector_set_size(vector, total);
  if (total > 0) {
    const childVector = duckdb.list_vector_get_child(vector);
    duckdb.copy_data_to_vector(childVector, 0, child.buffer as ArrayBuffer, 0, total * 8);
  }
  duckdb.copy_data_to_vector(vector, 0, entries.buffer, 0, n * 16);
}

/** A low-cardinality VARCHAR column's distinct values, in code order (written as a DuckDB ENUM). */
export interface Dictionary {
  readonly codes: Map<string, number>;
  readonly values: readonly string[];
}

/** Max distinct values for the ENUM path: DuckDB stores ENUMs of up to 255 values in one byte, up to 65535 in two. */
const MAX_DICTIONARY = 65_535;

/**
 * The dictionary of a VARCHAR column, or undefined when it has too many distinct values to pay
 * off (more than `rows / 8`). Assigning a string into a vector is a native call per cell; an ENUM
 * code is a typed-array store, copied once per chunk.
 */
export function buildDictionary(values: ArrayLike<unknown>, rows: number): Dictionary | undefined {
  const limit = Math.min(MAX_DICTIONARY, Math.max(16, rows >>> 3));
  const codes = new Map<string, number>();
  const list: string[] = [];
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    if (typeof v !== 'string' || codes.has(v)) continue;
    if (list.length >= limit) return undefined;
    codes.set(v, list.length);
    list.push(v);
  }
  return list.length === 0 ? undefined : { codes, values: list };
}

function fillCodes(
  table: string, col: ColumnDef, vector: duckdb.Vector, values: ArrayLike<unknown>, start: number, n: number, s: ChunkScratch, dict: Dictionary,
): void {
  const wide = dict.values.length > 255;
  const a = wide ? s.u16 : s.u8;
  for (let i = 0; i < n; i++) {
    const v = values[start + i];
    if (typeof v === 'string') a[i] = dict.codes.get(v)!;
    else if (v === null || v === undefined) { if (!col.nullable) fail(table, col, start + i, 'is null'); a[i] = 0; }
    else fail(table, col, start + i, `not a string: ${String(v)}`);
  }
  duckdb.copy_data_to_vector(vector, 0, a.buffer as ArrayBuffer, 0, n * (wide ? 2 : 1));
}

/** A dictionary the writer can use for a column: from a DictColumn, or built from its strings. */
export function dictionaryOf(values: ArrayLike<unknown>, rows: number): Dictionary | undefined {
  if (values instanceof DictColumn) {
    return values.dictionary.length === 0 ? undefined : { codes: new Map(), values: values.dictionary };
  }
  return buildDictionary(values, rows);
}

function dictValidity(values: DictColumn, start: number, n: number, bits: Uint32Array): boolean {
  bits.fill(0xffffffff);
  const nulls = values.nulls;
  if (nulls === undefined) return false;
  let anyNull = false;
  for (let i = 0; i < n; i++) {
    if (nulls[start + i] === 1) {
      bits[i >>> 5]! &= ~(1 << (i & 31));
      anyNull = true;
    }
  }
  return anyNull;
}

function fillDictColumn(table: string, col: ColumnDef, vector: duckdb.Vector, values: DictColumn, start: number, n: number, s: ChunkScratch): void {
  if (values.dictionary.length === 0) {
    // every value null (an all-null column has no dictionary and is not an ENUM)
    if (!col.nullable) fail(table, col, start, 'is null');
    return;
  }
  if (!col.nullable && values.nulls !== undefined) {
    for (let i = 0; i < n; i++) if (values.nulls[start + i] === 1) fail(table, col, start + i, 'is null');
  }
  const codes = values.codes;
  if (values.dictionary.length > 255) {
    duckdb.copy_data_to_vector(vector, 0, codes.buffer as ArrayBuffer, codes.byteOffset + start * 2, n * 2);
    return;
  }
  const a = s.u8;
  for (let i = 0; i < n; i++) a[i] = codes[start + i]!;
  duckdb.copy_data_to_vector(vector, 0, a.buffer, 0, n);
}
