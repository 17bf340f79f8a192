import { describe, expect, test } from 'bun:test';
import { SimulatedClock } from './clock.ts';
import type { Command, PlaceOrderCommand } from './commands.ts';
import type { AccountEvent, SniperEvent } from './events.ts';
import { Rng } from './rng.ts';
import { Runner, type DecisionRecord, type Venue } from './runner.ts';
import { step, type Strategy, type InstrumentRules } from './strategy.ts';

const rules: InstrumentRules = {
  symbol: 'AUSDT', baseAsset: 'A', quoteAsset: 'USDT', priceScale: 4, qtyScale: 2, quoteScale: 2, minQuote: 1, maxQuote: 1e6,
  bidMultiplierUp: 0.2, askMultiplierDown: 0.2, takerFeeRate: '0', makerFeeRate: '0',
};

/** A venue that rejects every order 5 ms after it is sent. */
class RejectingVenue implements Venue {
  private due: { at: number; e: AccountEvent }[] = [];
  submit(o: PlaceOrderCommand, nowUs: number): void {
    this.due.push({ at: nowUs + 5000, e: { type: 'order_update', symbol: o.symbol, clientOrderId: o.clientOrderId, side: o.side, orderType: o.orderType, status: 'REJECTED', filledQty: 0, filledQuote: 0, rejectCode: 10007, tsEvent: 0, tsRecv: nowUs + 5000, seq: 0 } });
  }
  cancel(): void {}
  onEvent(): void {}
  nextDueUs(): number {
    return this.due[0]?.at ?? Infinity;
  }
  release(us: number, emit: (e: AccountEvent) => void): void {
    while (this.due.length > 0 && this.due[0]!.at <= us) emit(this.due.shift()!.e);
  }
}

/** Records what it sees; on the first trade sets timers t1 (+10 ms), t2 (+20 ms), replaces t1 (+30 ms), cancels t2, and orders. */
const recorder: Strategy<Record<string, never>, string[]> = {
  name: 'recorder', summary: '', params: undefined as never,
  init: () => [],
  onEvent(state, e: SniperEvent, ctx) {
    const seen = [...state, `${ctx.nowUs}:${e.type}${e.type === 'timer' ? `:${e.timerId}` : ''}${e.type === 'order_update' ? `:${e.status}` : ''}`];
    if (e.type !== 'trade' || state.length > 0) return step(seen);
    const commands: Command[] = [
      { type: 'set_timer', timerId: 't1', atMs: ctx.now + 10 },
      { type: 'set_timer', timerId: 't2', atMs: ctx.now + 20 },
      { type: 'set_timer', timerId: 't1', atMs: ctx.now + 30 },
      { type: 'cancel_timer', timerId: 't2' },
      { type: 'place_order', clientOrderId: 'o1', symbol: 'AUSDT', side: 'buy', orderType: 'MARKET', quoteQty: 5, reason: 'test' },
      { type: 'place_order', clientOrderId: 'o2', symbol: 'AUSDT', side: 'buy', orderType: 'MARKET', quoteQty: 5, reason: 'test' },
    ];
    return step(seen, commands);
  },
};

const trade = (ms: number): SniperEvent => ({ type: 'trade', symbol: 'AUSDT', price: 1, qty: 1, side: 'buy', tradeTime: ms, tsEvent: ms, tsRecv: ms * 1000, seq: ms });

describe('Runner', () => {
  test('timers (replaced, cancelled) and venue answers come back in time order between market events; the guard refuses with a decision', () => {
    const decisions: DecisionRecord[] = [];
    const runner = new Runner({
      strategy: recorder, params: {}, venue: new RejectingVenue(), clock: new SimulatedClock(0), rng: new Rng(1), instrument: () => rules, initialQuote: 100,
      decisions: { record: (d) => decisions.push(d) },
      guard: { check: (o) => (o.clientOrderId === 'o2' ? { rule: 'test_rule', reason: 'no second order' } : undefined), accepted: () => undefined },
    });
    runner.handle(trade(1000));
    runner.handle(trade(1025));
    runner.finish(2_000_000);
    expect(runner.strategyState).toEqual([
      '1000000:trade',
      '1000000:order_update:REJECTED', // o2, refused by the guard at once
      '1005000:order_update:REJECTED', // o1, rejected by the venue 5 ms later
      '1025000:trade',
      '1030000:timer:t1', // the replacement; t2 was cancelled
    ]);
    expect(decisions.map((d) => `${d.kind}:${d.decision}`)).toEqual(['place_order:buy', 'refused:test_rule', 'order_update:REJECTED', 'order_update:REJECTED']);
  });
});
