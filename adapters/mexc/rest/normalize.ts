/**
 * REST answers → core events: a depth snapshot → BookSnapshotEvent (source 'rest'); calendar
 * entries → ListingEvent (and 'calendar' StatusEvents); symbolsV2 entries, exchangeInfo symbols
 * and defaultSymbols → StatusEvent. Every poll becomes events, not only changes.
 * The sts/st/tt codes stay raw numbers; what they mean is configuration (status-interpretation.ts).
 * Market answers (trades, klines, tickers) are in normalize-market.ts.
 */
import type { BookSnapshotEvent, Level, ListingEvent, StatusEvent } from '../../../core/events.ts';
import type { MexcDepth, MexcExchangeSymbol, MexcSymbolList } from './types-market.ts';
import type { MexcCalendar, MexcSymbolsV2, MexcSymbolV2Entry } from './types-web.ts';
import { decimalOf, intOf, type MexcLevel, type WireInt } from './wire-primitives.ts';

export * from './normalize-market.ts';

/** Local facts of one REST answer: receive time (integer µs) and a per-source sequence number. */
export interface RestMeta {
  readonly tsRecv: number;
  readonly seq: number;
}

export interface RestNormalizeOptions {
  /** Quote appended to a calendar `vcoinName` to form the pair ("BRIC" → "BRICUSDT"). */
  readonly calendarQuote: string;
  /** symbolsV2 quote lists to turn into events; undefined = every quote. */
  readonly symbolsV2Quotes?: readonly string[];
  /** exchangeInfo has no coin id: look one up by base asset (e.g. from the calendar), else ''. */
  readonly vcoinIdOf?: (baseAsset: string) => string | undefined;
}

export const DEFAULT_REST_NORMALIZE_OPTIONS: RestNormalizeOptions = Object.freeze({ calendarQuote: 'USDT' });

const recvMs = (meta: RestMeta): number => Math.floor(meta.tsRecv / 1000);

function levels(rows: readonly MexcLevel[], what: string): Level[] {
  return rows.map((row, i) => [decimalOf(row[0], `${what}[${i}].price`), decimalOf(row[1], `${what}[${i}].qty`)] as const);
}

/** `GET /api/v3/depth` → a full book snapshot; `version` is lastUpdateId (number or string on the wire). */
export function depthToSnapshot(symbol: string, depth: MexcDepth, meta: RestMeta): BookSnapshotEvent {
  return {
    type: 'book_snapshot',
    tsEvent: depth.timestamp !== undefined ? intOf(depth.timestamp, 'depth.timestamp') : recvMs(meta),
    tsRecv: meta.tsRecv,
    seq: meta.seq,
    symbol,
    bids: levels(depth.bids, 'depth.bids'),
    asks: levels(depth.asks, 'depth.asks'),
    version: intOf(depth.lastUpdateId, 'depth.lastUpdateId'),
    source: 'rest',
  };
}

const idText = (id: string | number): string => String(id);

/** Calendar entries → one ListingEvent each (symbol = vcoinName + calendarQuote). */
export function calendarToListings(
  calendar: MexcCalendar, meta: RestMeta, options: RestNormalizeOptions = DEFAULT_REST_NORMALIZE_OPTIONS,
): ListingEvent[] {
  return calendar.data.newCoins.map((coin, i) => ({
    type: 'listing',
    tsEvent: recvMs(meta),
    tsRecv: meta.tsRecv,
    seq: meta.seq,
    symbol: `${coin.vcoinName}${options.calendarQuote}`,
    vcoinId: idText(coin.vcoinId),
    vcoinName: coin.vcoinName,
    vcoinNameFull: coin.vcoinNameFull ?? '',
    firstOpenTime: intOf(coin.firstOpenTime, `newCoins[${i}].firstOpenTime`),
    zone: coin.zone ?? '',
  }));
}

