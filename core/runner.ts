/**
 * The one runner loop, shared by the backtest and the live runner. It is venue-agnostic: a
 * `Venue` takes orders and hands back their outcome later as account events; the runner owns
 * the clock, the books, the portfolio, the timers, the optional order guard and the decision log.
 *
 * For each external event at time T (its tsRecv): first everything due before or at T (timers,
 * venue events) in time order, then the event: books, confidence features, venue, strategy.
 * Commands a step returns are carried out before the next event; refusals by the guard come
 * back to the strategy as REJECTED order updates at the same time.
 */
import type { CancelOrderCommand, Command, PlaceOrderCommand } from './commands.ts';
import type { AccountEvent, OrderUpdateEvent, SniperEvent, TimerEvent } from './events.ts';
import { BookSet } from './order-book.ts';
import { Portfolio, type RoundTrip } from './portfolio.ts';
import type { Rng } from './rng.ts';
import type { AnyStrategy, ConfidenceProvider, InstrumentRules, StrategyContext } from './strategy.ts';

export interface Venue {
  submit(order: PlaceOrderCommand, nowUs: number): void;
  cancel(cmd: CancelOrderCommand, nowUs: number): void;
  /** Sees every market and listing event after the books are updated. */
  onEvent(event: SniperEvent, books: BookSet, nowUs: number): void;
  /** Earliest time (µs) the venue has something to do or deliver; Infinity if nothing. */
  nextDueUs(): number;
  /** Do what is due at or before `us`, delivering account events through `emit` (in time order). */
  release(us: number, emit: (event: AccountEvent) => void): void;
}

/** A pre-trade check (risk rules). Returns a refusal reason, or undefined to let the order through. */
export interface OrderGuard {
  check(order: PlaceOrderCommand, ctx: StrategyContext): { readonly rule: string; readonly reason: string } | undefined;
  /** Called for every order that passed, at its submission time. */
  accepted(order: PlaceOrderCommand, ctx: StrategyContext): void;
}

export interface DecisionRecord {
  readonly tsUs: number;
  readonly symbol: string;
  /** place_order | cancel_order | decision | refused | order_update | fill */
  readonly kind: string;
  /** The decision name (arm, skip, ...), order status, or refusal rule. */
  readonly decision: string;
  readonly reason: string;
  /** Canonical JSON of the details. */
  readonly data: string;
}

/**
 * The canonical line of a decision, what `decisionsHash` is a SHA-256 over:
 * `tsUs \t symbol \t kind \t decision \t reason \t data \n`. Backtest and live hash the same
 * lines, so a live run and the replay of its recording can be compared by hash.
 */
export function canonicalDecisionLine(d: DecisionRecord): string {
  return `${d.tsUs}\t${d.symbol}\t${d.kind}\t${d.decision}\t${d.reason}\t${d.data}\n`;
}

export interface DecisionSink {
  record(d: DecisionRecord): void;
}

/** What the runner's clock must allow: reading, and (for replays) being moved. */
export interface RunnerClock {
  nowUs(): number;
  /** Present on simulated clocks; the runner moves time to each event. */
  setUs?(us: number): void;
}

export interface RunnerOptions {
  readonly strategy: AnyStrategy;
  readonly params: unknown;
  readonly venue: Venue;
  readonly clock: RunnerClock;
  readonly rng: Rng;
  readonly instrument: (symbol: string) => InstrumentRules;
  readonly confidence?: ConfidenceProvider;
  readonly guard?: OrderGuard;
  readonly decisions?: DecisionSink;
  readonly quoteAsset?: string;
  readonly initialQuote: number;
  /** Called when a round trip closes (equity curves, reports). */
  readonly onRoundTrip?: (trip: RoundTrip) => void;
  /** Called after each fill (equity sampling). */
  readonly onFill?: (nowUs: number) => void;
}

