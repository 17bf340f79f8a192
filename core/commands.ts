/**
 * Commands: what a strategy asks its runner to do. The runner turns them into venue calls
 * (simulated, paper or real) and timer registrations; results come back as events.
 */
import type { OrderType, Side } from './events.ts';

export interface PlaceOrderCommand {
  readonly type: 'place_order';
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly orderType: OrderType;
  /** Base quantity (LIMIT, IOC, FOK, LIMIT_MAKER, MARKET by quantity). */
  readonly qty?: number;
  /** Quote amount to spend (MARKET BUY by quoteOrderQty). */
  readonly quoteQty?: number;
  readonly price?: number;
  /** Why the strategy placed it; kept in the decision log. */
  readonly reason: string;
}

export interface CancelOrderCommand {
  readonly type: 'cancel_order';
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly reason: string;
}

export interface SetTimerCommand {
  readonly type: 'set_timer';
  readonly timerId: string;
  /** Absolute fire time, ms, on the runner's clock. */
  readonly atMs: number;
  readonly payload?: unknown;
}

export interface CancelTimerCommand {
  readonly type: 'cancel_timer';
  readonly timerId: string;
}

/** A decision worth recording that is not an order (a refusal, an arm, a skip). */
export interface LogDecisionCommand {
  readonly type: 'log_decision';
  readonly symbol: string;
  readonly decision: string;
  readonly reason: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export type Command =
  | PlaceOrderCommand | CancelOrderCommand | SetTimerCommand | CancelTimerCommand | LogDecisionCommand;
