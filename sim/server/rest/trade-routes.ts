/** Signed trading and account endpoints (mexc-api.md §4.7) and the listenKey stream (§6). */
import type { Exchange } from '../exchange.ts';
import { fail, ok, type RestAnswer, type RestRequest } from './request.ts';
import { orderParams } from './order-params.ts';
import type { Order } from '../../matching/order.ts';
import { scaled } from '../../market/format.ts';

type Handler = (ex: Exchange, r: RestRequest, now: number) => RestAnswer;

/** Valid listen keys per account (mexc-api.md §6). */
const MAX_LISTEN_KEYS = 60;

function orderJson(ex: Exchange, o: Order): Record<string, unknown> {
  const m = ex.market.symbols.get(o.symbol)!;
  return {
    symbol: o.symbol, orderId: o.orderId, orderListId: -1, clientOrderId: o.clientOrderId || null,
    price: o.price, origQty: o.origQty, executedQty: scaled(o.filledLots, m.quantityScale),
    cummulativeQuoteQty: o.filledQuote.toFixed(8), status: o.status, timeInForce: null, type: o.type, side: o.side,
    stopPrice: null, icebergQty: null, time: o.time, updateTime: o.updateTime, isWorking: o.isWorking,
    stpMode: '', cancelReason: null, origQuoteOrderQty: o.quoteOrderQty,
  };
}

