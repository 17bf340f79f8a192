/**
 * MEXC error codes (mexc-api.md §4.4) and what a caller can do about each. `retry` says when the
 * same request may succeed later:
 * - 'never': fix the request, the account or the key first;
 * - 'backoff': transient, retry after a pause;
 * - 'after_time_sync': re-sync the clock offset (GET /api/v3/time), then retry;
 * - 'after_open': the symbol is not (yet) tradable: retry only within the listing's open window.
 * The table is data: pass an override map to the error mapper to change a row.
 */

export type RetryHint = 'never' | 'backoff' | 'after_time_sync' | 'after_open' | 'after_retry_after';

export interface MexcCodeRule {
  readonly retry: RetryHint;
  readonly meaning: string;
}

const never = (meaning: string): MexcCodeRule => ({ retry: 'never', meaning });
const backoff = (meaning: string): MexcCodeRule => ({ retry: 'backoff', meaning });
const afterOpen = (meaning: string): MexcCodeRule => ({ retry: 'after_open', meaning });
const afterSync = (meaning: string): MexcCodeRule => ({ retry: 'after_time_sync', meaning });

export const MEXC_ERROR_CODES: Readonly<Record<number, MexcCodeRule>> = Object.freeze({
  [-2011]: never('unknown order sent'),
  26: never('operation not allowed'),
  400: never('api key required'),
  401: never('no authority'),
  403: never('access denied'),
  429: { retry: 'after_retry_after', meaning: 'too many requests' },
  500: backoff('internal error'),
  503: backoff('service not available'),
  504: backoff('gateway timeout'),
  602: never('signature verification failed'),
  10001: never('user does not exist'),
  // before a listing opens, orders for the pair are refused as a bad symbol
  10007: afterOpen('bad symbol (not open yet?)'),
  10072: never('invalid access key'),
  10073: afterSync('invalid Request-Time'),
  10095: never('amount cannot be null'),
  10096: never('amount decimal places is too long'),
  10097: never('amount is error'),
  10098: never('risk control system detected abnormal'),
  10101: never('insufficient balance'),
  10102: never('amount cannot be zero or negative'),
  30000: afterOpen('suspended transaction for the symbol'),
  30001: never('current transaction direction not allowed to place an order'),
  30002: never('minimum transaction volume cannot be less than the minimum'),
  30003: never('maximum transaction volume cannot be greater than the maximum'),
  30004: never('insufficient position'),
  30005: never('oversold'),
  // no last price yet: typical in the first moments of a listing
  30010: afterOpen('no valid trade price'),
  30014: afterOpen('invalid symbol'),
  30016: afterOpen('trading disabled'),
  30018: never('market order is disabled'),
  30019: never('api market order is disabled'),
  30020: afterOpen('no permission for the symbol'),
  30021: afterOpen('invalid symbol'),
  30025: backoff('no opposing order'),
  30026: never('invalid order ids'),
  30027: never('currency reached max position limit, buying suspended'),
  30028: never('platform risk control, selling suspended'),
  30029: never('cannot exceed the maximum order limit'),
  30032: never('cannot exceed the maximum position'),
  30041: never('current order type can not place order'),
  33333: never('param is error'),
  44444: never('param cannot be null'),
  60005: never('your account is abnormal'),
  70011: never('pair user ban trade apikey'),
  700001: never('API-key format invalid'),
  700002: never('signature for this request is not valid'),
  700003: afterSync('timestamp outside recvWindow'),
  700004: never("'origClientOrderId' or 'orderId' must be sent"),
  700005: never('recvWindow must be less than 60000'),
  700006: never('IP not on the white list'),
  700007: never('no permission to access the endpoint'),
  700008: never('illegal characters found in parameter'),
  730001: never('pair not found / user information error'),
  730002: never('input param invalid'),
});

/** Codes in an error body that mean a server-side failure (treated like an HTTP 5xx). */
export const SERVER_FAILURE_CODES: ReadonlySet<number> = new Set([500, 503, 504]);

export function ruleFor(code: number, overrides?: Readonly<Record<number, MexcCodeRule>>): MexcCodeRule | undefined {
  return overrides?.[code] ?? MEXC_ERROR_CODES[code];
}
