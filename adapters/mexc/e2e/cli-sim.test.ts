/**
 * `sniper sim` started with its documented flags (--symbols, --listings, --first-open-in,
 * --speed, --seed) and used only through what it prints: the ready line's URLs and credentials,
 * the adapter's REST client and a WebSocket client. The scheduled listing appears in the
 * calendar, opens on the fast clock, trades on the WebSocket, and is listed as online.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { TradeEvent } from '../../../core/events.ts';
import { ackAccepts } from '../control.ts';
import { channels } from '../channels.ts';
import { MexcRestClient } from '../rest/client.ts';
import { intOf } from '../rest/wire-primitives.ts';
import { must } from './harness.ts';
import { spawnSim, type SimChild } from './sim-process.ts';
import { E2eWsClient } from './ws-client.ts';

let sim: SimChild;
let client: MexcRestClient;
let ws: E2eWsClient | undefined;
beforeAll(async () => {
  // the flags go on top of a scenario file (no late opens, so the open is at firstOpenTime).
  // 30 market seconds at speed 6 is 5 s of wall time: room for a loaded machine to reach the
  // calendar check before the open (4 s at speed 4 once came 40 ms too late in CI).
  sim = await spawnSim(['--symbols', 'ETHUSDT', '--listings', '1', '--first-open-in', '30', '--speed', '6', '--seed', '3'],
    { listings: { count: 5, firstOpenInSec: 9999, lateShare: 0 } });
  client = MexcRestClient.create({ baseUrl: sim.rest, webBaseUrl: sim.rest, apiKey: sim.apiKey, apiSecret: sim.apiSecret, recvWindow: 60_000 });
});
afterAll(async () => {
  ws?.close();
  await sim.stop();
});

describe('sniper sim with flags, driven by its ready line only', () => {
  test('--symbols and --listings shape the market; the listing opens on the fast clock and trades', async () => {
    const symbols = must(await client.exchangeInfo()).symbols;
    expect(symbols.map((s) => s.symbol)).toContain('ETHUSDT');
    expect(symbols.map((s) => s.symbol)).not.toContain('BTCUSDT');
    const coins = must(await client.calendar()).data.newCoins;
    expect(coins.length).toBe(1);
    const symbol = `${coins[0]!.vcoinName}USDT`;
    const opensAt = intOf(coins[0]!.firstOpenTime, 'firstOpenTime');
    const serverNow = intOf(must(await client.serverTime()).serverTime, 'serverTime');
    expect(opensAt - serverNow).toBeGreaterThan(0);
    expect(opensAt - serverNow).toBeLessThanOrEqual(30_000);

    ws = await E2eWsClient.connect(sim.ws);
    const deals = channels.aggreDeals(symbol, '100ms');
    expect(ackAccepts(await ws.request([deals]), [deals])).toBe(true);
    await ws.waitFrames(deals, 1, 15_000);
    const first = ws.on(deals)[0]!.events[0] as TradeEvent;
    expect(first.symbol).toBe(symbol);
    expect(first.tradeTime).toBeGreaterThanOrEqual(opensAt); // nothing trades before the open

    const listed = must(await client.exchangeInfo({ symbol })).symbols[0]!;
    expect(listed.status).toBe('1');
    const tradable = listed.isSpotTradingAllowed;
    expect(must(await client.defaultSymbols()).data.includes(symbol)).toBe(tradable);
  }, 30_000);
});
