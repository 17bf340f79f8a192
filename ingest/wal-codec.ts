/**
 * The write-ahead log's binary row format, driven by the table contract (lake/schema.ts).
 *
 * A WAL segment is a sequence of records: [u32 payload bytes][u32 crc32 of payload][u32 rows]
 * then the rows, each column in schema order: BIGINT/INTEGER/DOUBLE as float64 (every lake
 * integer is a safe integer), BOOLEAN as one byte, BLOB as u32 length + bytes, DOUBLE[] as u32
 * count + float64s. VARCHAR is dictionary-coded per segment: a u16 code of a value seen before,
 * 0xFFFF + u32 length + bytes to define the next code, or 0xFFFE + u32 length + bytes for a value
 * kept out of the dictionary (past 4096 distinct values). Nullable cells carry a presence byte
 * first. Little-endian throughout. The dictionary lives in the segment, so decoding a segment
 * from its start rebuilds it, and the Parquet writer gets the codes without reading a string.
 * A record cut short by a crash (or with a bad checksum) ends the readable part of the segment.
 */
import type { ColumnDef, TableName } from '../lake/schema.ts';
import { columnsOf, type RowOf } from '../lake/table-batch.ts';
import { DictColumn } from '../lake/dict-column.ts';

const HEADER = 12;
const DICT_MAX = 4096;
const INLINE = 0xfffe;
const DEFINE = 0xffff;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: false });

/** Accumulates encoded rows of one table until they are taken as one record. */
export class WalEncoder<T extends TableName = TableName> {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private pos = HEADER;
  private rows = 0;
  private readonly cols: readonly ColumnDef[];
  /** Per column: the VARCHAR dictionary of this segment (undefined for other types). */
  private readonly dicts: Array<Map<string, number> | undefined>;
  /** Dictionary entries defined by the row being appended (undone if the row fails). */
  private readonly added: Array<[Map<string, number>, string]> = [];

  constructor(readonly table: T) {
    this.cols = columnsOf(table);
    this.dicts = this.cols.map((c) => (c.type === 'VARCHAR' ? new Map<string, number>() : undefined));
  }

