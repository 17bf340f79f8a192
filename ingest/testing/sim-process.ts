/**
 * Start `sniper sim` as a child process for tests and wait for its ready line.
 */
import { join } from 'node:path';

export interface SimProcess {
  readonly rest: string;
  readonly ws: string;
  stats(): Promise<SimStatsAnswer>;
  stop(): Promise<void>;
}

export interface SimStatsAnswer {
  readonly now: number;
  readonly sent: Record<string, number>;
  readonly faults: Record<string, number>;
  readonly listings: Array<{ symbol: string; firstOpenTime: number; openedAt: number | null }>;
}

const CLI = join(import.meta.dir, '..', '..', 'cli', 'sniper.ts');

export async function startSim(args: readonly string[], timeoutMs = 15_000): Promise<SimProcess> {
  const child = Bun.spawn([process.execPath, CLI, 'sim', ...args], { stdout: 'pipe', stderr: 'ignore' });
  const reader = child.stdout.getReader();
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  while (!buf.includes('\n')) {
    const next = await Promise.race([reader.read(), Bun.sleep(Math.max(0, deadline - Date.now())).then(() => 'timeout' as const)]);
    if (next === 'timeout' || next.done) {
      child.kill();
      throw new Error(`sniper sim printed no ready line (${buf.slice(0, 200)})`);
    }
    buf += new TextDecoder().decode(next.value);
  }
  reader.releaseLock();
  void child.stdout.pipeTo(new WritableStream()).catch(() => undefined);
  const ready = JSON.parse(buf.slice(0, buf.indexOf('\n'))) as { ready: boolean; rest: string; ws: string };
  if (!ready.ready) throw new Error(`unexpected ready line ${buf}`);
  return {
    rest: ready.rest,
    ws: ready.ws,
    async stats() {
      return (await (await fetch(`${ready.rest}/_sim/stats`)).json()) as SimStatsAnswer;
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([child.exited, Bun.sleep(3000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
