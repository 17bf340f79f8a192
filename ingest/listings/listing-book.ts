/**
 * What the recorder knows about each listing: announcement, schedule, the (sts, st, tt) timeline
 * (changes only), qualification, and the actual open (first trade seen). Pure state; the
 * discovery poller feeds it and turns it into `listings` rows.
 */
import type { StatusEvent } from '../../core/events.ts';
import type { RowOf } from '../../lake/table-batch.ts';

interface Listing {
  readonly symbol: string;
  vcoinId: string;
  vcoinName: string;
  vcoinNameFull: string;
  zone: string | null;
  readonly firstSeenMs: number;
  scheduledOpen: number | undefined;
  actualOpen: number | undefined;
  apiTradable: boolean | undefined;
  readonly timeline: Array<[number, number | null, number | null, number | null]>;
  subscribed: boolean;
}

export interface Announcement {
  readonly symbol: string;
  readonly vcoinId: string;
  readonly vcoinName: string;
  readonly vcoinNameFull: string;
  readonly zone: string | null;
  readonly openTime: number | undefined;
}

export class ListingBook {
  private readonly bySymbol = new Map<string, Listing>();

  has(symbol: string): boolean {
    return this.bySymbol.has(symbol);
  }

  get size(): number {
    return this.bySymbol.size;
  }

  private ensure(symbol: string, vcoinId: string, nowMs: number): Listing {
    let l = this.bySymbol.get(symbol);
    if (l === undefined) {
      l = {
        symbol, vcoinId, vcoinName: symbol, vcoinNameFull: symbol, zone: null, firstSeenMs: nowMs, scheduledOpen: undefined,
        actualOpen: undefined, apiTradable: undefined, timeline: [], subscribed: false,
      };
      this.bySymbol.set(symbol, l);
    }
    return l;
  }

  announce(a: Announcement, nowMs: number): void {
    const l = this.ensure(a.symbol, a.vcoinId, nowMs);
    l.vcoinId = a.vcoinId;
    l.vcoinName = a.vcoinName;
    l.vcoinNameFull = a.vcoinNameFull;
    l.zone = a.zone;
    if (a.openTime !== undefined) l.scheduledOpen = a.openTime;
  }

  observe(e: StatusEvent, nowMs: number): void {
    const l = this.ensure(e.symbol, e.vcoinId, nowMs);
    if (e.openTime !== undefined) l.scheduledOpen = e.openTime;
    if (e.apiTradable !== undefined) l.apiTradable = e.source === 'default_symbols' ? e.apiTradable && (l.apiTradable ?? true) : e.apiTradable;
    if (e.source === 'symbols_v2') {
      const last = l.timeline.at(-1);
      const tuple: [number, number | null, number | null, number | null] = [e.tsEvent, e.sts ?? null, e.st ?? null, e.tt ?? null];
      if (last === undefined || last[1] !== tuple[1] || last[2] !== tuple[2] || last[3] !== tuple[3]) l.timeline.push(tuple);
    }
  }

  traded(symbol: string, tradeTimeMs: number): void {
    const l = this.bySymbol.get(symbol);
    if (l !== undefined && (l.actualOpen === undefined || tradeTimeMs < l.actualOpen)) l.actualOpen = tradeTimeMs;
  }

  /** Is some scheduled open between now and now + withinMs (venue time)? */
  nextOpenWithin(venueNowMs: number, withinMs: number): boolean {
    for (const l of this.bySymbol.values()) {
      if (l.scheduledOpen !== undefined && l.scheduledOpen >= venueNowMs - 60_000 && l.scheduledOpen <= venueNowMs + withinMs) return true;
    }
    return false;
  }

  /** Listings to qualify: scheduled, not yet opened long ago. */
  candidates(venueNowMs: number): Array<{ symbol: string; vcoinId: string }> {
    return [...this.bySymbol.values()]
      .filter((l) => l.scheduledOpen === undefined || l.scheduledOpen > venueNowMs - 3600_000)
      .map((l) => ({ symbol: l.symbol, vcoinId: l.vcoinId }));
  }

  /** Symbols whose open is within `aheadMs` (or past) and that are not subscribed yet; marks them. */
  dueForSubscription(venueNowMs: number, aheadMs: number): string[] {
    const out: string[] = [];
    for (const l of this.bySymbol.values()) {
      if (!l.subscribed && l.scheduledOpen !== undefined && l.scheduledOpen - venueNowMs <= aheadMs) {
        l.subscribed = true;
        out.push(l.symbol);
      }
    }
    return out;
  }

  rows(nowUs: number, connId: string): RowOf<'listings'>[] {
    let seq = 0;
    return [...this.bySymbol.values()].map((l) => ({
      ts_event: Math.floor(nowUs / 1000), ts_recv: nowUs, seq: seq++, conn_id: connId, symbol: l.symbol,
      vcoin_id: l.vcoinId, vcoin_name: l.vcoinName, vcoin_name_full: l.vcoinNameFull, zone: l.zone, first_seen: Math.round(l.firstSeenMs),
      scheduled_open: l.scheduledOpen ?? null, actual_open: l.actualOpen ?? null, api_tradable: l.apiTradable ?? null,
      status_timeline: JSON.stringify(l.timeline),
    }));
  }
}
