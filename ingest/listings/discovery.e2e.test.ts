/**
 * Discovery's request pacing against the sim: near an open, defaultSymbols (weight 1) is polled at
 * the fast cadence but exchangeInfo (weight 25) only at its own, slower one, so that a recorder and a
 * live runner on one IP stay inside MEXC's 500-per-10-s budget per endpoint. Counted from what
 * discovery recorded (status rows by source), on a real sim over HTTP.
 */
import { afterAll, expect, test } from 'bun:test';
import { WallClock } from '../../core/clock.ts';
import { createLogger } from '../../core/logger.ts';
import { clientFor, e2eScenario, startE2eSim } from '../../adapters/mexc/e2e/harness.ts';
import type { TableName } from '../../lake/schema.ts';
import type { RowOf } from '../../lake/table-batch.ts';
import type { RowSink } from '../event-rows.ts';
import { FrameRecorder } from '../frame-recorder.ts';
import { ListingDiscovery } from './discovery.ts';

const sim = startE2eSim(e2eScenario({
  listings: { count: 1, firstOpenInSec: 120, lateShare: 0, notApiTradableShare: 0, marketDisabledShare: 0, apiMarketDisabledShare: 0 },
}));
afterAll(() => sim.stop());

test('near an open: defaultSymbols every fastMs, exchangeInfo only every infoFastMs', async () => {
  const rows: { table: TableName; row: unknown }[] = [];
  const sink: RowSink = { append: <T extends TableName>(table: T, row: RowOf<T>) => void rows.push({ table, row }) };
  const discovery = new ListingDiscovery(clientFor(sim), new FrameRecorder(sink), sink, new WallClock(), createLogger({ level: 'silent' }),
    () => {}, { fastMs: 200, infoFastMs: 1_000 });
  const t0 = Date.now();
  discovery.start();
  await Bun.sleep(3_100);
  await discovery.stop();
  const seconds = (Date.now() - t0) / 1000;
  const symbol = sim.exchange.market.listings[0]!.symbol;
  const status = rows.filter((r) => r.table === 'status').map((r) => r.row as { source: string; symbol: string });
  const bySource = (s: string) => status.filter((r) => r.source === s && r.symbol === symbol).length;
  // the loop sleeps 200 ms between passes, so "every 200 ms" is at most ~5 a second
  expect(bySource('default_symbols')).toBeGreaterThanOrEqual(8);
  expect(bySource('exchange_info')).toBeGreaterThanOrEqual(2);
  expect(bySource('exchange_info')).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  expect(bySource('exchange_info')).toBeLessThan(bySource('default_symbols') / 2);
  // each answer is kept as a raw rest frame too
  const raw = rows.filter((r) => r.table === 'raw_frames').map((r) => r.row as { channel: string });
  expect(raw.filter((r) => r.channel === '/api/v3/exchangeInfo').length).toBe(bySource('exchange_info'));
  console.log(`3.1 s near an open: ${bySource('default_symbols')} defaultSymbols polls, ${bySource('exchange_info')} exchangeInfo polls`);
  expect(discovery.pollErrors).toBe(0);
});
