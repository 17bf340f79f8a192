/**
 * What a status observation says about API tradability. Only these observations count:
 * - `default_symbols` listing the symbol (true); its absence (false) only once the pair has opened:
 *   MEXC may add a pair to defaultSymbols only when it starts trading (sim does), so absence before
 *   the open says nothing;
 * - exchangeInfo showing it online (status "1") with isSpotTradingAllowed false (false).
 *   exchangeInfo's false before the open (status "2") says nothing: symbols are not tradable
 *   before they open.
 */
import type { StatusEvent } from '../core/events.ts';

export function apiTradableSignal(e: StatusEvent, afterOpen: boolean): boolean | undefined {
  if (e.apiTradable === undefined) return undefined;
  if (e.source === 'default_symbols') return e.apiTradable || afterOpen ? e.apiTradable : undefined;
  if (e.source === 'exchange_info') return e.exchangeStatus === '1' ? e.apiTradable : undefined;
  return e.apiTradable === true ? true : undefined;
}
