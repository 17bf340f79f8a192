/**
 * listing-sniper: follows calendar and status events, scores each listing with the confidence
 * model shortly before its scheduled open, and if it passes, buys at the open: MARKET with
 * quoteOrderQty, or an IOC limit inside the price band. Orders rejected because the symbol is
 * not open yet (10007), found no liquidity (30010), hit a rate limit (429 or our own guard), or
 * IOCs that got nothing are re-sent every
 * `retryIntervalMs` inside the window [open − windowStartMs, open + windowEndMs]. Then the
 * shared exits take over.
 */
import { z } from 'zod';
import type { Command } from '../core/commands.ts';
import type { OrderUpdateEvent, SniperEvent } from '../core/events.ts';
import { NO_COMMANDS, step, type Strategy, type StrategyContext, type StrategyStep } from '../core/strategy.ts';
import { apiTradableSignal } from './api-tradable.ts';
import { exitParamsSchema, validateExitParams } from './exits.ts';
import { buyQuote, floorTo, iocBuyPrice } from './order-sizing.ts';
import { onExitUpdate, onTimerExit, onTradeExit, openHolding, type Holding } from './position-exits.ts';

export const listingSniperParams = exitParamsSchema.extend({
  quoteQty: z.coerce.number().positive().default(100),
  orderType: z.enum(['market', 'ioc']).default('market'),
  /** IOC limit = best ask (or last) + this, capped by the PERCENT_PRICE_BY_SIDE band. */
  iocBandPct: z.coerce.number().min(0).default(5),
  /** Score the listing this long before the open. */
  armLeadMs: z.coerce.number().min(0).default(5000),
  windowStartMs: z.coerce.number().min(0).default(500),
  windowEndMs: z.coerce.number().min(0).default(700),
  /** 100 ms keeps the retries at 10 orders/s, inside MEXC's 12/s order limit and the risk guard's 10/s. */
  retryIntervalMs: z.coerce.number().positive().default(100),
  /** Score needed to fire (0..100); absent = the model's threshold. */
  minScore: z.coerce.number().min(0).max(100).optional(),
  /** Skip listings known not to be API-tradable. */
  requireApiTradable: z.preprocess((v) => (typeof v === 'string' ? v === 'true' || v === '1' : v), z.boolean()).default(true),
}).refine((p) => validateExitParams(p) === undefined, { message: 'invalid exit parameters (take-profit levels and fractions)' });
export type ListingSniperParams = z.output<typeof listingSniperParams>;

type Phase = 'watching' | 'armed' | 'firing' | 'holding' | 'skipped' | 'missed' | 'done';

interface Listing {
  readonly symbol: string;
  readonly openTimeMs: number;
  readonly phase: Phase;
  readonly apiTradable?: boolean;
  readonly attempts: number;
  readonly entryOrder?: string;
  readonly holding?: Holding;
}

export interface ListingSniperState {
  readonly p: ListingSniperParams;
  readonly listings: ReadonlyMap<string, Listing>;
  /** `{ state: this, commands: [] }`, made once per state: most events change nothing. */
  readonly idle: StrategyStep<ListingSniperState>;
}

function makeState(p: ListingSniperParams, listings: ReadonlyMap<string, Listing>): ListingSniperState {
  const state = { p, listings, idle: undefined as unknown as StrategyStep<ListingSniperState> };
  (state as { idle: StrategyStep<ListingSniperState> }).idle = { state, commands: NO_COMMANDS };
  return state;
}

const PREFIX = 'ls';
const armId = (s: string): string => `arm:${s}`;
const fireId = (s: string): string => `fire:${s}`;

function put(state: ListingSniperState, l: Listing, commands: readonly Command[]): StrategyStep<ListingSniperState> {
  const listings = new Map(state.listings);
  listings.set(l.symbol, l);
  return step(makeState(state.p, listings), commands);
}

function schedule(l: Listing, p: ListingSniperParams, ctx: StrategyContext): Command[] {
  const fireAt = l.openTimeMs - p.windowStartMs;
  return [
    { type: 'set_timer', timerId: armId(l.symbol), atMs: Math.max(ctx.now, Math.min(l.openTimeMs - p.armLeadMs, fireAt)) },
    { type: 'set_timer', timerId: fireId(l.symbol), atMs: Math.max(ctx.now, fireAt) },
  ];
}

