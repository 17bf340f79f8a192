/**
 * Coverage of a lake: per table and symbol, the time span recorded, the rows, and the gaps (from
 * the `gaps` table) with their causes and total duration. Read with DuckDB straight from Parquet.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { queryLake } from '../lake/read-lake.ts';
import { TABLE_NAMES, type TableName } from '../lake/schema.ts';

export interface GapSummary {
  readonly reason: string;
  readonly count: number;
  readonly seconds: number;
}

export interface CoverageRow {
  readonly table: TableName;
  readonly symbol: string;
  readonly rows: number;
  readonly firstUs: number;
  readonly lastUs: number;
  readonly gaps: readonly GapSummary[];
}

/** The stream (second part of the channel string) each normalized table comes from. */
const STREAMS: Partial<Record<TableName, readonly string[]>> = {
  trades: ['public.aggre.deals.v3.api.pb', 'public.deals.v3.api.pb'],
  depth_updates: ['public.aggre.depth.v3.api.pb', 'public.limit.depth.v3.api.pb', 'public.increase.depth.v3.api.pb'],
  book_tickers: ['public.aggre.bookTicker.v3.api.pb', 'public.bookTicker.batch.v3.api.pb'],
  klines: ['public.kline.v3.api.pb'],
  mini_tickers: ['public.miniTicker.v3.api.pb', 'public.miniTickers.v3.api.pb'],
};

interface GapAgg extends GapSummary {
  readonly stream: string;
}

function gapsFor(table: TableName, all: readonly GapAgg[]): GapSummary[] {
  if (table === 'gaps') return [];
  const streams = STREAMS[table];
  const by = new Map<string, { count: number; seconds: number }>();
  for (const g of all) {
    if (streams !== undefined && !streams.includes(g.stream)) continue;
    const a = by.get(g.reason) ?? { count: 0, seconds: 0 };
    a.count += g.count;
    a.seconds += g.seconds;
    by.set(g.reason, a);
  }
  return [...by].map(([reason, a]) => ({ reason, ...a }));
}

export async function lakeCoverage(lakeDir: string, tables: readonly TableName[] = TABLE_NAMES): Promise<CoverageRow[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const gapRows = await queryLake(conn, lakeDir, 'gaps',
      "SELECT symbol, split_part(channel, '@', 2) AS stream, reason, count(*)::BIGINT AS n, sum(to_us - from_us)::BIGINT AS us FROM {table} GROUP BY ALL ORDER BY symbol, reason");
    const gapsBySymbol = new Map<string, GapAgg[]>();
    for (const g of gapRows) {
      const list = gapsBySymbol.get(g.symbol as string) ?? [];
      list.push({ stream: g.stream as string, reason: g.reason as string, count: g.n as number, seconds: (g.us as number) / 1e6 });
      gapsBySymbol.set(g.symbol as string, list);
    }
    const out: CoverageRow[] = [];
    for (const table of tables) {
      const rows = await queryLake(conn, lakeDir, table,
        "SELECT coalesce(symbol, '') AS symbol, count(*)::BIGINT AS n, min(ts_recv)::BIGINT AS first, max(ts_recv)::BIGINT AS last FROM {table} GROUP BY ALL ORDER BY 1");
      for (const r of rows) {
        out.push({
          table, symbol: r.symbol as string, rows: r.n as number, firstUs: r.first as number, lastUs: r.last as number,
          gaps: gapsFor(table, gapsBySymbol.get(r.symbol as string) ?? []),
        });
      }
    }
    return out;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function duration(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

export function formatCoverage(rows: readonly CoverageRow[]): string {
  if (rows.length === 0) return 'the lake has no Parquet files\n';
  const lines: string[] = [];
  let table = '';
  for (const r of rows) {
    if (r.table !== table) {
      table = r.table;
      lines.push(`${table}`);
    }
    const span = `${new Date(r.firstUs / 1000).toISOString().slice(0, 19)}Z → ${new Date(r.lastUs / 1000).toISOString().slice(11, 19)}Z`;
    const gaps = r.gaps.length === 0 ? 'no gaps' : r.gaps.map((g) => `${g.count} ${g.reason} (${duration(g.seconds)})`).join(', ');
    lines.push(`  ${(r.symbol || '(none)').padEnd(14)} ${r.rows.toLocaleString('en-US').padStart(12)} rows  ${span}  covered ${duration((r.lastUs - r.firstUs) / 1e6).padEnd(8)} ${r.table === 'gaps' ? '' : gaps}`);
  }
  return `${lines.join('\n')}\n`;
}
