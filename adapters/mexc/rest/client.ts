/**
 * MexcRestClient: typed methods for every MEXC spot REST endpoint this project uses, plus the two
 * website endpoints listing snipers read. Each method answers a Result: the validated wire type,
 * or a typed error (errors.ts). Order placement and cancels never report a lost answer as a
 * rejection: a 5xx, a time-out or a dropped connection there is an UnknownOutcomeError.
 *
 *   const client = MexcRestClient.create({ baseUrl: sim.rest, apiKey, apiSecret });
 *   await client.syncTime();
 *   const placed = await client.placeOrder({ symbol: 'NEWUSDT', side: 'BUY', type: 'MARKET', quoteOrderQty: '10' });
 */
import { z } from 'zod';
import { WallClock, type Clock } from '../../../core/clock.ts';
import { ConfigError, UsageError } from '../../../core/errors.ts';
import { componentLogger, type Logger } from '../../../core/logger.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { mexcRestConfigSchema, type MexcRestConfig, type MexcRestConfigInput } from './client-config.ts';
import { MexcCredentials } from './credentials.ts';
import type { MexcRestError } from './errors.ts';
import { ENDPOINTS } from './endpoints.ts';
import { mexcOrderRefSchema, mexcOrderRequestSchema, orderParams, type MexcOrderRef, type MexcOrderRequest } from './order-params.ts';
import type { Params } from './sign.ts';
import { RestTransport, type EndpointSpec, type PublicRestConfig } from './transport.ts';
import type { MexcRestKlineInterval } from './types-market.ts';
import { intOf } from './wire-primitives.ts';

export type RestResult<T> = Promise<Result<T, MexcRestError>>;

export interface TimeSync {
  /** Server time minus local time, ms (applied to every signed timestamp). */
  readonly offsetMs: number;
  readonly roundTripMs: number;
  readonly serverTimeMs: number;
}

export interface ClientDeps {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface TimeRange {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit?: number;
}

function invalid(what: string, error: z.ZodError): UsageError {
  return new UsageError(`${what}: ${z.prettifyError(error).replace(/\n/g, '; ')}`, { cause: error });
}

export class MexcRestClient {
  readonly config: PublicRestConfig;
  private readonly transport: RestTransport;
  private readonly clock: Clock;

