/**
 * Config loading: each entry point has a zod schema; a JSON file (optional) and environment
 * variables are parsed once at start-up, errors are printed with z.prettifyError, and the frozen
 * config is passed down.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

export interface LoadConfigOptions {
  /** Path to a JSON config file; its values are the base layer. */
  readonly file?: string;
  /** Environment variables (defaults to process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Maps config keys (dot paths) to environment variable names; env wins over the file. */
  readonly envMap?: Readonly<Record<string, string>>;
  /** Values from the command line; they win over env and file. */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Parse and validate a config; throws ConfigError with a readable, multi-line message. */
export function loadConfig<S extends z.ZodType>(schema: S, options: LoadConfigOptions = {}): Readonly<z.output<S>> {
  let raw: Record<string, unknown> = {};
  if (options.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (cause) {
      throw new ConfigError(`cannot read config file ${options.file}: ${(cause as Error).message}`, { cause });
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('the top level must be a JSON object');
      }
      raw = parsed as Record<string, unknown>;
    } catch (cause) {
      throw new ConfigError(`config file ${options.file} is not valid JSON: ${(cause as Error).message}`, { cause });
    }
  }
  const env = options.env ?? process.env;
  for (const [path, name] of Object.entries(options.envMap ?? {})) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, path, value);
  }
  for (const [path, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) setPath(raw, path, value);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const where = options.file !== undefined ? ` (${options.file})` : '';
    throw new ConfigError(`invalid configuration${where}:\n${z.prettifyError(result.error)}`, { cause: result.error });
  }
  return deepFreeze(result.data);
}
