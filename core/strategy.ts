/**
 * The strategy contract (house style, "Strategies are pure"). A strategy is a reducer:
 *
 *   init(params, ctx)              → state
 *   onEvent(state, event, ctx)     → { state, commands }
 *
 * Time comes only from `ctx.now` (ms, the runner's clock), randomness only from `ctx.rng`
 * (seeded), timers are `set_timer` commands that come back as `timer` events, and orders are
 * `place_order` / `cancel_order` commands whose outcome comes back as `order_update` and `fill`
 * events. The same code runs in the backtest, in paper mode and in real mode.
 *
 * Events passed to onEvent may be reused objects (a replay fills one object per table from
 * column vectors): read what you need during the call, never keep a reference to the event.
 * Return the same state object when nothing changed, and `NO_COMMANDS` when there is nothing to do.
 */
import type { z } from 'zod';
import type { Command } from './commands.ts';
import type { Confidence } from './confidence.ts';
import type { SniperEvent } from './events.ts';
import type { BookView } from './order-book.ts';
import type { RandomSource } from './rng.ts';

/** The venue's trading rules for a symbol (exchangeInfo / symbolsV2 facts, or configured defaults). */
export interface InstrumentRules {
  readonly symbol: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  /** Decimal places allowed in a price. */
  readonly priceScale: number;
  /** Decimal places allowed in a base quantity (lot size step = 10^-qtyScale). */
  readonly qtyScale: number;
  /** Decimal places allowed in a quote amount (quoteOrderQty). */
  readonly quoteScale: number;
  /** Minimum order amount in quote (MEXC quoteAmountPrecision; below it: 30002). */
  readonly minQuote: number;
  /** Maximum order amount in quote (MEXC maxQuoteAmount). */
  readonly maxQuote: number;
  /** PERCENT_PRICE_BY_SIDE: a buy limit must be ≤ lastPrice·(1 + bidMultiplierUp). */
  readonly bidMultiplierUp: number;
  /** PERCENT_PRICE_BY_SIDE: a sell limit must be ≥ lastPrice·(1 − askMultiplierDown). */
  readonly askMultiplierDown: number;
  /** Fee rates as decimal strings, exact ("0.0005"). */
  readonly takerFeeRate: string;
  readonly makerFeeRate: string;
}

export interface Position {
  readonly symbol: string;
  /** Base quantity held (after fees charged in base). */
  readonly qty: number;
  /** Quote spent to open what is held, fees included. */
  readonly costQuote: number;
  /** Quote spent / base received over the position's buys, fees included. */
  readonly avgEntryPrice: number;
  /** Time of the first buy fill, µs. */
  readonly openedUs: number;
  /** Quote received from sells so far (net of fees). */
  readonly proceedsQuote: number;
  readonly feesQuote: number;
}

export interface Balance {
  readonly free: number;
  readonly locked: number;
}

export interface PortfolioView {
  readonly quoteAsset: string;
  balance(asset: string): Balance;
  position(symbol: string): Position | undefined;
  openPositionCount(): number;
  /** Cost basis of all open positions, quote. */
  exposureQuote(): number;
  /** Realized PnL of closed round trips on the UTC day of `nowMs`, quote. */
  dailyRealizedPnl(nowMs: number): number;
  /** Losing round trips in a row, most recent last. */
  consecutiveLosses(): number;
  /** Time the last round trip closed, µs (0 if none). */
  lastCloseUs(): number;
}

/** Supplies the confidence model: a calibrated artifact plus a feature source, or the prior. */
export interface ConfidenceProvider {
  /** Sees every event before the strategy does (features from what was known at the time). */
  observe(event: SniperEvent): void;
  confidence(symbol: string, nowMs: number): Confidence | undefined;
}

export interface StrategyContext {
  /** The runner's clock, ms (may be fractional). */
  readonly now: number;
  /** The runner's clock, integer µs. */
  readonly nowUs: number;
  readonly rng: RandomSource;
  book(symbol: string): BookView | undefined;
  /** Last trade price seen for the symbol, NaN if none. */
  lastPrice(symbol: string): number;
  readonly portfolio: PortfolioView;
  instrument(symbol: string): InstrumentRules;
  confidence(symbol: string): Confidence | undefined;
}

export interface StrategyStep<S> {
  readonly state: S;
  readonly commands: readonly Command[];
}

export interface Strategy<P = unknown, S = unknown> {
  readonly name: string;
  readonly summary: string;
  /** Parameters; values may arrive as strings (`--param k=v`), so schemas coerce. */
  readonly params: z.ZodType<P>;
  init(params: P, ctx: StrategyContext): S;
  onEvent(state: S, event: SniperEvent, ctx: StrategyContext): StrategyStep<S>;
}

export const NO_COMMANDS: readonly Command[] = Object.freeze([]) as readonly Command[];

export function step<S>(state: S, commands: readonly Command[] = NO_COMMANDS): StrategyStep<S> {
  return { state, commands };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStrategy = Strategy<any, any>;
