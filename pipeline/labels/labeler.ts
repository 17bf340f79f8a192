/**
 * Builds table `labels`: reads label_windows batch by batch, gives each listing's events to the
 * Labeler (default: the backtest fill model) and inserts the results.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readBatchEvents } from './event-rows.ts';
import { snipeLabeler } from './snipe-labeler.ts';
import type { Labeler, LabelParams, SnipeLabel } from './types.ts';

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : (v as number));

export const LABEL_COLUMNS = `symbol VARCHAR, status VARCHAR, attempts INTEGER, entry_ms BIGINT, entry_price DOUBLE,
  exit_ms BIGINT, exit_price DOUBLE, exit_reason VARCHAR, fees_quote DOUBLE, pnl_quote DOUBLE, net_return DOUBLE, success INTEGER`;

const lit = (v: number | null): string => (v === null || !Number.isFinite(v) ? 'NULL' : String(v));
const str = (v: string | null): string => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);

export async function insertLabels(conn: DuckDBConnection, labels: readonly SnipeLabel[]): Promise<void> {
  for (let i = 0; i < labels.length; i += 1000) {
    const rows = labels.slice(i, i + 1000).map((l) => `(${str(l.symbol)}, ${str(l.status)}, ${l.attempts}, ${lit(l.entryMs)}, ${lit(l.entryPrice)}, `
      + `${l.exitMs}, ${lit(l.exitPrice)}, ${str(l.exitReason)}, ${lit(l.feesQuote)}, ${lit(l.pnlQuote)}, ${lit(l.netReturn)}, ${l.success})`);
    await conn.run(`INSERT INTO labels VALUES ${rows.join(',')}`);
  }
}

/** Labels every listing in label_windows; returns how many. */
export async function labelListings(conn: DuckDBConnection, params: LabelParams, labeler: Labeler = snipeLabeler): Promise<number> {
  await conn.run(`CREATE OR REPLACE TABLE labels (${LABEL_COLUMNS})`);
  const batches = num((await conn.runAndReadAll('SELECT coalesce(max(batch_no) + 1, 0) AS n FROM label_windows')).getRowObjectsJS()[0]!.n);
  let total = 0;
  for (let b = 0; b < batches; b++) {
    const range = (await conn.runAndReadAll(`SELECT min(from_us) AS lo, max(to_us) AS hi FROM label_windows WHERE batch_no = ${b}`)).getRowObjectsJS()[0]!;
    const day = (us: number) => new Date(Math.floor(us / 1000)).toISOString().slice(0, 10);
    await conn.run(`SET VARIABLE label_batch = ${b}; SET VARIABLE label_lo_us = ${num(range.lo)}::BIGINT; SET VARIABLE label_hi_us = ${num(range.hi)}::BIGINT;
      SET VARIABLE label_lo_date = '${day(num(range.lo))}'; SET VARIABLE label_hi_date = '${day(num(range.hi))}';`);
    const windows = (await conn.runAndReadAll(`SELECT symbol, open_ms, decision_ms, api_tradable FROM label_windows WHERE batch_no = ${b} ORDER BY pos`)).getRowObjectsJS();
    const events = await readBatchEvents(conn, windows.map((w) => w.symbol as string));
    const labels = windows.map((w, p) => labeler({
      symbol: w.symbol as string,
      openMs: num(w.open_ms),
      decisionMs: num(w.decision_ms),
      apiTradable: w.api_tradable !== false,
      events: events[p]!,
    }, params));
    await insertLabels(conn, labels);
    total += labels.length;
  }
  return total;
}
