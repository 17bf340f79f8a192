/**
 * `sniper sim --replay LAKE`: serves a lake's recorded binary frames (raw_frames, kind
 * 'ws_binary') to subscribers of their channels, byte for byte, at the recorded pace times
 * --replay-speed (or as fast as possible with 'max'). Playback starts with the first
 * subscription, so a client that connects and subscribes sees history from its beginning.
 * The WebSocket control protocol is the live sim's (acks, PING, limits).
 */
import type { Server, ServerWebSocket } from 'bun';
import { readLakeTable } from '../../lake/read-lake.ts';
import type { Scenario } from '../config/scenario.ts';
import { WsSession } from '../server/ws-session.ts';

export interface ReplayOptions {
  readonly lake: string;
  readonly speed: number | 'max';
  readonly host: string;
  readonly port: number;
  readonly scenario: Scenario;
}

export interface RunningReplay {
  readonly rest: string;
  readonly ws: string;
  readonly frames: number;
  /** Resolves when every frame has been sent. */
  readonly finished: Promise<void>;
  stop(): Promise<void>;
}

interface ReplayFrame {
  readonly tsRecvUs: number;
  readonly channel: string;
  readonly bytes: Uint8Array;
}

export async function loadReplayFrames(lake: string): Promise<ReplayFrame[]> {
  const rows = await readLakeTable(lake, 'raw_frames', { where: "kind = 'ws_binary'", orderBy: 'ts_recv, seq, conn_id' });
  return rows.map((r) => ({ tsRecvUs: r.ts_recv as number, channel: r.channel as string, bytes: r.frame as Uint8Array }));
}

export async function startReplay(opts: ReplayOptions): Promise<RunningReplay> {
  const frames = await loadReplayFrames(opts.lake);
  const sent = new Map<string, number>();
  let startedAt: number | undefined;
  let cursor = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  if (frames.length === 0) finish();
  let nextId = 1;
  const server: Server<{ session?: WsSession }> = Bun.serve<{ session?: WsSession }>({
    hostname: opts.host,
    port: opts.port,
    fetch(req, srv) {
      const url = new URL(req.url);
      if (url.pathname === '/ws') {
        if (srv.upgrade(req, { data: {} })) return undefined;
        return new Response('expected a WebSocket upgrade', { status: 400 });
      }
      if (url.pathname === '/api/v3/ping') return Response.json({});
      if (url.pathname === '/api/v3/time') return Response.json({ serverTime: Date.now() });
      if (url.pathname === '/_sim/stats') {
        return Response.json({ sent: Object.fromEntries(sent), faults: {}, orders: [], listings: [], replay: { frames: frames.length, position: cursor } });
      }
      return Response.json({ code: 404, msg: 'Not Found' }, { status: 404 });
    },
    websocket: {
      idleTimeout: 0,
      open(ws: ServerWebSocket<{ session?: WsSession }>) {
        ws.data.session = new WsSession(nextId++, opts.scenario.ws, Date.now());
      },
      message(ws, message) {
        const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
        for (const a of ws.data.session!.onMessage(text, Date.now())) {
          if (a.kind === 'reply') ws.sendText(a.text);
          else if (a.kind === 'subscribe') {
            ws.subscribe(a.channel);
            startedAt ??= Date.now();
          } else if (a.kind === 'unsubscribe') ws.unsubscribe(a.channel);
          else ws.close(1000, a.reason);
        }
      },
    },
  });
  const t0 = frames[0]?.tsRecvUs ?? 0;
  const timer = setInterval(() => {
    if (startedAt === undefined || cursor >= frames.length) return;
    const elapsedUs = (Date.now() - startedAt) * 1000;
    let budget = opts.speed === 'max' ? 20_000 : Number.MAX_SAFE_INTEGER;
    while (cursor < frames.length && budget-- > 0) {
      const f = frames[cursor]!;
      if (opts.speed !== 'max' && (f.tsRecvUs - t0) / opts.speed > elapsedUs) break;
      server.publish(f.channel, f.bytes);
      sent.set(f.channel, (sent.get(f.channel) ?? 0) + 1);
      cursor++;
    }
    if (cursor >= frames.length) finish();
  }, 2);
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    rest: `http://${host}:${server.port}`,
    ws: `ws://${host}:${server.port}/ws`,
    frames: frames.length,
    finished,
    async stop() {
      clearInterval(timer);
      await server.stop(true);
    },
  };
}
