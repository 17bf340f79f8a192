/**
 * The write-ahead log's binary row format, driven by the table contract (lake/schema.ts).
 *
 * A WAL segment is a sequence of records: [u32 payload bytes][u32 crc32 of payload][u32 rows]
 * then the rows, each column in schema order: BIGINT/INTEGER/DOUBLE as float64 (every lake
 * integer is a safe integer), BOOLEAN as one byte, VARCHAR/BLOB as u32 length + bytes, DOUBLE[]
 * as u32 count + float64s. Nullable cells carry a presence byte first. Little-endian throughout.
 * A record cut short by a crash (or with a bad checksum) ends the readable part of the segment.
 */
import type { ColumnDef, TableName } from '../lake/schema.ts';
import { columnsOf, type RowOf } from '../lake/table-batch.ts';

const HEADER = 12;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: false });

/** Accumulates encoded rows of one table until they are taken as one record. */
export class WalEncoder {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private pos = HEADER;
  private rows = 0;
  private readonly cols: readonly ColumnDef[];

  constructor(readonly table: TableName) {
    this.cols = columnsOf(table);
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
  append(row: RowOf<TableName>): void {
    const start = this.pos;
    try {
      const r = row as unknown as Record<string, unknown>;
      for (const c of this.cols) this.cell(c, r[c.name]);
    } catch (e) {
      this.pos = start;
      throw e;
    }
    this.rows++;
  }

  private cell(c: ColumnDef, v: unknown): void {
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
        this.ensure(4 + v.length * 3);
        const n = utf8.encodeInto(v, this.buf.subarray(this.pos + 4)).written;
        this.view.setUint32(this.pos, n, true);
        this.pos += 4 + n;
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
  /** One array per column (DOUBLE columns as Float64Array). */
  readonly columns: Record<string, ArrayLike<unknown>>;
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
  let row = 0;
  for (const [start, end] of records) {
    let p = start;
    while (p < end) {
      for (let ci = 0; ci < cols.length; ci++) {
        const c = cols[ci]!;
        const target = out[ci] as unknown[];
        if (c.nullable && bytes[p++] === 0) {
          target[row] = null;
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
            const n = view.getUint32(p, true);
            target[row] = fromUtf8.decode(bytes.subarray(p + 4, p + 4 + n));
            p += 4 + n;
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
  const columns: Record<string, ArrayLike<unknown>> = {};
  cols.forEach((c, i) => {
    columns[c.name] = out[i]!;
  });
  return { columns, rows: row, tornBytes: bytes.length - pos };
}
