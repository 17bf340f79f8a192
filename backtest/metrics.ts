/**
 * Run metrics. Definitions (also in backtest/README.md):
 * - pnl: final equity − initial quote (open positions marked at their last trade price);
 *   returnPct = pnl / initial × 100.
 * - trades: closed round trips; winRate: share with pnl > 0; evPerTrade: mean round-trip pnl.
 * - maxDrawdownPct: largest peak-to-trough fall of the equity samples, % of the peak.
 * - sharpe: mean / standard deviation of round-trip returns (per trade, not annualized);
 *   0 with fewer than two trades or no dispersion.
 */
import type { RoundTrip } from '../core/portfolio.ts';

export interface EquityPoint {
  readonly tsUs: number;
  readonly equity: number;
}

export interface RunMetrics {
  readonly trades: number;
  readonly wins: number;
  readonly winRate: number;
  readonly pnl: number;
  readonly realizedPnl: number;
  readonly returnPct: number;
  readonly maxDrawdownPct: number;
  readonly sharpe: number;
  readonly evPerTrade: number;
  readonly feesQuote: number;
  readonly finalEquity: number;
}

export function maxDrawdownPct(equity: readonly EquityPoint[]): number {
  let peak = -Infinity;
  let worst = 0;
  for (const p of equity) {
    if (p.equity > peak) peak = p.equity;
    if (peak > 0) worst = Math.max(worst, (peak - p.equity) / peak);
  }
  return worst * 100;
}

export function computeMetrics(trips: readonly RoundTrip[], equity: readonly EquityPoint[], initial: number, finalEquity: number): RunMetrics {
  const n = trips.length;
  const wins = trips.filter((t) => t.pnl > 0).length;
  const realized = trips.reduce((s, t) => s + t.pnl, 0);
  const rets = trips.map((t) => t.returnPct);
  const mean = n > 0 ? rets.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(rets.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1)) : 0;
  const pnl = finalEquity - initial;
  return {
    trades: n,
    wins,
    winRate: n > 0 ? wins / n : 0,
    pnl,
    realizedPnl: realized,
    returnPct: initial > 0 ? (pnl / initial) * 100 : 0,
    maxDrawdownPct: maxDrawdownPct(equity),
    sharpe: sd > 0 ? mean / sd : 0,
    evPerTrade: n > 0 ? realized / n : 0,
    feesQuote: trips.reduce((s, t) => s + t.feesQuote, 0),
    finalEquity,
  };
}
