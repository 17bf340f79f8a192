/**
 * Columnar batches of one lake table, typed from the table contract in schema.ts: a batch is
 * one array per column, all of the same length. This is what the Parquet writer takes, and what
 * the lake sink's per-table buffers build.
 */
import { TABLES, type ColumnDef, type ColumnType, type TableName } from './schema.ts';

/** The JS value of one cell of a column type (before nullability). */
export interface JsOfColumnType {
  BIGINT: number;
  INTEGER: number;
  DOUBLE: number;
  VARCHAR: string;
  BOOLEAN: boolean;
  BLOB: Uint8Array;
  'DOUBLE[]': ArrayLike<number>;
}

type Columns<T extends TableName> = (typeof TABLES)[T]['columns'][number];
type CellOf<C> = C extends { type: infer K extends ColumnType; nullable: true }
  ? JsOfColumnType[K] | null
  : C extends { type: infer K extends ColumnType }
    ? JsOfColumnType[K]
    : never;
/** Columns declared with literal names (the shared time columns are typed as plain ColumnDef). */
type NamedColumns<T extends TableName> = Columns<T> extends infer C ? (C extends { name: infer N } ? (string extends N ? never : C) : never) : never;
/** The shared time columns, present in every table whose columns include a non-literal name. */
interface TimeCells {
  ts_event: number;
  ts_recv: number;
  seq: number;
  conn_id: string;
  symbol: string;
}
type TimeOf<T extends TableName> = string extends Columns<T>['name'] ? TimeCells : unknown;

/** One row of a table as an object keyed by column name. */
export type RowOf<T extends TableName> = { -readonly [C in NamedColumns<T> as C['name']]: CellOf<C> } & TimeOf<T>;

/** A columnar batch of a table: one array per column. */
export type TableBatch<T extends TableName> = { readonly [K in keyof RowOf<T>]: ArrayLike<RowOf<T>[K]> };

/** The column definitions of a table, typed loosely for generic code. */
export function columnsOf(table: TableName): readonly ColumnDef[] {
  return TABLES[table].columns as readonly ColumnDef[];
}

/** Rows of a batch; throws when columns are missing or of different lengths. */
export function batchRowCount(table: TableName, batch: Readonly<Record<string, ArrayLike<unknown>>>): number {
  const cols = columnsOf(table);
  let n = -1;
  for (const c of cols) {
    const values = batch[c.name];
    if (values === undefined) throw new RangeError(`${table}: batch has no column ${c.name}`);
    if (n === -1) n = values.length;
    else if (values.length !== n) throw new RangeError(`${table}: column ${c.name} has ${values.length} values, expected ${n}`);
  }
  return Math.max(n, 0);
}

/** Build a columnar batch from row objects (convenient, not the fast path). */
export function rowsToBatch<T extends TableName>(table: T, rows: readonly RowOf<T>[]): TableBatch<T> {
  const out: Record<string, unknown[]> = {};
  for (const c of columnsOf(table)) {
    const col = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) col[i] = (rows[i] as Record<string, unknown>)[c.name] ?? null;
    out[c.name] = col;
  }
  return out as unknown as TableBatch<T>;
}
