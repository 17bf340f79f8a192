/** A listing's opening seconds: competing snipers take the maker's asks before it refills. */
import { expect, test } from 'bun:test';
import { parseScenario } from '../config/scenario.ts';
import { planListing } from './listing-plan.ts';
import { SymbolMarket, SNIPER_REFILL_MS } from './symbol-market.ts';
import { ListingSource } from './trade-source.ts';
import { listingMakerStyle } from './market.ts';

test('sniper buys deplete the asks laid at the open until the maker refills', () => {
  const scenario = parseScenario({ seed: 4 });
  let depleted = 0;
  const ratios: number[] = [];
  for (let i = 0; i < 20; i++) {
    const plan = planListing(scenario, i, Date.UTC(2026, 0, 1) + i * 3_600_000);
    const m = new SymbolMarket(scenario.seed, plan.symbol, new ListingSource(scenario.seed, plan), listingMakerStyle(plan), plan);
    let t = Math.floor(plan.actualOpen / 10) * 10;
    while (m.lastTicks === undefined) {
      m.advance(t, t + 10);
      t += 10;
    }
    const askLots = () => m.makerLadder('ask').reduce((s, [, l]) => s + l, 0);
    const laid = askLots();
    let least = laid;
    for (let k = 0; k < (SNIPER_REFILL_MS - 20) / 10; k++) {
      m.advance(t, t + 10);
      t += 10;
      least = Math.min(least, askLots());
    }
    ratios.push(least / laid);
    if (least < laid) depleted++;
  }
  // the maker's own size changes move the total by a few per cent; snipers take far more
  expect(ratios.filter((r) => r < 0.9).length).toBeGreaterThanOrEqual(12);
  expect(depleted).toBeGreaterThan(12);
});
