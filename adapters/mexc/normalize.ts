/**
 * Normalizers: one decoded MEXC push frame → core events. The traps (mexc-api.md):
 * - `tradeType` 1/2 is presumably the TAKER side (unverified: configurable);
 * - prices and quantities are decimal strings ("0.00000000" is zero, junk is an error);
 * - kline windowStart/windowEnd are SECONDS;
 * - miniTicker `volume` is the quote turnover and `quantity` the base volume;
 * - depth quantities are absolute, 0 removes the level; versions are integer strings.
 * A frame that breaks an invariant gives a DecodeError and no events (never a partial list).
 */
import { parseDecimal, parseIntegerString, parseOptionalDecimal } from '../../core/decimal.ts';
import { DecodeError } from '../../core/errors.ts';
import type {
  BalanceEvent, FillEvent, KlineInterval, Level, OrderStatus, OrderType, OrderUpdateEvent, Side, SniperEvent,
} from '../../core/events.ts';
import { parseChannel, KLINE_INTERVALS } from './channels.ts';
import type {
  MexcPublicAggreDepthV3ApiItem, MexcPublicBookTickerV3Api, MexcPublicMiniTickerV3Api, MexcPushFrame,
} from './proto/codec.ts';

export interface NormalizeOptions {
  /**
   * What `tradeType` in public trades means. 'taker' (default): 1 = a buyer took liquidity.
   * 'maker': 1 = the resting order was a buy, so the taker sold.
   */
  readonly tradeTypeSide: 'taker' | 'maker';
}

export const DEFAULT_NORMALIZE_OPTIONS: NormalizeOptions = Object.freeze({ tradeTypeSide: 'taker' });

/** Receive-side facts of a frame: local receive time (µs) and sequence number. */
export interface FrameMeta {
  readonly tsRecv: number;
  readonly seq: number;
}

function sideOf(tradeType: number | undefined, what: string): Side {
  if (tradeType === 1) return 'buy';
  if (tradeType === 2) return 'sell';
  throw new DecodeError('malformed', `${what}: tradeType ${tradeType} is neither 1 (buy) nor 2 (sell)`);
}

function takerSide(tradeType: number | undefined, options: NormalizeOptions): Side {
  const side = sideOf(tradeType, 'trade');
  return options.tradeTypeSide === 'taker' ? side : side === 'buy' ? 'sell' : 'buy';
}

function levels(items: readonly MexcPublicAggreDepthV3ApiItem[] | undefined, what: string): Level[] {
  if (items === undefined) return [];
  const out: Level[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    out[i] = [parseDecimal(it.price ?? '', `${what}.price`), parseDecimal(it.quantity ?? '', `${what}.quantity`)];
  }
  return out;
}

function req<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new DecodeError('malformed', `missing ${field}`);
  return value;
}

const ORDER_STATUS: Record<number, OrderStatus> = {
  1: 'NEW', 2: 'FILLED', 3: 'PARTIALLY_FILLED', 4: 'CANCELED', 5: 'PARTIALLY_CANCELED',
};
const ORDER_TYPE: Record<number, OrderType> = {
  1: 'LIMIT', 2: 'LIMIT_MAKER', 3: 'IMMEDIATE_OR_CANCEL', 4: 'FILL_OR_KILL', 5: 'MARKET',
};

/**
 * Normalize one frame. Events are appended to `out` (so a hot loop can reuse one array); the
 * number appended is returned. On a DecodeError nothing is appended.
 */
export function normalizeFrame(
  frame: MexcPushFrame,
  meta: FrameMeta,
  out: SniperEvent[],
  options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS,
): number {
  const batch = normalizeToArray(frame, meta, options);
  for (let i = 0; i < batch.length; i++) out.push(batch[i]!);
  return batch.length;
}

function venueTime(frame: MexcPushFrame, meta: FrameMeta): number {
  return frame.sendTime ?? frame.createTime ?? Math.floor(meta.tsRecv / 1000);
}

function symbolOf(frame: MexcPushFrame): string {
  if (frame.symbol !== undefined && frame.symbol !== '') return frame.symbol;
  const parsed = parseChannel(frame.channel ?? '');
  if (parsed?.symbol !== undefined) return parsed.symbol;
  throw new DecodeError('malformed', `frame on ${frame.channel} has no symbol`);
}

