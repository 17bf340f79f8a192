/** The calibration's input: one sample per listing with features and a label. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Sample } from './stats/weight-fit.ts';

export interface LabelledListing extends Sample {
  readonly symbol: string;
}

export async function loadSamples(conn: DuckDBConnection): Promise<LabelledListing[]> {
  const rows = (await conn.runAndReadAll(`
    SELECT f.symbol, f.history, f.market, f.timing, f.external, l.success, l.net_return, l.status, f.decision_ms
    FROM features f JOIN labels l USING (symbol)
    WHERE f.history IS NOT NULL AND f.market IS NOT NULL AND f.timing IS NOT NULL AND f.external IS NOT NULL
    ORDER BY f.decision_ms, f.symbol`)).getRowObjectsJS();
  return rows.map((r) => ({
    symbol: r.symbol as string,
    x: [Number(r.history), Number(r.market), Number(r.timing), Number(r.external)] as const,
    y: Number(r.success) === 1 ? 1 : 0,
    ret: Number(r.net_return),
    t: Number(r.decision_ms),
    entered: r.status === 'filled',
  }));
}
