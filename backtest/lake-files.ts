/**
 * Which Parquet files of a lake to read, in which order. Files are grouped into time units by
 * their Hive partition (date=YYYY-MM-DD, the UTC date of ts_recv): units are read one after
 * another, so DuckDB sorts one day at a time (spilling to disk past its memory limit) and the
 * replay streams whatever the lake's size. The hour prefix of file names is not trusted as a
 * bound (a writer may name a part after the first row of a batch that spans hours).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../lake/schema.ts';

export interface LakeUnit {
  /** The date, e.g. "2026-11-23". */
  readonly key: string;
  readonly startUs: number;
  readonly endUs: number;
  readonly files: Readonly<Partial<Record<TableName, readonly string[]>>>;
  readonly bytes: number;
}

const DATE = /^date=(\d{4}-\d{2}-\d{2})$/;

export function listUnits(lakeDir: string, tables: readonly TableName[], fromUs = -Infinity, toUs = Infinity): LakeUnit[] {
  const byDate = new Map<string, Map<TableName, { file: string; bytes: number }[]>>();
  for (const table of tables) {
    const dir = join(lakeDir, table);
    if (!existsSync(dir)) continue;
    for (const part of readdirSync(dir).sort()) {
      const m = DATE.exec(part);
      if (m === null) continue;
      const perTable = byDate.get(m[1]!) ?? new Map<TableName, { file: string; bytes: number }[]>();
      byDate.set(m[1]!, perTable);
      for (const f of readdirSync(join(dir, part)).sort()) {
        if (!f.endsWith('.parquet')) continue;
        const path = join(dir, part, f);
        const list = perTable.get(table) ?? [];
        list.push({ file: path, bytes: statSync(path).size });
        perTable.set(table, list);
      }
    }
  }
  const units: LakeUnit[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const startUs = Date.parse(`${date}T00:00:00Z`) * 1000;
    const endUs = startUs + 86_400_000_000;
    if (endUs <= fromUs || startUs >= toUs) continue;
    const files: Partial<Record<TableName, string[]>> = {};
    let bytes = 0;
    for (const [table, list] of byDate.get(date)!) {
      if (list.length === 0) continue;
      files[table] = list.map((f) => f.file);
      bytes += list.reduce((s, f) => s + f.bytes, 0);
    }
    units.push({ key: date, startUs, endUs, files, bytes });
  }
  return units;
}

export function sqlList(files: readonly string[]): string {
  return `[${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}]`;
}