function bookTicker(t: MexcPublicBookTickerV3Api & { version?: string }, symbol: string, base: Base, what: string): SniperEvent {
  return {
    type: 'book_ticker', ...base, symbol,
    bidPrice: parseDecimal(t.bidPrice ?? '', `${what}.bidPrice`),
    bidQty: parseDecimal(t.bidQuantity ?? '', `${what}.bidQuantity`),
    askPrice: parseDecimal(t.askPrice ?? '', `${what}.askPrice`),
    askQty: parseDecimal(t.askQuantity ?? '', `${what}.askQuantity`),
    ...(t.version !== undefined ? { version: parseIntegerString(t.version, `${what}.version`) } : {}),
  };
}

function miniTicker(t: MexcPublicMiniTickerV3Api, symbol: string, base: Base): SniperEvent {
  return {
    type: 'mini_ticker', ...base, symbol,
    price: parseDecimal(t.price ?? '', 'miniTicker.price'),
    rate: parseOptionalDecimal(t.rate, 'miniTicker.rate', 0),
    zonedRate: parseOptionalDecimal(t.zonedRate, 'miniTicker.zonedRate', 0),
    high: parseDecimal(t.high ?? '', 'miniTicker.high'),
    low: parseDecimal(t.low ?? '', 'miniTicker.low'),
    // the trap: `volume` is the quote turnover, `quantity` the base volume
    quoteVolume: parseDecimal(t.volume ?? '', 'miniTicker.volume'),
    baseVolume: parseDecimal(t.quantity ?? '', 'miniTicker.quantity'),
  };
}

interface Base {
  readonly tsEvent: number;
  readonly tsRecv: number;
  readonly seq: number;
}

/** Normalize one frame into a new array. Throws DecodeError. */
export function normalizeToArray(frame: MexcPushFrame, meta: FrameMeta, options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS): SniperEvent[] {
  const base: Base = { tsEvent: venueTime(frame, meta), tsRecv: meta.tsRecv, seq: meta.seq };
  switch (frame.bodyField) {
    case 314:
    case 301: {
      const deals = (frame.bodyField === 314 ? frame.publicAggreDeals.deals : frame.publicDeals.deals) ?? [];
      const symbol = symbolOf(frame);
      return deals.map((d) => {
        const tradeTime = req(d.time, 'deal.time');
        const tradeId = (d as { tradeId?: string }).tradeId;
        return {
          type: 'trade' as const, tsEvent: tradeTime, tsRecv: meta.tsRecv, seq: meta.seq, symbol,
          price: parseDecimal(d.price ?? '', 'deal.price'), qty: parseDecimal(d.quantity ?? '', 'deal.quantity'),
          side: takerSide(d.tradeType, options), tradeTime,
          ...(tradeId !== undefined ? { tradeId } : {}),
        };
      });
    }
    case 313: {
      const d = frame.publicAggreDepths;
      return [{
        type: 'book_delta', ...base, symbol: symbolOf(frame),
        bids: levels(d.bids, 'depth.bids'), asks: levels(d.asks, 'depth.asks'),
        fromVersion: parseIntegerString(req(d.fromVersion, 'depth.fromVersion'), 'depth.fromVersion'),
        toVersion: parseIntegerString(req(d.toVersion, 'depth.toVersion'), 'depth.toVersion'),
      }];
    }
    case 302:
    case 312: {
      const items = frame.bodyField === 302 ? [frame.publicIncreaseDepths] : (frame.publicIncreaseDepthsBatch.items ?? []);
      const symbol = symbolOf(frame);
      return items.map((d) => {
        const version = parseIntegerString(req(d.version, 'increaseDepth.version'), 'increaseDepth.version');
        return {
          type: 'book_delta' as const, ...base, symbol, bids: levels(d.bids, 'depth.bids'), asks: levels(d.asks, 'depth.asks'),
          fromVersion: version, toVersion: version,
        };
      });
    }
    case 303: {
      const d = frame.publicLimitDepths;
      return [{
        type: 'book_snapshot', ...base, symbol: symbolOf(frame), source: 'limit',
        bids: levels(d.bids, 'limitDepth.bids'), asks: levels(d.asks, 'limitDepth.asks'),
        version: parseIntegerString(req(d.version, 'limitDepth.version'), 'limitDepth.version'),
      }];
    }
    case 315:
      return [bookTicker(frame.publicAggreBookTicker, symbolOf(frame), base, 'bookTicker')];
    case 305:
      return [bookTicker(frame.publicBookTicker, symbolOf(frame), base, 'bookTicker')];
    case 311: {
      const symbol = symbolOf(frame);
      return (frame.publicBookTickerBatch.items ?? []).map((t) => bookTicker(t, symbol, base, 'bookTickerBatch'));
    }
    case 308: {
      const k = frame.publicSpotKline;
      const interval = req(k.interval, 'kline.interval');
      if (!(KLINE_INTERVALS as readonly string[]).includes(interval)) {
        throw new DecodeError('malformed', `kline interval ${JSON.stringify(interval)} is unknown`);
      }
      return [{
        type: 'kline', ...base, symbol: symbolOf(frame), interval: interval as KlineInterval,
        // the trap: windows are seconds on the wire
        openTime: req(k.windowStart, 'kline.windowStart') * 1000,
        closeTime: req(k.windowEnd, 'kline.windowEnd') * 1000,
        open: parseDecimal(k.openingPrice ?? '', 'kline.openingPrice'),
        high: parseDecimal(k.highestPrice ?? '', 'kline.highestPrice'),
        low: parseDecimal(k.lowestPrice ?? '', 'kline.lowestPrice'),
        close: parseDecimal(k.closingPrice ?? '', 'kline.closingPrice'),
        baseVolume: parseDecimal(k.volume ?? '', 'kline.volume'),
        quoteVolume: parseDecimal(k.amount ?? '', 'kline.amount'),
      }];
    }
    case 309:
      return [miniTicker(frame.publicMiniTicker, frame.publicMiniTicker.symbol || symbolOf(frame), base)];
    case 310:
      return (frame.publicMiniTickers.items ?? []).map((t) => miniTicker(t, req(t.symbol, 'miniTickers.items.symbol'), base));
    case 304:
      return [orderUpdate(frame, base)];
    case 306:
      return [fill(frame, base)];
    case 307:
      return [balance(frame, base)];
    case undefined:
      throw new DecodeError('unknown_body', `frame on ${frame.channel} has no known body`);
  }
}

