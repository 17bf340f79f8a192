/**
 * Building and previewing the dashboards: the work behind `sniper dashboards`. Sources come from
 * flags (made absolute) or the environment, the loader cache is cleared so every page reflects
 * the sources chosen now, and Framework runs under Node through lib/framework-offline.mjs (no
 * network). After a build the site is checked for CDN references.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandIo } from '../../cli/command.ts';
import { SniperError } from '../../core/errors.ts';
import { resolveSources, type Source, type Sources } from './sources.ts';

export const DASHBOARDS_DIR = resolve(import.meta.dir, '..');
export const DIST_DIR = join(DASHBOARDS_DIR, 'dist');
const RUNNER = join(DASHBOARDS_DIR, 'lib', 'framework-offline.mjs');
/** Where Framework caches loader outputs (the bundled node_modules beside it are kept). */
const LOADER_CACHE = join(DASHBOARDS_DIR, 'src', '.observablehq', 'cache', 'data');
/** Anything in a built page that would reach out to the internet when it is opened. */
const REMOTE = /https:\/\/(cdn\.jsdelivr\.net|esm\.sh|unpkg\.com|fonts\.googleapis\.com|fonts\.gstatic\.com)|["']npm:/;

export interface SiteOptions {
  readonly lake?: string | undefined;
  readonly model?: string | undefined;
  readonly run?: string | undefined;
  /** Print Framework's own output as it runs (otherwise only on failure). */
  readonly verbose?: boolean;
  /** Build output folder (default dashboards/dist). */
  readonly out?: string | undefined;
}

/** The dashboards could not be built or served (the message says why and what to do). */
export class DashboardsError extends SniperError {
  readonly code = 'dashboards_failed' as const;
}

/** The environment the loaders see: flags win over SNIPER_* variables already set. */
export function siteEnv(opts: SiteOptions, base: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base, OBSERVABLE_TELEMETRY_DISABLE: 'true' };
  if (opts.lake !== undefined) env.SNIPER_LAKE = resolve(opts.lake);
  if (opts.model !== undefined) env.SNIPER_MODEL = resolve(opts.model);
  if (opts.run !== undefined) env.SNIPER_RUN = resolve(opts.run);
  if (process.versions.bun !== undefined) env.SNIPER_BUN ??= process.execPath;
  return env;
}

function describe(s: Source): string {
  return s.present ? `${s.kind.padEnd(5)} ${s.path}` : `${s.kind.padEnd(5)} MISSING: ${s.message}`;
}

export function reportSources(sources: Sources, io: CommandIo): void {
  for (const s of [sources.lake, sources.model, sources.run]) io.stdout.write(`   ${describe(s)}\n`);
  if (!sources.lake.present && !sources.model.present && !sources.run.present) {
    io.stdout.write('   no data yet: the pages will say so. Run `sniper demo` first, or pass --lake/--model/--run.\n');
  }
}

function nodeExecutable(): string {
  const node = Bun.which('node');
  if (node === null) throw new DashboardsError('Observable Framework runs under Node.js, and `node` is not on PATH');
  return node;
}

/** Files in the built site that reference a CDN or an npm: import. */
export function remoteReferences(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(html|js|css)$/.test(e.name) && REMOTE.test(readFileSync(p, 'utf8'))) found.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

async function collect(stream: ReadableStream<Uint8Array>, sink: string[], echo: NodeJS.WritableStream | null): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    const text = decoder.decode(chunk, { stream: true });
    sink.push(text);
    echo?.write(text);
  }
}

/** Empties the output folder, refusing one that holds anything but an earlier build. */
function clearOutput(dir: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir);
  // Framework writes only pages and _-prefixed folders (_observablehq, _file, _node, _import, _npm)
  if (!entries.every((e) => e.endsWith('.html') || e.startsWith('_'))) {
    throw new DashboardsError(`${dir} is not empty and is not an earlier dashboards build: choose a new or empty folder`);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** `observable build` into dashboards/dist (or `opts.out`). Returns the built HTML pages. */
export async function buildDashboards(opts: SiteOptions, io: CommandIo): Promise<string[]> {
  const env = siteEnv(opts);
  const outDir = opts.out === undefined ? DIST_DIR : resolve(opts.out);
  env.SNIPER_DASHBOARDS_OUT = outDir;
  reportSources(resolveSources(env), io);
  clearOutput(outDir);
  rmSync(LOADER_CACHE, { recursive: true, force: true });
  const started = performance.now();
  const proc = Bun.spawn([nodeExecutable(), RUNNER, 'build'], { cwd: DASHBOARDS_DIR, env, stdout: 'pipe', stderr: 'pipe', stdin: 'ignore' });
  const log: string[] = [];
  const echo = opts.verbose ? io.stderr : null;
  await Promise.all([collect(proc.stdout, log, echo), collect(proc.stderr, log, echo)]);
  const code = await proc.exited;
  if (code !== 0) {
    const tail = log.join('').replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-25).join('\n');
    throw new DashboardsError(`observable build exited with ${code}; its last lines:\n${tail}`);
  }
  const remote = remoteReferences(outDir);
  if (remote.length > 0) throw new DashboardsError(`the built site would fetch from the internet: ${remote.join(', ')}`);
  const pages = readdirSync(outDir).filter((f) => f.endsWith('.html')).map((f) => join(outDir, f));
  io.stdout.write(`   built ${pages.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s: ${join(outDir, 'index.html')}\n`);
  return pages;
}

/** Ends a long-lived child (a preview server) when this process is interrupted or ends. */
export function stopWithParent(proc: { kill(signal?: number | NodeJS.Signals): void }): void {
  const stop = (): void => proc.kill('SIGTERM');
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
}

/** `observable preview` on localhost; prints the URL and runs until the process is stopped. */
export async function previewDashboards(opts: SiteOptions & { port: number; host: string }, io: CommandIo): Promise<number> {
  const env = siteEnv(opts);
  reportSources(resolveSources(env), io);
  rmSync(LOADER_CACHE, { recursive: true, force: true });
  const proc = Bun.spawn([nodeExecutable(), RUNNER, 'preview', '--no-open', '--host', opts.host, '--port', String(opts.port)], {
    cwd: DASHBOARDS_DIR, env, stdout: 'pipe', stderr: 'inherit', stdin: 'ignore',
  });
  stopWithParent(proc);
  const decoder = new TextDecoder();
  let announced = false;
  for await (const chunk of proc.stdout) {
    const text = decoder.decode(chunk, { stream: true });
    if (opts.verbose) io.stderr.write(text);
    const url = /https?:\/\/[^\s/]+\//.exec(text.replace(/\x1b\[[0-9;]*m/g, ''));
    if (!announced && url !== null) {
      announced = true;
      io.stdout.write(`dashboards: ${url[0]}\n`);
    }
  }
  return proc.exited;
}
