/**
 * `sniper sim`'s server: HTTP and WebSocket on one port with Bun.serve. The market clock is
 * advanced in 10 ms ticks by a timer; pushes go out through Bun's native pub/sub (one topic per
 * channel string), with the run's faults applied per frame. Idle, rate and lifetime rules are
 * checked on every message and by a sweep timer.
 */
import type { Server, ServerWebSocket } from 'bun';
import { encodeFrame, type MexcPushFrame } from '../../adapters/mexc/proto/codec.ts';
import { componentLogger } from '../../core/logger.ts';
import type { Scenario } from '../config/scenario.ts';
import type { FaultSpec } from '../faults/fault-spec.ts';
import { Exchange } from './exchange.ts';
import { FrameProducer, type FrameSink } from './frame-producer.ts';
import { WsSession, type SessionAction } from './ws-session.ts';
import { readRestRequest } from './rest/request.ts';
import { RestRouter } from './rest/router.ts';
import { accountFrame, dealFrame, orderFrame } from './private-frames.ts';

const log = componentLogger('sim.server');

interface ConnData {
  session?: WsSession;
  listenKey?: string;
  badKey: boolean;
}

export interface SimServerOptions {
  readonly scenario: Scenario;
  readonly host: string;
  readonly port: number;
  readonly startTime?: number;
  readonly faults?: FaultSpec;
  /** Do not run the tick timer (tests drive the market themselves). */
  readonly manualClock?: boolean;
}

export interface RunningSim {
  readonly rest: string;
  readonly ws: string;
  readonly exchange: Exchange;
  readonly server: Server<ConnData>;
  /** Advance the market to `marketMs` (used by the timer, and by tests with a manual clock). */
  advanceTo(marketMs: number): void;
  stop(): Promise<void>;
}

const privateTopic = (key: string, channel: string) => `pk:${key}:${channel}`;

