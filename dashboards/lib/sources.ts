/**
 * Where the dashboards read from: a lake, a model artifact (with its `.tables/` folder of
 * Parquet beside it) and a backtest run folder. Each comes from an environment variable
 * (`SNIPER_LAKE`, `SNIPER_MODEL`, `SNIPER_RUN`; relative paths are from the repository root)
 * or, when unset, from the first default that exists: the plain layout under data/ first, then
 * what `sniper demo` writes under data/demo/. A source that is not there is reported with the
 * command that would make it, so a page can say so instead of failing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

export const REPO_ROOT = resolve(import.meta.dir, '..', '..');

export type SourceKind = 'lake' | 'model' | 'run';

export type Source =
  | { readonly kind: SourceKind; readonly present: true; readonly path: string; readonly from: 'env' | 'default' }
  | { readonly kind: SourceKind; readonly present: false; readonly path: string | null; readonly message: string };

export interface Sources {
  readonly lake: Source;
  readonly model: Source;
  readonly run: Source;
}

const envSchema = z.object({
  SNIPER_LAKE: z.string().min(1).optional(),
  SNIPER_MODEL: z.string().min(1).optional(),
  SNIPER_RUN: z.string().min(1).optional(),
});

const HOW_TO_MAKE: Record<SourceKind, string> = {
  lake: 'run `sniper demo` (or `sniper generate --lake data/lake` / `sniper record`), or set SNIPER_LAKE / --lake',
  model: 'run `sniper calibrate --lake DIR --out data/models/NAME.json`, or set SNIPER_MODEL / --model',
  run: 'run `sniper backtest --lake DIR --out data/runs/ID`, or set SNIPER_RUN / --run',
};

const fromRoot = (p: string): string => (isAbsolute(p) ? p : join(REPO_ROOT, p));

/** A lake has at least one `<table>/date=*` folder. */
export function isLake(dir: string): boolean {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
  return readdirSync(dir, { withFileTypes: true }).some((t) =>
    t.isDirectory() && readdirSync(join(dir, t.name)).some((d) => d.startsWith('date=')));
}

/** The folder of Parquet tables `sniper calibrate` writes beside a model artifact. */
export function modelTablesDir(modelFile: string): string {
  return `${modelFile.replace(/\.json$/, '')}.tables`;
}

const isModel = (file: string): boolean => existsSync(file) && statSync(file).isFile() && existsSync(modelTablesDir(file));
const isRun = (dir: string): boolean => existsSync(join(dir, 'summary.json'));

/** Newest entry of `dir` that passes `ok`, or null. */
function newest(dir: string, ok: (path: string) => boolean): string | null {
  if (!existsSync(dir)) return null;
  const found = readdirSync(dir).map((n) => join(dir, n)).filter(ok)
    .map((p) => ({ p, t: statSync(p).mtimeMs })).sort((a, b) => b.t - a.t);
  return found[0]?.p ?? null;
}

function pick(kind: SourceKind, fromEnv: string | undefined, ok: (p: string) => boolean, defaults: readonly (() => string | null)[]): Source {
  if (fromEnv !== undefined) {
    const path = fromRoot(fromEnv);
    return ok(path) ? { kind, present: true, path, from: 'env' }
      : { kind, present: false, path, message: `no ${kind} at ${path}: ${HOW_TO_MAKE[kind]}` };
  }
  for (const candidate of defaults) {
    const path = candidate();
    if (path !== null && ok(path)) return { kind, present: true, path, from: 'default' };
  }
  return { kind, present: false, path: null, message: `no ${kind} found under data/ yet: ${HOW_TO_MAKE[kind]}` };
}

export function resolveSources(env: Record<string, string | undefined> = process.env): Sources {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`bad SNIPER_* environment: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const data = (...p: string[]) => join(REPO_ROOT, 'data', ...p);
  return {
    lake: pick('lake', e.SNIPER_LAKE, isLake, [() => data('lake'), () => data('demo', 'lake-history'), () => data('demo', 'lake-live')]),
    model: pick('model', e.SNIPER_MODEL, isModel, [
      () => newest(data('models'), (p) => p.endsWith('.json') && isModel(p)),
      () => data('demo', 'models', 'demo-model.json'),
    ]),
    run: pick('run', e.SNIPER_RUN, isRun, [() => newest(data('runs'), isRun), () => data('demo', 'runs', 'demo-backtest')]),
  };
}
