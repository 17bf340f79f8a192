/**
 * The lake's tables: one definition shared by every writer (ingest, sim generate, the Kafka lake
 * writer) and every reader (backtest, pipeline, dashboards). Column names are snake_case for SQL.
 *
 * Layout: <lake>/<table>/date=YYYY-MM-DD/<HH>-<writer>-<part>.parquet, partitioned by the UTC
 * date and hour of ts_recv. Read with
 *   read_parquet('<lake>/<table>/**\/*.parquet', hive_partitioning = true)
 *
 * Time columns: ts_event = venue time (ms), ts_recv = local receive time (integer µs),
 * seq = per-connection sequence. Rows of all market tables merge by (ts_recv, seq).
 */

export type ColumnType = 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'BLOB' | 'DOUBLE[]';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  /** Nullable columns may hold NULL; the rest never do. */
  readonly nullable?: boolean;
  readonly doc: string;
}

export interface TableDef {
  readonly name: TableName;
  readonly doc: string;
  readonly columns: readonly ColumnDef[];
}

const time: readonly ColumnDef[] = [
  { name: 'ts_event', type: 'BIGINT', doc: 'venue time, ms since epoch' },
  { name: 'ts_recv', type: 'BIGINT', doc: 'local receive time, µs since epoch' },
  { name: 'seq', type: 'BIGINT', doc: 'sequence number within the connection (or source)' },
  { name: 'conn_id', type: 'VARCHAR', doc: 'connection (or source) id' },
  { name: 'symbol', type: 'VARCHAR', doc: 'uppercase symbol, e.g. BTCUSDT' },
];

