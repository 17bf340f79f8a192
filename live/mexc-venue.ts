/**
 * The real venue: the runner's `Venue` over signed MEXC REST orders. Each answer becomes account
 * events stamped when it arrived and released to the runner in time order.
 *
 * - A placement answered with an order id: NEW, then the order is followed with GET order (and
 *   its trades with GET myTrades) until it is FILLED, CANCELED or PARTIALLY_CANCELED.
 * - A placement answered with a MEXC error, a 429, or never sent (connection refused, invalid
 *   request): REJECTED with the code, so the strategy can retry or give up.
 * - A 5xx, a time-out or a dropped connection (UnknownOutcomeError): the order may exist. It
 *   stays pending, nothing is told to the strategy, and it is looked up by its clientOrderId
 *   until the venue settles it. Only when the venue has said "no such order" for
 *   `notFoundGraceMs` is it reported REJECTED (never placed).
 *
 * Orders are looked up every `pollMs`, right after a placement is answered, and whenever the
 * private stream (private-stream.ts) pushes something about one of them.
 */
import type { CancelOrderCommand, PlaceOrderCommand } from '../core/commands.ts';
import type { Clock } from '../core/clock.ts';
import { UnknownOutcomeError, VenueError } from '../core/errors.ts';
import type { AccountEvent, OrderStatus } from '../core/events.ts';
import type { Logger } from '../core/logger.ts';
import type { Venue } from '../core/runner.ts';
import type { InstrumentRules } from '../core/strategy.ts';
import type { MexcRestClient } from '../adapters/mexc/rest/client.ts';
import type { MexcOrder } from '../adapters/mexc/rest/types-trading.ts';
import { orderRequest } from './order-request.ts';
import { fillOf, updateOf, type Tracked } from './venue-events.ts';

export interface VenueJournalEntry {
  readonly tsUs: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  /** sent | placed | rejected | unknown_outcome | reconciled | not_found | poll_error | cancel_sent | cancel_failed */
  readonly event: string;
  readonly detail: string;
}

export interface MexcVenueOptions {
  readonly client: MexcRestClient;
  readonly clock: Clock;
  readonly rules: (symbol: string) => InstrumentRules;
  readonly log: Logger;
  readonly journal?: (e: VenueJournalEntry) => void;
  /** Called when account events are ready (the driver runs the runner soon after). */
  readonly wake?: () => void;
  readonly pollMs?: number;
  readonly notFoundGraceMs?: number;
}

const TERMINAL: ReadonlySet<string> = new Set(['FILLED', 'CANCELED', 'PARTIALLY_CANCELED']);

export class MexcVenue implements Venue {
  private readonly ready: AccountEvent[] = [];
  private readonly orders = new Map<string, Tracked>();
  private poller: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private again = false;
  private seq = 0;

  constructor(private readonly o: MexcVenueOptions) {}

  /** Orders not settled yet: sent and unanswered, open at the venue, or of unknown outcome. */
  pending(): Tracked[] {
    return [...this.orders.values()].filter((t) => t.state !== 'done');
  }

  private now(): number {
    return this.o.clock.nowUs();
  }

  private note(t: Tracked, event: string, detail: string): void {
    this.o.journal?.({ tsUs: this.now(), clientOrderId: t.order.clientOrderId, symbol: t.order.symbol, event, detail });
  }

  private push(e: AccountEvent): void {
    this.ready.push(e);
    this.o.wake?.();
  }

  private update(t: Tracked, status: OrderStatus, extra: { rejectCode?: number; rejectReason?: string } = {}): void {
    t.status = status;
    this.push(updateOf(t, status, this.now(), ++this.seq, extra));
  }

  submit(order: PlaceOrderCommand, _nowUs: number): void {
    const t: Tracked = { order, state: 'sending', status: 'NEW', filledQty: 0, filledQuote: 0, tradeIds: new Set(), notFoundSinceUs: undefined };
    this.orders.set(order.clientOrderId, t);
    const req = orderRequest(order, this.o.rules(order.symbol));
    this.note(t, 'sent', JSON.stringify(req));
    void this.o.client.placeOrder(req).then((r) => {
      if (r.ok) {
        t.orderId = r.value.orderId;
        t.state = 'open';
        this.note(t, 'placed', `orderId ${r.value.orderId}`);
        this.update(t, 'NEW');
        this.pollSoon(); // a marketable order is usually done by now
      } else if (r.error instanceof UnknownOutcomeError) {
        t.state = 'unknown';
        this.note(t, 'unknown_outcome', r.error.message);
        this.o.log.warn({ clientOrderId: order.clientOrderId, err: r.error.message }, 'order outcome unknown: pending until the venue settles it');
      } else {
        t.state = 'done';
        const code = r.error instanceof VenueError ? (r.error.venueCode ?? r.error.httpStatus) : undefined;
        this.note(t, 'rejected', `${code ?? ''} ${r.error.message}`);
        this.update(t, 'REJECTED', { ...(code === undefined ? {} : { rejectCode: code }), rejectReason: r.error.message });
      }
      this.ensurePolling();
    });
  }

