// One of the tables `sniper calibrate` writes beside the model artifact, e.g. model/reliability.parquet.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { attachModelTables, MODEL_TABLES } from '../../../lib/attach.ts';
import { parquetLoader } from '../../../lib/loader.ts';

const { values } = parseArgs({ options: { table: { type: 'string' } } });
const table = z.enum(MODEL_TABLES).parse(values.table);

await parquetLoader(`model/${table}.parquet`, ['model'], async ({ conn, path }) => {
  const present = await attachModelTables(conn, path('model'), [table]);
  if (present.length === 0) throw new Error(`the model ${path('model')} has no ${table}.parquet beside it`);
  return `SELECT * FROM ${table}`;
});
