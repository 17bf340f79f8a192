/** The readable end-of-run summary `sniper live` prints on stdout. */
import type { LiveSummary } from './run-summary.ts';

const n = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

export function formatLiveSummary(s: LiveSummary, outDir: string): string {
  const listings = (s.listings as Array<{ symbol: string; scheduledOpen: number | null; actualOpen: number | null }>) ?? [];
  const pending = (s.pendingOrders as Array<{ clientOrderId: string; state: string }>) ?? [];
  const feed = s.feed as Record<string, number>;
  const replay = s.replay as { command: string[] };
  const lines = [
    `live ${String(s.mode)} run ${String(s.runId)} on ${String(s.venue)}: ${n(s.durationSec)} s, ${n(s.events).toLocaleString('en-US')} events acted on`,
    `  listings   ${listings.length === 0 ? 'none seen' : listings.map((l) => `${l.symbol} (${l.actualOpen !== null ? 'opened' : l.scheduledOpen !== null ? `opens ${new Date(l.scheduledOpen).toISOString()}` : 'no schedule'})`).join(', ')}`,
    `  decisions  ${n(s.decisions)} (orders ${n(s.orders)}, refused by risk ${n(s.refused)}, fills ${n(s.fills)})`,
    `  trades     ${n(s.trades)} closed, realized ${n(s.realizedPnl).toFixed(4)} USDT, open positions ${n(s.openPositions)}, equity ${n(s.finalEquity).toFixed(4)}`,
    `  feed       ${feed.reconnects} reconnects, ${feed.versionGaps} book gaps, ${feed.malformed} malformed frames, ${feed.pollErrors} listing poll errors`,
    ...(pending.length > 0 ? [`  PENDING    ${pending.length} order(s) not settled at stop: ${pending.map((p) => `${p.clientOrderId} (${p.state})`).join(', ')}; check them on the exchange`] : []),
    ...(s.failure !== null ? [`  FAILED     the runner stopped: ${String(s.failure)}`] : []),
    `  hash       ${s.decisionsHash}`,
    `  folder     ${outDir} (summary.json, decisions/orders/fills.parquet, lake/)`,
    `  replay     ${replay.command.join(' ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
