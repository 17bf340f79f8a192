/**
 * Test helpers: a sim on a free localhost port with scenario overrides, and a real WebSocket
 * client (Bun's) that records text and binary frames and how the connection closed.
 */
import { parseScenario } from '../config/scenario.ts';
import { startSim, type RunningSim } from '../server/sim-server.ts';
import { parseFaults } from '../faults/fault-spec.ts';

export function testSim(scenario: Record<string, unknown> = {}, extra: { startTime?: number; manualClock?: boolean; faults?: string } = {}): RunningSim {
  const s = parseScenario({ established: [{ symbol: 'BTCUSDT', price: 86_500, priceScale: 2, quantityScale: 6, tradesPerSec: 8, meanTradeQuote: 2000 }], ...scenario });
  return startSim({
    scenario: s, host: '127.0.0.1', port: 0, startTime: extra.startTime, manualClock: extra.manualClock,
    faults: extra.faults !== undefined ? parseFaults(extra.faults) : undefined,
  });
}

export interface TestClient {
  readonly ws: WebSocket;
  readonly texts: string[];
  readonly frames: Uint8Array[];
  readonly closed: Promise<{ code: number; reason: string }>;
  isOpen(): boolean;
  send(obj: unknown): void;
  /** Wait until `pred` holds (polling), or fail after `ms`. */
  until(pred: () => boolean, ms?: number): Promise<void>;
  close(): void;
}

export async function connect(url: string): Promise<TestClient> {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const texts: string[] = [];
  const frames: Uint8Array[] = [];
  let open = false;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.onclose = (e) => {
      open = false;
      resolve({ code: e.code, reason: e.reason });
    };
  });
  ws.onmessage = (e) => {
    if (typeof e.data === 'string') texts.push(e.data);
    else frames.push(new Uint8Array(e.data as ArrayBuffer));
  };
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => {
      open = true;
      resolve();
    };
    ws.onerror = () => reject(new Error(`cannot connect to ${url}`));
  });
  return {
    ws, texts, frames, closed,
    isOpen: () => open,
    send: (obj) => ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj)),
    async until(pred, ms = 3000) {
      const end = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > end) throw new Error('condition not met in time');
        await Bun.sleep(5);
      }
    },
    close: () => ws.close(),
  };
}

/** Poll until `pred` holds, or throw after `ms`. */
export async function until(pred: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await Bun.sleep(5);
  }
}

/**
 * Wait until the sim's market has ticked and `symbol` has traded and has a two-sided book (right
 * after start, or on a loaded machine, the first ticks may not have run yet). Reads the sim's
 * state directly so it spends none of the REST rate budget a test may be measuring.
 */
export async function waitForMarket(sim: RunningSim, symbol = 'BTCUSDT', ms = 5000): Promise<void> {
  const m = sim.exchange.market.symbols.get(symbol);
  if (m === undefined) throw new Error(`the sim has no ${symbol}`);
  await until(() => m.recent.length > 0 && m.book.top('bid', 1).length > 0 && m.book.top('ask', 1).length > 0, ms, `${symbol} to trade`);
}
