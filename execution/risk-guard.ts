/**
 * Risk rules, checked by the runner before any order reaches a venue (backtest, paper and real
 * alike). A refusal never reaches the venue: the runner logs it as a `refused` decision with the
 * rule and reason, and the strategy receives a REJECTED order update ("risk:<rule>: ...").
 * Sells that reduce a position always pass except under the rate limit, so exits are never
 * blocked by exposure rules.
 */
import { z } from 'zod';
import type { PlaceOrderCommand } from '../core/commands.ts';
import type { OrderGuard } from '../core/runner.ts';
import type { StrategyContext } from '../core/strategy.ts';

export const riskParamsSchema = z.object({
  maxConcurrentPositions: z.coerce.number().int().min(0).default(3),
  /** Cost basis of open positions plus this order, quote. */
  maxExposureQuote: z.coerce.number().min(0).default(1000),
  maxOrderQuote: z.coerce.number().min(0).default(500),
  /** Stop buying for the UTC day once realized PnL is at or below −this. 0 disables. */
  dailyLossLimitQuote: z.coerce.number().min(0).default(200),
  /** Pause buying after this many losing round trips in a row. 0 disables. */
  pauseAfterLosses: z.coerce.number().int().min(0).default(3),
  pauseMs: z.coerce.number().min(0).default(3_600_000),
  /** Orders per second we allow ourselves (below the venue's 12/s). */
  maxOrdersPerSecond: z.coerce.number().positive().default(10),
  /** Refuse every buy (kill switch). */
  emergencyStop: z.preprocess((v) => (typeof v === 'string' ? v === 'true' || v === '1' : v), z.boolean()).default(false),
});
export type RiskParams = z.output<typeof riskParamsSchema>;

export class RiskGuard implements OrderGuard {
  private readonly sent: number[] = [];
  constructor(readonly params: RiskParams) {}

  check(o: PlaceOrderCommand, ctx: StrategyContext): { rule: string; reason: string } | undefined {
    const p = this.params;
    const now = ctx.nowUs;
    while (this.sent.length > 0 && this.sent[0]! <= now - 1_000_000) this.sent.shift();
    if (this.sent.length >= p.maxOrdersPerSecond) return { rule: 'order_rate', reason: `${this.sent.length} orders in the last second (max ${p.maxOrdersPerSecond})` };
    if (o.side === 'sell') return undefined;
    const pf = ctx.portfolio;
    if (p.emergencyStop) return { rule: 'emergency_stop', reason: 'emergency stop is on' };
    const amount = o.quoteQty ?? (o.qty ?? 0) * (o.price ?? ctx.book(o.symbol)?.bestAsk() ?? ctx.lastPrice(o.symbol));
    if (!(amount > 0)) return { rule: 'order_notional', reason: 'order amount unknown (no price to value it)' };
    if (amount > p.maxOrderQuote) return { rule: 'order_notional', reason: `order ${amount.toFixed(2)} > max ${p.maxOrderQuote}` };
    const holding = pf.position(o.symbol) !== undefined;
    if (!holding && pf.openPositionCount() >= p.maxConcurrentPositions) {
      return { rule: 'max_positions', reason: `${pf.openPositionCount()} positions open (max ${p.maxConcurrentPositions})` };
    }
    const exposure = pf.exposureQuote();
    if (exposure + amount > p.maxExposureQuote) return { rule: 'max_exposure', reason: `exposure ${exposure.toFixed(2)} + ${amount.toFixed(2)} > max ${p.maxExposureQuote}` };
    const free = pf.balance(pf.quoteAsset).free;
    if (amount > free) return { rule: 'balance', reason: `order ${amount.toFixed(2)} > available ${free.toFixed(2)} ${pf.quoteAsset}` };
    const day = pf.dailyRealizedPnl(ctx.now);
    if (p.dailyLossLimitQuote > 0 && day <= -p.dailyLossLimitQuote) return { rule: 'daily_loss', reason: `realized today ${day.toFixed(2)} ≤ −${p.dailyLossLimitQuote}` };
    const losses = pf.consecutiveLosses();
    if (p.pauseAfterLosses > 0 && losses >= p.pauseAfterLosses && now < pf.lastCloseUs() + p.pauseMs * 1000) {
      return { rule: 'loss_pause', reason: `${losses} losses in a row; paused until ${new Date((pf.lastCloseUs() + p.pauseMs * 1000) / 1000).toISOString()}` };
    }
    return undefined;
  }

  accepted(_o: PlaceOrderCommand, ctx: StrategyContext): void {
    this.sent.push(ctx.nowUs);
  }
}
