/**
 * Listing discovery: polls the new-coin calendar and symbolsV2 (faster as an open approaches),
 * qualifies candidates through exchangeInfo and defaultSymbols, records every observation of a
 * listing as a `status` row (plus the answer itself as a raw `rest` frame), keeps each listing's
 * state for the `listings` table, and asks for its streams `subscribeAheadMs` before it opens.
 *
 * Times compared with the schedule are venue times: local time plus the offset measured by
 * syncTime on every calendar poll (the sim's clock may run faster than the wall clock).
 */
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { StatusEvent } from '../../core/events.ts';
import type { MexcRestClient } from '../../adapters/mexc/rest/client.ts';
import type { FrameRecorder } from '../frame-recorder.ts';
import { statusRow, type RowSink } from '../event-rows.ts';
import { ListingBook } from './listing-book.ts';

export interface DiscoveryOptions {
  readonly quote?: string;
  readonly calendarMs?: number;
  readonly symbolsMs?: number;
  readonly qualifyMs?: number;
  /** Poll every `fastMs` when an open is within `fastWithinMs` (venue time). */
  readonly fastMs?: number;
  /**
   * exchangeInfo's fast cadence. It weighs 25 (mexc-api.md §4.5) against a 500-per-10-s budget per
   * endpoint and IP, so a 1 s poll alone would use half of it, and a recorder and a live runner on
   * one IP would earn 429s near every open. defaultSymbols (weight 1) keeps the `fastMs` cadence.
   */
  readonly infoFastMs?: number;
  readonly fastWithinMs?: number;
  readonly subscribeAheadMs?: number;
  readonly connId?: string;
}

