/**
 * Real mode is never the default and never an accident: it needs `--mode real`, the flag
 * `--i-understand-real-money`, and API credentials from the environment (MEXC_API_KEY and
 * MEXC_API_SECRET; never from a flag, so they stay out of shell history and process lists).
 * Paper mode needs none of it and never reads the credentials.
 */
import { ConfigError, UsageError } from '../core/errors.ts';
import { err, ok, type Result } from '../core/result.ts';

export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export function checkRealMode(
  mode: 'paper' | 'real',
  iUnderstandRealMoney: boolean,
  env: Readonly<Record<string, string | undefined>>,
): Result<Credentials | undefined, UsageError | ConfigError> {
  if (mode === 'paper') return ok(undefined);
  if (!iUnderstandRealMoney) {
    return err(new UsageError('real mode places real orders with real money: add --i-understand-real-money if that is what you want (paper mode is the default)'));
  }
  const apiKey = env.MEXC_API_KEY?.trim() ?? '';
  const apiSecret = env.MEXC_API_SECRET?.trim() ?? '';
  const missing = [apiKey === '' ? 'MEXC_API_KEY' : '', apiSecret === '' ? 'MEXC_API_SECRET' : ''].filter((s) => s !== '');
  if (missing.length > 0) return err(new ConfigError(`real mode needs ${missing.join(' and ')} in the environment (API credentials are never taken from flags)`));
  return ok({ apiKey, apiSecret });
}
