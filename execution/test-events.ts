/** Builders for hand-made event sequences in tests (execution, strategies, runner). */
import type { BookSnapshotEvent, BookDeltaEvent, Level, StatusEvent, TradeEvent } from '../core/events.ts';

let seq = 0;
const nextSeq = (): number => ++seq;

export function trade(symbol: string, tsMs: number, price: number, qty: number, side: 'buy' | 'sell' = 'buy'): TradeEvent {
  return { type: 'trade', symbol, price, qty, side, tradeTime: tsMs, tsEvent: tsMs, tsRecv: Math.round(tsMs * 1000), seq: nextSeq() };
}

export function snapshot(symbol: string, tsMs: number, bids: Level[], asks: Level[]): BookSnapshotEvent {
  return { type: 'book_snapshot', symbol, bids, asks, version: 1, source: 'rest', tsEvent: tsMs, tsRecv: Math.round(tsMs * 1000), seq: nextSeq() };
}

export function delta(symbol: string, tsMs: number, bids: Level[], asks: Level[]): BookDeltaEvent {
  return { type: 'book_delta', symbol, bids, asks, fromVersion: 2, toVersion: 2, tsEvent: tsMs, tsRecv: Math.round(tsMs * 1000), seq: nextSeq() };
}

export function status(symbol: string, tsMs: number, openTime: number, extra: Partial<StatusEvent> = {}): StatusEvent {
  return {
    type: 'status', source: 'symbols_v2', symbol, vcoinId: `id-${symbol}`, sts: 2, st: 2, tt: 4, openTime,
    tsEvent: tsMs, tsRecv: Math.round(tsMs * 1000), seq: nextSeq(), ...extra,
  };
}
