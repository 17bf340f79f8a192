/**
 * Tests: write hand-built events into a real lake (Parquet in the lake layout, through DuckDB SQL:
 * CREATE TABLE with lake/schema.ts's columns, INSERT, COPY TO one file per table and hour).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { SniperEvent } from '../core/events.ts';
import { duckdbColumns, partitionOf, type TableName } from '../lake/schema.ts';

const q = (s: string | undefined | null): string => (s === undefined || s === null ? 'NULL' : `'${s.replaceAll("'", "''")}'`);
const n = (x: number | undefined | null): string => (x === undefined || x === null || Number.isNaN(x) ? 'NULL' : String(x));
const b = (x: boolean | undefined): string => (x === undefined ? 'NULL' : x ? 'TRUE' : 'FALSE');
const arr = (xs: readonly number[]): string => `[${xs.join(', ')}]::DOUBLE[]`;

function row(e: SniperEvent): [TableName, string] | undefined {
  const t = `${n(e.tsEvent)}, ${n(e.tsRecv)}, ${n(e.seq)}, 'test'`;
  switch (e.type) {
    case 'trade':
      return ['trades', `${t}, ${q(e.symbol)}, ${e.price}, ${e.qty}, ${q(e.side)}, ${e.tradeTime}, ${q(e.tradeId)}`];
    case 'book_delta':
    case 'book_snapshot': {
      const kind = e.type === 'book_delta' ? 'delta' : e.source === 'limit' ? 'limit' : 'snapshot';
      const [from, to] = e.type === 'book_delta' ? [e.fromVersion, e.toVersion] : [e.version, e.version];
      return ['depth_updates', `${t}, ${q(e.symbol)}, '${kind}', ${from}, ${to}, ${arr(e.bids.map((l) => l[0]))}, ${arr(e.bids.map((l) => l[1]))}, ${arr(e.asks.map((l) => l[0]))}, ${arr(e.asks.map((l) => l[1]))}`];
    }
    case 'book_ticker':
      return ['book_tickers', `${t}, ${q(e.symbol)}, ${e.bidPrice}, ${e.bidQty}, ${e.askPrice}, ${e.askQty}`];
    case 'kline':
      return ['klines', `${t}, ${q(e.symbol)}, ${q(e.interval)}, ${e.openTime}, ${e.closeTime}, ${e.open}, ${e.high}, ${e.low}, ${e.close}, ${e.baseVolume}, ${e.quoteVolume}`];
    case 'mini_ticker':
      return ['mini_tickers', `${t}, ${q(e.symbol)}, ${e.price}, ${e.rate}, ${e.zonedRate}, ${e.high}, ${e.low}, ${e.quoteVolume}, ${e.baseVolume}`];
    case 'status':
      return ['status', `${t}, ${q(e.symbol)}, ${q(e.source)}, ${q(e.vcoinId)}, ${n(e.sts)}, ${n(e.st)}, ${n(e.tt)}, ${n(e.openTime)}, ${q(e.exchangeStatus)}, ${b(e.apiTradable)}`];
    case 'listing':
      return ['listings', `${t}, ${q(e.symbol)}, ${q(e.vcoinId)}, ${q(e.vcoinName)}, ${q(e.vcoinNameFull)}, ${q(e.zone)}, ${Math.floor(e.tsRecv / 1000)}, ${n(e.firstOpenTime)}, NULL, NULL, '[]'`];
    default:
      return undefined;
  }
}

/** Write `events` as a lake under `dir`; returns the number of rows written. */
export async function writeTestLake(dir: string, events: readonly SniperEvent[]): Promise<number> {
  const groups = new Map<string, { table: TableName; date: string; hour: string; rows: string[] }>();
  for (const e of events) {
    const r = row(e);
    if (r === undefined) continue;
    const { date, hour } = partitionOf(e.tsRecv);
    const key = `${r[0]}/${date}/${hour}`;
    const g = groups.get(key) ?? { table: r[0], date, hour, rows: [] };
    g.rows.push(`(${r[1]})`);
    groups.set(key, g);
  }
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  try {
    let i = 0;
    for (const g of groups.values()) {
      const name = `t${i++}`;
      await con.run(`CREATE TABLE ${name} (${duckdbColumns(g.table)})`);
      for (let k = 0; k < g.rows.length; k += 500) await con.run(`INSERT INTO ${name} VALUES ${g.rows.slice(k, k + 500).join(', ')}`);
      const out = join(dir, g.table, `date=${g.date}`);
      mkdirSync(out, { recursive: true });
      await con.run(`COPY ${name} TO '${join(out, `${g.hour}-test-0.parquet`)}' (FORMAT parquet)`);
    }
    return [...groups.values()].reduce((s, g) => s + g.rows.length, 0);
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}
