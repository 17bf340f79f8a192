/**
 * The push frames of the public channels, as pure functions of the data they carry. The live
 * frame producer and `sniper generate` (raw_frames) both build frames here, so a generated lake
 * holds exactly the bytes the live sim sends.
 */
import type { MexcPushFrame } from '../../adapters/mexc/proto/codec.ts';
import type { PublicTrade } from '../market/symbol-market.ts';
import type { Candle } from '../market/candles.ts';
import { scaled } from '../market/format.ts';
import { symbolIdOf } from './ids.ts';

export interface FrameSymbol {
  readonly symbol: string;
  readonly priceScale: number;
  readonly quantityScale: number;
}

/** createTime is the end of the window the frame covers; sendTime follows 1–7 ms later. */
export function frameHeader(seed: number, channel: string, s: FrameSymbol | undefined, endMs: number) {
  return {
    channel,
    symbol: s?.symbol,
    symbolId: s === undefined ? undefined : symbolIdOf(seed, s.symbol),
    createTime: endMs,
    sendTime: endMs + 1 + ((endMs / 10) % 7),
  };
}

export function dealsFrame(seed: number, s: FrameSymbol, speed: '10ms' | '100ms', trades: readonly PublicTrade[], endMs: number): MexcPushFrame {
  const channel = `spot@public.aggre.deals.v3.api.pb@${speed}@${s.symbol}`;
  return {
    ...frameHeader(seed, channel, s, endMs),
    bodyField: 314,
    publicAggreDeals: {
      deals: trades.map((t) => ({
        price: scaled(t.ticks, s.priceScale), quantity: scaled(t.lots, s.quantityScale), tradeType: t.side, time: t.timeMs, tradeId: t.id,
      })),
      eventType: `spot@public.aggre.deals.v3.api.pb@${speed}`,
    },
  };
}

export function klineFrame(seed: number, s: FrameSymbol, interval: string, c: Candle, endMs: number): MexcPushFrame {
  const pMul = 10 ** s.priceScale;
  const p = (x: number) => scaled(Math.round(x * pMul), s.priceScale);
  return {
    ...frameHeader(seed, `spot@public.kline.v3.api.pb@${s.symbol}@${interval}`, s, endMs),
    bodyField: 308,
    publicSpotKline: {
      interval, windowStart: c.openTime / 1000, openingPrice: p(c.open), closingPrice: p(c.close),
      highestPrice: p(c.high), lowestPrice: p(c.low), volume: scaled(Math.round(c.volume * 10 ** s.quantityScale), s.quantityScale),
      amount: scaled(Math.round(c.amount * 100), 2), windowEnd: c.closeTime / 1000,
    },
  };
}
