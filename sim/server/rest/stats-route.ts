/** GET /_sim/stats: what the sim sent, which faults it injected, the orders it got, the listings. */
import type { Exchange } from '../exchange.ts';

export function simStatsBody(ex: Exchange, now: number): Record<string, unknown> {
  return {
    now,
    sent: Object.fromEntries(ex.stats.sent),
    faults: Object.fromEntries(ex.stats.faults),
    orders: ex.stats.orders,
    listings: ex.market.listings.map((p) => {
      const m = ex.market.symbols.get(p.symbol)!;
      return {
        symbol: p.symbol, vcoinId: p.vcoinId, createdAt: p.createdAt, firstOpenTime: p.scheduledOpen,
        openedAt: m.lastTicks === undefined ? null : p.actualOpen, scheduledOpen: p.scheduledOpen, actualOpen: p.actualOpen,
        apiTradable: p.apiTradable, marketOrders: p.marketOrders, deviation: p.deviation,
        statusTimeline: p.statusTimeline.map((c) => [c.atMs, ...c.tuple]),
      };
    }),
  };
}
