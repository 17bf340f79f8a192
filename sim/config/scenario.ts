/**
 * The scenario: everything about a sim run that the command-line flags do not cover, as one
 * zod-validated JSON document (`sniper sim --scenario FILE`). Every field has a default, so `{}`
 * is a valid scenario; flags override the matching fields.
 */
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../core/errors.ts';

const tuple = z.tuple([z.number().int(), z.number().int(), z.number().int()]);

/** One step of a status walk: the tuple (sts, st, tt) shown from `beforeOpenSec` before the open. */
export const statusStepSchema = z.object({ beforeOpenSec: z.number(), tuple });
export type StatusStep = z.infer<typeof statusStepSchema>;

export const DEFAULT_STATUS_SEQUENCE: readonly StatusStep[] = [
  { beforeOpenSec: 1e9, tuple: [1, 1, 1] },
  { beforeOpenSec: 1800, tuple: [2, 1, 1] },
  { beforeOpenSec: 600, tuple: [2, 2, 3] },
  { beforeOpenSec: 120, tuple: [2, 2, 4] },
];

export const establishedSchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9]{2,20}USDT$/),
  price: z.number().positive(),
  priceScale: z.number().int().min(0).max(12),
  quantityScale: z.number().int().min(0).max(12),
  /** Daily volatility of the log price. */
  dailyVol: z.number().positive().default(0.03),
  /** Trades per second on average. */
  tradesPerSec: z.number().positive().default(4),
  /** Mean trade size in quote (USDT). */
  meanTradeQuote: z.number().positive().default(400),
  /** 'suspended' (exchangeInfo "2") and 'delisted' ("3") pairs do not trade and are in symbol/offline. */
  state: z.enum(['online', 'suspended', 'delisted']).default('online'),
});
export type EstablishedSpec = z.infer<typeof establishedSchema>;

export const scenarioSchema = z.object({
  seed: z.number().int().default(1),
  /** Market time at start, ms since epoch; default: the wall clock at start, floored to the second. */
  startTime: z.number().int().positive().optional(),
  /** Market clock multiplier (2 = twice real time). */
  speed: z.number().positive().max(10_000).default(1),
  established: z.array(establishedSchema).default([]),
  listings: z.object({
    count: z.number().int().min(0).default(3),
    firstOpenInSec: z.number().min(0).default(120),
    intervalSec: z.number().min(1).default(300),
    /** The status walk most listings follow; the last step holds through the open. */
    statusSequence: z.array(statusStepSchema).min(1).default([...DEFAULT_STATUS_SEQUENCE]),
    /** Share of listings whose walk deviates (skips (2,2,4), reaches it late, or steps back). */
    deviateShare: z.number().min(0).max(1).default(0.2),
    /** Share of listings that are not API-tradable (10007 on orders, absent from defaultSymbols). */
    notApiTradableShare: z.number().min(0).max(1).default(0.15),
    /** Share of listings that open late, and the mean delay. */
    lateShare: z.number().min(0).max(1).default(0.1),
    lateMeanSec: z.number().min(0).default(120),
    /** Share of listings with market orders disabled (30018) or disabled for the API (30019). */
    marketDisabledShare: z.number().min(0).max(1).default(0.05),
    apiMarketDisabledShare: z.number().min(0).max(1).default(0.05),
  }).prefault({}),
  /** The true factor weights that shape listings (calibration should recover them). */
  weights: z.object({
    history: z.number().min(0), market: z.number().min(0), timing: z.number().min(0), external: z.number().min(0),
  }).default({ history: 0.35, market: 0.3, timing: 0.1, external: 0.25 }),
  /** How strongly the factors drive the pump latent (0 = not at all, 1 = fully). */
  factorStrength: z.number().min(0).max(1).default(0.75),
  ws: z.object({
    maxSubscriptions: z.number().int().positive().default(30),
    maxMessagesPerSec: z.number().int().positive().default(100),
    noSubscriptionTimeoutMs: z.number().int().positive().default(30_000),
    noDataTimeoutMs: z.number().int().positive().default(60_000),
    lifetimeMs: z.number().int().positive().default(86_400_000),
    /** Accept `ping` as well as `PING` (unverified on MEXC). */
    caseInsensitiveMethods: z.boolean().default(true),
    /** Connections per listenKey. */
    maxConnectionsPerListenKey: z.number().int().positive().default(5),
  }).prefault({}),
  rest: z.object({
    /** Weight budget per 10 s per IP (unsigned) and per account (signed). */
    ipWeightPer10s: z.number().int().positive().default(500),
    uidWeightPer10s: z.number().int().positive().default(500),
    /** Order placement and cancels per second (shared). */
    ordersPerSec: z.number().int().positive().default(12),
    /** GET /api/v3/account per second (MEXC documents 2); 0 = no cap beyond the weights. */
    accountPerSec: z.number().int().min(0).default(0),
    retryAfterSec: z.number().int().positive().default(10),
    /** Consecutive 429s after which the IP is banned (418). */
    banAfter429s: z.number().int().positive().default(50),
    banSec: z.number().int().positive().default(120),
    listenKeyTtlMs: z.number().int().positive().default(3_600_000),
    /** How long the `timeout` fault holds an answer back. */
    timeoutFaultMs: z.number().int().positive().default(30_000),
  }).prefault({}),
  account: z.object({
    apiKey: z.string().min(8).default('mx0vglSIMULATORKEY0000001'),
    apiSecret: z.string().min(8).default('45d0b3c26f2644f19bfb98b07741b2f5'),
    balances: z.record(z.string(), z.number().min(0)).default({ USDT: 10_000 }),
    makerFee: z.number().min(0).default(0),
    takerFee: z.number().min(0).default(0.0005),
  }).prefault({}),
  /** Fault list in the --faults syntax, e.g. "gap=0.005,disconnect=20s". */
  faults: z.string().default(''),
});

export type Scenario = z.output<typeof scenarioSchema>;

export const DEFAULT_ESTABLISHED: readonly EstablishedSpec[] = [
  { symbol: 'BTCUSDT', price: 86_500, priceScale: 2, quantityScale: 6, dailyVol: 0.025, tradesPerSec: 8, meanTradeQuote: 2_000, state: 'online' },
  { symbol: 'ETHUSDT', price: 3_200, priceScale: 2, quantityScale: 5, dailyVol: 0.035, tradesPerSec: 6, meanTradeQuote: 1_200, state: 'online' },
  { symbol: 'MXUSDT', price: 3.12, priceScale: 4, quantityScale: 2, dailyVol: 0.04, tradesPerSec: 2, meanTradeQuote: 150, state: 'online' },
  { symbol: 'SOLUSDT', price: 182.4, priceScale: 2, quantityScale: 3, dailyVol: 0.045, tradesPerSec: 4, meanTradeQuote: 600, state: 'online' },
];

/** An established pair for a bare symbol name (flags give only names). */
export function establishedFor(symbol: string): EstablishedSpec {
  const known = DEFAULT_ESTABLISHED.find((e) => e.symbol === symbol);
  if (known) return known;
  return { symbol, price: 1.2345, priceScale: 4, quantityScale: 2, dailyVol: 0.05, tradesPerSec: 2, meanTradeQuote: 100, state: 'online' };
}

export function parseScenario(json: unknown): Scenario {
  const result = scenarioSchema.safeParse(json);
  if (!result.success) throw new ConfigError(`invalid scenario:\n${z.prettifyError(result.error)}`, { cause: result.error });
  return result.data;
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read scenario ${path}: ${(cause as Error).message}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`scenario ${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parseScenario(json);
}