function findOrder(ex: Exchange, r: RestRequest): Order | RestAnswer {
  const { orderId, origClientOrderId } = r.params;
  if (orderId === undefined && origClientOrderId === undefined) return fail(700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null");
  const symbol = r.params.symbol?.toUpperCase();
  const o = orderId !== undefined ? ex.engine.orders.get(orderId)
    : [...ex.engine.orders.values()].find((x) => x.clientOrderId === origClientOrderId);
  if (o === undefined || (symbol !== undefined && o.symbol !== symbol)) return fail(-2013, 'Order does not exist.');
  return o;
}
const isAnswer = (x: unknown): x is RestAnswer => typeof x === 'object' && x !== null && 'status' in x && 'body' in x;

function place(ex: Exchange, r: RestRequest, now: number, test: boolean): RestAnswer {
  const p = orderParams(ex, r.params, now, test);
  const record = (status: string, code?: number, orderId?: string) => {
    if (test) return;
    ex.stats.addOrder({
      symbol: r.params.symbol ?? '', side: r.params.side ?? '', type: r.params.type ?? '', receivedAt: now, status, code, orderId,
      price: r.params.price, quantity: r.params.quantity, quoteOrderQty: r.params.quoteOrderQty,
    });
  };
  if (!p.ok) {
    record('REJECTED', p.code);
    return fail(p.code, p.msg);
  }
  const res = ex.engine.place(p.req);
  if (!res.ok) {
    record('REJECTED', res.code);
    return fail(res.code, res.msg);
  }
  if (test) return ok({});
  const o = res.order;
  const m = ex.market.symbols.get(o.symbol)!;
  record(o.status, undefined, o.orderId);
  const rec = ex.stats.orderById.get(o.orderId)!;
  rec.executedQty = scaled(o.filledLots, m.quantityScale);
  rec.cummulativeQuoteQty = o.filledQuote.toFixed(8);
  return ok({
    symbol: o.symbol, orderId: o.orderId, orderListId: -1, price: o.price, origQty: o.origQty, type: o.type, side: o.side,
    stpMode: '', transactTime: now,
  });
}

function cancelOne(ex: Exchange, o: Order, now: number): Order | undefined {
  const v = ex.view(o.symbol, now)!;
  return ex.engine.cancel(o.orderId, now, v.market, v.base, v.quote);
}

export const TRADE_ROUTES: Readonly<Record<string, { weight: number; order?: boolean; handler: Handler }>> = {
  'POST /api/v3/order': { weight: 1, order: true, handler: (ex, r, now) => place(ex, r, now, false) },
  'POST /api/v3/order/test': { weight: 1, handler: (ex, r, now) => place(ex, r, now, true) },
  'DELETE /api/v3/order': {
    weight: 1, order: true,
    handler: (ex, r, now) => {
      const o = findOrder(ex, r);
      if (isAnswer(o)) return o.body && (o.body as { code: number }).code === -2013 ? fail(-2011, 'Unknown order sent.') : o;
      const c = cancelOne(ex, o, now);
      if (c === undefined) return fail(-2011, 'Unknown order sent.');
      return ok(orderJson(ex, c));
    },
  },
  'GET /api/v3/order': {
    weight: 2,
    handler: (ex, r) => {
      const o = findOrder(ex, r);
      return isAnswer(o) ? o : ok(orderJson(ex, o));
    },
  },
  'GET /api/v3/openOrders': {
    weight: 3,
    handler: (ex, r) => ok(ex.engine.openOrders(r.params.symbol?.toUpperCase()).map((o) => orderJson(ex, o))),
  },
  'DELETE /api/v3/openOrders': {
    weight: 1, order: true,
    handler: (ex, r, now) => {
      const symbols = (r.params.symbol ?? '').toUpperCase().split(',').filter((s) => s !== '');
      if (symbols.length === 0) return fail(700004, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
      const out: Record<string, unknown>[] = [];
      for (const o of ex.engine.openOrders()) {
        if (!symbols.includes(o.symbol)) continue;
        const c = cancelOne(ex, o, now);
        if (c !== undefined) out.push(orderJson(ex, c));
      }
      return ok(out);
    },
  },
  'GET /api/v3/allOrders': {
    weight: 10,
    handler: (ex, r) => {
      const symbol = r.params.symbol?.toUpperCase();
      if (symbol === undefined) return fail(700004, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
      const from = Number(r.params.startTime ?? 0);
      const to = Number(r.params.endTime ?? Number.MAX_SAFE_INTEGER);
      const limit = Math.min(1000, Number(r.params.limit ?? 500) || 500);
      return ok([...ex.engine.orders.values()].filter((o) => o.symbol === symbol && o.time >= from && o.time <= to).slice(-limit).map((o) => orderJson(ex, o)));
    },
  },
  'GET /api/v3/account': {
    weight: 10,
    handler: (ex, _r, now) => ok({
      makerCommission: null, takerCommission: null, buyerCommission: null, sellerCommission: null,
      canTrade: true, canWithdraw: true, canDeposit: true, updateTime: null, accountType: 'SPOT',
      balances: ex.account.all().filter(([, b]) => b.free > 0 || b.locked > 0).map(([asset, b]) => ({
        asset, free: b.free.toFixed(8), locked: b.locked.toFixed(8), available: b.free.toFixed(8),
      })),
      permissions: ['SPOT'], timestamp: now,
    }),
  },
  'GET /api/v3/myTrades': {
    weight: 10,
    handler: (ex, r) => {
      const symbol = r.params.symbol?.toUpperCase();
      if (symbol === undefined) return fail(700004, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
      const limit = Math.min(100, Number(r.params.limit ?? 100) || 100);
      const rows = ex.fills.filter((f) => f.order.symbol === symbol && (r.params.orderId === undefined || f.order.orderId === r.params.orderId));
      return ok(rows.slice(-limit).map((f) => {
        const m = ex.market.symbols.get(symbol)!;
        return {
          symbol, id: f.tradeId, orderId: f.order.orderId, orderListId: -1, price: scaled(f.ticks, m.priceScale),
          qty: scaled(f.lots, m.quantityScale), quoteQty: f.quote.toFixed(8), commission: f.fee.toFixed(8),
          commissionAsset: f.feeAsset, time: f.time, isBuyer: f.order.side === 'BUY', isMaker: f.isMaker, isBestMatch: true,
          isSelfTrade: false, clientOrderId: f.order.clientOrderId || null,
        };
      }));
    },
  },
  'GET /api/v3/selfSymbols': {
    weight: 1,
    handler: (ex, _r, now) => ok({ code: 200, data: ex.views(now).filter((v) => v.open && v.apiTradable).map((v) => v.symbol), msg: null }),
  },
  'GET /api/v3/tradeFee': {
    weight: 20,
    handler: (ex, _r, now) => ok({
      data: { makerCommission: ex.scenario.account.makerFee, takerCommission: ex.scenario.account.takerFee }, code: 0, msg: 'success', timestamp: now,
    }),
  },
  'POST /api/v3/userDataStream': {
    weight: 1,
    handler: (ex, _r, now) => (ex.validListenKeys(now) >= MAX_LISTEN_KEYS
      ? fail(26, `operation not allowed: at most ${MAX_LISTEN_KEYS} valid listen keys`)
      : ok({ listenKey: ex.newListenKey(now) })),
  },
  'PUT /api/v3/userDataStream': {
    weight: 1,
    handler: (ex, r, now) => {
      const key = r.params.listenKey ?? '';
      if (!ex.listenKeyValid(key, now)) return fail(730001, 'Listen key not found');
      ex.listenKeys.set(key, now + ex.scenario.rest.listenKeyTtlMs);
      return ok({ listenKey: key });
    },
  },
  'DELETE /api/v3/userDataStream': {
    weight: 1,
    handler: (ex, r) => {
      const key = r.params.listenKey ?? '';
      if (!ex.listenKeys.delete(key)) return fail(730001, 'Listen key not found');
      return ok({ listenKey: key });
    },
  },
  'GET /api/v3/userDataStream': {
    weight: 1,
    handler: (ex, _r, now) => ok({ listenKey: [...ex.listenKeys.entries()].filter(([, e]) => e > now).map(([k]) => k) }),
  },
};