  get pendingRows(): number {
    return this.rows;
  }
  get pendingBytes(): number {
    return this.pos - HEADER;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Encode one row. Throws RangeError (and encodes nothing) on a missing or mistyped cell. */
  append(row: RowOf<T>): void {
    const start = this.pos;
    this.added.length = 0;
    try {
      const r = row as unknown as Record<string, unknown>;
      for (let i = 0; i < this.cols.length; i++) this.cell(this.cols[i]!, r[this.cols[i]!.name], this.dicts[i]);
    } catch (e) {
      this.pos = start;
      for (const [map, value] of this.added) map.delete(value);
      throw e;
    }
    this.rows++;
  }

  private cell(c: ColumnDef, v: unknown, dict: Map<string, number> | undefined): void {
    if (c.nullable) {
      this.ensure(1);
      if (v === null || v === undefined) {
        this.buf[this.pos++] = 0;
        return;
      }
      this.buf[this.pos++] = 1;
    } else if (v === null || v === undefined) {
      throw new RangeError(`${this.table}.${c.name} is required`);
    }
    switch (c.type) {
      case 'BIGINT':
      case 'INTEGER':
        // checked here, not at conversion: one bad row must never block a whole Parquet file
        if (!Number.isSafeInteger(v)) throw new RangeError(`${this.table}.${c.name} must be a safe integer, got ${String(v)}`);
        this.ensure(8);
        this.view.setFloat64(this.pos, v as number, true);
        this.pos += 8;
        return;
      case 'DOUBLE':
        if (typeof v !== 'number') throw new RangeError(`${this.table}.${c.name} must be a number`);
        this.ensure(8);
        this.view.setFloat64(this.pos, v, true);
        this.pos += 8;
        return;
      case 'BOOLEAN':
        this.ensure(1);
        this.buf[this.pos++] = v ? 1 : 0;
        return;
      case 'VARCHAR': {
        if (typeof v !== 'string') throw new RangeError(`${this.table}.${c.name} must be a string`);
        const code = dict!.get(v);
        this.ensure(6 + v.length * 3);
        if (code !== undefined) {
          this.view.setUint16(this.pos, code, true);
          this.pos += 2;
          return;
        }
        if (dict!.size < DICT_MAX) {
          dict!.set(v, dict!.size);
          this.added.push([dict!, v]);
          this.view.setUint16(this.pos, DEFINE, true);
        } else {
          this.view.setUint16(this.pos, INLINE, true);
        }
        const n = utf8.encodeInto(v, this.buf.subarray(this.pos + 6)).written;
        this.view.setUint32(this.pos + 2, n, true);
        this.pos += 6 + n;
        return;
      }
      case 'BLOB': {
        if (!(v instanceof Uint8Array)) throw new RangeError(`${this.table}.${c.name} must be bytes`);
        this.ensure(4 + v.length);
        this.view.setUint32(this.pos, v.length, true);
        this.buf.set(v, this.pos + 4);
        this.pos += 4 + v.length;
        return;
      }
      case 'DOUBLE[]': {
        const a = v as ArrayLike<number>;
        if (typeof a.length !== 'number') throw new RangeError(`${this.table}.${c.name} must be an array`);
        this.ensure(4 + a.length * 8);
        this.view.setUint32(this.pos, a.length, true);
        this.pos += 4;
        for (let i = 0; i < a.length; i++) {
          this.view.setFloat64(this.pos, a[i]!, true);
          this.pos += 8;
        }
        return;
      }
    }
  }

  /** The pending rows as one framed record (a copy), and reset. Undefined when nothing is pending. */
  take(): Uint8Array | undefined {
    if (this.rows === 0) return undefined;
    const payload = this.buf.subarray(HEADER, this.pos);
    this.view.setUint32(0, payload.length + 4, true);
    this.view.setUint32(8, this.rows, true);
    // the checksum covers the row count and the rows
    this.view.setUint32(4, Bun.hash.crc32(this.buf.subarray(8, this.pos)), true);
    const out = this.buf.slice(0, this.pos);
    this.pos = HEADER;
    this.rows = 0;
    if (this.buf.length > 1 << 24) {
      this.buf = new Uint8Array(1 << 16);
      this.view = new DataView(this.buf.buffer);
    }
    return out;
  }
}

export interface DecodedSegment {
  /** One array per column (DOUBLE columns as Float64Array, VARCHAR columns usually as DictColumn). */
  readonly columns: Record<string, ArrayLike<unknown> | DictColumn>;
  readonly rows: number;
  /** Bytes at the end that did not form a whole, valid record (a torn write). */
  readonly tornBytes: number;
}

/** Decode every whole record of a segment into columns. */
export function decodeSegment(table: TableName, bytes: Uint8Array): DecodedSegment {
  const cols = columnsOf(table);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // first pass: find the valid records and count rows
  const records: Array<[start: number, end: number]> = [];
  let rows = 0;
  let pos = 0;
  while (pos + HEADER <= bytes.length) {
    const len = view.getUint32(pos, true);
    const end = pos + 8 + len;
    if (len < 4 || end > bytes.length) break;
    if (Bun.hash.crc32(bytes.subarray(pos + 8, end)) !== view.getUint32(pos + 4, true)) break;
    rows += view.getUint32(pos + 8, true);
    records.push([pos + HEADER, end]);
    pos = end;
  }
  const out: Array<unknown[] | Float64Array> = cols.map((c) => (c.type === 'DOUBLE' && !c.nullable ? new Float64Array(rows) : new Array(rows)));
  const strings = cols.map((c) => (c.type === 'VARCHAR' ? new StringColumn(rows, c.nullable === true) : undefined));
  let row = 0;
  for (const [start, end] of records) {
    let p = start;
    while (p < end) {
      for (let ci = 0; ci < cols.length; ci++) {
        const c = cols[ci]!;
        const target = out[ci] as unknown[];
        if (c.nullable && bytes[p++] === 0) {
          if (c.type === 'VARCHAR') strings[ci]!.setNull(row);
          else target[row] = null;
          continue;
        }
        switch (c.type) {
          case 'BIGINT': case 'INTEGER': case 'DOUBLE':
            target[row] = view.getFloat64(p, true);
            p += 8;
            break;
          case 'BOOLEAN':
            target[row] = bytes[p++] === 1;
            break;
          case 'VARCHAR': {
            const tag = view.getUint16(p, true);
            if (tag < INLINE) {
              strings[ci]!.codes[row] = tag;
              p += 2;
              break;
            }
            const n = view.getUint32(p + 2, true);
            const value = fromUtf8.decode(bytes.subarray(p + 6, p + 6 + n));
            p += 6 + n;
            strings[ci]!.add(row, value, tag === DEFINE);
            break;
          }
          case 'BLOB': {
            const n = view.getUint32(p, true);
            target[row] = bytes.subarray(p + 4, p + 4 + n);
            p += 4 + n;
            break;
          }
          case 'DOUBLE[]': {
            const n = view.getUint32(p, true);
            const a = new Float64Array(n);
            for (let i = 0; i < n; i++) a[i] = view.getFloat64(p + 4 + i * 8, true);
            target[row] = a;
            p += 4 + n * 8;
            break;
          }
        }
      }
      row++;
    }
  }
  const columns: Record<string, ArrayLike<unknown> | DictColumn> = {};
  cols.forEach((c, i) => {
    columns[c.name] = strings[i]?.finish(row) ?? out[i]!;
  });
  return { columns, rows: row, tornBytes: bytes.length - pos };
}

/** A VARCHAR column being decoded: codes into the segment's dictionary, plus any inline values. */
class StringColumn {
  readonly codes: Uint16Array;
  private readonly dictionary: string[] = [];
  private nulls: Uint8Array | undefined;
  private inline: Map<number, string> | undefined;

  constructor(rows: number, nullable: boolean) {
    this.codes = new Uint16Array(rows);
    if (nullable) this.nulls = new Uint8Array(rows);
  }

  setNull(row: number): void {
    this.nulls![row] = 1;
  }

  add(row: number, value: string, define: boolean): void {
    if (define) {
      this.codes[row] = this.dictionary.length;
      this.dictionary.push(value);
    } else {
      (this.inline ??= new Map()).set(row, value);
    }
  }

  /** A DictColumn, or plain strings when some values were kept out of the dictionary. */
  finish(rows: number): ArrayLike<unknown> | DictColumn {
    const codes = rows === this.codes.length ? this.codes : this.codes.subarray(0, rows);
    const nulls = this.nulls === undefined ? undefined : this.nulls.subarray(0, rows);
    if (this.inline === undefined) return new DictColumn(this.dictionary, codes, nulls);
    const out = new Array<string | null>(rows);
    for (let i = 0; i < rows; i++) out[i] = nulls?.[i] === 1 ? null : this.inline.get(i) ?? this.dictionary[codes[i]!]!;
    return out;
  }
}
