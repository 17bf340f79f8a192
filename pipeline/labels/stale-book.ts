/**
 * Where the recording has trades but no fresh book (a lake that kept depth only for the first
 * seconds after the open), the fill model would sell into a book frozen at the open. This puts a
 * top-of-book snapshot at each such trade's price just before the trade: a market sell then
 * fills at the last traded price, which is what the tape says was executable. Recorded depth
 * always wins: nothing is added while the last depth event is younger than `staleMs`.
 */
import type { SniperEvent } from '../../core/events.ts';

/** Depth so deep that an exit never walks past the traded price. */
const DEEP = 1e12;

export function withTradeBook(events: readonly SniperEvent[], staleMs: number): SniperEvent[] {
  const staleUs = staleMs * 1000;
  let lastDepthUs = -Infinity;
  const out: SniperEvent[] = [];
  for (const ev of events) {
    if (ev.type === 'book_snapshot' || ev.type === 'book_delta') lastDepthUs = ev.tsRecv;
    else if (ev.type === 'trade' && ev.tsRecv - lastDepthUs > staleUs && lastDepthUs > -Infinity) {
      out.push({
        type: 'book_snapshot', symbol: ev.symbol, bids: [[ev.price, DEEP]], asks: [[ev.price, DEEP]], version: 0, source: 'limit',
        tsEvent: ev.tsEvent, tsRecv: ev.tsRecv, seq: ev.seq,
      });
    }
    out.push(ev);
  }
  return out;
}