function onListingInfo(state: ListingSniperState, symbol: string, openTime: number | undefined, apiTradable: boolean | undefined, ctx: StrategyContext): StrategyStep<ListingSniperState> {
  const p = state.p;
  const known = state.listings.get(symbol);
  if (known === undefined) {
    if (openTime === undefined || openTime + p.windowEndMs < ctx.now) return step(state);
    const l: Listing = { symbol, openTimeMs: openTime, phase: 'watching', attempts: 0, ...(apiTradable === undefined ? {} : { apiTradable }) };
    return put(state, l, [
      { type: 'log_decision', symbol, decision: 'watch', reason: `scheduled open ${new Date(openTime).toISOString()}`, data: { openTime } },
      ...schedule(l, p, ctx),
    ]);
  }
  let l = known;
  const commands: Command[] = [];
  if (apiTradable !== undefined && apiTradable !== l.apiTradable) l = { ...l, apiTradable };
  if (openTime !== undefined && openTime !== l.openTimeMs && (l.phase === 'watching' || l.phase === 'armed')) {
    commands.push({ type: 'log_decision', symbol, decision: 'reschedule', reason: `open moved to ${new Date(openTime).toISOString()}`, data: { from: l.openTimeMs, to: openTime } });
    l = { ...l, openTimeMs: openTime, phase: 'watching' };
    commands.push(...schedule(l, p, ctx));
  }
  return l === known ? step(state) : put(state, l, commands);
}

