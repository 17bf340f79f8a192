/**
 * The simulated venue: the fill model shared by the backtest and paper mode. It implements the
 * runner's `Venue`: orders arrive after a latency draw, are checked like MEXC checks them
 * (execution/order-checks.ts), take liquidity by walking the book the runner maintains
 * (our consumption stays consumed), rest when they are limit orders that do not cross (and then
 * fill when a recorded trade prints at or through their price, up to the trade's size, as
 * maker), and their outcome comes back after a second latency draw: fills first, then the
 * order update. Where the recording's book has gone stale (no depth for `staleBookMs` while
 * trades go on) orders fill at the last trade price instead (execution/trade-book.ts). The venue
 * keeps the account that its balance checks use.
 */
import { apiTradableSignal } from '../strategies/api-tradable.ts';
import type { CancelOrderCommand, PlaceOrderCommand } from '../core/commands.ts';
import type { AccountEvent, FillEvent, OrderStatus, OrderUpdateEvent, SniperEvent } from '../core/events.ts';
import type { BookSet, BookView } from '../core/order-book.ts';
import type { Venue } from '../core/runner.ts';
import type { InstrumentRules } from '../core/strategy.ts';
import { ConsumedLiquidity, walkBook, type WalkFill } from './book-walk.ts';
import { fillAmounts } from './fees.ts';
import { toNumber } from './fixed-point.ts';
import type { LatencyModel } from './latency.ts';
import { checkOrder } from './order-checks.ts';
import { TimeQueue } from './time-queue.ts';
import { executableBook } from './trade-book.ts';

export interface SimVenueOptions {
  readonly latency: LatencyModel;
  readonly rules: (symbol: string) => InstrumentRules;
  readonly quoteAsset: string;
  readonly initialQuote: number;
  /** Order placements + cancels per second (MEXC 2026 docs: 12). */
  readonly maxOrdersPerSecond?: number;
  /** A recorded book older than this, with trades after it, is replaced by the last trade price (execution/trade-book.ts). Default 5000. */
  readonly staleBookMs?: number;
}

type Item =
  | { readonly kind: 'arrive'; readonly order: PlaceOrderCommand }
  | { readonly kind: 'cancel'; readonly cmd: CancelOrderCommand }
  | { readonly kind: 'deliver'; readonly event: AccountEvent };

interface Resting {
  readonly order: PlaceOrderCommand;
  readonly orderId: string;
  remaining: number;
  filledQty: number;
  filledQuote: number;
  fills: number;
}

interface SymbolState {
  open: boolean;
  apiTradable: boolean;
  lastPrice: number;
  lastTradeUs: number;
}

export class SimVenue implements Venue {
  private readonly queue = new TimeQueue<Item>();
  private readonly consumed = new ConsumedLiquidity();
  private readonly symbols = new Map<string, SymbolState>();
  private readonly resting = new Map<string, Resting[]>();
  private readonly free = new Map<string, number>();
  private readonly locked = new Map<string, number>();
  private readonly recent: number[] = [];
  private books: BookSet | undefined;
  private orderCount = 0;
  private seq = 0;
  readonly stats = { orders: 0, rejects: {} as Record<string, number>, fills: 0 };

  constructor(private readonly o: SimVenueOptions) {
    this.free.set(o.quoteAsset, o.initialQuote);
  }

  private sym(symbol: string): SymbolState {
    let s = this.symbols.get(symbol);
    if (s === undefined) {
      s = { open: false, apiTradable: true, lastPrice: NaN, lastTradeUs: -Infinity };
      this.symbols.set(symbol, s);
    }
    return s;
  }

  balance(asset: string): number {
    return this.free.get(asset) ?? 0;
  }

  submit(order: PlaceOrderCommand, nowUs: number): void {
    this.queue.push(nowUs + this.o.latency.sampleUs(), { kind: 'arrive', order });
  }

  cancel(cmd: CancelOrderCommand, nowUs: number): void {
    this.queue.push(nowUs + this.o.latency.sampleUs(), { kind: 'cancel', cmd });
  }

  onEvent(e: SniperEvent, books: BookSet, nowUs: number): void {
    this.books = books;
    if (e.type === 'trade') {
      const s = this.sym(e.symbol);
      s.open = true;
      s.lastPrice = e.price;
      s.lastTradeUs = e.tsRecv;
      const rest = this.resting.get(e.symbol);
      if (rest !== undefined && rest.length > 0) this.tradeThrough(rest, e.symbol, e.price, e.qty, e.side, nowUs);
    } else if (e.type === 'status') {
      // the same reading as the strategy's: a pre-open absence from defaultSymbols says nothing
      const s = this.sym(e.symbol);
      const signal = apiTradableSignal(e, s.open);
      if (signal !== undefined) s.apiTradable = signal;
    }
  }

  nextDueUs(): number {
    return this.queue.peekUs();
  }

