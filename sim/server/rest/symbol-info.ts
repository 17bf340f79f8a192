/** exchangeInfo entries (mexc-api.md §4.6) for the sim's symbols. */
import type { Exchange, SymbolView } from '../exchange.ts';
import { scaled } from '../../market/format.ts';

export function symbolInfo(ex: Exchange, v: SymbolView): Record<string, unknown> {
  const m = v.market;
  const listing = v.plan !== undefined;
  const acct = ex.scenario.account;
  const orderTypes = v.marketOrders === 'enabled' ? ['LIMIT', 'MARKET', 'LIMIT_MAKER'] : ['LIMIT', 'LIMIT_MAKER'];
  return {
    symbol: v.symbol,
    status: v.status,
    baseAsset: v.base,
    baseAssetPrecision: m.quantityScale,
    quoteAsset: v.quote,
    quotePrecision: m.priceScale,
    quoteAssetPrecision: m.priceScale,
    baseCommissionPrecision: m.quantityScale,
    quoteCommissionPrecision: m.priceScale,
    orderTypes,
    isSpotTradingAllowed: v.open && v.apiTradable,
    isMarginTradingAllowed: false,
    quoteAmountPrecision: '1',
    baseSizePrecision: scaled(1, m.quantityScale),
    permissions: ['SPOT'],
    filters: [{ filterType: 'PERCENT_PRICE_BY_SIDE', ...priceBand(listing) }],
    maxQuoteAmount: '2000000',
    makerCommission: String(acct.makerFee),
    takerCommission: String(acct.takerFee),
    quoteAmountPrecisionMarket: '1',
    maxQuoteAmountMarket: listing ? '100000' : '2000000',
    fullName: v.plan?.vcoinNameFull ?? v.base,
    tradeSideType: 1,
    contractAddress: v.plan?.contractAddress ?? '',
    st: false,
  };
}

/**
 * Limit prices must stay within a band around the last price: buy ≤ last × (1 + up),
 * sell ≥ last × (1 − down). (The docs' sample values read as these fractions.)
 */
export function priceBand(listing: boolean): { bidMultiplierUp: string; askMultiplierDown: string } {
  return listing ? { bidMultiplierUp: '4', askMultiplierDown: '0.8' } : { bidMultiplierUp: '0.05', askMultiplierDown: '0.05' };
}