function arm(state: ListingSniperState, l: Listing, ctx: StrategyContext): StrategyStep<ListingSniperState> {
  const p = state.p;
  if (l.phase !== 'watching') return step(state);
  const skip = (reason: string, data: Record<string, unknown> = {}): StrategyStep<ListingSniperState> =>
    put(state, { ...l, phase: 'skipped' }, [{ type: 'log_decision', symbol: l.symbol, decision: 'skip', reason, data }, { type: 'cancel_timer', timerId: fireId(l.symbol) }]);
  if (p.requireApiTradable && l.apiTradable === false) return skip('not API-tradable');
  const c = ctx.confidence(l.symbol);
  if (c === undefined) return skip('no confidence available');
  const passes = p.minScore === undefined ? c.passes : c.score >= p.minScore;
  const data = { score: round(c.score), probability: round(c.probability), ...Object.fromEntries(Object.entries(c.factors).map(([k, v]) => [k, round(v)])) };
  if (!passes) return skip(`score ${c.score.toFixed(1)} below the threshold`, data);
  return put(state, { ...l, phase: 'armed' }, [{ type: 'log_decision', symbol: l.symbol, decision: 'arm', reason: `score ${c.score.toFixed(1)} passes`, data }]);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function fire(state: ListingSniperState, l: Listing, ctx: StrategyContext): StrategyStep<ListingSniperState> {
  const p = state.p;
  if (l.phase !== 'armed' && l.phase !== 'firing') return step(state);
  if (ctx.now > l.openTimeMs + p.windowEndMs) {
    return put(state, { ...l, phase: 'missed' }, [{ type: 'log_decision', symbol: l.symbol, decision: 'missed', reason: `no fill by open + ${p.windowEndMs} ms after ${l.attempts} attempts` }]);
  }
  const rules = ctx.instrument(l.symbol);
  const sized = buyQuote(p.quoteQty, ctx, rules);
  if ('refused' in sized) return put(state, { ...l, phase: 'done' }, [{ type: 'log_decision', symbol: l.symbol, decision: 'skip', reason: sized.refused }]);
  const id = `${PREFIX}-${l.symbol}-e${l.attempts + 1}`;
  const ask = ctx.book(l.symbol)?.bestAsk() ?? NaN;
  const last = ctx.lastPrice(l.symbol);
  const ref = ask > 0 ? ask : last;
  let order: Command;
  if (p.orderType === 'ioc' && ref > 0) {
    const price = iocBuyPrice(ref, last, p.iocBandPct, rules);
    const qty = floorTo(sized.quote / price, rules.qtyScale);
    order = { type: 'place_order', clientOrderId: id, symbol: l.symbol, side: 'buy', orderType: 'IMMEDIATE_OR_CANCEL', price, qty, reason: 'snipe_open' };
  } else {
    order = { type: 'place_order', clientOrderId: id, symbol: l.symbol, side: 'buy', orderType: 'MARKET', quoteQty: sized.quote, reason: 'snipe_open' };
  }
  return put(state, { ...l, phase: 'firing', attempts: l.attempts + 1, entryOrder: id }, [order]);
}

const RETRY_CODES = new Set([10007, 30010, 429]);

function onEntryUpdate(state: ListingSniperState, l: Listing, e: OrderUpdateEvent, ctx: StrategyContext): StrategyStep<ListingSniperState> {
  const p = state.p;
  if (e.status === 'NEW' || e.status === 'PARTIALLY_FILLED') return step(state);
  if (e.filledQty > 0) {
    const { holding, commands } = openHolding(l.symbol, e.filledQty, e.filledQuote / e.filledQty, ctx, p);
    return put(state, { ...l, phase: 'holding', holding }, [
      { type: 'log_decision', symbol: l.symbol, decision: 'entered', reason: `filled ${e.filledQty} for ${e.filledQuote.toFixed(4)} on attempt ${l.attempts}`, data: { qty: e.filledQty, quote: e.filledQuote } },
      ...commands,
    ]);
  }
  const retryable = (e.status === 'REJECTED' && e.rejectCode !== undefined && RETRY_CODES.has(e.rejectCode))
    || (e.status === 'REJECTED' && e.rejectReason?.startsWith('risk:order_rate') === true) || e.status === 'CANCELED';
  const nextAt = ctx.now + p.retryIntervalMs;
  if (retryable && nextAt <= l.openTimeMs + p.windowEndMs) {
    return put(state, { ...l, phase: 'firing' }, [{ type: 'set_timer', timerId: fireId(l.symbol), atMs: nextAt }]);
  }
  const reason = retryable ? `window closed after ${l.attempts} attempts (last: ${e.rejectCode ?? e.status})` : `entry ${e.status}: ${e.rejectReason ?? e.rejectCode ?? ''}`;
  return put(state, { ...l, phase: retryable ? 'missed' : 'done' }, [{ type: 'log_decision', symbol: l.symbol, decision: retryable ? 'missed' : 'entry_failed', reason }]);
}

function withHolding(state: ListingSniperState, l: Listing, r: { holding: Holding; commands: readonly Command[] } | undefined): StrategyStep<ListingSniperState> {
  if (r === undefined) return step(state);
  return put(state, { ...l, holding: r.holding, phase: r.holding.closed ? 'done' : 'holding' }, r.commands);
}

export const listingSniper: Strategy<ListingSniperParams, ListingSniperState> = {
  name: 'listing-sniper',
  summary: 'scores announced listings with the confidence model and buys at the scheduled open',
  params: listingSniperParams,
  init: (p) => makeState(p, new Map()),
  onEvent(state, e: SniperEvent, ctx) {
    switch (e.type) {
      case 'trade': {
        const l = state.listings.get(e.symbol);
        if (l === undefined || l.holding === undefined || l.phase !== 'holding') return state.idle;
        return withHolding(state, l, onTradeExit(l.holding, e.price, ctx, state.p, PREFIX));
      }
      case 'status':
      {
        const openMs = e.openTime ?? state.listings.get(e.symbol)?.openTimeMs;
        return onListingInfo(state, e.symbol, e.openTime, apiTradableSignal(e, openMs !== undefined && e.tsEvent >= openMs), ctx);
      }
      case 'listing':
        return onListingInfo(state, e.symbol, e.firstOpenTime, undefined, ctx);
      case 'timer': {
        const [kind, symbol] = e.timerId.split(':') as [string, string];
        const l = state.listings.get(symbol);
        if (l === undefined) return step(state);
        if (kind === 'arm') return arm(state, l, ctx);
        if (kind === 'fire') return fire(state, l, ctx);
        if (kind === 'time-stop' && l.holding !== undefined) return withHolding(state, l, onTimerExit(l.holding, ctx, PREFIX));
        return step(state);
      }
      case 'order_update': {
        const l = state.listings.get(e.symbol);
        if (l === undefined) return step(state);
        if (e.clientOrderId === l.entryOrder && l.phase === 'firing') return onEntryUpdate(state, l, e, ctx);
        if (l.holding !== undefined) return withHolding(state, l, onExitUpdate(l.holding, e, ctx));
        return step(state);
      }
      default:
        return state.idle;
    }
  },
};
