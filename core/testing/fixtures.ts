/** Paths to the shared fixtures (../shared beside the repository), for tests. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dir, '..', '..');

export const SHARED_DIR = process.env.SNIPER_SHARED_DIR ?? join(repoRoot, '..', 'shared');
export const MEXC_FIXTURES_DIR = join(SHARED_DIR, 'fixtures', 'mexc-real');

export function mexcFixture(name: string): string {
  const path = join(MEXC_FIXTURES_DIR, name);
  if (!existsSync(path)) throw new Error(`fixture ${path} is missing: ../shared must sit beside the repository`);
  return path;
}
