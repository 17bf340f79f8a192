/**
 * Holding a position and leaving it through the shared exits (strategies/exits.ts), for every
 * strategy: call `openHolding` when an entry fills, `onTradeExit` on each trade of the symbol,
 * `onTimerExit` for the time-stop timer, and `onExitUpdate` for the exit order's updates.
 * Exit orders are MARKET sells of whole lots; a remainder below the minimum amount is dust and
 * closes the holding.
 */
import type { Command } from '../core/commands.ts';
import type { OrderUpdateEvent } from '../core/events.ts';
import type { StrategyContext } from '../core/strategy.ts';
import { exitSignal, newTracker, withPrice, type ExitParams, type ExitReason, type ExitTracker } from './exits.ts';
import { sellQty } from './order-sizing.ts';

export interface Holding {
  readonly symbol: string;
  readonly entryQty: number;
  readonly tracker: ExitTracker;
  /** clientOrderId of the exit order in flight. */
  readonly exitOrder?: string;
  readonly exitCount: number;
  readonly closed: boolean;
}

export const timeStopTimerId = (symbol: string): string => `time-stop:${symbol}`;

export function openHolding(symbol: string, entryQty: number, avgPrice: number, ctx: StrategyContext, p: ExitParams): { holding: Holding; commands: Command[] } {
  const holding: Holding = { symbol, entryQty, tracker: newTracker(avgPrice, ctx.now), exitCount: 0, closed: false };
  const commands: Command[] = [];
  if (p.timeStopMs > 0) commands.push({ type: 'set_timer', timerId: timeStopTimerId(symbol), atMs: ctx.now + p.timeStopMs, payload: { symbol } });
  return { holding, commands };
}

function exitOrder(h: Holding, reason: ExitReason, fraction: number | 'rest', ctx: StrategyContext, prefix: string): { holding: Holding; commands: Command[] } {
  const rules = ctx.instrument(h.symbol);
  const held = ctx.portfolio.position(h.symbol)?.qty ?? 0;
  const qty = sellQty(fraction === 'rest' ? held : h.entryQty * fraction, held, rules);
  const price = ctx.lastPrice(h.symbol);
  if (qty <= 0 || (Number.isFinite(price) && qty * price < rules.minQuote)) {
    if (fraction !== 'rest') return { holding: h, commands: [] };
    return {
      holding: { ...h, closed: true },
      commands: [
        { type: 'log_decision', symbol: h.symbol, decision: 'dust', reason: `${held} ${rules.baseAsset} left is below one lot or the minimum amount`, data: { held } },
        { type: 'cancel_timer', timerId: timeStopTimerId(h.symbol) },
      ],
    };
  }
  const id = `${prefix}-${h.symbol}-x${h.exitCount + 1}`;
  return {
    holding: { ...h, exitOrder: id, exitCount: h.exitCount + 1 },
    commands: [{ type: 'place_order', clientOrderId: id, symbol: h.symbol, side: 'sell', orderType: 'MARKET', qty, reason }],
  };
}

export function onTradeExit(h: Holding, price: number, ctx: StrategyContext, p: ExitParams, prefix: string): { holding: Holding; commands: readonly Command[] } | undefined {
  if (h.closed) return undefined;
  const tracker = withPrice(h.tracker, price);
  if (h.exitOrder !== undefined) return tracker === h.tracker ? undefined : { holding: { ...h, tracker }, commands: [] };
  const sig = exitSignal(tracker, price, ctx.now, p);
  if (sig === undefined) return tracker === h.tracker ? undefined : { holding: { ...h, tracker }, commands: [] };
  return exitOrder({ ...h, tracker: { ...tracker, nextLevel: sig.nextLevel } }, sig.reason, sig.fraction, ctx, prefix);
}

export function onTimerExit(h: Holding, ctx: StrategyContext, prefix: string): { holding: Holding; commands: readonly Command[] } {
  if (h.closed || h.exitOrder !== undefined) return { holding: h, commands: [] };
  return exitOrder(h, 'time_stop', 'rest', ctx, prefix);
}

const TERMINAL = new Set(['FILLED', 'CANCELED', 'PARTIALLY_CANCELED', 'REJECTED']);

/** The exit order changed; returns the new holding when the update concerned it. */
export function onExitUpdate(h: Holding, e: OrderUpdateEvent, ctx: StrategyContext): { holding: Holding; commands: readonly Command[] } | undefined {
  if (e.clientOrderId !== h.exitOrder || !TERMINAL.has(e.status)) return undefined;
  const left = ctx.portfolio.position(h.symbol) === undefined;
  const holding: Holding = { symbol: h.symbol, entryQty: h.entryQty, tracker: h.tracker, exitCount: h.exitCount, closed: left };
  const commands: Command[] = left ? [{ type: 'cancel_timer', timerId: timeStopTimerId(h.symbol) }] : [];
  if (e.status === 'REJECTED') commands.push({ type: 'log_decision', symbol: h.symbol, decision: 'exit_rejected', reason: e.rejectReason ?? `code ${e.rejectCode}`, data: { code: e.rejectCode ?? null } });
  return { holding, commands };
}
