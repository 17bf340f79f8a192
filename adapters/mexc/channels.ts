/**
 * MEXC channel strings (mexc-api.md §1.5): building them and parsing them back.
 */

export type UpdateSpeed = '100ms' | '10ms';
export const KLINE_INTERVALS = ['Min1', 'Min5', 'Min15', 'Min30', 'Min60', 'Hour4', 'Hour8', 'Day1', 'Week1', 'Month1'] as const;
export type WireKlineInterval = (typeof KLINE_INTERVALS)[number];
export const LIMIT_DEPTH_LEVELS = [5, 10, 20] as const;

export const channels = {
  aggreDeals: (symbol: string, speed: UpdateSpeed = '100ms') => `spot@public.aggre.deals.v3.api.pb@${speed}@${symbol}`,
  aggreDepth: (symbol: string, speed: UpdateSpeed = '100ms') => `spot@public.aggre.depth.v3.api.pb@${speed}@${symbol}`,
  limitDepth: (symbol: string, level: 5 | 10 | 20) => `spot@public.limit.depth.v3.api.pb@${symbol}@${level}`,
  aggreBookTicker: (symbol: string, speed: UpdateSpeed = '100ms') => `spot@public.aggre.bookTicker.v3.api.pb@${speed}@${symbol}`,
  bookTickerBatch: (symbol: string) => `spot@public.bookTicker.batch.v3.api.pb@${symbol}`,
  kline: (symbol: string, interval: WireKlineInterval) => `spot@public.kline.v3.api.pb@${symbol}@${interval}`,
  miniTicker: (symbol: string, tz = 'UTC+8') => `spot@public.miniTicker.v3.api.pb@${symbol}@${tz}`,
  miniTickers: (tz = 'UTC+8') => `spot@public.miniTickers.v3.api.pb@${tz}`,
  privateOrders: () => 'spot@private.orders.v3.api.pb',
  privateDeals: () => 'spot@private.deals.v3.api.pb',
  privateAccount: () => 'spot@private.account.v3.api.pb',
} as const;

export type ChannelKind =
  | 'aggre.deals' | 'aggre.depth' | 'limit.depth' | 'aggre.bookTicker' | 'bookTicker.batch' | 'kline'
  | 'miniTicker' | 'miniTickers' | 'private.orders' | 'private.deals' | 'private.account';

export interface ParsedChannel {
  readonly kind: ChannelKind;
  readonly symbol?: string;
  readonly speed?: UpdateSpeed;
  readonly interval?: WireKlineInterval;
  readonly level?: 5 | 10 | 20;
  readonly tz?: string;
}

const SYMBOL = /^[A-Z0-9]{2,30}$/;

/** Parse a protobuf channel string; undefined for anything that is not a current .pb channel. */
export function parseChannel(channel: string): ParsedChannel | undefined {
  const parts = channel.split('@');
  const [scope, stream] = parts;
  if (scope !== 'spot' || stream === undefined) return undefined;
  const speedOk = (s: string | undefined): s is UpdateSpeed => s === '100ms' || s === '10ms';
  const symOk = (s: string | undefined): s is string => s !== undefined && SYMBOL.test(s);
  switch (stream) {
    case 'public.aggre.deals.v3.api.pb':
    case 'public.aggre.depth.v3.api.pb':
    case 'public.aggre.bookTicker.v3.api.pb': {
      if (parts.length !== 4 || !speedOk(parts[2]) || !symOk(parts[3])) return undefined;
      const kind = stream === 'public.aggre.deals.v3.api.pb' ? 'aggre.deals'
        : stream === 'public.aggre.depth.v3.api.pb' ? 'aggre.depth' : 'aggre.bookTicker';
      return { kind, speed: parts[2], symbol: parts[3] };
    }
    case 'public.limit.depth.v3.api.pb': {
      const level = Number(parts[3]);
      if (parts.length !== 4 || !symOk(parts[2]) || (level !== 5 && level !== 10 && level !== 20)) return undefined;
      return { kind: 'limit.depth', symbol: parts[2], level };
    }
    case 'public.bookTicker.batch.v3.api.pb':
      return parts.length === 3 && symOk(parts[2]) ? { kind: 'bookTicker.batch', symbol: parts[2] } : undefined;
    case 'public.kline.v3.api.pb': {
      const interval = parts[3] as WireKlineInterval;
      if (parts.length !== 4 || !symOk(parts[2]) || !KLINE_INTERVALS.includes(interval)) return undefined;
      return { kind: 'kline', symbol: parts[2], interval };
    }
    case 'public.miniTicker.v3.api.pb':
      return parts.length === 4 && symOk(parts[2]) && parts[3] !== '' ? { kind: 'miniTicker', symbol: parts[2], tz: parts[3] } : undefined;
    case 'public.miniTickers.v3.api.pb':
      return parts.length === 3 && parts[2] !== '' ? { kind: 'miniTickers', tz: parts[2] } : undefined;
    case 'private.orders.v3.api.pb':
      return parts.length === 2 ? { kind: 'private.orders' } : undefined;
    case 'private.deals.v3.api.pb':
      return parts.length === 2 ? { kind: 'private.deals' } : undefined;
    case 'private.account.v3.api.pb':
      return parts.length === 2 ? { kind: 'private.account' } : undefined;
    default:
      return undefined;
  }
}
