/**
 * A small MEXC-like HTTP server for the client tests: real sockets on localhost, HMAC checked
 * server-side by recomputing it, a server clock that can run ahead of ours, and switchable
 * failures (429, 418, 5xx, a hang). Not the exchange simulator: just enough to test the client.
 */
import type { Server } from 'bun';
import { verifySignature } from './sign.ts';

export type Failure = 'none' | '429' | '418' | '500' | '503' | 'hang' | 'envelope-10007';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly apiKey: string | null;
  readonly contentType: string | null;
}

export interface TestServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  failure: Failure;
  /** Server clock minus real time, ms. */
  skewMs: number;
  stop(): Promise<void>;
}

export const TEST_KEY = 'mx0test-key';
export const TEST_SECRET = 'test-secret-0123456789abcdef';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** Canned answers by `METHOD path`. */
function answer(method: string, path: string, params: URLSearchParams, serverTime: number): Response {
  const order = { symbol: params.get('symbol') ?? 'X', orderId: 'C02__1', orderListId: -1, price: '1', origQty: '1', executedQty: '0', cummulativeQuoteQty: '0', status: 'NEW', timeInForce: null, type: 'LIMIT', side: 'BUY', time: serverTime, updateTime: serverTime, isWorking: true };
  switch (`${method} ${path}`) {
    case 'GET /api/v3/ping': return json({});
    case 'GET /api/v3/time': return json({ serverTime });
    case 'GET /api/v3/depth': return json({ lastUpdateId: '42', bids: [['1.5', '2']], asks: [['1.6', '3']], timestamp: serverTime });
    case 'GET /api/v3/exchangeInfo': return json({ timezone: 'CST', serverTime, rateLimits: [], exchangeFilters: [], symbols: [] });
    case 'GET /api/v3/defaultSymbols': case 'GET /api/v3/selfSymbols': return json({ code: 200, data: ['AUSDT'], msg: null });
    case 'GET /api/v3/trades': return json([{ id: null, price: '1', qty: '2', quoteQty: '2', time: serverTime, isBuyerMaker: true, isBestMatch: true }]);
    case 'GET /api/v3/klines': return json([[1, '1', '2', '0.5', '1.5', '10', 60000, '15']]);
    case 'GET /api/v3/ticker/24hr': return params.has('symbol') ? json({ symbol: 'AUSDT', lastPrice: '1', priceChangePercent: '0.01' }) : json([{ symbol: 'AUSDT', lastPrice: '1' }]);
    case 'POST /api/v3/order': return json({ symbol: params.get('symbol'), orderId: 'C02__505979017439002624115', orderListId: -1, type: params.get('type'), side: params.get('side'), transactTime: serverTime });
    case 'POST /api/v3/order/test': return json({});
    case 'DELETE /api/v3/order': return json({ ...order, status: 'CANCELED' });
    case 'DELETE /api/v3/openOrders': return json([{ ...order, status: 'CANCELED' }]);
    case 'GET /api/v3/order': return json(order);
    case 'GET /api/v3/openOrders': case 'GET /api/v3/allOrders': return json([order]);
    case 'GET /api/v3/account': return json({ canTrade: true, balances: [{ asset: 'USDT', free: '100', locked: '0', available: '100' }] });
    case 'GET /api/v3/myTrades': return json([]);
    case 'POST /api/v3/userDataStream': case 'PUT /api/v3/userDataStream': return json({ listenKey: params.get('listenKey') ?? 'lk-1' });
    case 'DELETE /api/v3/userDataStream': return json({});
    case 'GET /api/v3/userDataStream': return json({ listenKey: ['lk-1'] });
    case 'GET /api/operation/new_coin_calendar': return json({ data: { newCoins: [{ vcoinId: 'c1', vcoinName: 'NEW', vcoinNameFull: 'New Coin', firstOpenTime: serverTime + 3_600_000, zone: 'NEW' }] } });
    case 'GET /api/platform/spot/market-v2/web/symbolsV2': return json({ data: { symbols: { USDT: [{ cd: 'c1', vn: 'NEW', sts: 2, st: 2, tt: 4, ot: serverTime + 3_600_000 }] } } });
    default: return json({ code: 404, msg: `no route ${method} ${path}` }, 404);
  }
}

export function startTestServer(): TestServer {
  const hanging: (() => void)[] = [];
  const state: { failure: Failure; skewMs: number } = { failure: 'none', skewMs: 0 };
  const seen: SeenRequest[] = [];
  const server: Server<undefined> = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      const url = new URL(req.url);
      const query = url.search.replace(/^\?/, '');
      seen.push({ method: req.method, path: url.pathname, query, apiKey: req.headers.get('x-mexc-apikey'), contentType: req.headers.get('content-type') });
      const serverTime = Date.now() + state.skewMs;
      switch (state.failure) {
        case '429': return json({ code: 429, msg: 'Too Many Requests' }, 429, { 'Retry-After': '3' });
        case '418': return new Response('', { status: 418, headers: { 'Retry-After': '60' } });
        case '500': return new Response('Internal Server Error', { status: 500 });
        case '503': return json({ code: 503, msg: 'service not available' }, 503);
        case 'hang': return new Promise<Response>((resolve) => hanging.push(() => resolve(json({}))));
        case 'envelope-10007': return json({ code: 10007, msg: 'bad symbol' });
        case 'none': break;
      }
      if (url.searchParams.has('signature')) {
        if (req.headers.get('x-mexc-apikey') !== TEST_KEY) return json({ code: 10072, msg: 'Api key info invalid' }, 400);
        if (!verifySignature(TEST_SECRET, query)) return json({ code: 700002, msg: 'Signature for this request is not valid.' }, 400);
        const timestamp = Number(url.searchParams.get('timestamp'));
        const recvWindow = Number(url.searchParams.get('recvWindow') ?? 5000);
        if (!(timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow)) {
          return json({ code: 700003, msg: 'Timestamp for this request is outside of the recvWindow.' }, 400);
        }
      }
      return answer(req.method, url.pathname, url.searchParams, serverTime);
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    seen,
    get failure() { return state.failure; },
    set failure(f: Failure) { state.failure = f; },
    get skewMs() { return state.skewMs; },
    set skewMs(ms: number) { state.skewMs = ms; },
    async stop() {
      for (const release of hanging) release();
      await server.stop(true);
    },
  };
}
