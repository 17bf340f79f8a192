/**
 * /_sim/stats with frame faults injected (--faults syntax): what the client received equals
 * sent − gap + duplicate, the frames it could not decode equal garbage + torn, duplicates show
 * up as repeated depth windows and gaps as version jumps the client can detect.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import type { BookDeltaEvent } from '../../../core/events.ts';
import { channels } from '../channels.ts';
import { BTC, e2eScenario, simStats, startE2eSim } from './harness.ts';
import { recordChannels, type E2eWsClient } from './ws-client.ts';

const faulty = startE2eSim(e2eScenario(), { faults: 'gap=0.05,duplicate=0.05,garbage=0.03,torn=0.03' });
const open: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of open) c.close();
  await faulty.stop();
});

const record = (url: string, subs: readonly string[], ms: number) => recordChannels(url, subs, ms, open);

describe('/_sim/stats fault counts against what the client received', () => {
  test('faults: received = sent − gap + duplicate; bad frames = garbage + torn; depth gaps seen as version jumps', async () => {
    const depth = channels.aggreDepth(BTC, '10ms');
    const c = await record(faulty.ws, [depth], 1500);
    const stats = await simStats(faulty.rest);
    const f = (name: string) => stats.faults[name] ?? 0;
    expect(f('gap') + f('duplicate') + f('garbage') + f('torn')).toBeGreaterThan(0);
    expect(c.frames.length + c.bad.length).toBe(stats.sent[depth]! - f('gap') + f('duplicate'));
    expect(c.bad.length).toBe(f('garbage') + f('torn'));
    // walk the versions: a duplicate repeats a window, a gap (or a garbled frame) skips versions
    let jumps = 0;
    let repeats = 0;
    let last: BookDeltaEvent | undefined;
    for (const e of c.on(depth).map((x) => x.events[0] as BookDeltaEvent)) {
      if (last !== undefined) {
        if (e.fromVersion === last.fromVersion && e.toVersion === last.toVersion) repeats++;
        else if (e.fromVersion !== last.toVersion + 1) jumps++;
        else expect(e.fromVersion).toBe(last.toVersion + 1);
      }
      last = e;
    }
    expect(repeats).toBe(f('duplicate'));
    expect(jumps).toBeGreaterThan(0);
    expect(jumps).toBeLessThanOrEqual(f('gap') + f('garbage') + f('torn'));
  });
});