/** Calendar entries → 'calendar' StatusEvents (one observation per entry per poll). */
export function calendarToStatus(
  calendar: MexcCalendar, meta: RestMeta, options: RestNormalizeOptions = DEFAULT_REST_NORMALIZE_OPTIONS,
): StatusEvent[] {
  return calendar.data.newCoins.map((coin, i) => ({
    type: 'status',
    source: 'calendar',
    tsEvent: recvMs(meta),
    tsRecv: meta.tsRecv,
    seq: meta.seq,
    symbol: `${coin.vcoinName}${options.calendarQuote}`,
    vcoinId: idText(coin.vcoinId),
    openTime: intOf(coin.firstOpenTime, `newCoins[${i}].firstOpenTime`),
  }));
}

function optionalCode(value: WireInt | null | undefined, field: string): number | undefined {
  return value === null || value === undefined ? undefined : intOf(value, field);
}

/** One symbolsV2 entry → StatusEvent; symbol = vn + the quote its list is keyed by. */
export function symbolV2ToStatus(entry: MexcSymbolV2Entry, quote: string, meta: RestMeta): StatusEvent {
  const at = `symbolsV2.${quote}.${entry.vn}`;
  const sts = optionalCode(entry.sts, `${at}.sts`);
  const st = optionalCode(entry.st, `${at}.st`);
  const tt = optionalCode(entry.tt, `${at}.tt`);
  const openTime = optionalCode(entry.ot, `${at}.ot`);
  return {
    type: 'status',
    source: 'symbols_v2',
    tsEvent: recvMs(meta),
    tsRecv: meta.tsRecv,
    seq: meta.seq,
    symbol: `${entry.vn}${quote}`,
    vcoinId: idText(entry.cd),
    ...(sts !== undefined ? { sts } : {}),
    ...(st !== undefined ? { st } : {}),
    ...(tt !== undefined ? { tt } : {}),
    ...(openTime !== undefined ? { openTime } : {}),
  };
}

/** Every entry of every (selected) quote list → StatusEvents, in the answer's order. */
export function symbolsV2ToStatus(
  answer: MexcSymbolsV2, meta: RestMeta, options: RestNormalizeOptions = DEFAULT_REST_NORMALIZE_OPTIONS,
): StatusEvent[] {
  const out: StatusEvent[] = [];
  for (const [quote, entries] of Object.entries(answer.data.symbols)) {
    if (options.symbolsV2Quotes !== undefined && !options.symbolsV2Quotes.includes(quote)) continue;
    for (const entry of entries) out.push(symbolV2ToStatus(entry, quote, meta));
  }
  return out;
}

/**
 * An exchangeInfo symbol → StatusEvent (source 'exchange_info'): the raw status string and
 * apiTradable = isSpotTradingAllowed. `tsEvent` is the answer's serverTime when given.
 */
export function exchangeSymbolToStatus(
  symbol: MexcExchangeSymbol, meta: RestMeta, serverTime?: WireInt,
  options: RestNormalizeOptions = DEFAULT_REST_NORMALIZE_OPTIONS,
): StatusEvent {
  return {
    type: 'status',
    source: 'exchange_info',
    tsEvent: serverTime !== undefined ? intOf(serverTime, 'exchangeInfo.serverTime') : recvMs(meta),
    tsRecv: meta.tsRecv,
    seq: meta.seq,
    symbol: symbol.symbol,
    vcoinId: options.vcoinIdOf?.(symbol.baseAsset) ?? '',
    exchangeStatus: symbol.status,
    apiTradable: symbol.isSpotTradingAllowed,
  };
}

/**
 * defaultSymbols (or selfSymbols) → StatusEvents with apiTradable. With `watch`, one event per
 * watched symbol (true when listed, false when missing: a fresh pair not yet API-tradable);
 * without it, one event per listed symbol.
 */
export function defaultSymbolsToStatus(
  list: MexcSymbolList, meta: RestMeta, watch?: readonly string[],
): StatusEvent[] {
  const listed = new Set(list.data);
  const symbols = watch ?? list.data;
  const tsEvent = list.timestamp !== undefined ? intOf(list.timestamp, 'defaultSymbols.timestamp') : recvMs(meta);
  return symbols.map((symbol) => ({
    type: 'status',
    source: 'default_symbols',
    tsEvent,
    tsRecv: meta.tsRecv,
    seq: meta.seq,
    symbol,
    vcoinId: '',
    apiTradable: listed.has(symbol),
  }));
}
