/**
 * Data loaders as Framework runs them: a child process whose stdout is the file. A missing source
 * gives an empty table saying why (exit 0); a broken one exits non-zero with one line on stderr.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const DATA = join(import.meta.dir, '..', 'src', 'data');
const dir = mkdtempSync(join(tmpdir(), 'sniper-loaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(loader: string, env: Record<string, string>, args: string[] = []) {
  const proc = Bun.spawn([process.execPath, join(DATA, loader), ...args], { env: { ...process.env, ...env }, stdout: 'pipe', stderr: 'pipe' });
  const [out, err] = await Promise.all([new Response(proc.stdout).bytes(), new Response(proc.stderr).text()]);
  return { code: await proc.exited, out, err };
}

async function parquetColumns(bytes: Uint8Array): Promise<{ columns: string[]; rows: number }> {
  const file = join(dir, `${crypto.randomUUID()}.parquet`);
  writeFileSync(file, bytes);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const r = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    return { columns: r.columnNames(), rows: r.currentRowCount };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe('data loaders', () => {
  test('a missing model gives an empty table with a `missing` column, and model.json says why', async () => {
    const env = { SNIPER_MODEL: join(dir, 'no-such-model.json') };
    const table = await load('model/[table].parquet.ts', env, ['--table', 'reliability']);
    expect(table.code).toBe(0);
    expect(await parquetColumns(table.out)).toEqual({ columns: ['missing'], rows: 0 });
    expect(table.err).toContain('skipped: no model at');
    const json = await load('model.json.ts', env);
    expect(json.code).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(json.out)).missing).toContain('sniper calibrate');
  });

  test('a table an older model lacks comes back empty with a note, not as a failed build', async () => {
    const model = join(dir, 'old-model.json');
    writeFileSync(model, '{}');
    mkdirSync(join(dir, 'old-model.tables'));
    const r = await load('model/[table].parquet.ts', { SNIPER_MODEL: model }, ['--table', 'predictions']);
    expect(r.code).toBe(0);
    expect(await parquetColumns(r.out)).toEqual({ columns: ['missing'], rows: 0 });
    expect(r.err).toContain('no predictions.parquet');
  });

  test('an unknown model table is refused', async () => {
    const r = await load('model/[table].parquet.ts', {}, ['--table', 'passwords']);
    expect(r.code).not.toBe(0);
  });

  test('a corrupt lake file fails the loader with a non-zero exit and one clear line', async () => {
    const lake = join(dir, 'bad-lake');
    mkdirSync(join(lake, 'trades', 'date=2026-01-01'), { recursive: true });
    writeFileSync(join(lake, 'trades', 'date=2026-01-01', '00-x-0001.parquet'), 'not parquet at all');
    const r = await load('coverage.parquet.ts', { SNIPER_LAKE: lake });
    expect(r.code).toBe(1);
    expect(r.out.length).toBe(0);
    expect(r.err).toMatch(/\[coverage\.parquet\] failed: .+/);
  });
});
