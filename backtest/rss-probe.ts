/**
 * `bun backtest/rss-probe.ts LAKE [STRATEGY]`: run one backtest and print one JSON line with the
 * events, the elapsed time and this process's peak RSS (Linux VmHWM). The benchmark runs it in a
 * child process per lake so each figure is that run's own peak.
 */
import { runBacktest } from './engine.ts';
import { strategyByName } from '../strategies/index.ts';

const lake = process.argv[2];
const strategy = strategyByName(process.argv[3] ?? 'listing-sniper');
if (lake === undefined || strategy === undefined) {
  process.stderr.write('usage: bun backtest/rss-probe.ts LAKE [STRATEGY]\n');
  process.exit(2);
}
const r = await runBacktest({ lakeDir: lake, strategy, params: strategy.name === 'listing-sniper' ? { minScore: 0 } : {} });
const status = await Bun.file('/proc/self/status').text().catch(() => '');
const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
process.stdout.write(`${JSON.stringify({ events: r.events, elapsedMs: r.elapsedMs, peakRssBytes: hwm ? Number(hwm[1]) * 1024 : process.memoryUsage().rss })}\n`);
