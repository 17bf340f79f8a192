#!/usr/bin/env bun
/**
 * The whole test suite (`npm test`): the type check, then every `*.test.ts` under `bun test`.
 * Output streams through; the last line is `N passed, N failed` (the type check counts as one
 * test). Exit code 0 only when nothing failed.
 *
 *   npm test                 everything
 *   npm test -- ingest sim   only test files whose path matches these filters (type check skipped)
 */
import { join } from 'node:path';

const root = join(import.meta.dir, '..');
const filters = process.argv.slice(2);
let passed = 0;
let failed = 0;

async function pipe(stream: ReadableStream<Uint8Array>, sink: NodeJS.WriteStream, keep: string[]): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    const text = decoder.decode(chunk, { stream: true });
    sink.write(text);
    keep.push(text);
  }
}

if (filters.length === 0) {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  process.stderr.write('== type check (tsc --noEmit)\n');
  const r = Bun.spawnSync([tsc, '--noEmit', '-p', root], { stdout: 'pipe', stderr: 'pipe' });
  const out = r.stdout.toString() + r.stderr.toString();
  if (r.exitCode === 0) {
    passed++;
    process.stderr.write('typecheck: ok\n');
  } else {
    failed++;
    process.stderr.write(`${out}\ntypecheck: FAILED\n`);
  }
}

process.stderr.write('== bun test\n');
// bunfig's [test] timeout is not applied by this Bun, so the per-test limit is passed here.
const proc = Bun.spawn([process.execPath, 'test', '--timeout', '60000', ...filters], {
  cwd: root,
  stdout: 'pipe',
  stderr: 'pipe',
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
const captured: string[] = [];
await Promise.all([pipe(proc.stdout, process.stdout, captured), pipe(proc.stderr, process.stderr, captured)]);
const code = await proc.exited;
const text = captured.join('');
const pass = /^\s*(\d+) pass\s*$/m.exec(text);
const fail = /^\s*(\d+) fail\s*$/m.exec(text);
if (pass === null && fail === null) {
  process.stderr.write(`bun test ended (exit ${code}) without a summary: counting it as a failure\n`);
  failed++;
} else {
  passed += Number(pass?.[1] ?? 0);
  failed += Number(fail?.[1] ?? 0);
  if (code !== 0 && Number(fail?.[1] ?? 0) === 0) {
    process.stderr.write(`bun test exited ${code} with no failed test (an error outside a test): counting it as a failure\n`);
    failed++;
  }
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
