/**
 * Live means wall-clock time: the strategy fires on local receive times while listings are
 * scheduled in venue time. A sim running faster than real time (`sniper sim --speed 10`), or a
 * venue clock far off ours, would make every decision at the wrong moment. Two syncTime answers
 * half a second apart tell both the offset and the rate.
 */
import type { MexcRestClient } from '../adapters/mexc/rest/client.ts';

export interface VenueClockReport {
  readonly offsetMs: number;
  /** Venue milliseconds per local millisecond (1 = real time). */
  readonly rate: number;
  /** A sentence for a person when something is wrong, else undefined. */
  readonly problem: string | undefined;
}

export async function checkVenueClock(client: MexcRestClient, gapMs = 500): Promise<VenueClockReport | undefined> {
  const a = await client.syncTime();
  await Bun.sleep(gapMs);
  const b = await client.syncTime();
  if (!a.ok || !b.ok) return undefined;
  const local = b.value.serverTimeMs - b.value.offsetMs - (a.value.serverTimeMs - a.value.offsetMs);
  const rate = local > 0 ? (b.value.serverTimeMs - a.value.serverTimeMs) / local : 1;
  const offsetMs = b.value.offsetMs;
  let problem: string | undefined;
  if (rate > 1.5 || rate < 0.67) problem = `the venue's clock runs ${rate.toFixed(1)}× real time (a sim started with --speed?): live decisions would fire at the wrong moments; use a sim at --speed 1`;
  else if (Math.abs(offsetMs) > 5000) problem = `the venue's clock is ${(offsetMs / 1000).toFixed(1)} s ${offsetMs > 0 ? 'ahead of' : 'behind'} ours: scheduled opens are in venue time, so fix this machine's clock`;
  return { offsetMs, rate, problem };
}
