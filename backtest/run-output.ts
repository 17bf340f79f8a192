/** A run folder: summary.json, trades.parquet, equity.parquet, decisions.parquet. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BacktestResult } from './engine.ts';
import { writeParquet } from './parquet-out.ts';

export interface RunInfo {
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly lake: string;
  readonly model: string | null;
  readonly seed: number;
  readonly initialQuote: number;
}

export function summaryOf(r: BacktestResult, info: RunInfo): Record<string, unknown> {
  const m = r.metrics;
  return {
    version: 1,
    strategy: info.strategy,
    params: info.params,
    lake: info.lake,
    model: info.model,
    seed: info.seed,
    range: r.range,
    initialQuote: info.initialQuote,
    trades: m.trades,
    wins: m.wins,
    winRate: m.winRate,
    pnl: m.pnl,
    realizedPnl: m.realizedPnl,
    returnPct: m.returnPct,
    maxDrawdownPct: m.maxDrawdownPct,
    sharpe: m.sharpe,
    evPerTrade: m.evPerTrade,
    feesQuote: m.feesQuote,
    finalEquity: m.finalEquity,
    events: r.events,
    elapsedMs: Math.round(r.elapsedMs),
    eventsPerSec: r.elapsedMs > 0 ? Math.round(r.events / (r.elapsedMs / 1000)) : null,
    latency: r.latency,
    venue: r.venue,
    decisions: r.decisions.records.length,
    decisionsHash: r.decisions.hash(),
    listings: r.listings,
  };
}

export async function writeRun(dir: string, r: BacktestResult, info: RunInfo): Promise<Record<string, unknown>> {
  mkdirSync(dir, { recursive: true });
  const summary = summaryOf(r, info);
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeParquet(join(dir, 'trades.parquet'), {
    symbol: 'VARCHAR', opened_us: 'BIGINT', closed_us: 'BIGINT', qty_bought: 'DOUBLE', cost_quote: 'DOUBLE', proceeds_quote: 'DOUBLE',
    fees_quote: 'DOUBLE', entry_price: 'DOUBLE', exit_price: 'DOUBLE', pnl: 'DOUBLE', return_pct: 'DOUBLE', exit_reason: 'VARCHAR',
  }, r.trades.map((t) => ({
    symbol: t.symbol, opened_us: t.openedUs, closed_us: t.closedUs, qty_bought: t.qtyBought, cost_quote: t.costQuote, proceeds_quote: t.proceedsQuote,
    fees_quote: t.feesQuote, entry_price: t.entryPrice, exit_price: t.exitPrice, pnl: t.pnl, return_pct: t.returnPct * 100, exit_reason: t.exitReason,
  })));
  await writeParquet(join(dir, 'equity.parquet'), { ts_us: 'BIGINT', equity: 'DOUBLE' }, r.equity.map((e) => ({ ts_us: e.tsUs, equity: e.equity })));
  await writeParquet(join(dir, 'decisions.parquet'), {
    ts_us: 'BIGINT', symbol: 'VARCHAR', kind: 'VARCHAR', decision: 'VARCHAR', reason: 'VARCHAR', data: 'VARCHAR',
  }, r.decisions.records.map((d) => ({ ts_us: d.tsUs, symbol: d.symbol, kind: d.kind, decision: d.decision, reason: d.reason, data: d.data })));
  return summary;
}
