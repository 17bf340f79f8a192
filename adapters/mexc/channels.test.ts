import { expect, test } from 'bun:test';
import { channels, parseChannel } from './channels.ts';

test('every channel builder parses back', () => {
  expect(parseChannel(channels.aggreDeals('BTCUSDT', '10ms'))).toEqual({ kind: 'aggre.deals', speed: '10ms', symbol: 'BTCUSDT' });
  expect(parseChannel(channels.aggreDepth('BTCUSDT'))).toEqual({ kind: 'aggre.depth', speed: '100ms', symbol: 'BTCUSDT' });
  expect(parseChannel(channels.limitDepth('BTCUSDT', 20))).toEqual({ kind: 'limit.depth', symbol: 'BTCUSDT', level: 20 });
  expect(parseChannel(channels.aggreBookTicker('X1USDT'))).toEqual({ kind: 'aggre.bookTicker', speed: '100ms', symbol: 'X1USDT' });
  expect(parseChannel(channels.bookTickerBatch('BTCUSDT'))).toEqual({ kind: 'bookTicker.batch', symbol: 'BTCUSDT' });
  expect(parseChannel(channels.kline('BTCUSDT', 'Hour4'))).toEqual({ kind: 'kline', symbol: 'BTCUSDT', interval: 'Hour4' });
  expect(parseChannel(channels.miniTicker('MXUSDT', 'UTC+8'))).toEqual({ kind: 'miniTicker', symbol: 'MXUSDT', tz: 'UTC+8' });
  expect(parseChannel(channels.miniTickers('UTC+5:30'))).toEqual({ kind: 'miniTickers', tz: 'UTC+5:30' });
  expect(parseChannel(channels.privateOrders())).toEqual({ kind: 'private.orders' });
});

test('legacy, lowercase, malformed and blocked raw channels are not current .pb channels', () => {
  for (const c of [
    'spot@public.deals.v3.api@BTCUSDT', // retired JSON channel
    'spot@public.aggre.deals.v3.api.pb@BTCUSDT', // missing speed
    'spot@public.aggre.deals.v3.api.pb@100ms@btcusdt', // lowercase symbol
    'spot@public.aggre.deals.v3.api.pb@1s@BTCUSDT',
    'spot@public.limit.depth.v3.api.pb@BTCUSDT@15',
    'spot@public.kline.v3.api.pb@BTCUSDT@1m', // REST interval name
    'spot@public.deals.v3.api.pb@BTCUSDT', // raw deals: blocked
    'spot@public.increase.depth.v3.api.pb@BTCUSDT',
    '', 'nonsense',
  ]) expect(parseChannel(c)).toBeUndefined();
});