export const TABLES = {
  raw_frames: {
    name: 'raw_frames',
    doc: 'every frame exactly as received; normalized tables can be rebuilt from it',
    columns: [
      { name: 'ts_recv', type: 'BIGINT', doc: 'local receive time, µs since epoch' },
      { name: 'seq', type: 'BIGINT', doc: 'sequence number within the connection' },
      { name: 'conn_id', type: 'VARCHAR', doc: 'connection id' },
      { name: 'channel', type: 'VARCHAR', doc: 'channel string (from the wrapper, or the REST path for REST answers)' },
      { name: 'symbol', type: 'VARCHAR', nullable: true, doc: 'symbol when known' },
      { name: 'kind', type: 'VARCHAR', doc: "'ws_binary' | 'ws_text' | 'rest'" },
      { name: 'frame', type: 'BLOB', doc: 'the exact bytes' },
    ],
  },
  trades: {
    name: 'trades',
    doc: 'public trades (aggre.deals)',
    columns: [
      ...time,
      { name: 'price', type: 'DOUBLE', doc: 'trade price' },
      { name: 'qty', type: 'DOUBLE', doc: 'base quantity' },
      { name: 'side', type: 'VARCHAR', doc: "taker side, 'buy' | 'sell'" },
      { name: 'trade_time', type: 'BIGINT', doc: 'exchange trade time, ms' },
      { name: 'trade_id', type: 'VARCHAR', nullable: true, doc: 'trade id (since the 2026-06 schema)' },
    ],
  },
  depth_updates: {
    name: 'depth_updates',
    doc: "order-book deltas (kind 'delta'), REST snapshots ('snapshot') and top-N pushes ('limit')",
    columns: [
      ...time,
      { name: 'kind', type: 'VARCHAR', doc: "'delta' | 'snapshot' | 'limit'" },
      { name: 'from_version', type: 'BIGINT', doc: 'first version covered (snapshot: lastUpdateId)' },
      { name: 'to_version', type: 'BIGINT', doc: 'last version covered (snapshot: lastUpdateId)' },
      { name: 'bid_prices', type: 'DOUBLE[]', doc: 'bid level prices' },
      { name: 'bid_qtys', type: 'DOUBLE[]', doc: 'absolute quantity at each bid level; 0 removes it' },
      { name: 'ask_prices', type: 'DOUBLE[]', doc: 'ask level prices' },
      { name: 'ask_qtys', type: 'DOUBLE[]', doc: 'absolute quantity at each ask level; 0 removes it' },
    ],
  },
  book_tickers: {
    name: 'book_tickers',
    doc: 'best bid and ask (aggre.bookTicker, bookTicker.batch)',
    columns: [
      ...time,
      { name: 'bid_price', type: 'DOUBLE', doc: 'best bid price' },
      { name: 'bid_qty', type: 'DOUBLE', doc: 'best bid quantity' },
      { name: 'ask_price', type: 'DOUBLE', doc: 'best ask price' },
      { name: 'ask_qty', type: 'DOUBLE', doc: 'best ask quantity' },
    ],
  },
  klines: {
    name: 'klines',
    doc: 'candles; MEXC pushes the current candle every second',
    columns: [
      ...time,
      { name: 'interval', type: 'VARCHAR', doc: 'Min1 ... Month1' },
      { name: 'open_time', type: 'BIGINT', doc: 'window start, ms' },
      { name: 'close_time', type: 'BIGINT', doc: 'window end, ms' },
      { name: 'open', type: 'DOUBLE', doc: 'open' },
      { name: 'high', type: 'DOUBLE', doc: 'high' },
      { name: 'low', type: 'DOUBLE', doc: 'low' },
      { name: 'close', type: 'DOUBLE', doc: 'close' },
      { name: 'base_volume', type: 'DOUBLE', doc: 'base volume (wire volume)' },
      { name: 'quote_volume', type: 'DOUBLE', doc: 'quote amount (wire amount)' },
    ],
  },
  mini_tickers: {
    name: 'mini_tickers',
    doc: 'rolling 24 h tickers (miniTicker, miniTickers), every 3 s',
    columns: [
      ...time,
      { name: 'price', type: 'DOUBLE', doc: 'last price' },
      { name: 'rate', type: 'DOUBLE', doc: 'change as a fraction, UTC+8 day' },
      { name: 'zoned_rate', type: 'DOUBLE', doc: 'change as a fraction, requested timezone' },
      { name: 'high', type: 'DOUBLE', doc: 'rolling high' },
      { name: 'low', type: 'DOUBLE', doc: 'rolling low' },
      { name: 'quote_volume', type: 'DOUBLE', doc: 'rolling quote turnover (wire volume)' },
      { name: 'base_volume', type: 'DOUBLE', doc: 'rolling base volume (wire quantity)' },
    ],
  },
  status: {
    name: 'status',
    doc: 'every observation of a listing from the calendar, symbolsV2, exchangeInfo and defaultSymbols',
    columns: [
      ...time,
      { name: 'source', type: 'VARCHAR', doc: "'calendar' | 'symbols_v2' | 'exchange_info' | 'default_symbols'" },
      { name: 'vcoin_id', type: 'VARCHAR', doc: 'coin id (calendar vcoinId, symbolsV2 cd)' },
      { name: 'sts', type: 'INTEGER', nullable: true, doc: 'symbolsV2 sts (meaning unverified)' },
      { name: 'st', type: 'INTEGER', nullable: true, doc: 'symbolsV2 st (meaning unverified)' },
      { name: 'tt', type: 'INTEGER', nullable: true, doc: 'symbolsV2 tt (meaning unverified)' },
      { name: 'open_time', type: 'BIGINT', nullable: true, doc: 'scheduled open, ms' },
      { name: 'exchange_status', type: 'VARCHAR', nullable: true, doc: 'exchangeInfo status "1"/"2"/"3"' },
      { name: 'api_tradable', type: 'BOOLEAN', nullable: true, doc: 'in defaultSymbols / isSpotTradingAllowed' },
    ],
  },
  listings: {
    name: 'listings',
    doc: 'one row per listing and recorder run: announcement, schedule, qualification, actual open',
    columns: [
      ...time,
      { name: 'vcoin_id', type: 'VARCHAR', doc: 'coin id' },
      { name: 'vcoin_name', type: 'VARCHAR', doc: 'base asset ticker' },
      { name: 'vcoin_name_full', type: 'VARCHAR', doc: 'project name' },
      { name: 'zone', type: 'VARCHAR', nullable: true, doc: 'calendar zone' },
      { name: 'first_seen', type: 'BIGINT', doc: 'first time the recorder saw it, ms' },
      { name: 'scheduled_open', type: 'BIGINT', nullable: true, doc: 'scheduled open, ms' },
      { name: 'actual_open', type: 'BIGINT', nullable: true, doc: 'first trade seen, ms' },
      { name: 'api_tradable', type: 'BOOLEAN', nullable: true, doc: 'qualified for API trading' },
      { name: 'status_timeline', type: 'VARCHAR', doc: 'JSON array of [ms, sts, st, tt] changes' },
    ],
  },
  gaps: {
    name: 'gaps',
    doc: 'stretches of missing or untrustworthy data, with their cause',
    columns: [
      ...time,
      { name: 'channel', type: 'VARCHAR', doc: 'channel affected' },
      { name: 'reason', type: 'VARCHAR', doc: "'disconnect' | 'version_gap' | 'malformed_frame' | 'resync' | 'subscribe_failed' | 'stale'" },
      { name: 'from_us', type: 'BIGINT', doc: 'gap start, µs' },
      { name: 'to_us', type: 'BIGINT', doc: 'gap end, µs' },
      { name: 'detail', type: 'VARCHAR', nullable: true, doc: 'free text' },
    ],
  },
} as const satisfies Record<string, { name: string; doc: string; columns: readonly ColumnDef[] }>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The glob DuckDB reads a table from. */
export function tableGlob(lakeDir: string, table: TableName): string {
  return `${lakeDir.replace(/\/+$/, '')}/${table}/**/*.parquet`;
}

/** A `CREATE TABLE` column list for DuckDB. */
export function duckdbColumns(table: TableName): string {
  return (TABLES[table].columns as readonly ColumnDef[]).map((c) => `"${c.name}" ${c.type}${c.nullable ? '' : ' NOT NULL'}`).join(', ');
}

/** The partition folder of a row: date=YYYY-MM-DD from ts_recv (µs), plus the hour. */
export function partitionOf(tsRecvUs: number): { date: string; hour: string } {
  const iso = new Date(Math.floor(tsRecvUs / 1000)).toISOString();
  return { date: iso.slice(0, 10), hour: iso.slice(11, 13) };
}
