/**
 * kill -9 of a real `sniper record` process in the middle of a recording, then a restart: the
 * lake holds every frame the sim had sent up to about a second before the kill.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLakeTable, type LakeRow } from '../lake/read-lake.ts';
import { startSim, type SimProcess } from './testing/sim-process.ts';

const CLI = join(import.meta.dir, '..', 'cli', 'sniper.ts');
let sim: SimProcess;
let root: string;
const children: Array<ReturnType<typeof Bun.spawn>> = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'record-kill-'));
  sim = await startSim(['--speed', '5', '--listings', '0', '--symbols', 'BTCUSDT,ETHUSDT']);
}, 20_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await sim?.stop();
  rmSync(root, { recursive: true, force: true });
});

const total = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);

test('kill -9 mid-recording loses at most about a second; the restart recovers the log and records on', async () => {
  const lake = join(root, 'lake');
  const args = [CLI, 'record', '--venue', 'sim', '--rest', sim.rest, '--ws', sim.ws, '--lake', lake, '--symbols', 'BTCUSDT,ETHUSDT'];
  const first = Bun.spawn([process.execPath, ...args, '--duration', '60'], { stdout: 'ignore', stderr: 'ignore' });
  children.push(first);
  // wait until frames flow, then note what the sim has sent a second before the kill
  const deadline = Date.now() + 15_000;
  while (total((await sim.stats()).sent) < 500 && Date.now() < deadline) await Bun.sleep(100);
  await Bun.sleep(2000);
  const sentSecondBefore = total((await sim.stats()).sent);
  await Bun.sleep(1000);
  first.kill('SIGKILL');
  await first.exited;
  const sentAtKill = total((await sim.stats()).sent);

  const second = Bun.spawn([process.execPath, ...args, '--duration', '3'], { stdout: 'ignore', stderr: 'pipe' });
  children.push(second);
  const stderr = await new Response(second.stderr).text();
  expect({ exit: await second.exited, stderr: stderr.slice(-400) }).toMatchObject({ exit: 0 });
  expect(stderr).toContain('recovered');
  expect(stderr).toContain('recorded ');

  const raw = await readLakeTable(lake, 'raw_frames', { where: "kind = 'ws_binary'" });
  // connection ids carry a per-run token: rec-<token>-c0-g0
  const runOf = (r: LakeRow) => (r.conn_id as string).split('-')[1]!;
  const runs = [...new Set(raw.map(runOf))];
  expect({ runs: runs.length, stderr: stderr.slice(-400) }).toMatchObject({ runs: 2 });
  const firstToken = raw[0] ? runOf(raw[0]) : '';
  const recoveredFirst = raw.filter((r) => runOf(r) === firstToken).length;
  expect(recoveredFirst).toBeGreaterThanOrEqual(sentSecondBefore - 5);
  expect(recoveredFirst).toBeLessThanOrEqual(sentAtKill);
  expect(raw.length).toBeGreaterThan(recoveredFirst); // the restart recorded on
}, 40_000);