  cancel(cmd: CancelOrderCommand, _nowUs: number): void {
    const t = this.orders.get(cmd.clientOrderId);
    if (t === undefined || t.state === 'done') return;
    this.note(t, 'cancel_sent', cmd.reason);
    void this.o.client.cancelOrder({ symbol: cmd.symbol, origClientOrderId: cmd.clientOrderId }).then((r) => {
      // the outcome (CANCELED or a fill that won the race) is read by the poller either way
      if (!r.ok) this.note(t, 'cancel_failed', r.error.message);
    });
  }

  onEvent(): void {}

  nextDueUs(): number {
    return this.ready.length === 0 ? Infinity : this.ready[0]!.tsRecv;
  }

  release(us: number, emit: (event: AccountEvent) => void): void {
    while (this.ready.length > 0 && this.ready[0]!.tsRecv <= us) emit(this.ready.shift()!);
  }

  private ensurePolling(): void {
    if (this.poller !== undefined || this.pending().length === 0) return;
    this.poller = setInterval(() => void this.poll(), this.o.pollMs ?? 250);
  }

  /** Look orders up now (the private stream pushed something about one, or one was just placed). */
  pollSoon(clientOrderId?: string): void {
    if (clientOrderId !== undefined && !this.orders.has(clientOrderId)) return;
    setImmediate(() => void this.poll());
  }

  /** One reconciliation pass over every order that is open or of unknown outcome. */
  async poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = true;
    this.again = false;
    try {
      for (const t of this.pending()) {
        if (t.state === 'sending') continue;
        const r = await this.o.client.queryOrder({ symbol: t.order.symbol, origClientOrderId: t.order.clientOrderId });
        if (r.ok) await this.settle(t, r.value);
        else this.notFound(t, r.error);
      }
    } finally {
      this.polling = false;
      if (this.pending().length === 0 && this.poller !== undefined) {
        clearInterval(this.poller);
        this.poller = undefined;
      }
      if (this.again) this.pollSoon();
    }
  }

  private notFound(t: Tracked, e: Error): void {
    const missing = e instanceof VenueError && (e.venueCode === -2013 || e.venueCode === -2011);
    if (!missing) {
      this.note(t, 'poll_error', e.message);
      return;
    }
    if (t.state !== 'unknown') return;
    const now = this.now();
    t.notFoundSinceUs ??= now;
    if (now - t.notFoundSinceUs < (this.o.notFoundGraceMs ?? 15_000) * 1000) return;
    t.state = 'done';
    this.note(t, 'not_found', 'the venue has no such order: it was never placed');
    this.update(t, 'REJECTED', { rejectReason: 'unknown outcome reconciled: the venue has no such order' });
  }

  private async settle(t: Tracked, o: MexcOrder): Promise<void> {
    if (t.state === 'unknown') {
      this.note(t, 'reconciled', `found as ${o.status} (orderId ${o.orderId})`);
      t.state = 'open';
      t.orderId = o.orderId;
      this.update(t, 'NEW');
    }
    const executed = Number(o.executedQty);
    if (executed > t.filledQty + 1e-12) {
      const trades = await this.o.client.myTrades(t.order.symbol, { orderId: o.orderId });
      if (!trades.ok) {
        this.note(t, 'poll_error', `myTrades: ${trades.error.message}`);
        return; // the order update waits until its fills are known
      }
      for (const tr of trades.value) {
        const id = String(tr.id);
        if (tr.orderId !== o.orderId || t.tradeIds.has(id)) continue;
        t.tradeIds.add(id);
        const fill = fillOf(t, tr, this.now(), ++this.seq, this.o.rules(t.order.symbol));
        t.filledQty += fill.qty;
        t.filledQuote += fill.quoteQty;
        this.push(fill);
      }
      if (t.filledQty + 1e-12 < executed) return; // trades not all visible yet
    }
    const done = TERMINAL.has(o.status);
    if (o.status !== t.status || done) {
      if (done) t.state = 'done';
      this.update(t, o.status);
    }
  }

  stop(): void {
    if (this.poller !== undefined) clearInterval(this.poller);
    this.poller = undefined;
  }
}
