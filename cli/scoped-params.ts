/**
 * `--param k=v` flags split by scope (none = the strategy, `risk.`, `venue.`, `latency.`), as
 * `sniper backtest` and `sniper live` take them, and a zod check that turns a bad value into a
 * one-line UsageError.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { modelArtifactSchema, type ModelArtifact } from '../core/confidence.ts';
import { UsageError } from '../core/errors.ts';

export interface ScopedParams {
  readonly strategy: Record<string, string>;
  readonly risk: Record<string, string>;
  readonly venue: Record<string, string>;
  readonly latency: Record<string, string>;
}

export function splitScopedParams(list: readonly string[]): ScopedParams {
  const out: ScopedParams = { strategy: {}, risk: {}, venue: {}, latency: {} };
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param ${item}: expected key=value`);
    const key = item.slice(0, eq);
    const dot = key.indexOf('.');
    const scope = dot < 0 ? 'strategy' : key.slice(0, dot);
    if (scope !== 'strategy' && scope !== 'risk' && scope !== 'venue' && scope !== 'latency') {
      throw new UsageError(`--param ${key}: unknown scope '${scope}' (use risk., venue., latency. or none)`);
    }
    out[scope][dot < 0 ? key : key.slice(dot + 1)] = item.slice(eq + 1);
  }
  return out;
}

/** Validate `value` with `schema`; a failure is a one-line UsageError naming `what`. */
export function checkParam<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${what}: ${z.prettifyError(r.error).replaceAll('\n', ' ')}`);
  return r.data;
}

/** `--model FILE`: read and validate a calibrated model artifact; undefined when not given. */
export function loadModelFlag(path: string | undefined): ModelArtifact | undefined {
  if (path === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new UsageError(`--model: ${path} is not JSON`, { cause });
  }
  return checkParam(modelArtifactSchema, raw, '--model');
}