  release(us: number, emit: (event: AccountEvent) => void): void {
    while (this.queue.peekUs() <= us) {
      const { atUs, value } = this.queue.pop()!;
      if (value.kind === 'deliver') emit(value.event);
      else if (value.kind === 'arrive') this.arrive(value.order, atUs);
      else this.cancelArrive(value.cmd, atUs);
    }
  }

  private deliverAt(atUs: number, event: AccountEvent): void {
    this.queue.push(atUs, { kind: 'deliver', event });
  }

  private rateOk(atUs: number): number {
    while (this.recent.length > 0 && this.recent[0]! <= atUs - 1_000_000) this.recent.shift();
    return this.recent.length;
  }

  private update(o: PlaceOrderCommand, orderId: string, status: OrderStatus, atUs: number, filledQty: number, filledQuote: number, reject?: { code: number; msg: string }): OrderUpdateEvent {
    return {
      type: 'order_update', symbol: o.symbol, clientOrderId: o.clientOrderId, orderId, side: o.side, orderType: o.orderType, status,
      ...(o.price === undefined ? {} : { price: o.price }), ...(o.qty === undefined ? {} : { qty: o.qty }), ...(o.quoteQty === undefined ? {} : { quoteQty: o.quoteQty }),
      filledQty, filledQuote, ...(reject === undefined ? {} : { rejectCode: reject.code, rejectReason: reject.msg }),
      tsEvent: atUs / 1000, tsRecv: atUs, seq: ++this.seq,
    };
  }

  private arrive(o: PlaceOrderCommand, atUs: number): void {
    this.stats.orders++;
    const orderId = `SIM-${++this.orderCount}`;
    const rules = this.o.rules(o.symbol);
    const s = this.sym(o.symbol);
    const book: BookView | undefined = executableBook(this.books?.peek(o.symbol), o.symbol, s.lastPrice, s.lastTradeUs, atUs, (this.o.staleBookMs ?? 5000) * 1000);
    const back = atUs + this.o.latency.sampleUs();
    const rejection = checkOrder(o, {
      rules, open: s.open, apiTradable: s.apiTradable, lastPrice: s.lastPrice,
      bestAsk: book?.bestAsk() ?? NaN, bestBid: book?.bestBid() ?? NaN,
      freeQuote: this.balance(rules.quoteAsset), freeBase: this.balance(rules.baseAsset),
      ordersInLastSecond: this.rateOk(atUs), maxOrdersPerSecond: this.o.maxOrdersPerSecond ?? 12,
    });
    this.recent.push(atUs);
    if (rejection !== undefined) {
      this.stats.rejects[rejection.code] = (this.stats.rejects[rejection.code] ?? 0) + 1;
      this.deliverAt(back, this.update(o, orderId, 'REJECTED', back, 0, 0, rejection));
      return;
    }
    if (o.orderType === 'LIMIT_MAKER' && book !== undefined) {
      const cross = o.side === 'buy' ? book.bestAsk() <= o.price! : book.bestBid() >= o.price!;
      if (cross) {
        this.deliverAt(back, this.update(o, orderId, 'REJECTED', back, 0, 0, { code: 30041, msg: 'LIMIT_MAKER order would match immediately' }));
        return;
      }
    }
    const marketable = o.orderType !== 'LIMIT_MAKER';
    let fills: readonly WalkFill[] = [];
    let complete = false;
    if (marketable && book !== undefined) {
      if (o.orderType === 'FILL_OR_KILL') {
        const probe = walkBook(book, undefined, { side: o.side, qty: o.qty!, limitPrice: o.price!, qtyScale: rules.qtyScale });
        if (!probe.complete) {
          this.deliverAt(back, this.update(o, orderId, 'CANCELED', back, 0, 0));
          return;
        }
      }
      const walk = walkBook(book, this.consumed, {
        side: o.side, qtyScale: rules.qtyScale,
        ...(o.qty === undefined ? {} : { qty: o.qty }), ...(o.quoteQty === undefined ? {} : { quoteQty: o.quoteQty }),
        ...(o.price === undefined ? {} : { limitPrice: o.price }),
      });
      fills = walk.fills;
      complete = walk.complete;
    }
    let filledQty = 0;
    let filledQuote = 0;
    for (const f of fills) {
      const q = this.fill(o, orderId, f.price, f.qty, false, back);
      filledQty += f.qty;
      filledQuote += q;
    }
    filledQty = Math.round(filledQty * 10 ** rules.qtyScale) / 10 ** rules.qtyScale;
    const rests = o.orderType === 'LIMIT' || o.orderType === 'LIMIT_MAKER';
    if (rests && !complete) {
      const remaining = Math.round((o.qty! - filledQty) * 10 ** rules.qtyScale) / 10 ** rules.qtyScale;
      this.lock(o, rules, remaining, 1);
      const list = this.resting.get(o.symbol) ?? [];
      list.push({ order: o, orderId, remaining, filledQty, filledQuote, fills: fills.length });
      this.resting.set(o.symbol, list);
      this.deliverAt(back, this.update(o, orderId, filledQty > 0 ? 'PARTIALLY_FILLED' : 'NEW', back, filledQty, filledQuote));
      return;
    }
    const status: OrderStatus = complete ? 'FILLED' : filledQty > 0 ? 'PARTIALLY_CANCELED' : o.orderType === 'MARKET' ? 'REJECTED' : 'CANCELED';
    const noFill = status === 'REJECTED' ? { code: 30010, msg: 'no valid trade price' } : undefined;
    if (noFill !== undefined) this.stats.rejects[noFill.code] = (this.stats.rejects[noFill.code] ?? 0) + 1;
    this.deliverAt(back, this.update(o, orderId, status, back, filledQty, filledQuote, noFill));
  }

