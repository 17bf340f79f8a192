/**
 * A lake fingerprint: SHA-256 over the sorted relative paths and sizes of the Parquet files of
 * the tables the pipeline reads. Two calibrations with one fingerprint read the same files
 * (files are written atomically and never rewritten in place, so path + size identify them).
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PIPELINE_INPUTS } from './lake-views.ts';

async function files(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (e.isFile() && e.name.endsWith('.parquet') && !e.name.startsWith('.')) out.push(p);
  }
  return out;
}

export interface LakeFingerprint {
  readonly sha256: string;
  readonly files: number;
  readonly bytes: number;
}

export async function lakeFingerprint(lakeDir: string): Promise<LakeFingerprint> {
  const all: string[] = [];
  for (const t of PIPELINE_INPUTS) all.push(...(await files(join(lakeDir, t))));
  all.sort();
  const hash = createHash('sha256');
  let bytes = 0;
  for (const f of all) {
    const size = (await stat(f)).size;
    bytes += size;
    hash.update(`${relative(lakeDir, f)}\t${size}\n`);
  }
  return { sha256: hash.digest('hex'), files: all.length, bytes };
}