interface Timer {
  readonly id: string;
  readonly atUs: number;
  readonly order: number;
  readonly payload: unknown;
}

export class Runner {
  readonly books = new BookSet();
  readonly portfolio: Portfolio;
  private readonly lastPrices = new Map<string, number>();
  private state: unknown;
  private timers: Timer[] = [];
  private timerOrder = 0;
  private seqOut = 0;
  private readonly orderReasons = new Map<string, string>();
  private readonly pending: SniperEvent[] = [];
  private readonly ctx: StrategyContext & { now: number; nowUs: number };
  eventsSeen = 0;

  constructor(private readonly o: RunnerOptions) {
    const quote = o.quoteAsset ?? 'USDT';
    this.portfolio = new Portfolio(quote, o.initialQuote, (s) => o.instrument(s).qtyScale, (s) => o.instrument(s).baseAsset);
    const books = this.books;
    const lastPrices = this.lastPrices;
    const now = o.clock.nowUs();
    this.ctx = {
      now: now / 1000,
      nowUs: now,
      rng: o.rng,
      book: (s) => books.peek(s),
      lastPrice: (s) => lastPrices.get(s) ?? NaN,
      portfolio: this.portfolio,
      instrument: o.instrument,
      confidence: (s) => o.confidence?.confidence(s, this.ctx.now),
    };
    this.state = o.strategy.init(o.params, this.ctx);
  }

  get strategyState(): unknown {
    return this.state;
  }
  lastPrice(symbol: string): number {
    return this.lastPrices.get(symbol) ?? NaN;
  }

  private setTime(us: number): void {
    if (this.o.clock.setUs !== undefined && us > this.o.clock.nowUs()) this.o.clock.setUs(us);
    const now = this.o.clock.nowUs();
    this.ctx.nowUs = now;
    this.ctx.now = now / 1000;
  }

  /** Process everything due at or before `us` (timers and venue events), in time order. */
  advanceTo(us: number): void {
    for (;;) {
      const t = this.timers[0];
      const timerAt = t === undefined ? Infinity : t.atUs;
      const venueAt = this.o.venue.nextDueUs();
      const at = Math.min(timerAt, venueAt);
      if (at > us) return;
      this.setTime(at);
      if (timerAt <= venueAt && t !== undefined) {
        this.timers.shift();
        const ev: TimerEvent = { type: 'timer', timerId: t.id, payload: t.payload, tsEvent: at / 1000, tsRecv: at, seq: ++this.seqOut };
        this.dispatch(ev);
      } else {
        this.o.venue.release(at, (e) => this.dispatch(e));
      }
    }
  }

  /** Feed one external event (market data, status, listing, gap). */
  handle(event: SniperEvent): void {
    const t = event.tsRecv;
    const timer = this.timers[0];
    if ((timer !== undefined && timer.atUs <= t) || this.o.venue.nextDueUs() <= t) this.advanceTo(t);
    this.setTime(t);
    this.eventsSeen++;
    switch (event.type) {
      case 'book_delta':
      case 'book_snapshot':
        this.books.applyDepth(event);
        break;
      case 'book_ticker':
        this.books.applyTicker(event);
        break;
      case 'trade':
        this.lastPrices.set(event.symbol, event.price);
        break;
      default:
        break;
    }
    this.o.confidence?.observe(event);
    this.o.venue.onEvent(event, this.books, t);
    this.dispatch(event);
  }

  /** Run remaining timers and venue events up to `us` (end of a replay). */
  finish(us: number): void {
    this.advanceTo(us);
  }

  private draining = false;

  /** Deliver now, or after the event being delivered when called from inside a delivery. */
  private dispatch(event: SniperEvent): void {
    if (this.draining) {
      this.pending.push(event);
      return;
    }
    this.draining = true;
    try {
      this.deliver(event);
      while (this.pending.length > 0) this.deliver(this.pending.shift()!);
    } finally {
      this.draining = false;
    }
  }

