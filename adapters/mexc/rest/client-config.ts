/**
 * Configuration of the MEXC REST client. Base URLs are fully configurable so the same client
 * talks to real MEXC or to the local exchange simulator. Without apiKey/apiSecret only public
 * endpoints work.
 */
import { z } from 'zod';
import { rateLimitConfigSchema } from './rate-limit-config.ts';

const codeRule = z.object({
  retry: z.enum(['never', 'backoff', 'after_time_sync', 'after_open', 'after_retry_after']),
  meaning: z.string(),
}).strict();

const baseUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

export const mexcRestConfigSchema = z.object({
  /** Open API host. */
  baseUrl: baseUrl.default('https://api.mexc.com'),
  /** Website host for the unofficial calendar and symbolsV2 endpoints. */
  webBaseUrl: baseUrl.default('https://www.mexc.com'),
  apiKey: z.string().min(1).optional(),
  apiSecret: z.string().min(1).optional(),
  /** ms a signed request stays valid at the server; MEXC's maximum is 60000. */
  recvWindow: z.number().int().positive().max(60_000).default(5_000),
  /** Give up on an answer after this long (a placement then reports an unknown outcome). */
  timeoutMs: z.number().int().positive().max(120_000).default(10_000),
  rateLimit: rateLimitConfigSchema.default(rateLimitConfigSchema.parse({})),
  /** Replace rows of the MEXC error-code table (error-codes.ts), keyed by code: `{"30001": {...}}`. */
  errorCodeRules: z.record(z.string().regex(/^-?\d+$/, 'an integer MEXC code'), codeRule).default({}),
}).strict().refine((c) => (c.apiKey === undefined) === (c.apiSecret === undefined), {
  message: 'apiKey and apiSecret go together: give both or neither',
  path: ['apiSecret'],
});

export type MexcRestConfig = z.output<typeof mexcRestConfigSchema>;
export type MexcRestConfigInput = z.input<typeof mexcRestConfigSchema>;