  private constructor(config: MexcRestConfig, deps: ClientDeps) {
    const { apiKey, apiSecret, ...rest } = config;
    this.config = Object.freeze(rest);
    this.clock = deps.clock ?? new WallClock();
    const credentials = apiKey !== undefined && apiSecret !== undefined ? new MexcCredentials(apiKey, apiSecret) : undefined;
    this.transport = new RestTransport(this.config, credentials, {
      clock: this.clock, logger: deps.logger ?? componentLogger('mexc.rest'), ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  }

  /** Validate the config (throws ConfigError with every problem listed) and build the client. */
  static create(input: MexcRestConfigInput = {}, deps: ClientDeps = {}): MexcRestClient {
    const parsed = mexcRestConfigSchema.safeParse(input);
    if (!parsed.success) {
      throw new ConfigError(`invalid MEXC REST config:\n${z.prettifyError(parsed.error)}`, { cause: parsed.error });
    }
    return new MexcRestClient(parsed.data, deps);
  }

  get hasCredentials(): boolean {
    return this.transport.hasCredentials;
  }
  get timeOffsetMs(): number {
    return this.transport.offsetMs;
  }
  /** The rate limiter (usage for metrics, holds after 429/418). */
  get limiter(): RestTransport['limiter'] {
    return this.transport.limiter;
  }

  private call<S extends z.ZodType>(spec: EndpointSpec<S>, params?: Params): RestResult<z.output<S>> {
    return this.transport.call(spec, params);
  }

  // ---- public market data ----------------------------------------------------------------------

  ping() { return this.call(ENDPOINTS.ping); }
  serverTime() { return this.call(ENDPOINTS.time); }

  /**
   * Measure the server-time offset: GET /api/v3/time, with the server's time taken to be at the
   * midpoint of the round trip. Every later signed timestamp is local time plus this offset.
   */
  async syncTime(): RestResult<TimeSync> {
    const t0 = this.clock.nowMs();
    const answer = await this.call(ENDPOINTS.time);
    const t1 = this.clock.nowMs();
    if (!answer.ok) return answer;
    let serverTimeMs: number;
    try {
      serverTimeMs = intOf(answer.value.serverTime, 'serverTime');
    } catch (error) {
      return err(error as MexcRestError);
    }
    const offsetMs = Math.round(serverTimeMs - (t0 + t1) / 2);
    this.transport.offsetMs = offsetMs;
    return ok({ offsetMs, roundTripMs: t1 - t0, serverTimeMs });
  }

  exchangeInfo(filter: { symbol?: string; symbols?: readonly string[] } = {}) {
    return this.call(ENDPOINTS.exchangeInfo, { symbol: filter.symbol, symbols: filter.symbols?.join(',') });
  }
  defaultSymbols() { return this.call(ENDPOINTS.defaultSymbols); }
  offlineSymbols() { return this.call(ENDPOINTS.offlineSymbols); }
  depth(symbol: string, limit?: number) { return this.call(ENDPOINTS.depth, { symbol, limit }); }
  trades(symbol: string, limit?: number) { return this.call(ENDPOINTS.trades, { symbol, limit }); }
  aggTrades(symbol: string, range: TimeRange = {}) { return this.call(ENDPOINTS.aggTrades, { symbol, ...range }); }
  klines(symbol: string, interval: MexcRestKlineInterval, range: TimeRange = {}) {
    return this.call(ENDPOINTS.klines, { symbol, interval, ...range });
  }
  avgPrice(symbol: string) { return this.call(ENDPOINTS.avgPrice, { symbol }); }
  ticker24hr(symbol: string) { return this.call(ENDPOINTS.ticker24hr, { symbol }); }
  ticker24hrAll() { return this.call(ENDPOINTS.ticker24hrAll); }
  tickerPrice(symbol: string) { return this.call(ENDPOINTS.tickerPrice, { symbol }); }
  tickerPriceAll() { return this.call(ENDPOINTS.tickerPriceAll); }
  bookTicker(symbol: string) { return this.call(ENDPOINTS.bookTicker, { symbol }); }
  bookTickerAll() { return this.call(ENDPOINTS.bookTickerAll); }

  // ---- website endpoints (unofficial) -------------------------------------------------------------

  /** The new-coin calendar (`data.newCoins[]`). */
  calendar() { return this.call(ENDPOINTS.calendar, { timestamp: Math.round(this.clock.nowMs()) }); }
  /** The web symbol list (`data.symbols.<QUOTE>[]`). */
  symbolsV2() { return this.call(ENDPOINTS.symbolsV2); }

  // ---- orders (signed) ---------------------------------------------------------------------------

  /** Place an order. A 5xx, time-out or dropped connection answers UnknownOutcomeError, never a rejection. */
  placeOrder(order: MexcOrderRequest) {
    const parsed = mexcOrderRequestSchema.safeParse(order);
    if (!parsed.success) return Promise.resolve(err(invalid('order', parsed.error)));
    return this.call(ENDPOINTS.placeOrder, orderParams(parsed.data));
  }
  /** Validate an order at the venue without sending it to the matching engine. */
  testOrder(order: MexcOrderRequest) {
    const parsed = mexcOrderRequestSchema.safeParse(order);
    if (!parsed.success) return Promise.resolve(err(invalid('order', parsed.error)));
    return this.call(ENDPOINTS.testOrder, orderParams(parsed.data));
  }
  cancelOrder(ref: MexcOrderRef & { newClientOrderId?: string }) {
    const { newClientOrderId, ...id } = ref;
    const parsed = mexcOrderRefSchema.safeParse(id);
    if (!parsed.success) return Promise.resolve(err(invalid('cancel', parsed.error)));
    return this.call(ENDPOINTS.cancelOrder, { ...parsed.data, newClientOrderId });
  }
  cancelAllOrders(symbol: string) { return this.call(ENDPOINTS.cancelAllOrders, { symbol }); }
  queryOrder(ref: MexcOrderRef) {
    const parsed = mexcOrderRefSchema.safeParse(ref);
    if (!parsed.success) return Promise.resolve(err(invalid('order query', parsed.error)));
    return this.call(ENDPOINTS.queryOrder, parsed.data);
  }
  openOrders(symbol?: string) { return this.call(ENDPOINTS.openOrders, { symbol }); }
  allOrders(symbol: string, range: TimeRange = {}) { return this.call(ENDPOINTS.allOrders, { symbol, ...range }); }

  // ---- account (signed) --------------------------------------------------------------------------

  account() { return this.call(ENDPOINTS.account); }
  myTrades(symbol: string, filter: TimeRange & { orderId?: string } = {}) {
    return this.call(ENDPOINTS.myTrades, { symbol, orderId: filter.orderId, startTime: filter.startTime, endTime: filter.endTime, limit: filter.limit });
  }
  tradeFee(symbol: string) { return this.call(ENDPOINTS.tradeFee, { symbol }); }
  /** Symbols this API key may trade. */
  selfSymbols() { return this.call(ENDPOINTS.selfSymbols); }

  // ---- user data stream (signed) -----------------------------------------------------------------

  createListenKey() { return this.call(ENDPOINTS.createListenKey); }
  /** Extend a listen key to 60 minutes from now (call every 30 minutes). */
  keepAliveListenKey(listenKey: string) { return this.call(ENDPOINTS.keepAliveListenKey, { listenKey }); }
  closeListenKey(listenKey: string) { return this.call(ENDPOINTS.closeListenKey, { listenKey }); }
  listListenKeys() { return this.call(ENDPOINTS.listListenKeys); }
}