  private deliver(e: SniperEvent): void {
    if (e.type === 'fill' || e.type === 'order_update' || e.type === 'balance') this.account(e);
    const out = this.o.strategy.onEvent(this.state, e, this.ctx);
    this.state = out.state;
    for (let i = 0; i < out.commands.length; i++) this.execute(out.commands[i]!);
  }

  private account(e: AccountEvent): void {
    const log = this.o.decisions;
    if (e.type === 'fill') {
      const reason = this.orderReasons.get(e.clientOrderId) ?? '';
      const trip = this.portfolio.applyFill(e, reason);
      log?.record({ tsUs: e.tsRecv, symbol: e.symbol, kind: 'fill', decision: e.side, reason, data: JSON.stringify([e.clientOrderId, e.price, e.qty, e.fee, e.feeAsset, e.isMaker]) });
      this.o.onFill?.(e.tsRecv);
      if (trip !== undefined) this.o.onRoundTrip?.(trip);
    } else if (e.type === 'order_update') {
      log?.record({ tsUs: e.tsRecv, symbol: e.symbol, kind: 'order_update', decision: e.status, reason: e.rejectReason ?? '', data: JSON.stringify([e.clientOrderId, e.filledQty, e.filledQuote, e.rejectCode ?? null]) });
    } else {
      this.portfolio.applyBalance(e);
    }
  }

  private execute(c: Command): void {
    const log = this.o.decisions;
    const now = this.ctx.nowUs;
    switch (c.type) {
      case 'place_order': {
        const refusal = this.o.guard?.check(c, this.ctx);
        if (refusal !== undefined) {
          log?.record({ tsUs: now, symbol: c.symbol, kind: 'refused', decision: refusal.rule, reason: refusal.reason, data: JSON.stringify([c.clientOrderId, c.side, c.orderType, c.qty ?? null, c.quoteQty ?? null, c.price ?? null]) });
          const rejected: OrderUpdateEvent = {
            type: 'order_update', symbol: c.symbol, clientOrderId: c.clientOrderId, side: c.side, orderType: c.orderType,
            status: 'REJECTED', filledQty: 0, filledQuote: 0, rejectReason: `risk:${refusal.rule}: ${refusal.reason}`,
            tsEvent: now / 1000, tsRecv: now, seq: ++this.seqOut,
          };
          this.dispatch(rejected);
          return;
        }
        this.o.guard?.accepted(c, this.ctx);
        this.orderReasons.set(c.clientOrderId, c.reason);
        log?.record({ tsUs: now, symbol: c.symbol, kind: 'place_order', decision: c.side, reason: c.reason, data: JSON.stringify([c.clientOrderId, c.orderType, c.qty ?? null, c.quoteQty ?? null, c.price ?? null]) });
        this.o.venue.submit(c, now);
        return;
      }
      case 'cancel_order':
        log?.record({ tsUs: now, symbol: c.symbol, kind: 'cancel_order', decision: 'cancel', reason: c.reason, data: JSON.stringify([c.clientOrderId]) });
        this.o.venue.cancel(c, now);
        return;
      case 'set_timer': {
        this.timers = this.timers.filter((t) => t.id !== c.timerId);
        const atUs = Math.max(Math.round(c.atMs * 1000), now);
        const timer: Timer = { id: c.timerId, atUs, order: ++this.timerOrder, payload: c.payload };
        let i = this.timers.length;
        while (i > 0 && this.timers[i - 1]!.atUs > atUs) i--;
        this.timers.splice(i, 0, timer);
        return;
      }
      case 'cancel_timer':
        this.timers = this.timers.filter((t) => t.id !== c.timerId);
        return;
      case 'log_decision':
        log?.record({ tsUs: now, symbol: c.symbol, kind: 'decision', decision: c.decision, reason: c.reason, data: c.data === undefined ? '' : JSON.stringify(c.data) });
        return;
    }
  }
}
