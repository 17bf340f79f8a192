/**
 * The WebSocket control protocol between the adapter's control.ts and the sim: acks judged by
 * ackAccepts (never by code), the Blocked rejection of retired JSON and raw channels (code 0),
 * the 30-subscription cap, PING/PONG, the 100 messages/s disconnect and an invalid listenKey.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { ackAccepts, parseControlReply } from '../control.ts';
import { channels } from '../channels.ts';
import { BTC, e2eScenario, startE2eSim, until } from './harness.ts';
import { E2eWsClient } from './ws-client.ts';

const sim = startE2eSim(e2eScenario());
const open: E2eWsClient[] = [];
afterAll(async () => {
  for (const c of open) c.close();
  await sim.stop();
});
const connect = async (url = sim.ws) => {
  const c = await E2eWsClient.connect(url);
  open.push(c);
  return c;
};

describe('WS control messages through control.ts', () => {
  test('SUBSCRIPTION of several channels in one message is acked with exactly those channels; UNSUBSCRIPTION too', async () => {
    const c = await connect();
    const want = [channels.aggreDeals(BTC), channels.aggreDepth(BTC, '10ms'), channels.limitDepth(BTC, 5)];
    const reply = await c.request(want);
    expect(reply.kind).toBe('ack');
    expect(ackAccepts(reply, want)).toBe(true);
    expect(ackAccepts(reply, [want[0]!])).toBe(false); // a partial match is not acceptance
    await c.waitFrames(want[0]!, 1);
    const before = c.replies.length;
    c.unsubscribe(want);
    await until(() => c.replies.length > before);
    expect(ackAccepts(c.replies[before]!, want)).toBe(true);
    // after the unsubscribe ack no more frames of those channels arrive
    await Bun.sleep(50);
    const n = c.frames.length;
    await Bun.sleep(300);
    expect(c.frames.length).toBe(n);
  });

  test('retired JSON channels, raw .pb channels and unknown names: rejected with code 0 and the Blocked text', async () => {
    const c = await connect();
    const retired = [
      'spot@public.deals.v3.api@BTCUSDT', // old JSON endpoint's channel
      'spot@public.increase.depth.v3.api.pb@BTCUSDT', // raw incremental depth
      'spot@public.bookTicker.v3.api.pb@BTCUSDT', // raw book ticker
      'spot@public.deals.v3.api.pb@BTCUSDT', // raw trades
      'spot@public.aggre.deals.v3.api.pb@100ms@btcusdt', // lower-case symbol
    ];
    const reply = await c.request(retired);
    expect(reply.kind).toBe('rejected');
    expect(reply.kind === 'rejected' && reply.channels).toEqual(retired);
    expect(reply.kind === 'rejected' && reply.reason).toBe('Blocked');
    expect(ackAccepts(reply, retired)).toBe(false);
    // the raw text carries code 0: a client trusting `code` would think it subscribed
    const raw = JSON.parse(c.texts.at(-1)!) as { code: number; msg: string };
    expect(raw.code).toBe(0);
    expect(raw.msg).toContain('Reason： Blocked!');
    // a mix is split: the valid channel acked, the blocked one rejected
    const ok = channels.aggreBookTicker(BTC);
    const before = c.replies.length;
    c.subscribe([ok, retired[0]!]);
    await until(() => c.replies.length >= before + 2);
    const replies = c.replies.slice(before);
    expect(replies.some((r) => ackAccepts(r, [ok]))).toBe(true);
    expect(replies.some((r) => r.kind === 'rejected' && r.channels.join() === retired[0])).toBe(true);
  });

  test('at most 30 subscriptions per connection: the 31st and later are rejected', async () => {
    const c = await connect();
    const intervals = ['Min1', 'Min5', 'Min15', 'Min30', 'Min60', 'Hour4', 'Hour8', 'Day1', 'Week1', 'Month1'] as const;
    const many = [
      ...intervals.map((i) => channels.kline(BTC, i)),
      ...['UTC+0', 'UTC+1', 'UTC+2', 'UTC+3', 'UTC+4', 'UTC+5', 'UTC+6', 'UTC+7', 'UTC+8', 'UTC+9', 'UTC+10', 'UTC+11', 'UTC+12', 'UTC-3', 'UTC-4', 'UTC-5', 'UTC-6', 'UTC-7', 'UTC-8', 'UTC-10'].map((tz) => channels.miniTicker(BTC, tz)),
    ];
    expect(many.length).toBe(30);
    expect(ackAccepts(await c.request(many), many)).toBe(true);
    const extra = [channels.aggreDeals(BTC), channels.bookTickerBatch(BTC)];
    const reply = await c.request(extra);
    expect(reply.kind).toBe('rejected');
    expect(reply.kind === 'rejected' && reply.channels).toEqual(extra);
    // re-subscribing to an existing channel is still acked at the cap
    expect(ackAccepts(await c.request([many[0]!]), [many[0]!])).toBe(true);
  });

  test('PING is answered PONG (the documented upper case, and the lower case clients send)', async () => {
    const c = await connect();
    c.ping();
    await until(() => c.replies.length === 1);
    expect(c.replies[0]).toEqual({ kind: 'pong' });
    expect(c.texts[0]).toBe('{"id":0,"code":0,"msg":"PONG"}');
    c.ws.send('{"method":"ping"}');
    await until(() => c.replies.length === 2);
    expect(c.replies[1]).toEqual({ kind: 'pong' });
  });

  test('over 100 client messages in a second disconnects; 100 in a second does not', async () => {
    const calm = await connect();
    for (let i = 0; i < 100; i++) calm.ping();
    await until(() => calm.replies.length === 100);
    await Bun.sleep(50);
    expect(calm.isClosed).toBe(false);
    const noisy = await connect();
    for (let i = 0; i < 120; i++) noisy.ping();
    const closed = await Promise.race([noisy.closed, Bun.sleep(2000).then(() => undefined)]);
    expect(closed).toBeDefined();
    expect(noisy.replies.length).toBeLessThanOrEqual(100);
  });

  test('an invalid listenKey gets the plain text "Invalid listen key" and is closed', async () => {
    const c = await connect(`${sim.ws}?listenKey=${'0'.repeat(64)}`);
    const closed = await Promise.race([c.closed, Bun.sleep(2000).then(() => undefined)]);
    expect(closed).toBeDefined();
    expect(c.texts).toEqual(['Invalid listen key']);
    const reply = parseControlReply(c.texts[0]!);
    expect(reply.ok && reply.value).toEqual({ kind: 'text', text: 'Invalid listen key' });
  });

  test('private channels are refused on a public connection', async () => {
    const c = await connect();
    const reply = await c.request([channels.privateOrders()]);
    expect(reply.kind).toBe('rejected');
  });
});
