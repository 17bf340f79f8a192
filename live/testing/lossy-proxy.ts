/**
 * Test helper: an HTTP proxy in front of a real sim that loses order-placement answers, to test
 * what the real venue does when it cannot know an order's outcome.
 *   'lose-answer'  forward POST /api/v3/order to the sim (the order is placed), answer 503
 *   'drop'         answer 503 without forwarding (the order never reaches the venue)
 *   'pass'         forward everything unchanged
 * Every other request is forwarded as it is.
 */
import type { Server } from 'bun';

export type ProxyMode = 'pass' | 'lose-answer' | 'drop';

export interface LossyProxy {
  readonly url: string;
  mode: ProxyMode;
  lost: number;
  stop(): Promise<void>;
}

export function startLossyProxy(target: string): LossyProxy {
  const state = { mode: 'pass' as ProxyMode, lost: 0 };
  const server: Server<undefined> = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const u = new URL(req.url);
      const placing = req.method === 'POST' && u.pathname === '/api/v3/order';
      const forward = () => fetch(`${target}${u.pathname}${u.search}`, {
        method: req.method, headers: req.headers, ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: req.body }),
      });
      if (placing && state.mode !== 'pass') {
        if (state.mode === 'lose-answer') await (await forward()).arrayBuffer();
        state.lost++;
        return new Response(JSON.stringify({ code: 503, msg: 'service unavailable' }), { status: 503, headers: { 'content-type': 'application/json' } });
      }
      const r = await forward();
      const headers = new Headers(r.headers);
      headers.delete('content-encoding');
      headers.delete('content-length');
      return new Response(await r.arrayBuffer(), { status: r.status, headers });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    get mode() { return state.mode; },
    set mode(m: ProxyMode) { state.mode = m; },
    get lost() { return state.lost; },
    set lost(n: number) { state.lost = n; },
    async stop() {
      await server.stop(true);
    },
  };
}