export function startSim(opts: SimServerOptions): RunningSim {
  // without a fixed start, market time is wall time (from the last whole second on)
  const fixedStart = opts.startTime ?? opts.scenario.startTime;
  const startTime = fixedStart ?? Math.floor(Date.now() / 1000) * 1000;
  const wallAnchor = fixedStart === undefined ? startTime : Date.now();
  const ex = new Exchange(opts.scenario, startTime, wallAnchor, opts.faults);
  const router = new RestRouter(ex);
  const conns = new Set<ServerWebSocket<ConnData>>();
  let nextId = 1;
  let server!: Server<ConnData>;

  /**
   * Publish one frame with the run's frame faults. `sent` counts frames that reached at least one
   * subscriber, plus frames the gap fault dropped on purpose.
   */
  const send = (topic: string, channel: string, bytes: Uint8Array) => {
    const fault = ex.faults.forFrame();
    const out = (data: Uint8Array): boolean => server.publish(topic, data) > 0;
    const counted = () => {
      const now = Date.now();
      ex.stats.countSent(channel, now);
      if (topic !== channel) ex.stats.lastPublishAt.set(topic, now);
    };
    switch (fault) {
      case 'gap':
        counted();
        return;
      case 'duplicate':
        if (out(bytes)) counted();
        out(bytes);
        return;
      case 'garbage':
        if (out(ex.faults.garbage(bytes.length))) counted();
        return;
      case 'torn':
        if (out(ex.faults.torn(bytes))) counted();
        return;
      case 'delay':
        setTimeout(() => {
          if (out(bytes)) counted();
        }, ex.faults.delayMs());
        return;
      default:
        if (out(bytes)) counted();
    }
  };
  const sink: FrameSink = {
    hasSubscribers: (ch) => server.subscriberCount(ch) > 0,
    publish: (ch, _symbol, frame) => send(ch, ch, frame),
  };
  const producer = new FrameProducer(ex.market, sink);

  const pushPrivate = (frame: MexcPushFrame) => {
    const bytes = encodeFrame(frame);
    for (const key of ex.listenKeys.keys()) {
      const topic = privateTopic(key, frame.channel!);
      if (server.subscriberCount(topic) > 0) send(topic, frame.channel!, bytes);
    }
  };
  ex.engine.orderListeners.push((o) => pushPrivate(orderFrame(ex, o, ex.now())));
  ex.engine.fillListeners.push((f) => pushPrivate(dealFrame(ex, f)));
  ex.account.listeners.push((c) => pushPrivate(accountFrame(ex, c)));

  const advanceTo = (marketMs: number) => {
    let steps = 0;
    while (ex.market.nowMs + 10 <= marketMs && steps < 5000) {
      const ticks = ex.market.step();
      producer.afterTick(ticks, ex.market.nowMs);
      steps++;
    }
  };

  /** Close from the server side: unsubscribe first, so nothing more counts as sent to it. */
  const closeConn = (ws: ServerWebSocket<ConnData>, code: number, reason: string) => {
    log.debug({ conn: ws.data.session?.id, reason }, 'closing connection');
    for (const ch of ws.data.session?.subscriptions ?? []) {
      ws.unsubscribe(ch.startsWith('spot@private.') && ws.data.listenKey ? privateTopic(ws.data.listenKey, ch) : ch);
    }
    conns.delete(ws);
    ws.close(code, reason);
  };

  const apply = (ws: ServerWebSocket<ConnData>, actions: readonly SessionAction[]) => {
    for (const a of actions) {
      const topic = (ch: string) => (ch.startsWith('spot@private.') && ws.data.listenKey ? privateTopic(ws.data.listenKey, ch) : ch);
      if (a.kind === 'reply') ws.sendText(a.text);
      else if (a.kind === 'subscribe') ws.subscribe(topic(a.channel));
      else if (a.kind === 'unsubscribe') ws.unsubscribe(topic(a.channel));
      else closeConn(ws, 1000, a.reason);
    }
  };

  server = Bun.serve<ConnData>({
    hostname: opts.host,
    port: opts.port,
    // HTTP keep-alive idle limit (s): long enough for the timeout fault to hold an answer back
    idleTimeout: 255,
    async fetch(req, srv) {
      const url = new URL(req.url);
      if (url.pathname === '/ws') {
        const key = url.searchParams.get('listenKey') ?? undefined;
        const now = ex.now();
        let badKey = false;
        if (key !== undefined) {
          const inUse = [...conns].filter((c) => c.data.listenKey === key).length;
          badKey = !ex.listenKeyValid(key, now) || inUse >= opts.scenario.ws.maxConnectionsPerListenKey;
        }
        if (srv.upgrade(req, { data: { listenKey: key, badKey } })) return undefined;
        return new Response('expected a WebSocket upgrade', { status: 400 });
      }
      const ip = srv.requestIP(req)?.address ?? 'unknown';
      const r = await readRestRequest(req, ip);
      const { answer, delayMs } = router.dispatch(r, Date.now());
      if (delayMs > 0) await Bun.sleep(delayMs);
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json', ...(answer.headers ?? {}) },
      });
    },
    websocket: {
      idleTimeout: 0,
      open(ws) {
        if (ws.data.badKey) {
          ws.sendText('Invalid listen key');
          ws.close(1000, 'invalid listen key');
          return;
        }
        ws.data.session = new WsSession(nextId++, opts.scenario.ws, Date.now(), ws.data.listenKey);
        conns.add(ws);
      },
      message(ws, message) {
        const s = ws.data.session;
        if (s === undefined) return;
        const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
        apply(ws, s.onMessage(text, Date.now()));
      },
      close(ws) {
        conns.delete(ws);
      },
    },
  });

  const lastData = (ws: ServerWebSocket<ConnData>): number | undefined => {
    let best: number | undefined;
    for (const ch of ws.data.session!.subscriptions) {
      const t = ex.stats.lastPublishAt.get(ch.startsWith('spot@private.') && ws.data.listenKey ? privateTopic(ws.data.listenKey, ch) : ch);
      if (t !== undefined && (best === undefined || t > best)) best = t;
    }
    return best;
  };
  const timers: ReturnType<typeof setInterval>[] = [];
  if (!opts.manualClock) timers.push(setInterval(() => advanceTo(ex.marketTarget(Date.now())), 5));
  const sweepMs = Math.max(20, Math.min(1000, Math.floor(Math.min(opts.scenario.ws.noSubscriptionTimeoutMs, opts.scenario.ws.noDataTimeoutMs) / 4)));
  timers.push(setInterval(() => {
    const now = Date.now();
    for (const ws of conns) {
      const a = ws.data.session!.check(now, lastData(ws));
      if (a !== undefined) apply(ws, [a]);
    }
  }, sweepMs));
  const disconnectMs = ex.faultSpec.disconnectMs;
  if (disconnectMs !== undefined) {
    timers.push(setInterval(() => {
      for (const ws of [...conns]) {
        ex.stats.countFault('disconnect');
        closeConn(ws, 1001, 'going away');
      }
    }, disconnectMs));
  }

  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    rest: `http://${host}:${server.port}`,
    ws: `ws://${host}:${server.port}/ws`,
    exchange: ex,
    server,
    advanceTo,
    async stop() {
      for (const t of timers) clearInterval(t);
      for (const ws of conns) ws.close(1001, 'shutdown');
      await server.stop(true);
    },
  };
}
