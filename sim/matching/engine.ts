/**
 * The matching engine for the simulated account: orders against the simulated book with MEXC's
 * order types, fees and balance locking. Takers walk the market maker's ladder (and the public
 * tape shows their trades); resting orders add to the book and fill when the public tape trades
 * through their price. Validation of symbols and parameters happens before (rest/order-params.ts).
 */
import type { SymbolMarket, PublicTrade } from '../market/symbol-market.ts';
import type { Account } from './account.ts';
import { type Fill, type Order, type OrderSide, type OrderType } from './order.ts';
import { scaled } from '../market/format.ts';

export interface PlaceRequest {
  readonly market: SymbolMarket;
  readonly base: string;
  readonly quote: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly priceTicks?: number;
  readonly lots?: number;
  readonly quoteAmount?: number;
  readonly clientOrderId?: string;
  readonly now: number;
  readonly takerFee: number;
  readonly makerFee: number;
  /** Validate only (order/test). */
  readonly test?: boolean;
}

export type PlaceResult = { readonly ok: true; readonly order: Order } | { readonly ok: false; readonly code: number; readonly msg: string };

export class MatchingEngine {
  readonly orders = new Map<string, Order>();
  private seq = 0;
  private tradeSeq = 0;
  orderListeners: ((o: Order) => void)[] = [];
  fillListeners: ((f: Fill) => void)[] = [];
  private readonly watched = new Set<SymbolMarket>();
  private readonly fees = new Map<string, { maker: number; base: string; quote: string }>();

  constructor(private readonly account: Account) {}

  openOrders(symbol?: string): Order[] {
    return [...this.orders.values()].filter((o) => o.isWorking && (symbol === undefined || o.symbol === symbol));
  }

  place(r: PlaceRequest): PlaceResult {
    const m = r.market;
    const pMul = m.pMul;
    const qMul = m.qMul;
    const asks = r.side === 'BUY';
    const ladder = m.makerLadder(asks ? 'ask' : 'bid');
    const crosses = (t: number) => r.priceTicks === undefined || (asks ? t <= r.priceTicks : t >= r.priceTicks);
    // what a taker could get now
    let availLots = 0;
    let availQuote = 0;
    for (const [t, l] of ladder) {
      if (!crosses(t)) break;
      availLots += l;
      availQuote += (l / qMul) * (t / pMul);
    }
    const wantLots = r.lots;
    const lockAsset = asks ? r.quote : r.base;
    let lockAmount: number;
    if (asks) {
      if (r.type === 'MARKET') lockAmount = r.quoteAmount ?? estimateCost(ladder, wantLots ?? 0, pMul, qMul) * 1.0001;
      else lockAmount = ((wantLots ?? 0) / qMul) * ((r.priceTicks ?? 0) / pMul);
    } else {
      lockAmount = wantLots !== undefined ? wantLots / qMul : estimateLots(ladder, r.quoteAmount ?? 0, pMul, qMul) / qMul;
    }
    if (this.account.get(lockAsset).free + 1e-12 < lockAmount) return { ok: false, code: 10101, msg: 'Insufficient balance' };
    if (r.type === 'MARKET' && availLots === 0) return { ok: false, code: 30010, msg: 'no valid trade price' };
    if (r.test) return { ok: true, order: this.newOrder(r, true) };

    const order = this.newOrder(r, false);
    this.orders.set(order.orderId, order);
    this.account.change(lockAsset, -lockAmount, lockAmount, 'ENTRUST_PLACE', r.now);
    if (asks) order.lockedQuote = lockAmount;
    let lockedLeft = lockAmount;

    const makerCross = r.type === 'LIMIT_MAKER' && ladder.length > 0 && crosses(ladder[0]![0]);
    const fokShort = r.type === 'FILL_OR_KILL' && (wantLots ?? 0) > availLots;
    let lastTicks = ladder[0]?.[0] ?? 0;
    if (!makerCross && !fokShort) {
      for (const [t, l] of ladder) {
        if (!crosses(t)) break;
        const price = t / pMul;
        let take: number;
        if (wantLots !== undefined) take = Math.min(l, wantLots - order.filledLots);
        else {
          const quoteLeft = (r.quoteAmount ?? 0) - order.filledQuote;
          take = Math.min(l, Math.floor(((quoteLeft / price) * qMul) + 1e-9));
        }
        if (take <= 0) break;
        lastTicks = t;
        const got = m.takeMakerLots(asks ? 'ask' : 'bid', t, take);
        if (got <= 0) continue;
        const quote = (got / qMul) * price;
        lockedLeft -= asks ? quote : got / qMul;
        this.settle(order, r, t, got, quote, false, r.now, qMul);
        m.recordTrade(r.now, t, got, asks ? 1 : 2);
        if (wantLots !== undefined && order.filledLots >= wantLots) break;
      }
    }
    // a quote-amount order is done when what is left cannot buy one more lot at the last price
    const oneLot = lastTicks / pMul / qMul;
    const done = wantLots !== undefined ? order.filledLots >= wantLots
      : order.filledLots > 0 && (r.quoteAmount ?? 0) - order.filledQuote < oneLot + 1e-12;
    if (done) {
      order.status = 'FILLED';
      order.isWorking = false;
    } else if ((r.type === 'LIMIT' || (r.type === 'LIMIT_MAKER' && !makerCross)) && !fokShort) {
      order.status = order.filledLots > 0 ? 'PARTIALLY_FILLED' : 'NEW';
      this.rest(order, m);
    } else {
      order.status = order.filledLots > 0 ? 'PARTIALLY_CANCELED' : 'CANCELED';
      order.isWorking = false;
    }
    if (!order.isWorking && lockedLeft > 1e-12) this.account.change(lockAsset, lockedLeft, -lockedLeft, 'ENTRUST_CANCEL', r.now);
    if (asks) order.lockedQuote = order.isWorking ? lockedLeft : 0;
    order.updateTime = r.now;
    this.emitOrder(order);
    this.fees.set(order.symbol, { maker: r.makerFee, base: r.base, quote: r.quote });
    return { ok: true, order };
  }

