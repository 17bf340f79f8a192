/**
 * simulateSnipe: what one snipe of one listing would have earned, through the backtest's fill
 * model. The pipeline labels listings with it (issue 6); the listing-sniper strategy does the
 * same thing event by event in a backtest.
 *
 * Model (all times on the recording's tsRecv clock; an order arriving at the same µs as an event
 * is handled before it, as in the runner):
 * - Entry: market buy for `quoteQty` (or an IOC limit `iocBandPct` above the best ask), sent at
 *   open − `windowStartMs` and again `retryIntervalMs` after each rejection comes back, while the
 *   send time is at most open + `windowEndMs`. Each send arrives `latencyMs` later. The venue rejects with 10007
 *   until the symbol has actually opened (its first recorded trade); an arrival with no
 *   liquidity is rejected with 30010. An accepted order walks the recorded ask side (exact fees:
 *   taker rate, charged in base on buys).
 * - Exit: the shared exits (strategies/exits.ts) on every later trade price; each exit is a
 *   market sell arriving `latencyMs` after the trigger, walking the recorded bids. Whatever is
 *   still held when the events end is sold at that point ('end_of_data').
 * - Our own fills stay consumed (execution/book-walk.ts).
 *
 * Events: one symbol's trades and depth (book_snapshot / book_delta / book_ticker), ordered
 * by (tsRecv, seq). Other event types are ignored. Deterministic: no randomness.
 */
import { z } from 'zod';
import type { SniperEvent } from '../core/events.ts';
import { BookSet, type OrderBook } from '../core/order-book.ts';
import { exitParamsSchema, exitSignal, newTracker, withPrice, type ExitReason, type ExitTracker } from '../strategies/exits.ts';
import { ConsumedLiquidity, walkBook } from './book-walk.ts';
import { fillsAmounts } from './fees.ts';
import { add, toNumber, type Fixed, ZERO } from './fixed-point.ts';
import { defaultRules, floorToScale, instrumentDefaultsSchema } from './instrument.ts';

export const snipeParamsSchema = z.object({
  quoteQty: z.coerce.number().positive().default(100),
  latencyMs: z.coerce.number().min(0).default(25),
  orderType: z.enum(['market', 'ioc']).default('market'),
  iocBandPct: z.coerce.number().min(0).default(10),
  windowStartMs: z.coerce.number().min(0).default(500),
  windowEndMs: z.coerce.number().min(0).default(700),
  retryIntervalMs: z.coerce.number().positive().default(100),
  exits: exitParamsSchema.default(exitParamsSchema.parse({})),
  instrument: instrumentDefaultsSchema.default(instrumentDefaultsSchema.parse({})),
});
export type SnipeParams = z.input<typeof snipeParamsSchema>;

export interface SnipeLeg {
  readonly side: 'buy' | 'sell';
  readonly reason: 'entry' | ExitReason;
  readonly timeUs: number;
  readonly qty: number;
  readonly quote: number;
  readonly avgPrice: number;
  /** Fee in the asset received (base for the buy, quote for sells). */
  readonly fee: number;
}

export interface SnipeOutcome {
  readonly symbol: string;
  /** filled: entered; missed: every send in the window was rejected (10007 / 30010). */
  readonly status: 'filled' | 'missed';
  readonly attempts: number;
  readonly rejects: Readonly<Record<string, number>>;
  /** First recorded trade, µs (undefined if the symbol never traded). */
  readonly openedUs?: number;
  readonly entryTimeUs?: number;
  readonly entryPrice?: number;
  readonly entryQty?: number;
  readonly entryQuote?: number;
  readonly exitTimeUs?: number;
  readonly exitPrice?: number;
  readonly exitReason?: ExitReason;
  readonly legs: readonly SnipeLeg[];
  /** All fees valued in quote (the buy's base fee at the entry price). */
  readonly feesQuote: number;
  /** Quote received − quote spent; unsold dust counts as zero. */
  readonly pnl: number;
  /** pnl / quote spent. */
  readonly returnPct: number;
}

interface Pending {
  readonly atUs: number;
  readonly kind: 'entry' | ExitReason;
  readonly fraction: number | 'rest';
  readonly nextLevel: number;
}

