/**
 * Building and previewing the notebooks: the work behind `sniper notebooks`. Prepares the
 * DuckDB database the SQL cells query, then runs Notebook Kit's Vite build under Node through
 * lib/notebooks-offline.mjs (libraries from node_modules, no network) into notebooks/dist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandIo } from '../../cli/command.ts';
import { reportSources, siteEnv, stopWithParent, type SiteOptions } from '../../dashboards/lib/site.ts';
import { resolveSources } from '../../dashboards/lib/sources.ts';
import { NotebooksError, prepareDatabase } from './database.ts';

export const NOTEBOOKS_DIR = resolve(import.meta.dir, '..');
export const NOTEBOOKS_DIST = join(NOTEBOOKS_DIR, 'dist');
const RUNNER = join(NOTEBOOKS_DIR, 'lib', 'notebooks-offline.mjs');
/** Code or stylesheets pulled from the internet when a page loads (static or dynamic imports). */
const REMOTE_IMPORT = /(\bimport\s*\(?\s*|\bfrom\s*|@import\s+(url\()?\s*)["'`]?https?:\/\//;

export { NotebooksError };

/** The notebooks: every *.html directly in notebooks/. */
export function notebookFiles(): string[] {
  return readdirSync(NOTEBOOKS_DIR).filter((f) => f.endsWith('.html')).sort();
}

function node(): string {
  const exe = Bun.which('node');
  if (exe === null) throw new NotebooksError('Notebook Kit runs under Node.js, and `node` is not on PATH');
  return exe;
}

async function prepare(opts: SiteOptions, io: CommandIo): Promise<Record<string, string | undefined>> {
  const env = siteEnv(opts);
  const sources = resolveSources(env);
  reportSources(sources, io);
  await prepareDatabase(NOTEBOOKS_DIR, sources);
  return env;
}

/** Built files that import code from the internet. */
export function remoteImports(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(html|js)$/.test(e.name) && REMOTE_IMPORT.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Refuses an output folder that holds anything but an earlier notebooks build (Vite empties it). */
function checkOutput(dir: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir);
  if (entries.length > 0 && !(entries.includes('assets') && entries.some((e) => e.endsWith('.html')))) {
    throw new NotebooksError(`${dir} is not empty and is not an earlier notebooks build: choose a new or empty folder`);
  }
}

export async function buildNotebooks(opts: SiteOptions, io: CommandIo): Promise<string[]> {
  const outDir = opts.out === undefined ? NOTEBOOKS_DIST : resolve(opts.out);
  checkOutput(outDir);
  const env = await prepare(opts, io);
  const files = notebookFiles();
  const started = performance.now();
  const proc = Bun.spawn([node(), RUNNER, 'build', outDir, ...files.map((f) => join(NOTEBOOKS_DIR, f))], {
    cwd: NOTEBOOKS_DIR, env, stdout: 'pipe', stderr: 'pipe', stdin: 'ignore',
  });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  const code = await proc.exited;
  if (opts.verbose || code !== 0) io.stderr.write(out + err);
  if (code !== 0) throw new NotebooksError(`the notebook build exited with ${code} (output above)`);
  const remote = remoteImports(outDir);
  if (remote.length > 0) throw new NotebooksError(`built notebooks import code from the internet: ${remote.join(', ')}`);
  const built = files.map((f) => join(outDir, f)).filter((f) => existsSync(f));
  io.stdout.write(`   built ${built.length} notebooks in ${((performance.now() - started) / 1000).toFixed(1)} s: ${built.join(', ')}\n`);
  return built;
}

export async function previewNotebooks(opts: SiteOptions & { port: number; host: string }, io: CommandIo): Promise<number> {
  const env = await prepare(opts, io);
  const proc = Bun.spawn([node(), RUNNER, 'preview', String(opts.port), opts.host], {
    cwd: NOTEBOOKS_DIR, env, stdout: 'inherit', stderr: 'inherit', stdin: 'ignore',
  });
  stopWithParent(proc);
  return proc.exited;
}