  cancel(orderId: string, now: number, market: SymbolMarket, base: string, quote: string): Order | undefined {
    const o = this.orders.get(orderId);
    if (o === undefined || !o.isWorking) return undefined;
    o.isWorking = false;
    o.status = o.filledLots > 0 ? 'PARTIALLY_CANCELED' : 'CANCELED';
    o.updateTime = now;
    this.unrest(o, market);
    if (o.side === 'BUY') {
      this.account.change(quote, o.lockedQuote, -o.lockedQuote, 'ENTRUST_CANCEL', now);
      o.lockedQuote = 0;
    } else {
      const left = ((o.origLots ?? 0) - o.filledLots) / market.qMul;
      this.account.change(base, left, -left, 'ENTRUST_CANCEL', now);
    }
    this.emitOrder(o);
    return o;
  }

  private newOrder(r: PlaceRequest, test: boolean): Order {
    this.seq++;
    const m = r.market;
    return {
      symbol: m.symbol,
      orderId: test ? '' : `C02__5${String(this.seq).padStart(20, '0')}`,
      clientOrderId: r.clientOrderId ?? '',
      side: r.side, type: r.type, priceTicks: r.priceTicks,
      price: r.priceTicks === undefined ? '0' : scaled(r.priceTicks, m.priceScale),
      origLots: r.lots,
      origQty: r.lots === undefined ? '0' : scaled(r.lots, m.quantityScale),
      quoteOrderQty: r.quoteAmount === undefined ? '0' : String(r.quoteAmount),
      time: r.now, status: 'NEW', filledLots: 0, filledQuote: 0, lockedQuote: 0, updateTime: r.now, isWorking: true,
    };
  }

