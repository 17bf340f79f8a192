/**
 * Deterministic synthetic push frames of every body type, shaped like MEXC's (channel strings,
 * decimal strings, versions, timestamps). Used by codec tests and the decode benchmark.
 */
import { Rng } from '../../../core/rng.ts';
import type { MexcPushFrame } from './codec.ts';

function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'MXUSDT', 'PEPEUSDT', 'NEWCOINUSDT'];
const T0 = 1_790_145_447_239;

export type SampleKind =
  | 'deals' | 'depth' | 'limitDepth' | 'bookTicker' | 'bookTickerBatch' | 'kline' | 'miniTicker' | 'miniTickers'
  | 'rawDeals' | 'increaseDepth' | 'increaseDepthBatch' | 'rawBookTicker' | 'privateOrders' | 'privateDeals' | 'privateAccount';

export const ALL_SAMPLE_KINDS: readonly SampleKind[] = [
  'deals', 'depth', 'limitDepth', 'bookTicker', 'bookTickerBatch', 'kline', 'miniTicker', 'miniTickers',
  'rawDeals', 'increaseDepth', 'increaseDepthBatch', 'rawBookTicker', 'privateOrders', 'privateDeals', 'privateAccount',
];

export function sampleFrame(kind: SampleKind, i: number, seed = 1): MexcPushFrame {
  const r = rng(seed * 7919 + i * 104729 + ALL_SAMPLE_KINDS.indexOf(kind));
  const symbol = SYMBOLS[i % SYMBOLS.length]!;
  const mid = 100 + r() * 90_000;
  const px = (x: number) => x.toFixed(2);
  const qty = () => (r() * 20).toFixed(6);
  const t = T0 + i * 10;
  const version = 81_999_275_445 + i * 3;
  const head = { symbol, sendTime: t + 5, createTime: t };
  const levels = (n: number, side: 1 | -1) =>
    Array.from({ length: n }, (_, k) => ({ price: px(mid + side * (k + 1) * 0.01), quantity: r() < 0.1 ? '0.00000000' : qty() }));
  switch (kind) {
    case 'deals':
      return { channel: `spot@public.aggre.deals.v3.api.pb@100ms@${symbol}`, ...head, bodyField: 314, publicAggreDeals: {
        deals: Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
          price: px(mid), quantity: qty(), tradeType: r() < 0.5 ? 1 : 2, time: t - k, tradeId: `${version}X${k}` })),
        eventType: 'spot@public.aggre.deals.v3.api.pb@100ms' } };
    case 'depth':
      return { channel: `spot@public.aggre.depth.v3.api.pb@100ms@${symbol}`, ...head, bodyField: 313, publicAggreDepths: {
        asks: levels(1 + Math.floor(r() * 3), 1), bids: levels(1 + Math.floor(r() * 3), -1),
        eventType: 'spot@public.aggre.depth.v3.api.pb@100ms', fromVersion: String(version), toVersion: String(version + 2),
        lastOrderCreateTime: t - 3 } };
    case 'limitDepth':
      return { channel: `spot@public.limit.depth.v3.api.pb@${symbol}@20`, ...head, bodyField: 303, publicLimitDepths: {
        asks: levels(20, 1), bids: levels(20, -1), eventType: 'spot@public.limit.depth.v3.api.pb', version: String(version),
        lastOrderCreateTime: t - 3 } };
    case 'bookTicker':
      return { channel: `spot@public.aggre.bookTicker.v3.api.pb@10ms@${symbol}`, symbol, sendTime: t, bodyField: 315,
        publicAggreBookTicker: { bidPrice: px(mid), bidQuantity: qty(), askPrice: px(mid + 0.01), askQuantity: qty(),
          version: String(version), lastOrderCreateTime: t - 6 } };
    case 'bookTickerBatch':
      return { channel: `spot@public.bookTicker.batch.v3.api.pb@${symbol}`, ...head, bodyField: 311, publicBookTickerBatch: {
        items: Array.from({ length: 3 }, () => ({ bidPrice: px(mid), bidQuantity: qty(), askPrice: px(mid + 0.01), askQuantity: qty() })),
        version: String(version), lastOrderCreateTime: t - 2 } };
    case 'kline': {
      const start = Math.floor(t / 60_000) * 60;
      return { channel: `spot@public.kline.v3.api.pb@${symbol}@Min1`, ...head, symbolId: '2fb942154ef44a4ab2ef98c8afb6a4a7',
        bodyField: 308, publicSpotKline: { interval: 'Min1', windowStart: start, openingPrice: px(mid), closingPrice: px(mid + 3),
          highestPrice: px(mid + 5), lowestPrice: px(mid - 2), volume: qty(), amount: px(mid * 3), windowEnd: start + 60 } };
    }
    case 'miniTicker':
      return { channel: `spot@public.miniTicker.v3.api.pb@${symbol}@UTC+8`, ...head, bodyField: 309, publicMiniTicker: miniItem(symbol, mid, r) };
    case 'miniTickers':
      return { channel: 'spot@public.miniTickers.v3.api.pb@UTC+8', sendTime: t, bodyField: 310,
        publicMiniTickers: { items: SYMBOLS.map((s) => miniItem(s, mid, r)) } };
    case 'rawDeals':
      return { channel: `spot@public.deals.v3.api.pb@${symbol}`, ...head, bodyField: 301, publicDeals: {
        deals: [{ price: px(mid), quantity: qty(), tradeType: 2, time: t }], eventType: 'spot@public.deals.v3.api.pb' } };
    case 'increaseDepth':
      return { channel: `spot@public.increase.depth.v3.api.pb@${symbol}`, ...head, bodyField: 302, publicIncreaseDepths: {
        asks: levels(2, 1), bids: levels(1, -1), eventType: 'spot@public.increase.depth.v3.api.pb', version: String(version) } };
    case 'increaseDepthBatch':
      return { channel: `spot@public.increase.depth.batch.v3.api.pb@${symbol}`, ...head, bodyField: 312, publicIncreaseDepthsBatch: {
        items: [0, 1].map((k) => ({ asks: levels(1, 1), bids: levels(1, -1), eventType: 'spot@public.increase.depth.v3.api.pb', version: String(version + k) })),
        eventType: 'spot@public.increase.depth.batch.v3.api.pb' } };
    case 'rawBookTicker':
      return { channel: `spot@public.bookTicker.v3.api.pb@${symbol}`, ...head, bodyField: 305, publicBookTicker: {
        bidPrice: px(mid), bidQuantity: qty(), askPrice: px(mid + 0.01), askQuantity: qty() } };
    case 'privateOrders':
      return { channel: 'spot@private.orders.v3.api.pb', symbol: 'MXUSDT', sendTime: t, bodyField: 304, privateOrders: {
        id: 'C02__505979017439002624115', clientId: `c${i}`, price: '3.5121', quantity: '1', amount: '0', avgPrice: '3.6962',
        orderType: 5, tradeType: 2, remainAmount: '0', remainQuantity: '0', lastDealQuantity: '1', cumulativeQuantity: '1',
        cumulativeAmount: '3.6962', status: 2, createTime: 1736417034259 } };
    case 'privateDeals':
      return { channel: 'spot@private.deals.v3.api.pb', symbol: 'MXUSDT', sendTime: 1736417034332, bodyField: 306, privateDeals: {
        price: '3.6962', quantity: '1', amount: '3.6962', tradeType: 2, tradeId: '505979017439002624X1',
        orderId: 'C02__505979017439002624115', feeAmount: '0.0003998377369698171', feeCurrency: 'MX', time: 1736417034280 } };
    case 'privateAccount':
      return { channel: 'spot@private.account.v3.api.pb', createTime: 1736416910000, sendTime: 1736416910001, bodyField: 307, privateAccount: {
        vcoinName: 'USDT', coinId: '128f589271cb4951b03e71e6323eb7be', balanceAmount: '21.94', balanceAmountChange: '10',
        frozenAmount: '0', frozenAmountChange: '0', type: 'CONTRACT_TRANSFER', time: 1736416910000 } };
  }
}

