/**
 * Real mode trades with the venue's own rules per symbol (exchangeInfo: quantity and price
 * precision, minimum and maximum amounts, the PERCENT_PRICE_BY_SIDE band, fees), not with the
 * backtest's defaults: an order at the wrong precision is refused by MEXC (10096 and friends).
 * Rules are fetched the first time a symbol shows up and refetched until exchangeInfo knows it;
 * until then the defaults stand in. Paper mode keeps the defaults, so that its recording replays
 * through the backtester with exactly the rules it used.
 */
import type { Logger } from '../core/logger.ts';
import type { InstrumentRules } from '../core/strategy.ts';
import type { MexcRestClient } from '../adapters/mexc/rest/client.ts';
import type { MexcExchangeSymbol } from '../adapters/mexc/rest/types-market.ts';

const DECIMAL = /^\d+(\.\d+)?$/;

function rate(v: unknown, fallback: string): string {
  const s = typeof v === 'number' ? v.toFixed(8).replace(/0+$/, '').replace(/\.$/, '') : String(v ?? '');
  return DECIMAL.test(s) ? s : fallback;
}

export function rulesFromExchangeSymbol(s: MexcExchangeSymbol, fallback: InstrumentRules): InstrumentRules {
  const band = s.filters?.find((f) => f.filterType === 'PERCENT_PRICE_BY_SIDE') as { bidMultiplierUp?: unknown; askMultiplierDown?: unknown } | undefined;
  const num = (v: unknown, d: number) => (v === undefined || v === null || v === '' || !Number.isFinite(Number(v)) ? d : Number(v));
  return {
    symbol: s.symbol,
    baseAsset: s.baseAsset,
    quoteAsset: s.quoteAsset,
    priceScale: num(s.quoteAssetPrecision, fallback.priceScale),
    qtyScale: num(s.baseAssetPrecision, fallback.qtyScale),
    quoteScale: num(s.quotePrecision, fallback.quoteScale),
    minQuote: num(s.quoteAmountPrecision, fallback.minQuote),
    maxQuote: num(s.maxQuoteAmount, fallback.maxQuote),
    bidMultiplierUp: num(band?.bidMultiplierUp, fallback.bidMultiplierUp),
    askMultiplierDown: num(band?.askMultiplierDown, fallback.askMultiplierDown),
    takerFeeRate: rate(s.takerCommission, fallback.takerFeeRate),
    makerFeeRate: rate(s.makerCommission, fallback.makerFeeRate),
  };
}

export class ExchangeRules {
  private readonly known = new Map<string, InstrumentRules>();
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly client: MexcRestClient,
    private readonly fallback: (symbol: string) => InstrumentRules,
    private readonly log: Logger,
    private readonly retryMs = 2000,
  ) {}

  get(symbol: string): InstrumentRules | undefined {
    return this.known.get(symbol);
  }

  /** Fetch the symbol's rules unless known or asked for within `retryMs`. */
  ensure(symbol: string, nowMs = Date.now()): void {
    if (this.known.has(symbol) || nowMs - (this.asked.get(symbol) ?? -Infinity) < this.retryMs) return;
    this.asked.set(symbol, nowMs);
    void this.fetch(symbol);
  }

  async fetch(symbol: string): Promise<InstrumentRules | undefined> {
    const r = await this.client.exchangeInfo({ symbol });
    if (!r.ok) {
      this.log.warn({ symbol, err: r.error.message }, 'exchangeInfo failed; trading rules are the defaults until it answers');
      return undefined;
    }
    const s = r.value.symbols.find((x) => x.symbol === symbol);
    if (s === undefined) return undefined;
    const rules = rulesFromExchangeSymbol(s, this.fallback(symbol));
    this.known.set(symbol, rules);
    this.log.info({ symbol, qtyScale: rules.qtyScale, priceScale: rules.priceScale, minQuote: rules.minQuote }, 'trading rules from exchangeInfo');
    return rules;
  }
}
