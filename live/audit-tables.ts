/**
 * The run folder's Parquet tables, written when a session ends from the decision journal
 * (`decisions.jsonl`, appended as the run goes): `decisions.parquet` (the backtest's decision-log
 * schema: ts_us, symbol, kind, decision, reason, data), and two views of it that a person asks
 * for first: `orders.parquet` (every placement, refusal and order update) and `fills.parquet`.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const q = (p: string): string => `'${p.replaceAll("'", "''")}'`;

const DECISIONS = `ts_us BIGINT, symbol VARCHAR, kind VARCHAR, decision VARCHAR, reason VARCHAR, data VARCHAR`;

export async function writeAuditTables(dir: string): Promise<void> {
  const journal = join(dir, 'decisions.jsonl');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    if (existsSync(journal) && statSync(journal).size > 0) {
      await con.run(`CREATE TABLE d AS SELECT row_number() OVER () AS n, * FROM read_json(${q(journal)}, format = 'newline_delimited',
        columns = {ts_us: 'BIGINT', symbol: 'VARCHAR', kind: 'VARCHAR', decision: 'VARCHAR', reason: 'VARCHAR', data: 'VARCHAR'})`);
    } else {
      await con.run(`CREATE TABLE d (n BIGINT, ${DECISIONS})`);
    }
    await con.run(`COPY (SELECT ts_us, symbol, kind, decision, reason, data FROM d ORDER BY n) TO ${q(join(dir, 'decisions.parquet'))} (FORMAT parquet)`);
    await con.run(`COPY (
      SELECT ts_us, symbol, data->>'$[0]' AS client_order_id, decision AS side, (data->>'$[1]')::DOUBLE AS price, (data->>'$[2]')::DOUBLE AS qty,
             (data->>'$[3]')::DOUBLE AS fee, data->>'$[4]' AS fee_asset, (data->>'$[5]')::BOOLEAN AS is_maker, reason
      FROM d WHERE kind = 'fill' ORDER BY n) TO ${q(join(dir, 'fills.parquet'))} (FORMAT parquet)`);
    await con.run(`COPY (
      SELECT ts_us, symbol, data->>'$[0]' AS client_order_id, kind AS event,
             CASE WHEN kind = 'order_update' THEN decision END AS status,
             CASE kind WHEN 'place_order' THEN decision WHEN 'refused' THEN data->>'$[1]' END AS side,
             CASE kind WHEN 'place_order' THEN data->>'$[1]' WHEN 'refused' THEN data->>'$[2]' END AS order_type,
             TRY_CAST(CASE kind WHEN 'place_order' THEN data->>'$[2]' WHEN 'refused' THEN data->>'$[3]' END AS DOUBLE) AS qty,
             TRY_CAST(CASE kind WHEN 'place_order' THEN data->>'$[3]' WHEN 'refused' THEN data->>'$[4]' END AS DOUBLE) AS quote_qty,
             TRY_CAST(CASE kind WHEN 'place_order' THEN data->>'$[4]' WHEN 'refused' THEN data->>'$[5]' END AS DOUBLE) AS price,
             TRY_CAST(CASE WHEN kind = 'order_update' THEN data->>'$[1]' END AS DOUBLE) AS filled_qty,
             TRY_CAST(CASE WHEN kind = 'order_update' THEN data->>'$[2]' END AS DOUBLE) AS filled_quote,
             TRY_CAST(CASE WHEN kind = 'order_update' THEN data->>'$[3]' END AS INTEGER) AS reject_code,
             CASE WHEN kind = 'refused' THEN decision || ': ' || reason ELSE reason END AS reason
      FROM d WHERE kind IN ('place_order', 'refused', 'order_update', 'cancel_order') ORDER BY n) TO ${q(join(dir, 'orders.parquet'))} (FORMAT parquet)`);
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}
