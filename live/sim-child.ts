/**
 * `sniper live --venue sim` without URLs starts its own `sniper sim` as a child process and waits
 * for its ready line. (ingest/testing/sim-process.ts does the same for tests, but its ready-line
 * time-out stays armed after the line arrives and holds the process open for 15 s; this one
 * clears it.)
 */
import { join } from 'node:path';
import { z } from 'zod';

const CLI = join(import.meta.dir, '..', 'cli', 'sniper.ts');
const readySchema = z.looseObject({ ready: z.literal(true), rest: z.string(), ws: z.string() });

export interface SimChild {
  readonly rest: string;
  readonly ws: string;
  stop(): Promise<void>;
}

export async function startSimChild(args: readonly string[], timeoutMs = 15_000): Promise<SimChild> {
  const child = Bun.spawn([process.execPath, CLI, 'sim', ...args], { stdout: 'pipe', stderr: 'ignore' });
  const reader = child.stdout.getReader();
  let buf = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), timeoutMs);
  });
  try {
    while (!buf.includes('\n')) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === 'timeout' || next.done) throw new Error(`sniper sim printed no ready line within ${timeoutMs} ms (${buf.slice(0, 200)})`);
      buf += new TextDecoder().decode(next.value);
    }
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  void child.stdout.pipeTo(new WritableStream()).catch(() => undefined);
  const ready = readySchema.parse(JSON.parse(buf.slice(0, buf.indexOf('\n'))));
  return {
    rest: ready.rest,
    ws: ready.ws,
    async stop() {
      child.kill('SIGTERM');
      let t: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([child.exited, new Promise((r) => (t = setTimeout(r, 3000)))]);
      clearTimeout(t);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
