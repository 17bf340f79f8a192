/**
 * The root pino logger. Child loggers per component (`logger.child({ component: 'ingest.ws' })`),
 * data object first. Logs go to stderr as JSON: stdout belongs to each command's data (decoded
 * frames, the sim's ready line, JSON benchmark results), so logs must never mix into it.
 * Secrets never reach a log: the paths below are redacted wherever they appear.
 */
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'apiKey', 'apiSecret', 'secret', 'secretKey', 'password', 'signature', 'listenKey',
  '*.apiKey', '*.apiSecret', '*.secret', '*.secretKey', '*.password', '*.signature', '*.listenKey',
  'headers["x-mexc-apikey"]', 'headers["X-MEXC-APIKEY"]', '*.headers["x-mexc-apikey"]', '*.headers["X-MEXC-APIKEY"]',
];

export type { Logger };

export interface LoggerOptions {
  readonly level?: string;
  /** Where to write; defaults to stderr. */
  readonly destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  return pino(
    { level, base: undefined, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

let root: Logger | undefined;

/** The process-wide root logger (created on first use). */
export function rootLogger(): Logger {
  root ??= createLogger();
  return root;
}

export function componentLogger(component: string): Logger {
  return rootLogger().child({ component });
}
