import { describe, expect, test } from 'bun:test';
import { ackAccepts, blockedMessage, parseClientRequest, parseControlReply, subscribeMessage } from './control.ts';

const ch = 'spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDT';

function reply(text: string) {
  const r = parseControlReply(text);
  if (!r.ok) throw r.error;
  return r.value;
}

describe('server replies', () => {
  test('PONG', () => expect(reply('{"id":0,"code":0,"msg":"PONG"}')).toEqual({ kind: 'pong' }));
  test('an ack names the channel', () => {
    const r = reply(`{"id":0,"code":0,"msg":"${ch}"}`);
    expect(r).toEqual({ kind: 'ack', channels: [ch], code: 0 });
    expect(ackAccepts(r, [ch])).toBe(true);
  });
  test('the documented Blocked rejection comes with code 0 and is a failure', () => {
    const text = '{"id":0,"code":0,"msg":"Not Subscribed successfully! [spot@public.increase.depth.v3.api@BTCUSDT,spot@public.aggre.deals.v3.api.pb@BTCUSDT].  Reason： Blocked! "}';
    const r = reply(text);
    expect(r).toEqual({ kind: 'rejected', channels: ['spot@public.increase.depth.v3.api@BTCUSDT', 'spot@public.aggre.deals.v3.api.pb@BTCUSDT'], reason: 'Blocked' });
    expect(ackAccepts(r, ['spot@public.aggre.deals.v3.api.pb@BTCUSDT'])).toBe(false);
  });
  test('blockedMessage reproduces the exact text (full-width colon, trailing space)', () => {
    expect(blockedMessage(['a', 'b'])).toBe('Not Subscribed successfully! [a,b].  Reason： Blocked! ');
    expect(reply(JSON.stringify({ id: 0, code: 0, msg: blockedMessage([ch]) })).kind).toBe('rejected');
  });
  test('a multi-channel ack must name every requested channel', () => {
    const other = 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT';
    expect(ackAccepts(reply(`{"id":0,"code":0,"msg":"${ch},${other}"}`), [other, ch])).toBe(true);
    expect(ackAccepts(reply(`{"id":0,"code":0,"msg":"${ch}"}`), [other, ch])).toBe(false);
  });
  test('a non-zero code is an error', () => expect(reply('{"id":0,"code":1,"msg":"bad"}')).toEqual({ kind: 'error', code: 1, msg: 'bad' }));
  test('plain text (Invalid listen key)', () => expect(reply('Invalid listen key')).toEqual({ kind: 'text', text: 'Invalid listen key' }));
  test('broken JSON is a typed error', () => {
    const r = parseControlReply('{"id":0,');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad_json');
  });
});

describe('client requests (sim side)', () => {
  test('round trip of a subscription', () => {
    const r = parseClientRequest(subscribeMessage([ch]));
    expect(r).toEqual({ ok: true, value: { method: 'SUBSCRIPTION', params: [ch] } });
  });
  test('lowercase ping only when allowed', () => {
    expect(parseClientRequest('{"method":"ping"}').ok).toBe(false);
    expect(parseClientRequest('{"method":"ping"}', { caseInsensitive: true })).toEqual({ ok: true, value: { method: 'PING' } });
  });
  test('garbage', () => expect(parseClientRequest('nope').ok).toBe(false));
});
