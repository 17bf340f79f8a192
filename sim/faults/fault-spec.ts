/**
 * The --faults syntax: a comma list of name=value, where a value is a rate per frame or request
 * (0.001) or an interval/duration (20s, 250ms).
 *   disconnect=20s   close every market connection at this interval
 *   garbage=R        replace a frame with random bytes       torn=R     cut a frame short
 *   gap=R            drop a frame (aggre.depth: a version gap) duplicate=R send a frame twice
 *   delay=R          hold a frame back 50–500 ms (it arrives out of order)
 *   rest429=R        answer 429 + Retry-After                 rest418=R  answer 418 (IP ban)
 *   rest5xx=R        answer 503 (an order may still have been placed)
 *   timeout=R        accept the request but never answer in time (the order is placed)
 *   skew=250ms       the exchange clock runs this far ahead of the wall clock
 */
import { UsageError } from '../../core/errors.ts';

export interface FaultSpec {
  readonly disconnectMs?: number;
  readonly skewMs: number;
  readonly garbage: number;
  readonly torn: number;
  readonly gap: number;
  readonly duplicate: number;
  readonly delay: number;
  readonly rest429: number;
  readonly rest418: number;
  readonly rest5xx: number;
  readonly timeout: number;
}

export const NO_FAULTS: FaultSpec = {
  skewMs: 0, garbage: 0, torn: 0, gap: 0, duplicate: 0, delay: 0, rest429: 0, rest418: 0, rest5xx: 0, timeout: 0,
};

const RATES = ['garbage', 'torn', 'gap', 'duplicate', 'delay', 'rest429', 'rest418', 'rest5xx', 'timeout'] as const;

function duration(name: string, text: string): number {
  const m = /^(-?\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (m === null) throw new UsageError(`fault ${name}: '${text}' is not a duration like 20s or 250ms`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

export function parseFaults(text: string): FaultSpec {
  const spec: Record<string, number> = { ...NO_FAULTS };
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [name, value] = part.split('=');
    if (name === undefined || value === undefined) throw new UsageError(`fault '${part}' must be name=value`);
    if (name === 'disconnect') spec.disconnectMs = duration(name, value);
    else if (name === 'skew') spec.skewMs = duration(name, value);
    else if ((RATES as readonly string[]).includes(name)) {
      const rate = Number(value);
      if (!(rate >= 0 && rate <= 1)) throw new UsageError(`fault ${name}: rate must be between 0 and 1, got '${value}'`);
      spec[name] = rate;
    } else {
      throw new UsageError(`unknown fault '${name}' (known: disconnect, skew, ${RATES.join(', ')})`);
    }
  }
  if (spec.disconnectMs !== undefined && !(spec.disconnectMs > 0)) throw new UsageError('fault disconnect: interval must be positive');
  return spec as unknown as FaultSpec;
}
