/** Public market-data endpoints (mexc-api.md §4.5). */
import type { Exchange, SymbolView } from '../exchange.ts';
import { fail, ok, type RestAnswer, type RestRequest } from './request.ts';
import { scaled } from '../../market/format.ts';
import { REST_INTERVALS } from '../../market/candles.ts';
import { symbolInfo } from './symbol-info.ts';

type Handler = (ex: Exchange, r: RestRequest, now: number) => RestAnswer;

function needSymbol(ex: Exchange, r: RestRequest, now: number): SymbolView | RestAnswer {
  const s = r.params.symbol;
  if (s === undefined || s === '') return fail(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
  const v = ex.view(s.toUpperCase(), now);
  if (v === undefined || !v.visible) return fail(-1121, 'Invalid symbol.');
  return v;
}
const isAnswer = (x: unknown): x is RestAnswer => typeof x === 'object' && x !== null && 'status' in x && 'body' in x;

function limitOf(r: RestRequest, def: number, max: number): number {
  const n = Number(r.params.limit ?? def);
  return Number.isFinite(n) && n > 0 ? Math.min(max, Math.floor(n)) : def;
}

function ticker24(v: SymbolView, now: number): Record<string, unknown> {
  const m = v.market;
  const s = m.rolling.stats(now);
  const bid = m.book.top('bid', 1)[0];
  const ask = m.book.top('ask', 1)[0];
  const p = (x: number) => scaled(Math.round(x * m.pMul), m.priceScale);
  const last = s?.last ?? 0;
  const open = s?.open ?? 0;
  return {
    symbol: v.symbol,
    priceChange: p(last - open),
    priceChangePercent: open > 0 ? (last / open - 1).toFixed(4) : '0',
    prevClosePrice: p(open), lastPrice: p(last),
    bidPrice: bid ? scaled(bid[0], m.priceScale) : '', bidQty: bid ? scaled(bid[1], m.quantityScale) : '',
    askPrice: ask ? scaled(ask[0], m.priceScale) : '', askQty: ask ? scaled(ask[1], m.quantityScale) : '',
    openPrice: p(open), highPrice: p(s?.high ?? 0), lowPrice: p(s?.low ?? 0),
    volume: scaled(Math.round((s?.base ?? 0) * m.qMul), m.quantityScale),
    quoteVolume: (s?.quote ?? 0).toFixed(2), openTime: now - 86_400_000, closeTime: now, count: s?.count ?? null,
  };
}

function bookTicker(v: SymbolView): Record<string, unknown> {
  const m = v.market;
  const bid = m.book.top('bid', 1)[0];
  const ask = m.book.top('ask', 1)[0];
  return {
    symbol: v.symbol,
    bidPrice: bid ? scaled(bid[0], m.priceScale) : '', bidQty: bid ? scaled(bid[1], m.quantityScale) : '',
    askPrice: ask ? scaled(ask[0], m.priceScale) : '', askQty: ask ? scaled(ask[1], m.quantityScale) : '',
  };
}

function oneOrAll(ex: Exchange, r: RestRequest, now: number, f: (v: SymbolView) => unknown): RestAnswer {
  if (r.params.symbol !== undefined) {
    const v = needSymbol(ex, r, now);
    return isAnswer(v) ? v : ok(f(v));
  }
  return ok(ex.views(now).filter((v) => v.open).map(f));
}

export const MARKET_ROUTES: Readonly<Record<string, { weight: number; handler: Handler }>> = {
  'GET /api/v3/ping': { weight: 1, handler: () => ok({}) },
  'GET /api/v3/time': { weight: 1, handler: (_ex, _r, now) => ok({ serverTime: now }) },
  'GET /api/v3/defaultSymbols': {
    weight: 1,
    handler: (ex, _r, now) => ok({ code: 200, data: ex.views(now).filter((v) => v.open && v.apiTradable).map((v) => v.symbol), msg: null }),
  },
  'GET /api/v3/symbol/offline': {
    weight: 10,
    handler: (ex) => ok({
      data: [...ex.market.halted].map(([symbol, state]) => ({ symbol, state: state === 'suspended' ? 2 : 3, offlineTime: ex.market.startTime })),
    }),
  },
  'GET /api/v3/exchangeInfo': {
    weight: 25,
    handler: (ex, r, now) => {
      const wanted = r.params.symbol ?? r.params.symbols;
      let views = ex.views(now);
      if (wanted !== undefined) {
        const names = new Set(wanted.toUpperCase().split(','));
        views = views.filter((v) => names.has(v.symbol));
        if (views.length === 0) return fail(-1121, 'Invalid symbol.');
      }
      return ok({ timezone: 'CST', serverTime: now, rateLimits: [], exchangeFilters: [], symbols: views.map((v) => symbolInfo(ex, v)) });
    },
  },
  'GET /api/v3/depth': {
    weight: 3,
    handler: (ex, r, now) => {
      const v = needSymbol(ex, r, now);
      if (isAnswer(v)) return v;
      const m = v.market;
      const n = limitOf(r, 100, 5000);
      const lv = ([t, l]: [number, number]) => [scaled(t, m.priceScale), scaled(l, m.quantityScale)];
      return ok({ lastUpdateId: m.book.version, bids: m.book.top('bid', n).map(lv), asks: m.book.top('ask', n).map(lv), timestamp: now });
    },
  },
  'GET /api/v3/trades': {
    weight: 5,
    handler: (ex, r, now) => {
      const v = needSymbol(ex, r, now);
      if (isAnswer(v)) return v;
      const m = v.market;
      return ok(m.recent.slice(-limitOf(r, 500, 1000)).reverse().map((t) => ({
        id: null, price: scaled(t.ticks, m.priceScale), qty: scaled(t.lots, m.quantityScale),
        quoteQty: ((t.ticks / m.pMul) * (t.lots / m.qMul)).toFixed(m.priceScale), time: t.timeMs,
        isBuyerMaker: t.side === 2, isBestMatch: true, tradeType: t.side === 1 ? 'BID' : 'ASK',
      })));
    },
  },
  'GET /api/v3/aggTrades': {
    weight: 1,
    handler: (ex, r, now) => {
      const v = needSymbol(ex, r, now);
      if (isAnswer(v)) return v;
      const m = v.market;
      const from = Number(r.params.startTime ?? 0);
      const to = Number(r.params.endTime ?? Number.MAX_SAFE_INTEGER);
      return ok(m.recent.filter((t) => t.timeMs >= from && t.timeMs <= to).slice(-limitOf(r, 500, 1000)).map((t) => ({
        a: null, f: null, l: null, p: scaled(t.ticks, m.priceScale), q: scaled(t.lots, m.quantityScale), T: t.timeMs, m: t.side === 2, M: true,
      })));
    },
  },
  'GET /api/v3/klines': {
    weight: 1,
    handler: (ex, r, now) => {
      const v = needSymbol(ex, r, now);
      if (isAnswer(v)) return v;
      const interval = REST_INTERVALS[r.params.interval ?? ''];
      if (interval === undefined) return fail(-1121, 'Invalid interval.');
      const m = v.market;
      const from = Number(r.params.startTime ?? 0);
      const to = Number(r.params.endTime ?? Number.MAX_SAFE_INTEGER);
      const p = (x: number) => scaled(Math.round(x * m.pMul), m.priceScale);
      const rows = m.candles.history(interval).filter((c) => c.openTime >= from && c.openTime <= to).slice(-limitOf(r, 500, 1000));
      return ok(rows.map((c) => [c.openTime, p(c.open), p(c.high), p(c.low), p(c.close),
        scaled(Math.round(c.volume * m.qMul), m.quantityScale), c.closeTime, c.amount.toFixed(2)]));
    },
  },
  'GET /api/v3/avgPrice': {
    weight: 1,
    handler: (ex, r, now) => {
      const v = needSymbol(ex, r, now);
      if (isAnswer(v)) return v;
      const last = v.market.rolling.last ?? 0;
      return ok({ mins: 5, price: last.toFixed(v.market.priceScale + 4) });
    },
  },
  'GET /api/v3/ticker/24hr': { weight: 25, handler: (ex, r, now) => oneOrAll(ex, r, now, (v) => ticker24(v, now)) },
  'GET /api/v3/ticker/price': {
    weight: 10,
    handler: (ex, r, now) => oneOrAll(ex, r, now, (v) => ({
      symbol: v.symbol, price: v.market.lastTicks === undefined ? '' : scaled(v.market.lastTicks, v.market.priceScale),
    })),
  },
  'GET /api/v3/ticker/bookTicker': { weight: 10, handler: (ex, r, now) => oneOrAll(ex, r, now, bookTicker) },
};
