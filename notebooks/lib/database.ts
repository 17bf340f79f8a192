/**
 * The DuckDB database the notebooks' SQL cells query (database="sniper"): a file in
 * notebooks/.observable/ holding views over the lake's tables (`trades`, `status`, ...; small
 * ones copied in), the model's tables (`reliability`, `labels`, ...) and the run's (`run_trades`,
 * `run_equity`, `run_decisions`). Cells name tables, never paths, so one notebook works on any
 * lake. Rebuilt, with the query cache cleared, before every build.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { SniperError } from '../../core/errors.ts';
import { TABLE_NAMES } from '../../lake/schema.ts';
import { attachLake } from '../../pipeline/lake-views.ts';
import { attachModelTables } from '../../dashboards/lib/attach.ts';
import { sqlString } from '../../dashboards/lib/emit-parquet.ts';
import type { Sources } from '../../dashboards/lib/sources.ts';

export const DATABASE_NAME = 'sniper';

/** The notebooks could not be built or served (the message says why and what to do). */
export class NotebooksError extends SniperError {
  readonly code = 'notebooks_failed' as const;
}

export async function prepareDatabase(notebooksDir: string, sources: Sources): Promise<string> {
  if (!sources.lake.present) throw new NotebooksError(`the notebooks need a lake: ${sources.lake.message}`);
  if (!sources.model.present) throw new NotebooksError(`the notebooks need a model: ${sources.model.message}`);
  const dir = join(notebooksDir, '.observable');
  const file = join(dir, `${DATABASE_NAME}.duckdb`);
  rmSync(join(dir, 'cache'), { recursive: true, force: true });
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  try {
    await attachLake(conn, sources.lake.path, TABLE_NAMES);
    await attachModelTables(conn, sources.model.path);
    if (sources.run.present) {
      for (const t of ['trades', 'equity', 'decisions']) {
        await conn.run(`CREATE VIEW run_${t} AS SELECT * FROM read_parquet(${sqlString(join(sources.run.path, `${t}.parquet`))})`);
      }
    }
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  writeFileSync(join(dir, 'databases.json'), `${JSON.stringify({ [DATABASE_NAME]: { type: 'duckdb', path: file } }, null, 2)}\n`);
  return file;
}
