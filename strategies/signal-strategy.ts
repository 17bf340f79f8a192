/**
 * A template for strategies that buy on a per-symbol signal computed from trades
 * (price-movement, volume-spike, combined): it keeps the market stats, asks the signal whether
 * to enter, buys MARKET with quoteOrderQty, holds through the shared exits, and waits
 * `cooldownMs` after a position closes before entering the same symbol again.
 */
import { z } from 'zod';
import type { Command } from '../core/commands.ts';
import type { SniperEvent } from '../core/events.ts';
import { NO_COMMANDS, step, type Strategy, type StrategyContext, type StrategyStep } from '../core/strategy.ts';
import { exitParamsSchema, validateExitParams } from './exits.ts';
import { updateStats, type MarketStats, type StatsConfig } from './market-stats.ts';
import { buyQuote } from './order-sizing.ts';
import { onExitUpdate, onTimerExit, onTradeExit, openHolding, type Holding } from './position-exits.ts';

export const signalBaseParams = exitParamsSchema.extend({
  quoteQty: z.coerce.number().positive().default(100),
  bucketMs: z.coerce.number().int().positive().default(10_000),
  windowMs: z.coerce.number().int().positive().default(60_000),
  emaBuckets: z.coerce.number().int().positive().default(90),
  /** Buckets of history needed before any signal. */
  warmupBuckets: z.coerce.number().int().min(1).default(6),
  cooldownMs: z.coerce.number().min(0).default(600_000),
  /** Only symbols quoted in this asset. */
  quoteAsset: z.string().default('USDT'),
});
export type SignalBaseParams = z.output<typeof signalBaseParams>;

export interface Signal {
  readonly enter: boolean;
  readonly reason: string;
  readonly data: Readonly<Record<string, number>>;
}

interface SymbolSlot {
  readonly stats: MarketStats;
  readonly phase: 'idle' | 'entering' | 'holding';
  readonly entryOrder?: string;
  readonly holding?: Holding;
  readonly cooldownUntilMs: number;
  readonly entries: number;
}

export interface SignalState<P> {
  readonly p: P;
  readonly slots: ReadonlyMap<string, SymbolSlot>;
}

export function statsConfig(p: SignalBaseParams): StatsConfig {
  return { bucketMs: p.bucketMs, keep: Math.max(1, Math.round(p.windowMs / p.bucketMs)), emaBuckets: p.emaBuckets };
}

export function makeSignalStrategy<P extends SignalBaseParams>(
  name: string,
  summary: string,
  schema: z.ZodType<P>,
  signal: (stats: MarketStats, symbol: string, p: P, ctx: StrategyContext) => Signal | undefined,
): Strategy<P, SignalState<P>> {
  const prefix = name.split('-').map((w) => w[0]).join('');
  const put = (state: SignalState<P>, symbol: string, slot: SymbolSlot, commands: readonly Command[] = NO_COMMANDS): StrategyStep<SignalState<P>> => {
    const slots = new Map(state.slots);
    slots.set(symbol, slot);
    return step({ ...state, slots }, commands);
  };
  const withHolding = (state: SignalState<P>, symbol: string, slot: SymbolSlot, r: { holding: Holding; commands: readonly Command[] } | undefined, ctx: StrategyContext) => {
    if (r === undefined) return undefined;
    if (!r.holding.closed) return put(state, symbol, { ...slot, holding: r.holding }, r.commands);
    return put(state, symbol, { stats: slot.stats, phase: 'idle', cooldownUntilMs: ctx.now + state.p.cooldownMs, entries: slot.entries }, r.commands);
  };

  const onTrade = (state: SignalState<P>, e: SniperEvent & { type: 'trade' }, ctx: StrategyContext): StrategyStep<SignalState<P>> => {
    const p = state.p;
    if (!e.symbol.endsWith(p.quoteAsset)) return step(state, NO_COMMANDS);
    const prev = state.slots.get(e.symbol);
    const stats = updateStats(prev?.stats, e.tsRecv / 1000, e.price, e.price * e.qty, statsConfig(p));
    let slot: SymbolSlot = prev === undefined ? { stats, phase: 'idle', cooldownUntilMs: 0, entries: 0 } : { ...prev, stats };
    if (slot.phase === 'holding' && slot.holding !== undefined) {
      return withHolding(state, e.symbol, slot, onTradeExit(slot.holding, e.price, ctx, p, prefix), ctx) ?? put(state, e.symbol, slot);
    }
    if (slot.phase !== 'idle' || ctx.now < slot.cooldownUntilMs || stats.buckets < p.warmupBuckets) return put(state, e.symbol, slot);
    const sig = signal(stats, e.symbol, p, ctx);
    if (sig === undefined || !sig.enter) return put(state, e.symbol, slot);
    const sized = buyQuote(p.quoteQty, ctx, ctx.instrument(e.symbol));
    if ('refused' in sized) {
      slot = { ...slot, cooldownUntilMs: ctx.now + p.cooldownMs };
      return put(state, e.symbol, slot, [{ type: 'log_decision', symbol: e.symbol, decision: 'skip', reason: sized.refused, data: sig.data }]);
    }
    const id = `${prefix}-${e.symbol}-e${slot.entries + 1}`;
    slot = { ...slot, phase: 'entering', entryOrder: id, entries: slot.entries + 1 };
    return put(state, e.symbol, slot, [
      { type: 'log_decision', symbol: e.symbol, decision: 'signal', reason: sig.reason, data: sig.data },
      { type: 'place_order', clientOrderId: id, symbol: e.symbol, side: 'buy', orderType: 'MARKET', quoteQty: sized.quote, reason: name },
    ]);
  };

  return {
    name,
    summary,
    params: schema,
    init: (p) => {
      const bad = validateExitParams(p);
      if (bad !== undefined) throw new RangeError(bad);
      return { p, slots: new Map() };
    },
    onEvent(state, e, ctx) {
      switch (e.type) {
        case 'trade':
          return onTrade(state, e, ctx);
        case 'order_update': {
          const slot = state.slots.get(e.symbol);
          if (slot === undefined) return step(state);
          if (slot.phase === 'entering' && e.clientOrderId === slot.entryOrder) {
            if (e.status === 'NEW' || e.status === 'PARTIALLY_FILLED') return step(state);
            if (e.filledQty > 0) {
              const { holding, commands } = openHolding(e.symbol, e.filledQty, e.filledQuote / e.filledQty, ctx, state.p);
              return put(state, e.symbol, { ...slot, phase: 'holding', holding }, commands);
            }
            return put(state, e.symbol, { stats: slot.stats, phase: 'idle', cooldownUntilMs: ctx.now + state.p.cooldownMs, entries: slot.entries }, [
              { type: 'log_decision', symbol: e.symbol, decision: 'entry_failed', reason: `${e.status} ${e.rejectCode ?? ''} ${e.rejectReason ?? ''}`.trim() },
            ]);
          }
          if (slot.holding !== undefined) return withHolding(state, e.symbol, slot, onExitUpdate(slot.holding, e, ctx), ctx) ?? step(state);
          return step(state);
        }
        case 'timer': {
          if (!e.timerId.startsWith('time-stop:')) return step(state);
          const symbol = e.timerId.slice('time-stop:'.length);
          const slot = state.slots.get(symbol);
          if (slot?.holding === undefined) return step(state);
          return withHolding(state, symbol, slot, onTimerExit(slot.holding, ctx, prefix), ctx) ?? step(state);
        }
        default:
          return step(state, NO_COMMANDS);
      }
    },
  };
}
