/**
 * Rate-limit configuration (mexc-api.md §4.3, §4.5, §4.7). The whole table is configuration: the
 * spec marks the limits UNCERTAIN (IP 500 or 300 per 10 s; orders 12/s or 5/s) and the weights
 * changed between the 2025 and 2026 docs. Defaults are the 2026 docs' values.
 */
import { z } from 'zod';

/** Endpoint keys are `METHOD /path`; `:all` marks the no-symbol (every symbol) variant. */
export const WEIGHTS_2026: Readonly<Record<string, number>> = Object.freeze({
  'GET /api/v3/ping': 1,
  'GET /api/v3/time': 1,
  'GET /api/v3/defaultSymbols': 1,
  'GET /api/v3/symbol/offline': 10,
  'GET /api/v3/exchangeInfo': 25,
  'GET /api/v3/depth': 3,
  'GET /api/v3/trades': 5,
  'GET /api/v3/aggTrades': 1,
  'GET /api/v3/klines': 1,
  'GET /api/v3/avgPrice': 1,
  'GET /api/v3/ticker/24hr': 25,
  'GET /api/v3/ticker/24hr:all': 25,
  'GET /api/v3/ticker/price': 10,
  'GET /api/v3/ticker/price:all': 10,
  'GET /api/v3/ticker/bookTicker': 10,
  'GET /api/v3/ticker/bookTicker:all': 10,
  'POST /api/v3/order/test': 1,
  'POST /api/v3/order': 1,
  'DELETE /api/v3/order': 1,
  'DELETE /api/v3/openOrders': 1,
  'GET /api/v3/order': 2,
  'GET /api/v3/openOrders': 3,
  'GET /api/v3/allOrders': 10,
  'GET /api/v3/account': 10,
  'GET /api/v3/myTrades': 10,
  'GET /api/v3/tradeFee': 20,
  'GET /api/v3/selfSymbols': 1,
  'POST /api/v3/userDataStream': 1,
  'PUT /api/v3/userDataStream': 1,
  'DELETE /api/v3/userDataStream': 1,
  'GET /api/v3/userDataStream': 1,
});

/** The 2025 (GitHub docs) weights where they differ, for a user who finds the old ones hold. */
export const WEIGHTS_2025_CHANGES: Readonly<Record<string, number>> = Object.freeze({
  'GET /api/v3/exchangeInfo': 10,
  'GET /api/v3/depth': 1,
  'GET /api/v3/ticker/24hr': 1,
  'GET /api/v3/ticker/24hr:all': 40,
  'GET /api/v3/ticker/price': 1,
  'GET /api/v3/ticker/price:all': 2,
  'GET /api/v3/ticker/bookTicker': 1,
  'GET /api/v3/ticker/bookTicker:all': 1,
});

/** Endpoints that share the order limit (12 requests/s in the 2026 docs). */
export const ORDER_ENDPOINTS: readonly string[] = Object.freeze([
  'POST /api/v3/order', 'DELETE /api/v3/order', 'DELETE /api/v3/openOrders', 'POST /api/v3/batchOrders',
]);

const budget = z.object({
  limit: z.number().positive(),
  windowMs: z.number().int().positive(),
}).strict();
export type Budget = z.infer<typeof budget>;

export const rateLimitConfigSchema = z.object({
  /** Weights per endpoint; entries given here replace the defaults key by key. */
  weights: z.record(z.string(), z.number().nonnegative()).default({}),
  /** Weight of an endpoint missing from the table. */
  defaultWeight: z.number().nonnegative().default(1),
  /** Unsigned (public) requests: counted per IP. 500 per 10 s in the docs, 300 in other sources. */
  ip: budget.default({ limit: 500, windowMs: 10_000 }),
  /** Signed requests: counted per account (UID). */
  uid: budget.default({ limit: 500, windowMs: 10_000 }),
  /** Order placement and cancels together: 12/s (2026 docs); 5/s per a 2025 announcement. */
  orders: budget.default({ limit: 12, windowMs: 1_000 }),
  /** GET /api/v3/account: 2/s on top of its weight. */
  account: budget.default({ limit: 2, windowMs: 1_000 }),
  /** The unofficial website endpoints (calendar, symbolsV2): no published limit, so be polite. */
  web: budget.default({ limit: 20, windowMs: 10_000 }),
  /** Longest wait for local budget before failing with RateLimitError instead; 0 = never wait. */
  maxWaitMs: z.number().nonnegative().default(2_000),
  /** How long to hold after a 429 / 418 that came without a Retry-After header. */
  defaultRetryAfterMs: z.number().nonnegative().default(10_000),
  defaultBanMs: z.number().nonnegative().default(120_000),
}).strict();
export type RateLimitConfig = z.output<typeof rateLimitConfigSchema>;
export type RateLimitConfigInput = z.input<typeof rateLimitConfigSchema>;
