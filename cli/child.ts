/**
 * Running `sniper` subcommands as child processes (the demo, end-to-end tests): the command line
 * is printed, output is streamed with an indent, and long-lived children (the sim) are started
 * once they print their JSON ready line.
 */
import type { Subprocess } from 'bun';
import type { CommandIo } from './command.ts';

function show(args: readonly string[]): string {
  const i = args.findIndex((a) => a.endsWith('sniper.ts'));
  return `sniper ${args.slice(i + 1).map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}`;
}

async function forward(stream: ReadableStream<Uint8Array>, sink: NodeJS.WritableStream, indent: string): Promise<void> {
  const decoder = new TextDecoder();
  let partial = '';
  for await (const chunk of stream) {
    const lines = (partial + decoder.decode(chunk, { stream: true })).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') sink.write(`${indent}${line}\n`);
  }
  if (partial.trim() !== '') sink.write(`${indent}${partial}\n`);
}

/** Run to completion, streaming output; resolves to the exit code. */
export async function runChild(exe: string, args: readonly string[], io: CommandIo): Promise<number> {
  io.stdout.write(`   $ ${show(args)}\n`);
  const proc = Bun.spawn([exe, ...args], { stdout: 'pipe', stderr: 'pipe', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
  await Promise.all([forward(proc.stdout, io.stdout, '   │ '), forward(proc.stderr, io.stdout, '   │ ')]);
  const code = await proc.exited;
  if (code !== 0) io.stderr.write(`   ✗ ${show(args)} exited with ${code}\n`);
  return code;
}

export interface ChildHandle {
  /** The parsed JSON ready line. */
  readonly ready: unknown;
  stop(): Promise<void>;
}

/** Start a long-lived child and wait (up to `timeoutMs`) for its first stdout line, a JSON object. */
export async function startChild(exe: string, args: readonly string[], io: CommandIo, timeoutMs = 30_000): Promise<ChildHandle> {
  io.stdout.write(`   $ ${show(args)} &\n`);
  const proc: Subprocess<'ignore', 'pipe', 'pipe'> = Bun.spawn([exe, ...args], {
    stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  const errText: string[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of proc.stderr) errText.push(decoder.decode(chunk));
  })();
  const reader = proc.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const deadline = setTimeout(() => proc.kill(), timeoutMs);
  try {
    while (!buffered.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`${show(args)} exited before it was ready: ${errText.join('').trim().slice(-500)}`);
      buffered += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(deadline);
  }
  reader.releaseLock();
  const ready: unknown = JSON.parse(buffered.slice(0, buffered.indexOf('\n')));
  return {
    ready,
    async stop() {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await proc.exited;
      clearTimeout(timer);
    },
  };
}