  private settle(o: Order, r: { base: string; quote: string; takerFee: number; makerFee: number }, ticks: number, lots: number, quote: number, isMaker: boolean, now: number, qMul: number): void {
    const qty = lots / qMul;
    o.filledLots += lots;
    o.filledQuote += quote;
    const rate = isMaker ? r.makerFee : r.takerFee;
    let fee: number;
    let feeAsset: string;
    if (o.side === 'BUY') {
      fee = qty * rate;
      feeAsset = r.base;
      this.account.change(r.quote, 0, -quote, 'ENTRUST', now);
      this.account.change(r.base, qty - fee, 0, 'ENTRUST', now);
    } else {
      fee = quote * rate;
      feeAsset = r.quote;
      this.account.change(r.base, 0, -qty, 'ENTRUST', now);
      this.account.change(r.quote, quote - fee, 0, 'ENTRUST', now);
    }
    this.tradeSeq++;
    const f: Fill = { order: o, ticks, lots, quote, fee, feeAsset, isMaker, tradeId: `${o.orderId}X${this.tradeSeq}`, time: now };
    for (const l of this.fillListeners) l(f);
  }

  private rest(o: Order, m: SymbolMarket): void {
    const side = o.side === 'BUY' ? 'bid' : 'ask';
    const t = o.priceTicks!;
    // the order is already in `orders`, so the level total includes it
    m.setUserLots(side, t, this.userLotsAt(m.symbol, o.side, t));
    if (!this.watched.has(m)) {
      this.watched.add(m);
      m.tradeListeners.push((trade) => this.onTape(m, trade));
    }
  }

  private unrest(o: Order, m: SymbolMarket): void {
    if (o.priceTicks === undefined) return;
    const side = o.side === 'BUY' ? 'bid' : 'ask';
    m.setUserLots(side, o.priceTicks, this.userLotsAt(m.symbol, o.side, o.priceTicks));
  }

  private userLotsAt(symbol: string, side: OrderSide, ticks: number): number {
    let s = 0;
    for (const o of this.orders.values()) {
      if (o.isWorking && o.symbol === symbol && o.side === side && o.priceTicks === ticks) s += (o.origLots ?? 0) - o.filledLots;
    }
    return s;
  }

  /** Resting orders fill when the public tape trades at or through their price. */
  private onTape(m: SymbolMarket, trade: PublicTrade): void {
    const cfg = this.fees.get(m.symbol);
    if (cfg === undefined) return;
    let budget = trade.lots;
    for (const o of this.openOrders(m.symbol)) {
      if (budget <= 0) break;
      const hit = o.side === 'BUY' ? trade.ticks <= o.priceTicks! && trade.side === 2 : trade.ticks >= o.priceTicks! && trade.side === 1;
      if (!hit || o.time >= trade.timeMs) continue;
      const lots = Math.min(budget, o.origLots! - o.filledLots);
      budget -= lots;
      const quote = (lots / m.qMul) * (o.priceTicks! / m.pMul);
      if (o.side === 'BUY') o.lockedQuote -= quote;
      this.settle(o, { base: cfg.base, quote: cfg.quote, takerFee: cfg.maker, makerFee: cfg.maker }, o.priceTicks!, lots, quote, true, trade.timeMs, m.qMul);
      const full = o.filledLots >= o.origLots!;
      o.status = full ? 'FILLED' : 'PARTIALLY_FILLED';
      o.updateTime = trade.timeMs;
      if (full) {
        o.isWorking = false;
        if (o.side === 'BUY' && o.lockedQuote > 1e-12) {
          this.account.change(cfg.quote, o.lockedQuote, -o.lockedQuote, 'ENTRUST_UNFROZEN', trade.timeMs);
          o.lockedQuote = 0;
        }
      }
      this.unrest(o, m);
      this.emitOrder(o);
    }
  }

  private emitOrder(o: Order): void {
    for (const l of this.orderListeners) l(o);
  }
}

function estimateCost(ladder: readonly [number, number][], lots: number, pMul: number, qMul: number): number {
  let left = lots;
  let cost = 0;
  for (const [t, l] of ladder) {
    const take = Math.min(l, left);
    cost += (take / qMul) * (t / pMul);
    left -= take;
    if (left <= 0) break;
  }
  return cost;
}

function estimateLots(ladder: readonly [number, number][], quote: number, pMul: number, qMul: number): number {
  let left = quote;
  let lots = 0;
  for (const [t, l] of ladder) {
    const levelQuote = (l / qMul) * (t / pMul);
    if (levelQuote >= left) return lots + Math.floor((left / (t / pMul)) * qMul);
    lots += l;
    left -= levelQuote;
  }
  return lots;
}