function orderUpdate(frame: Extract<MexcPushFrame, { bodyField: 304 }>, base: Base): OrderUpdateEvent {
  const o = frame.privateOrders;
  const status = ORDER_STATUS[o.status ?? 0];
  if (status === undefined) throw new DecodeError('malformed', `order status ${o.status} is unknown`);
  const orderType = ORDER_TYPE[o.orderType ?? 0];
  if (orderType === undefined) throw new DecodeError('malformed', `order type ${o.orderType} is not one this platform places`);
  return {
    type: 'order_update', ...base, symbol: symbolOf(frame),
    clientOrderId: o.clientId ?? '', orderId: req(o.id, 'order.id'), side: sideOf(o.tradeType, 'order'), orderType, status,
    price: parseOptionalDecimal(o.price, 'order.price', 0),
    qty: parseOptionalDecimal(o.quantity, 'order.quantity', 0),
    quoteQty: parseOptionalDecimal(o.amount, 'order.amount', 0),
    filledQty: parseOptionalDecimal(o.cumulativeQuantity, 'order.cumulativeQuantity', 0),
    filledQuote: parseOptionalDecimal(o.cumulativeAmount, 'order.cumulativeAmount', 0),
  };
}

function fill(frame: Extract<MexcPushFrame, { bodyField: 306 }>, base: Base): FillEvent {
  const d = frame.privateDeals;
  return {
    type: 'fill', ...base, tsEvent: d.time ?? base.tsEvent, symbol: symbolOf(frame),
    clientOrderId: d.clientOrderId ?? '', orderId: req(d.orderId, 'deal.orderId'), tradeId: req(d.tradeId, 'deal.tradeId'),
    side: sideOf(d.tradeType, 'private deal'),
    price: parseDecimal(d.price ?? '', 'deal.price'), qty: parseDecimal(d.quantity ?? '', 'deal.quantity'),
    quoteQty: parseDecimal(d.amount ?? '', 'deal.amount'),
    fee: parseOptionalDecimal(d.feeAmount, 'deal.feeAmount', 0), feeAsset: d.feeCurrency ?? '', isMaker: d.isMaker ?? false,
  };
}

function balance(frame: Extract<MexcPushFrame, { bodyField: 307 }>, base: Base): BalanceEvent {
  const a = frame.privateAccount;
  return {
    type: 'balance', ...base, tsEvent: a.time ?? base.tsEvent, asset: req(a.vcoinName, 'account.vcoinName'),
    free: parseOptionalDecimal(a.balanceAmount, 'account.balanceAmount', 0),
    locked: parseOptionalDecimal(a.frozenAmount, 'account.frozenAmount', 0),
    reason: a.type ?? '',
  };
}
