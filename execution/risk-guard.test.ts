import { describe, expect, test } from 'bun:test';
import type { PlaceOrderCommand } from '../core/commands.ts';
import { Portfolio } from '../core/portfolio.ts';
import { Rng } from '../core/rng.ts';
import type { StrategyContext } from '../core/strategy.ts';
import { defaultRules } from './instrument.ts';
import { RiskGuard, riskParamsSchema } from './risk-guard.ts';

const NOW = 1_800_000_000_000;

function ctx(pf: Portfolio, nowMs = NOW): StrategyContext {
  return {
    now: nowMs, nowUs: nowMs * 1000, rng: new Rng(1), book: () => undefined, lastPrice: () => 1, portfolio: pf,
    instrument: (s) => defaultRules(s, 1), confidence: () => undefined,
  };
}
const buy = (symbol: string, quoteQty: number): PlaceOrderCommand => ({ type: 'place_order', clientOrderId: `${symbol}-${quoteQty}`, symbol, side: 'buy', orderType: 'MARKET', quoteQty, reason: 't' });
const fill = (symbol: string, side: 'buy' | 'sell', price: number, qty: number, tsMs: number) => ({
  type: 'fill' as const, symbol, clientOrderId: 'x', tradeId: 'x', side, price, qty, quoteQty: price * qty, fee: 0, feeAsset: 'USDT', isMaker: false, tsEvent: tsMs, tsRecv: tsMs * 1000, seq: 1,
});
const portfolio = (quote = 1000) => new Portfolio('USDT', quote, () => 2, (s) => s.replace('USDT', ''));

describe('RiskGuard', () => {
  test('per-order notional, exposure, balance and max positions, each with its rule', () => {
    const g = new RiskGuard(riskParamsSchema.parse({ maxOrderQuote: 100, maxExposureQuote: 150, maxConcurrentPositions: 1 }));
    const pf = portfolio(120);
    expect(g.check(buy('AUSDT', 101), ctx(pf))?.rule).toBe('order_notional');
    expect(g.check(buy('AUSDT', 100), ctx(pf))).toBeUndefined();
    pf.applyFill(fill('AUSDT', 'buy', 1, 100, NOW), 'entry');
    expect(g.check(buy('BUSDT', 10), ctx(pf))?.rule).toBe('max_positions');
    expect(g.check(buy('AUSDT', 60), ctx(pf))?.rule).toBe('max_exposure');
    expect(g.check(buy('AUSDT', 30), ctx(pf))?.rule).toBe('balance');
    expect(g.check({ ...buy('AUSDT', 0), side: 'sell', quoteQty: undefined, qty: 100 }, ctx(pf))).toBeUndefined();
  });

  test('daily loss limit and the pause after consecutive losses', () => {
    const g = new RiskGuard(riskParamsSchema.parse({ dailyLossLimitQuote: 15, pauseAfterLosses: 2, pauseMs: 60_000, maxConcurrentPositions: 10 }));
    const pf = portfolio();
    pf.applyFill(fill('AUSDT', 'buy', 1, 100, NOW), 'e');
    pf.applyFill(fill('AUSDT', 'sell', 0.9, 100, NOW + 1), 'stop_loss');
    expect(g.check(buy('CUSDT', 10), ctx(pf, NOW + 2))).toBeUndefined();
    pf.applyFill(fill('BUSDT', 'buy', 1, 10, NOW + 3), 'e');
    pf.applyFill(fill('BUSDT', 'sell', 0.95, 10, NOW + 4), 'stop_loss');
    expect(pf.consecutiveLosses()).toBe(2);
    expect(g.check(buy('CUSDT', 10), ctx(pf, NOW + 5))?.rule).toBe('loss_pause');
    const g2 = new RiskGuard(riskParamsSchema.parse({ dailyLossLimitQuote: 10, pauseAfterLosses: 0 }));
    expect(g2.check(buy('CUSDT', 10), ctx(pf, NOW + 5))?.rule).toBe('daily_loss');
    expect(g.check(buy('CUSDT', 10), ctx(pf, NOW + 70_000))).toBeUndefined();
  });

  test('order rate and the emergency stop', () => {
    const g = new RiskGuard(riskParamsSchema.parse({ maxOrdersPerSecond: 2 }));
    const pf = portfolio();
    for (let i = 0; i < 2; i++) {
      expect(g.check(buy('AUSDT', 10), ctx(pf, NOW + i))).toBeUndefined();
      g.accepted(buy('AUSDT', 10), ctx(pf, NOW + i));
    }
    expect(g.check(buy('AUSDT', 10), ctx(pf, NOW + 500))?.rule).toBe('order_rate');
    expect(g.check(buy('AUSDT', 10), ctx(pf, NOW + 1001))).toBeUndefined();
    const stop = new RiskGuard(riskParamsSchema.parse({ emergencyStop: 'true' }));
    expect(stop.check(buy('AUSDT', 10), ctx(pf))?.rule).toBe('emergency_stop');
  });
});
