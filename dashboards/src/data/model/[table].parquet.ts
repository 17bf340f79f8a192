// One of the tables `sniper calibrate` writes beside the model artifact, e.g. model/reliability.parquet.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { attachModelTables, MODEL_TABLES } from '../../../lib/attach.ts';
import { parquetLoader } from '../../../lib/loader.ts';

const { values } = parseArgs({ options: { table: { type: 'string' } } });
const table = z.enum(MODEL_TABLES).parse(values.table);

await parquetLoader(`model/${table}.parquet`, ['model'], async ({ conn, path }) => {
  const present = await attachModelTables(conn, path('model'), [table]);
  if (present.length > 0) return `SELECT * FROM ${table}`;
  // an artifact from an earlier `sniper calibrate` may lack a newer table: say so, do not fail
  process.stderr.write(`[model/${table}.parquet] the model has no ${table}.parquet beside it\n`);
  return `SELECT 'this model has no ${table} table: recalibrate with the current sniper calibrate' AS missing LIMIT 0`;
});
