/**
 * A small real demo output for the dashboard and notebook tests: `sniper generate` (40 listings),
 * `sniper calibrate` and `sniper backtest`, run as the child commands a user would type. Made
 * once per test process (bun runs every test file in one process) and removed when it exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CommandIo } from '../../cli/command.ts';

export interface Fixture {
  readonly dir: string;
  readonly lake: string;
  readonly model: string;
  readonly run: string;
}

const SNIPER = join(import.meta.dir, '..', '..', 'cli', 'sniper.ts');
let pending: Promise<Fixture> | undefined;

async function sniper(args: string[]): Promise<void> {
  const proc = Bun.spawn([process.execPath, SNIPER, ...args], { stdout: 'pipe', stderr: 'pipe', env: { ...process.env, LOG_LEVEL: 'warn' } });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  if ((await proc.exited) !== 0) throw new Error(`sniper ${args.join(' ')} failed:\n${out}\n${err}`);
}

async function make(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sniper-dash-fixture-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const fx = { dir, lake: join(dir, 'lake'), model: join(dir, 'models', 'm.json'), run: join(dir, 'runs', 'r1') };
  await sniper(['generate', '--listings', '40', '--seed', '3', '--lake', fx.lake]);
  await sniper(['calibrate', '--lake', fx.lake, '--out', fx.model, '--bootstrap', '20']);
  await sniper(['backtest', '--lake', fx.lake, '--strategy', 'listing-sniper', '--model', fx.model, '--out', fx.run, '--seed', '3']);
  return fx;
}

export function demoFixture(): Promise<Fixture> {
  pending ??= make();
  return pending;
}

/** A CommandIo that keeps what a command prints. */
export function captureIo(): CommandIo & { text(): string } {
  const chunks: string[] = [];
  const sink = () => new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stdout: sink(), stderr: sink(), stdin: process.stdin, text: () => chunks.join('') };
}
