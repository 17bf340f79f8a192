/**
 * Which Parquet files of a lake to read, in which order. Files are grouped into time units by
 * their Hive partition (date=YYYY-MM-DD) and, when every file of the date has one, by the hour
 * prefix of the file name (HH-writer-part.parquet): units are read one after another, so memory
 * holds one unit's sort at a time and the replay streams whatever the lake's size.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../lake/schema.ts';

export interface LakeUnit {
  /** e.g. "2026-11-23T14" or "2026-11-23" */
  readonly key: string;
  readonly startUs: number;
  readonly endUs: number;
  readonly files: Readonly<Partial<Record<TableName, readonly string[]>>>;
  readonly bytes: number;
}

const DATE = /^date=(\d{4}-\d{2}-\d{2})$/;
const HOUR = /^(\d{2})-/;

export function listUnits(lakeDir: string, tables: readonly TableName[], fromUs = -Infinity, toUs = Infinity): LakeUnit[] {
  const byDate = new Map<string, Map<TableName, { file: string; hour: string | undefined; bytes: number }[]>>();
  for (const table of tables) {
    const dir = join(lakeDir, table);
    if (!existsSync(dir)) continue;
    for (const part of readdirSync(dir).sort()) {
      const m = DATE.exec(part);
      if (m === null) continue;
      const date = m[1]!;
      for (const f of readdirSync(join(dir, part)).sort()) {
        if (!f.endsWith('.parquet')) continue;
        const path = join(dir, part, f);
        const perTable = byDate.get(date) ?? new Map();
        byDate.set(date, perTable);
        const list = perTable.get(table) ?? [];
        list.push({ file: path, hour: HOUR.exec(f)?.[1], bytes: statSync(path).size });
        perTable.set(table, list);
      }
    }
  }
  const units: LakeUnit[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const perTable = byDate.get(date)!;
    const dayStart = Date.parse(`${date}T00:00:00Z`) * 1000;
    const all = [...perTable.values()].flat();
    const hourly = all.every((f) => f.hour !== undefined);
    const hours = hourly ? [...new Set(all.map((f) => f.hour!))].sort() : [undefined];
    for (const hour of hours) {
      const startUs = hour === undefined ? dayStart : dayStart + Number(hour) * 3_600_000_000;
      const endUs = hour === undefined ? dayStart + 86_400_000_000 : startUs + 3_600_000_000;
      if (endUs <= fromUs || startUs >= toUs) continue;
      const files: Partial<Record<TableName, string[]>> = {};
      let bytes = 0;
      for (const [table, list] of perTable) {
        const chosen = list.filter((f) => hour === undefined || f.hour === hour);
        if (chosen.length === 0) continue;
        files[table] = chosen.map((f) => f.file);
        bytes += chosen.reduce((s, f) => s + f.bytes, 0);
      }
      units.push({ key: hour === undefined ? date : `${date}T${hour}`, startUs, endUs, files, bytes });
    }
  }
  return units;
}

export function sqlList(files: readonly string[]): string {
  return `[${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}]`;
}
