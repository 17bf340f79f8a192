/**
 * REST market answers → core events, with MEXC's traps handled: in trades `m`/`isBuyerMaker`
 * true means the buyer rested, so the TAKER sold (m=false ⇒ buyer is taker); klines have 8
 * columns and ms times; ticker/24hr `priceChangePercent` is a FRACTION ("0.0173" = 1.73 %).
 */
import type { KlineEvent, KlineInterval, Side, TradeEvent } from '../../../core/events.ts';
import type { RestMeta } from './normalize.ts';
import type { MexcAggTrade, MexcKlineRow, MexcRestKlineInterval, MexcTicker24hr, MexcTradeEntry } from './types-market.ts';
import { decimalOf, intOf, optionalDecimalOf } from './wire-primitives.ts';

/** REST interval names → the WS/core names. */
export const REST_TO_KLINE_INTERVAL: Readonly<Record<MexcRestKlineInterval, KlineInterval>> = Object.freeze({
  '1m': 'Min1', '5m': 'Min5', '15m': 'Min15', '30m': 'Min30', '60m': 'Min60',
  '4h': 'Hour4', '1d': 'Day1', '1W': 'Week1', '1M': 'Month1',
});

function isAggShape(entry: MexcTradeEntry): entry is MexcAggTrade {
  return 'p' in entry && 'T' in entry && 'm' in entry;
}

/** Facts of one trade in either wire shape (documented `trades` or `aggTrades`). */
export function tradeFacts(entry: MexcTradeEntry, what = 'trade'): {
  price: number; qty: number; time: number; takerSide: Side; tradeId: string | undefined;
} {
  if (isAggShape(entry)) {
    return {
      price: decimalOf(entry.p, `${what}.p`),
      qty: decimalOf(entry.q, `${what}.q`),
      time: intOf(entry.T, `${what}.T`),
      takerSide: entry.m ? 'sell' : 'buy',
      tradeId: entry.a === null ? undefined : String(entry.a),
    };
  }
  return {
    price: decimalOf(entry.price, `${what}.price`),
    qty: decimalOf(entry.qty, `${what}.qty`),
    time: intOf(entry.time, `${what}.time`),
    takerSide: entry.isBuyerMaker ? 'sell' : 'buy',
    tradeId: entry.id === null ? undefined : String(entry.id),
  };
}

export function restTradeToEvent(symbol: string, entry: MexcTradeEntry, meta: RestMeta): TradeEvent {
  const f = tradeFacts(entry);
  return {
    type: 'trade', tsEvent: f.time, tsRecv: meta.tsRecv, seq: meta.seq, symbol,
    price: f.price, qty: f.qty, side: f.takerSide, tradeTime: f.time,
    ...(f.tradeId !== undefined ? { tradeId: f.tradeId } : {}),
  };
}

/** `[openTime, open, high, low, close, baseVolume, closeTime, quoteVolume]` → KlineEvent (times in ms). */
export function klineRowToEvent(symbol: string, interval: MexcRestKlineInterval, row: MexcKlineRow, meta: RestMeta): KlineEvent {
  const closeTime = intOf(row[6], 'kline.closeTime');
  return {
    type: 'kline', tsEvent: closeTime, tsRecv: meta.tsRecv, seq: meta.seq, symbol,
    interval: REST_TO_KLINE_INTERVAL[interval],
    openTime: intOf(row[0], 'kline.openTime'),
    closeTime,
    open: decimalOf(row[1], 'kline.open'),
    high: decimalOf(row[2], 'kline.high'),
    low: decimalOf(row[3], 'kline.low'),
    close: decimalOf(row[4], 'kline.close'),
    baseVolume: decimalOf(row[5], 'kline.volume'),
    quoteVolume: decimalOf(row[7], 'kline.quoteVolume'),
  };
}

export interface Ticker24hrSummary {
  readonly symbol: string;
  readonly lastPrice: number | undefined;
  /** Change as a fraction (0.0173 = +1.73 %), exactly as MEXC sends it. */
  readonly changeFraction: number | undefined;
  /** The same change in percent (1.73), for display. */
  readonly changePercent: number | undefined;
  readonly baseVolume: number | undefined;
  readonly quoteVolume: number | undefined;
}

export function ticker24hrSummary(t: MexcTicker24hr): Ticker24hrSummary {
  const fraction = optionalDecimalOf(t.priceChangePercent, 'ticker.priceChangePercent');
  return {
    symbol: t.symbol,
    lastPrice: optionalDecimalOf(t.lastPrice, 'ticker.lastPrice'),
    changeFraction: fraction,
    // round away binary noise: 0.0173 * 100 is 1.7300000000000002
    changePercent: fraction === undefined ? undefined : Number((fraction * 100).toPrecision(12)),
    baseVolume: optionalDecimalOf(t.volume, 'ticker.volume'),
    quoteVolume: optionalDecimalOf(t.quoteVolume, 'ticker.quoteVolume'),
  };
}
