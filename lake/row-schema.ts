/**
 * zod schemas for lake rows, generated from the table contract: what a row must look like when
 * it arrives from outside the process (a Kafka message, a JSON file).
 */
import { z } from 'zod';
import type { ColumnType, TableName } from './schema.ts';
import { columnsOf, type RowOf } from './table-batch.ts';

function cellSchema(type: ColumnType): z.ZodType {
  switch (type) {
    case 'BIGINT':
    case 'INTEGER':
      return z.number().int().refine(Number.isSafeInteger, 'must be a safe integer');
    case 'DOUBLE':
      return z.number();
    case 'VARCHAR':
      return z.string();
    case 'BOOLEAN':
      return z.boolean();
    case 'BLOB':
      return z.instanceof(Uint8Array);
    case 'DOUBLE[]':
      return z.array(z.number());
  }
}

const cache = new Map<TableName, z.ZodType>();

/** The zod schema of one row of `table` (unknown keys are stripped). */
export function rowSchema<T extends TableName>(table: T): z.ZodType<RowOf<T>> {
  let s = cache.get(table);
  if (s === undefined) {
    const shape: Record<string, z.ZodType> = {};
    for (const c of columnsOf(table)) shape[c.name] = c.nullable ? cellSchema(c.type).nullable().default(null) : cellSchema(c.type);
    s = z.object(shape);
    cache.set(table, s);
  }
  return s as z.ZodType<RowOf<T>>;
}