  private lock(o: PlaceOrderCommand, rules: InstrumentRules, qty: number, sign: 1 | -1): void {
    const asset = o.side === 'buy' ? rules.quoteAsset : rules.baseAsset;
    const amount = sign * (o.side === 'buy' ? qty * o.price! : qty);
    this.free.set(asset, this.balance(asset) - amount);
    this.locked.set(asset, (this.locked.get(asset) ?? 0) + amount);
  }

  /** Book one fill in the account and schedule its event; returns the exact quote amount. */
  private fill(o: PlaceOrderCommand, orderId: string, price: number, qty: number, maker: boolean, atUs: number): number {
    const rules = this.o.rules(o.symbol);
    const a = fillAmounts(o.side, price, qty, maker ? rules.makerFeeRate : rules.takerFeeRate);
    const quote = toNumber(a.quote);
    const fee = toNumber(a.fee);
    if (o.side === 'buy') {
      this.free.set(rules.quoteAsset, this.balance(rules.quoteAsset) - quote);
      this.free.set(rules.baseAsset, this.balance(rules.baseAsset) + qty - fee);
    } else {
      this.free.set(rules.baseAsset, this.balance(rules.baseAsset) - qty);
      this.free.set(rules.quoteAsset, this.balance(rules.quoteAsset) + quote - fee);
    }
    this.stats.fills++;
    const ev: FillEvent = {
      type: 'fill', symbol: o.symbol, clientOrderId: o.clientOrderId, orderId, tradeId: `${orderId}-${this.stats.fills}`,
      side: o.side, price, qty, quoteQty: quote, fee, feeAsset: a.feeIn === 'base' ? rules.baseAsset : rules.quoteAsset, isMaker: maker,
      tsEvent: atUs / 1000, tsRecv: atUs, seq: ++this.seq,
    };
    this.deliverAt(atUs, ev);
    return quote;
  }

  private tradeThrough(list: Resting[], symbol: string, price: number, qty: number, takerSide: 'buy' | 'sell', nowUs: number): void {
    let left = qty;
    const rules = this.o.rules(symbol);
    for (let i = 0; i < list.length && left > 0; i++) {
      const r = list[i]!;
      const o = r.order;
      const hit = o.side === 'sell' ? takerSide === 'buy' && price >= o.price! : takerSide === 'sell' && price <= o.price!;
      if (!hit) continue;
      const take = Math.min(r.remaining, Math.floor(left * 10 ** rules.qtyScale + 1e-9) / 10 ** rules.qtyScale);
      if (take <= 0) continue;
      const back = nowUs + this.o.latency.sampleUs();
      this.lock(o, rules, take, -1);
      const quote = this.fill(o, r.orderId, o.price!, take, true, back);
      r.remaining = Math.round((r.remaining - take) * 10 ** rules.qtyScale) / 10 ** rules.qtyScale;
      r.filledQty += take;
      r.filledQuote += quote;
      left -= take;
      const done = r.remaining <= 0;
      this.deliverAt(back, this.update(o, r.orderId, done ? 'FILLED' : 'PARTIALLY_FILLED', back, r.filledQty, r.filledQuote));
      if (done) list.splice(i--, 1);
    }
  }

  private cancelArrive(cmd: CancelOrderCommand, atUs: number): void {
    this.recent.push(atUs);
    const list = this.resting.get(cmd.symbol);
    const i = list?.findIndex((r) => r.order.clientOrderId === cmd.clientOrderId) ?? -1;
    if (list === undefined || i < 0) return; // MEXC answers -2011 unknown order; nothing changes
    const r = list[i]!;
    list.splice(i, 1);
    this.lock(r.order, this.o.rules(cmd.symbol), r.remaining, -1);
    const back = atUs + this.o.latency.sampleUs();
    this.deliverAt(back, this.update(r.order, r.orderId, r.filledQty > 0 ? 'PARTIALLY_CANCELED' : 'CANCELED', back, r.filledQty, r.filledQuote));
  }
}