export function simulateSnipe(symbol: string, openTimeMs: number, events: Iterable<SniperEvent>, input: SnipeParams = {}): SnipeOutcome {
  const p = snipeParamsSchema.parse(input);
  const books = new BookSet();
  const consumed = new ConsumedLiquidity();
  const latUs = Math.round(p.latencyMs * 1000);
  const lastSendUs = Math.round((openTimeMs + p.windowEndMs) * 1000);
  let openedUs: number | undefined;
  let rules = defaultRules(symbol, NaN, p.instrument);
  let rulesFixed = false;
  const rejects: Record<string, number> = {};
  let attempts = 0;
  let pending: Pending | undefined = { atUs: Math.round((openTimeMs - p.windowStartMs) * 1000) + latUs, kind: 'entry', fraction: 'rest', nextLevel: 0 };
  let tracker: ExitTracker | undefined;
  let held = 0;
  let entryQty = 0;
  let spent: Fixed = ZERO;
  let received: Fixed = ZERO;
  let feesQuote = 0;
  let lastUs = 0;
  const legs: SnipeLeg[] = [];

  const book = (): OrderBook => books.get(symbol);
  const reject = (code: number, atUs: number): void => {
    rejects[code] = (rejects[code] ?? 0) + 1;
    // the rejection comes back after one more latency; the next send waits retryIntervalMs from then
    const nextSend = atUs + latUs + Math.round(p.retryIntervalMs * 1000);
    pending = nextSend <= lastSendUs ? { atUs: nextSend + latUs, kind: 'entry', fraction: 'rest', nextLevel: 0 } : undefined;
  };

  const execute = (order: Pending): void => {
    const atUs = order.atUs;
    if (order.kind === 'entry') {
      attempts++;
      if (openedUs === undefined || openedUs > atUs) return reject(10007, atUs);
      const ask = book().bestAsk();
      const limitPrice = p.orderType === 'ioc' && ask > 0 ? ask * (1 + p.iocBandPct / 100) : undefined;
      const quoteQty = floorToScale(p.quoteQty, rules.quoteScale);
      const walk = walkBook(book(), consumed, { side: 'buy', quoteQty, qtyScale: rules.qtyScale, ...(limitPrice === undefined ? {} : { limitPrice }) });
      if (walk.filledQty <= 0) return reject(30010, atUs);
      const { quote, fee: feeBase } = fillsAmounts('buy', walk.fills, rules.takerFeeRate);
      const avg = toNumber(quote) / walk.filledQty;
      entryQty = walk.filledQty;
      held = floorToScale(walk.filledQty - toNumber(feeBase), 8);
      spent = quote;
      feesQuote += toNumber(feeBase) * avg;
      tracker = newTracker(avg, atUs / 1000);
      legs.push({ side: 'buy', reason: 'entry', timeUs: atUs, qty: walk.filledQty, quote: toNumber(quote), avgPrice: avg, fee: toNumber(feeBase) });
      pending = undefined;
      return;
    }
    const want = order.fraction === 'rest' ? held : Math.min(held, entryQty * order.fraction);
    const qty = floorToScale(want, rules.qtyScale);
    pending = undefined;
    if (qty <= 0) return;
    const walk = walkBook(book(), consumed, { side: 'sell', qty, qtyScale: rules.qtyScale });
    if (walk.filledQty <= 0) return;
    const { quote, fee } = fillsAmounts('sell', walk.fills, rules.takerFeeRate);
    held = floorToScale(held - walk.filledQty, 8);
    received = add(received, add(quote, { units: -fee.units, scale: fee.scale }));
    feesQuote += toNumber(fee);
    if (tracker !== undefined) tracker = { ...tracker, nextLevel: Math.max(tracker.nextLevel, order.nextLevel) };
    legs.push({ side: 'sell', reason: order.kind, timeUs: atUs, qty: walk.filledQty, quote: toNumber(quote), avgPrice: toNumber(quote) / walk.filledQty, fee: toNumber(fee) });
  };

  const exitsLeft = (): boolean => tracker !== undefined && floorToScale(held, rules.qtyScale) > 0;

  for (const ev of events) {
    if ('symbol' in ev && ev.symbol !== symbol) continue;
    while (pending !== undefined && pending.atUs <= ev.tsRecv) execute(pending);
    if (tracker === undefined && pending === undefined && attempts > 0) break; // missed: nothing more to do
    lastUs = ev.tsRecv;
    switch (ev.type) {
      case 'book_snapshot':
      case 'book_delta':
        books.applyDepth(ev);
        break;
      case 'book_ticker':
        books.applyTicker(ev);
        break;
      case 'trade': {
        if (openedUs === undefined) openedUs = ev.tsRecv;
        if (!rulesFixed) {
          rules = defaultRules(symbol, ev.price, p.instrument);
          rulesFixed = true;
        }
        if (tracker !== undefined && pending === undefined && exitsLeft()) {
          tracker = withPrice(tracker, ev.price);
          const sig = exitSignal(tracker, ev.price, ev.tsRecv / 1000, p.exits);
          if (sig !== undefined) {
            pending = { atUs: ev.tsRecv + latUs, kind: sig.reason, fraction: sig.fraction, nextLevel: sig.nextLevel };
            tracker = { ...tracker, nextLevel: sig.nextLevel };
          }
        }
        break;
      }
      default:
        break;
    }
  }
  if (pending !== undefined && pending.kind !== 'entry') execute(pending);
  if (exitsLeft()) execute({ atUs: Math.max(lastUs, legs[legs.length - 1]?.timeUs ?? 0), kind: 'end_of_data', fraction: 'rest', nextLevel: 0 });
  return outcome();

  function outcome(): SnipeOutcome {
    const entry = legs[0];
    const base = { symbol, attempts, rejects, legs, ...(openedUs === undefined ? {} : { openedUs }) };
    if (entry === undefined) return { ...base, status: 'missed', feesQuote: 0, pnl: 0, returnPct: 0 };
    const sells = legs.slice(1);
    const soldQty = sells.reduce((s, l) => s + l.qty, 0);
    const soldQuote = sells.reduce((s, l) => s + l.quote, 0);
    const last = sells[sells.length - 1];
    const pnl = toNumber(add(received, { units: -spent.units, scale: spent.scale }));
    return {
      ...base,
      status: 'filled',
      entryTimeUs: entry.timeUs,
      entryPrice: entry.avgPrice,
      entryQty: entry.qty,
      entryQuote: entry.quote,
      ...(last === undefined ? {} : { exitTimeUs: last.timeUs, exitPrice: soldQuote / soldQty, exitReason: last.reason as ExitReason }),
      feesQuote,
      pnl,
      returnPct: entry.quote > 0 ? pnl / entry.quote : 0,
    };
  }
}