function miniItem(symbol: string, mid: number, r: () => number) {
  return {
    symbol, price: mid.toFixed(2), rate: (r() * 0.1 - 0.05).toFixed(4), zonedRate: (r() * 0.1 - 0.05).toFixed(4),
    high: (mid * 1.05).toFixed(2), low: (mid * 0.95).toFixed(2), volume: (r() * 1e8).toFixed(2), quantity: (r() * 1e4).toFixed(4),
    lastCloseRate: '0.0100', lastCloseZonedRate: '0.0120', lastCloseHigh: (mid * 1.06).toFixed(2), lastCloseLow: (mid * 0.94).toFixed(2),
  };
}

/**
 * A realistic mix, weighted like a recorder's traffic: mostly book tickers, depth deltas and
 * trades, some limit-depth snapshots, klines every second, mini tickers every 3 s.
 */
export function realisticMix(count: number, seed = 1): MexcPushFrame[] {
  const weights: [SampleKind, number][] = [
    ['bookTicker', 35], ['depth', 30], ['deals', 22], ['limitDepth', 4], ['kline', 5], ['miniTicker', 2], ['bookTickerBatch', 1], ['miniTickers', 1],
  ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const r = rng(seed);
  const frames: MexcPushFrame[] = [];
  for (let i = 0; i < count; i++) {
    let x = r() * total;
    let kind: SampleKind = 'bookTicker';
    for (const [k, w] of weights) {
      if ((x -= w) < 0) {
        kind = k;
        break;
      }
    }
    frames.push(sampleFrame(kind, i, seed));
  }
  return frames;
}