const num = (v: unknown): number | undefined => {
  if (v === null || v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

export class ListingDiscovery {
  readonly book = new ListingBook();
  private offsetMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private looping: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private due = { calendar: 0, symbols: 0, qualify: 0, info: 0 };
  private seq = 0;
  private running = false;
  polls = 0;
  pollErrors = 0;
  private readonly connId: string;

  constructor(
    private readonly rest: MexcRestClient,
    private readonly recorder: FrameRecorder,
    private readonly sink: RowSink,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly subscribe: (symbol: string) => void,
    private readonly o: DiscoveryOptions = {},
  ) {
    this.connId = o.connId ?? 'discovery';
  }

  private venueNow(): number {
    return this.clock.nowMs() + this.offsetMs;
  }

  start(): void {
    this.running = true;
    this.looping = this.loop();
  }

  /** Stop polling; resolves when a poll in flight has finished (so nothing is written after). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.wake?.();
    await this.looping;
  }

  private interval(normal: number, fast = this.o.fastMs ?? 1000): number {
    return this.book.nextOpenWithin(this.venueNow(), this.o.fastWithinMs ?? 5 * 60_000) ? Math.min(normal, fast) : normal;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const now = this.clock.nowMs();
      try {
        if (now >= this.due.calendar) {
          this.due.calendar = now + this.interval(this.o.calendarMs ?? 60_000);
          await this.pollCalendar();
        }
        if (now >= this.due.symbols) {
          this.due.symbols = now + this.interval(this.o.symbolsMs ?? 10_000);
          await this.pollSymbols();
        }
        if (now >= this.due.qualify) {
          const normal = this.o.qualifyMs ?? 30_000;
          this.due.qualify = now + this.interval(normal);
          const withInfo = now >= this.due.info;
          if (withInfo) this.due.info = now + this.interval(normal, Math.max(this.o.infoFastMs ?? 5_000, this.o.fastMs ?? 1000));
          await this.qualify(withInfo);
        }
      } catch (e) {
        this.pollErrors++;
        this.log.warn({ err: (e as Error).message }, 'listing poll failed');
      }
      for (const symbol of this.book.dueForSubscription(this.venueNow(), this.o.subscribeAheadMs ?? 10 * 60_000)) this.subscribe(symbol);
      if (!this.running) return;
      await new Promise<void>((r) => {
        this.wake = r;
        this.timer = setTimeout(r, 200);
      });
    }
  }

  private meta() {
    return { connId: this.connId, tsRecv: this.clock.nowUs(), seq: this.seq++ };
  }

  private observe(e: Omit<StatusEvent, 'type' | 'tsRecv' | 'seq' | 'tsEvent'>, m: { tsRecv: number; seq: number }): void {
    const ev: StatusEvent = { type: 'status', tsEvent: Math.round(this.venueNow()), tsRecv: m.tsRecv, seq: m.seq, ...e };
    this.sink.append('status', statusRow(ev, this.connId));
    this.book.observe(ev, this.clock.nowMs());
  }

  private raw(path: string, value: unknown): { tsRecv: number; seq: number } {
    const m = this.meta();
    this.recorder.onRest(path, new TextEncoder().encode(JSON.stringify(value)), m, null);
    return m;
  }

  private async pollCalendar(): Promise<void> {
    const sync = await this.rest.syncTime();
    if (sync.ok) this.offsetMs = sync.value.offsetMs;
    const r = await this.rest.calendar();
    this.polls++;
    if (!r.ok) throw r.error;
    const m = this.raw('/api/operation/new_coin_calendar', r.value);
    const quote = this.o.quote ?? 'USDT';
    for (const c of r.value.data.newCoins) {
      const symbol = `${c.vcoinName}${quote}`;
      const openTime = num(c.firstOpenTime);
      this.book.announce({ symbol, vcoinId: String(c.vcoinId), vcoinName: c.vcoinName, vcoinNameFull: c.vcoinNameFull ?? c.vcoinName, zone: c.zone ?? null, openTime }, this.clock.nowMs());
      this.observe({ source: 'calendar', symbol, vcoinId: String(c.vcoinId), ...(openTime !== undefined ? { openTime } : {}) }, m);
    }
  }

  private async pollSymbols(): Promise<void> {
    const r = await this.rest.symbolsV2();
    this.polls++;
    if (!r.ok) throw r.error;
    const m = this.raw('/api/platform/spot/market-v2/web/symbolsV2', r.value);
    const quote = this.o.quote ?? 'USDT';
    const recentMs = this.venueNow() - 24 * 3600_000;
    for (const e of r.value.data.symbols[quote] ?? []) {
      const symbol = `${e.vn}${quote}`;
      const ot = num(e.ot);
      // a listing's observations: anything the calendar announced, or with an open time in the last day or ahead
      if (!this.book.has(symbol) && (ot === undefined || ot < recentMs)) continue;
      const sts = num(e.sts);
      const st = num(e.st);
      const tt = num(e.tt);
      this.observe({
        source: 'symbols_v2', symbol, vcoinId: String(e.cd),
        ...(sts !== undefined ? { sts } : {}), ...(st !== undefined ? { st } : {}), ...(tt !== undefined ? { tt } : {}),
        ...(ot !== undefined ? { openTime: ot } : {}),
      }, m);
    }
  }

  /** defaultSymbols membership of every candidate, and their exchangeInfo when `withInfo`. */
  private async qualify(withInfo: boolean): Promise<void> {
    const candidates = this.book.candidates(this.venueNow());
    if (candidates.length === 0) return;
    const dflt = await this.rest.defaultSymbols();
    this.polls++;
    const dm = dflt.ok ? this.raw('/api/v3/defaultSymbols', dflt.value) : undefined;
    const info = withInfo ? await this.rest.exchangeInfo({ symbols: candidates.map((c) => c.symbol) }) : undefined;
    if (info !== undefined) this.polls++;
    const im = info?.ok === true ? this.raw('/api/v3/exchangeInfo', info.value) : undefined;
    const infoBy = new Map(info?.ok === true ? info.value.symbols.map((s) => [s.symbol, s] as const) : []);
    const apiSymbols = dflt.ok ? new Set(dflt.value.data) : undefined;
    for (const c of candidates) {
      const s = infoBy.get(c.symbol);
      if (s !== undefined) {
        this.observe({ source: 'exchange_info', symbol: c.symbol, vcoinId: c.vcoinId, exchangeStatus: s.status, apiTradable: s.isSpotTradingAllowed }, im!);
      }
      if (apiSymbols !== undefined) {
        this.observe({ source: 'default_symbols', symbol: c.symbol, vcoinId: c.vcoinId, apiTradable: apiSymbols.has(c.symbol) }, dm!);
      }
    }
    if (!dflt.ok && info?.ok !== true) throw dflt.error;
  }

  /** A trade of `symbol` was seen: the first one marks the actual open. */
  onTrade(symbol: string, tradeTimeMs: number): void {
    this.book.traded(symbol, tradeTimeMs);
  }

  /** One `listings` row per listing seen in this run. */
  writeListings(): number {
    const rows = this.book.rows(this.clock.nowUs(), this.connId);
    for (const r of rows) this.sink.append('listings', r);
    return rows.length;
  }
}
