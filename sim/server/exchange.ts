/**
 * The exchange's state shared by the WebSocket and REST sides: the market and its clock, the
 * account and matching engine, listen keys, statistics and faults, and what each symbol looks
 * like at a given time (created? open? API-tradable?).
 */
import type { Scenario } from '../config/scenario.ts';
import { Market } from '../market/market.ts';
import type { SymbolMarket } from '../market/symbol-market.ts';
import type { ListingPlan } from '../market/listing-plan.ts';
import { Account } from '../matching/account.ts';
import { MatchingEngine } from '../matching/engine.ts';
import type { Fill } from '../matching/order.ts';
import { FaultInjector } from '../faults/injector.ts';
import { parseFaults, type FaultSpec } from '../faults/fault-spec.ts';
import { SimStats } from './stats.ts';
import { hexId } from './ids.ts';
import { scaled } from '../market/format.ts';

export interface SymbolView {
  readonly market: SymbolMarket;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly plan: ListingPlan | undefined;
  /** exchangeInfo status: "1" online, "2" pause (not yet open, or suspended), "3" offline. */
  readonly status: '1' | '2' | '3';
  /** Listed anywhere yet (calendar, exchangeInfo). */
  readonly visible: boolean;
  readonly open: boolean;
  readonly apiTradable: boolean;
  readonly marketOrders: 'enabled' | 'disabled' | 'api_disabled';
}

export class Exchange {
  readonly market: Market;
  readonly account: Account;
  readonly engine: MatchingEngine;
  readonly stats = new SimStats();
  readonly faultSpec: FaultSpec;
  readonly faults: FaultInjector;
  /** listenKey → expiry (exchange ms). */
  readonly listenKeys = new Map<string, number>();
  /** Every fill of the account, oldest first (myTrades). */
  readonly fills: Fill[] = [];
  private listenKeySeq = 0;
  /** Wall-clock anchor of the market clock. */
  private readonly wallStart: number;

  constructor(readonly scenario: Scenario, startTime: number, wallNow: number, faults?: FaultSpec) {
    this.market = new Market(scenario, startTime);
    this.account = new Account(scenario.account.balances);
    this.engine = new MatchingEngine(this.account);
    this.engine.fillListeners.push((f) => this.fills.push(f));
    // keep /_sim/stats orders current as resting orders fill or get canceled
    this.engine.orderListeners.push((o) => {
      const rec = this.stats.orderById.get(o.orderId);
      if (rec === undefined) return;
      const m = this.market.symbols.get(o.symbol)!;
      rec.status = o.status;
      rec.executedQty = scaled(o.filledLots, m.quantityScale);
      rec.cummulativeQuoteQty = o.filledQuote.toFixed(8);
    });
    this.faultSpec = faults ?? parseFaults(scenario.faults);
    this.faults = new FaultInjector(this.faultSpec, scenario.seed, (n) => this.stats.countFault(n));
    this.wallStart = wallNow;
  }

  /** The exchange clock at a wall time: market time (speed applied) plus any skew fault. */
  timeAt(wallNow: number): number {
    return Math.floor(this.market.startTime + (wallNow - this.wallStart) * this.scenario.speed + this.faultSpec.skewMs);
  }

  now(): number {
    return this.timeAt(Date.now());
  }

  /** The market time the ticks should have reached by now (no skew). */
  marketTarget(wallNow: number): number {
    return this.market.startTime + (wallNow - this.wallStart) * this.scenario.speed;
  }

  view(symbol: string, now = this.now()): SymbolView | undefined {
    const market = this.market.symbols.get(symbol);
    if (market === undefined) return undefined;
    const plan = market.plan;
    const base = symbol.slice(0, -4);
    if (plan === undefined) {
      const halted = this.market.halted.get(symbol);
      const status = halted === undefined ? '1' : halted === 'suspended' ? '2' : '3';
      return { market, symbol, base, quote: 'USDT', plan, status, visible: true, open: halted === undefined, apiTradable: halted === undefined, marketOrders: 'enabled' };
    }
    const open = now >= plan.actualOpen && market.lastTicks !== undefined;
    return {
      market, symbol, base, quote: 'USDT', plan, status: open ? '1' : '2',
      visible: now >= plan.createdAt,
      open,
      apiTradable: plan.apiTradable,
      marketOrders: plan.marketOrders,
    };
  }

  views(now = this.now()): SymbolView[] {
    return [...this.market.symbols.keys()].map((s) => this.view(s, now)!).filter((v) => v.visible);
  }

  /** Valid listen keys of the account (MEXC allows 60). */
  validListenKeys(now: number): number {
    let n = 0;
    for (const exp of this.listenKeys.values()) if (exp > now) n++;
    return n;
  }

  newListenKey(now: number): string {
    this.listenKeySeq++;
    const key = (hexId(this.scenario.seed, 'listenKey', this.listenKeySeq) + hexId(this.scenario.seed, 'listenKey2', this.listenKeySeq)).slice(0, 64);
    this.listenKeys.set(key, now + this.scenario.rest.listenKeyTtlMs);
    return key;
  }

  listenKeyValid(key: string, now: number): boolean {
    const exp = this.listenKeys.get(key);
    return exp !== undefined && exp > now;
  }

  coinId(asset: string): string {
    const plan = this.market.listings.find((p) => p.vcoinName === asset);
    return plan?.vcoinId ?? hexId(this.scenario.seed, 'coin', asset);
  }
}
