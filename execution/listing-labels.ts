/**
 * Labels of past listings as a live observer can know them, for the history factor: each
 * listing's snipe (execution/snipe.ts, on a book refreshed at trade prices where the recording's
 * went stale — the pipeline's labeler does the same) counts once it is over: its last exit, or the
 * end of the entry window when it missed or the symbol was not API-tradable; a snipe still holding
 * when the label horizon closes, or past its time stop with no trade to exit on, ends with its
 * last event ('end_of_data'), as in the pipeline.
 */
import type { SniperEvent } from '../core/events.ts';
import { simulateSnipe, type SnipeParams } from './snipe.ts';

export interface LabelSettings {
  readonly snipe: SnipeParams & { readonly windowEndMs: number; readonly latencyMs: number; readonly exits?: { readonly timeStopMs: number } };
  readonly minSuccessReturn: number;
  readonly staleBookMs: number;
  /** Events are read up to open + horizonMs (the pipeline's label horizon); a snipe still holding then ends there. */
  readonly horizonMs: number;
}

export interface ResolvedLabel {
  readonly symbol: string;
  readonly exitMs: number;
  readonly success: boolean;
  readonly netReturn: number;
}

const DEEP = 1e12;

/**
 * Where the recording has trades but no fresh book (a lake that kept depth only for the first
 * seconds after the open), the fill model would sell into a book frozen at the open. This puts a
 * top-of-book snapshot at each such trade's price just before the trade: a market sell then
 * fills at the last traded price, which is what the tape says was executable. Recorded depth
 * always wins: nothing is added while the last depth event is younger than `staleMs`. The
 * pipeline's labels and the backtest both use this one function, so they agree.
 */
export function withTradeBook(events: readonly SniperEvent[], staleMs: number): SniperEvent[] {
  const staleUs = staleMs * 1000;
  let lastDepthUs = -Infinity;
  const out: SniperEvent[] = [];
  for (const ev of events) {
    if (ev.type === 'book_snapshot' || ev.type === 'book_delta') lastDepthUs = ev.tsRecv;
    else if (ev.type === 'trade' && ev.tsRecv - lastDepthUs > staleUs && lastDepthUs > -Infinity) {
      out.push({ type: 'book_snapshot', symbol: ev.symbol, bids: [[ev.price, DEEP]], asks: [[ev.price, DEEP]], version: 0, source: 'limit', tsEvent: ev.tsEvent, tsRecv: ev.tsRecv, seq: ev.seq });
    }
    out.push(ev);
  }
  return out;
}

/**
 * The label of `symbol` if it is already over at `nowMs` given the events seen so far (all with
 * tsRecv before now), else undefined.
 */
export function resolvedLabel(symbol: string, openMs: number, apiTradable: boolean, events: readonly SniperEvent[], nowMs: number, s: LabelSettings): ResolvedLabel | undefined {
  const missedAt = openMs + s.snipe.windowEndMs + s.snipe.latencyMs;
  if (!apiTradable) return nowMs > missedAt ? { symbol, exitMs: missedAt, success: false, netReturn: 0 } : undefined;
  if (nowMs <= missedAt) return undefined;
  const complete = nowMs > openMs + s.horizonMs;
  const inWindow = complete ? events.filter((e) => e.tsRecv < (openMs + s.horizonMs) * 1000) : events;
  const out = simulateSnipe(symbol, openMs, s.staleBookMs > 0 ? withTradeBook(inWindow, s.staleBookMs) : inWindow, s.snipe);
  if (out.status === 'missed') return { symbol, exitMs: missedAt, success: false, netReturn: 0 };
  // still holding: the position runs on until an exit, the horizon closing the window, or its time
  // stop passing with no trade to exit on (then it ended with the last event, as the label has it)
  const timeStop = s.snipe.exits?.timeStopMs ?? 0;
  const stopPassed = timeStop > 0 && out.entryTimeUs !== undefined && nowMs > out.entryTimeUs / 1000 + timeStop;
  if (!complete && !stopPassed && (out.exitReason === undefined || out.exitReason === 'end_of_data')) return undefined;
  const exitMs = Math.ceil((out.exitTimeUs ?? 0) / 1000);
  return exitMs < nowMs ? { symbol, exitMs, success: out.returnPct > s.minSuccessReturn, netReturn: out.returnPct } : undefined;
}
