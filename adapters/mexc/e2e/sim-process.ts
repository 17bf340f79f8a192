/**
 * `sniper sim` as a child process: the exact command a user runs, with --scenario/--faults. It
 * waits for the one ready line ({"ready":true,"rest","ws","apiKey","apiSecret"}), validates it
 * with zod, and stops the child with SIGTERM (the sim's own shutdown path).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const CLI = join(import.meta.dir, '..', '..', '..', 'cli', 'sniper.ts');

const readySchema = z.object({
  ready: z.literal(true),
  rest: z.url(),
  ws: z.string().startsWith('ws://'),
  apiKey: z.string().min(1),
  apiSecret: z.string().min(1),
});
export type SimReady = z.infer<typeof readySchema>;

export interface SimChild extends SimReady {
  stop(): Promise<void>;
}

/** Start `sniper sim --port 0 [--scenario <json written to a temp file>] ...args`. */
export async function spawnSim(args: readonly string[], scenario?: unknown, timeoutMs = 15_000): Promise<SimChild> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-sim-'));
  const scenarioArgs: string[] = [];
  if (scenario !== undefined) {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    scenarioArgs.push('--scenario', file);
  }
  const child = Bun.spawn([process.execPath, CLI, 'sim', '--port', '0', ...scenarioArgs, ...args], { stdout: 'pipe', stderr: 'pipe' });
  const reader = child.stdout.getReader();
  let buf = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!buf.includes('\n')) {
      const next = await Promise.race([reader.read(), Bun.sleep(Math.max(0, deadline - Date.now())).then(() => 'timeout' as const)]);
      if (next === 'timeout' || next.done) {
        const stderr = next === 'timeout' ? '' : await new Response(child.stderr).text();
        throw new Error(`sniper sim printed no ready line: ${buf.slice(0, 200)} ${stderr.slice(0, 400)}`);
      }
      buf += new TextDecoder().decode(next.value);
    }
  } catch (e) {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  reader.releaseLock();
  void child.stdout.pipeTo(new WritableStream()).catch(() => undefined);
  void child.stderr.pipeTo(new WritableStream()).catch(() => undefined);
  const ready = readySchema.parse(JSON.parse(buf.slice(0, buf.indexOf('\n'))));
  return {
    ...ready,
    async stop() {
      child.kill('SIGTERM');
      const exited = await Promise.race([child.exited, Bun.sleep(3000).then(() => 'slow' as const)]);
      if (exited === 'slow') child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
