/** Replay serves a lake's recorded frames to subscribers byte for byte. */
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../config/scenario.ts';
import { generateLake } from '../generate/generate-lake.ts';
import { connect } from '../testing/sim-harness.ts';
import { loadReplayFrames, startReplay } from './replay-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'sim-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a subscriber receives exactly the recorded frames of its channel, in order', async () => {
  const scenario = parseScenario({ seed: 2, established: [] });
  await generateLake({ scenario, lake: dir, listings: 2, startMs: Date.UTC(2026, 3, 1), meanSpacingMs: 600_000, tradeMs: 120_000, rawMs: 5_000 });
  const frames = await loadReplayFrames(dir);
  const channel = frames[0]!.channel;
  const want = frames.filter((f) => f.channel === channel).map((f) => f.bytes);
  expect(want.length).toBeGreaterThan(3);
  const replay = await startReplay({ lake: dir, speed: 'max', host: '127.0.0.1', port: 0, scenario });
  try {
    const c = await connect(replay.ws);
    c.send({ method: 'SUBSCRIPTION', params: [channel] });
    await replay.finished;
    await c.until(() => c.frames.length >= want.length);
    expect(c.texts[0]).toBe(`{"id":0,"code":0,"msg":"${channel}"}`);
    expect(c.frames.length).toBe(want.length);
    c.frames.forEach((f, i) => expect(Buffer.compare(Buffer.from(f), Buffer.from(want[i]!))).toBe(0));
    const stats = (await (await fetch(`${replay.rest}/_sim/stats`)).json()) as { sent: Record<string, number> };
    expect(stats.sent[channel]).toBe(want.length);
    c.close();
  } finally {
    await replay.stop();
  }
});
