/** The readable report `sniper backtest` prints. */
import type { BacktestResult } from './engine.ts';

const pct = (x: number) => `${x.toFixed(2)} %`;
const money = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

export function formatReport(r: BacktestResult, strategy: string, outDir: string, initialQuote: number): string {
  const m = r.metrics;
  const lines = [
    `backtest ${strategy}: ${r.events.toLocaleString('en-US')} events in ${(r.elapsedMs / 1000).toFixed(1)} s (${Math.round(r.events / Math.max(r.elapsedMs / 1000, 1e-9)).toLocaleString('en-US')} events/s)`,
    `  equity      ${initialQuote.toFixed(2)} → ${m.finalEquity.toFixed(2)}  pnl ${money(m.pnl)} (${pct(m.returnPct)})  max drawdown ${pct(m.maxDrawdownPct)}`,
    `  trades      ${m.trades}  wins ${m.wins} (${pct(m.winRate * 100)})  EV/trade ${money(m.evPerTrade)}  sharpe/trade ${m.sharpe.toFixed(2)}  fees ${m.feesQuote.toFixed(4)}`,
    `  venue       ${r.venue.orders} orders, ${r.venue.fills} fills, rejects ${Object.entries(r.venue.rejects).map(([k, v]) => `${k}×${v}`).join(' ') || 'none'}`,
    `  latency     median ${r.latency.medianMs.toFixed(1)} ms, σ ${r.latency.sigma.toFixed(2)} (${r.latency.source})`,
    `  decisions   ${r.decisions.records.length}  hash ${r.decisions.hash().slice(0, 16)}…`,
  ];
  const listed = r.listings.filter((l) => l.decisions.length > 0 || l.trades > 0);
  if (listed.length > 0) {
    const counts = new Map<string, number>();
    for (const l of listed) counts.set(l.outcome, (counts.get(l.outcome) ?? 0) + 1);
    lines.push(`  symbols     ${listed.length}: ${[...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const best = [...listed].filter((l) => l.trades > 0).sort((a, b) => b.pnl - a.pnl);
    for (const l of [...best.slice(0, 3), ...best.slice(-3).filter((x) => !best.slice(0, 3).includes(x))]) {
      lines.push(`    ${l.symbol.padEnd(14)} ${money(l.pnl).padStart(10)}  ${l.exitReasons.join(',')}${l.score === null ? '' : `  score ${l.score.toFixed(1)}`}`);
    }
  }
  lines.push(`  written to  ${outDir}`);
  return `${lines.join('\n')}\n`;
}
