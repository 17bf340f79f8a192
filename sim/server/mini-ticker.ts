/**
 * miniTicker items (mexc-api.md §2.2): `rate` is the change since the UTC+8 day open, `zonedRate`
 * since the requested timezone's day open, `volume` the rolling 24 h quote turnover and `quantity`
 * the rolling base volume. The lastClose* fields use the rolling 24 h open.
 */
import type { MexcPublicMiniTickerV3Api } from '../../adapters/mexc/proto/codec.ts';
import type { SymbolMarket } from '../market/symbol-market.ts';
import { fixed, scaled } from '../market/format.ts';

export const MINI_TICKER_ZONES = [
  '24H', 'UTC-10', 'UTC-8', 'UTC-7', 'UTC-6', 'UTC-5', 'UTC-4', 'UTC-3', 'UTC+0', 'UTC+1', 'UTC+2', 'UTC+3', 'UTC+4',
  'UTC+4:30', 'UTC+5', 'UTC+5:30', 'UTC+6', 'UTC+7', 'UTC+8', 'UTC+9', 'UTC+10', 'UTC+11', 'UTC+12', 'UTC+12:45', 'UTC+13',
] as const;

/** Offset of a zone in ms (undefined for the rolling '24H'). */
export function zoneOffsetMs(tz: string): number | undefined {
  const m = /^UTC([+-])(\d{1,2})(?::(\d{2}))?$/.exec(tz);
  if (m === null) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

function dayOpen(m: SymbolMarket, nowMs: number, tz: string, rollingOpen: number): number {
  const off = zoneOffsetMs(tz);
  if (off === undefined) return rollingOpen;
  const start = Math.floor((nowMs + off) / 86_400_000) * 86_400_000 - off;
  return m.rolling.openFrom(start) ?? rollingOpen;
}

export function miniTickerItem(m: SymbolMarket, nowMs: number, tz: string): MexcPublicMiniTickerV3Api | undefined {
  const s = m.rolling.stats(nowMs);
  if (s === undefined) return undefined;
  const p = (x: number) => scaled(Math.round(x * m.pMul), m.priceScale);
  const rate = (base: number) => fixed(base > 0 ? s.last / base - 1 : 0, 4);
  return {
    symbol: m.symbol,
    price: p(s.last),
    rate: rate(dayOpen(m, nowMs, 'UTC+8', s.open)),
    zonedRate: rate(dayOpen(m, nowMs, tz, s.open)),
    high: p(s.high),
    low: p(s.low),
    volume: fixed(s.quote, 2),
    quantity: scaled(Math.round(s.base * m.qMul), m.quantityScale),
    lastCloseRate: rate(s.open),
    lastCloseZonedRate: rate(s.open),
    lastCloseHigh: p(s.high),
    lastCloseLow: p(s.low),
  };
}
