/**
 * `sniper bench sim`: frames per second the sim delivers to many WebSocket subscribers (real
 * clients over localhost, in this process), and `sniper generate` throughput (listings/s, rows/s).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../sim/config/scenario.ts';
import { DEFAULT_ESTABLISHED } from '../../sim/config/scenario.ts';
import { startSim } from '../../sim/server/sim-server.ts';
import { generateLake } from '../../sim/generate/generate-lake.ts';
import { result, type Benchmark, type BenchResult } from './types.ts';

async function serveBench(clients: number, seconds: number, log: (l: string) => void): Promise<BenchResult[]> {
  const scenario = parseScenario({ seed: 1, speed: 10, established: DEFAULT_ESTABLISHED, listings: { count: 0 } });
  const sim = startSim({ scenario, host: '127.0.0.1', port: 0 });
  const symbols = DEFAULT_ESTABLISHED.map((e) => e.symbol);
  const channels = symbols.flatMap((s) => [
    `spot@public.aggre.deals.v3.api.pb@10ms@${s}`, `spot@public.aggre.depth.v3.api.pb@10ms@${s}`,
    `spot@public.aggre.bookTicker.v3.api.pb@10ms@${s}`, `spot@public.limit.depth.v3.api.pb@${s}@20`,
  ]);
  let received = 0;
  let bytes = 0;
  const sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < clients; i++) {
      const ws = new WebSocket(sim.ws);
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (e) => {
        if (typeof e.data !== 'string') {
          received++;
          bytes += (e.data as ArrayBuffer).byteLength;
        }
      };
      await new Promise<void>((resolve, reject) => {
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error('connect failed'));
      });
      ws.send(JSON.stringify({ method: 'SUBSCRIPTION', params: channels }));
      sockets.push(ws);
    }
    await Bun.sleep(500);
    const sent0 = [...sim.exchange.stats.sent.values()].reduce((a, b) => a + b, 0);
    const r0 = received;
    const b0 = bytes;
    const t0 = performance.now();
    await Bun.sleep(seconds * 1000);
    const dt = (performance.now() - t0) / 1000;
    const published = ([...sim.exchange.stats.sent.values()].reduce((a, b) => a + b, 0) - sent0) / dt;
    const delivered = (received - r0) / dt;
    log(`${clients} clients × ${channels.length} channels at speed ${scenario.speed}: ${published.toFixed(0)} frames/s published, ${delivered.toFixed(0)} frames/s delivered (${((bytes - b0) / dt / 1e6).toFixed(1)} MB/s)`);
    return [
      result(`sim.frames_delivered_per_s (${clients} subscribers)`, delivered, 'frames/s', published * clients),
      result('sim.frames_published_per_s', published, 'frames/s'),
    ];
  } finally {
    for (const ws of sockets) ws.close();
    await sim.stop();
  }
}

async function generateBench(listings: number, log: (l: string) => void): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  try {
    const scenario = parseScenario({ seed: 1, established: DEFAULT_ESTABLISHED.slice(0, 1) });
    const r = await generateLake({ scenario, lake: join(dir, 'lake'), listings, startMs: Date.UTC(2026, 0, 1), meanSpacingMs: 1_800_000 });
    log(`generate ${listings} listings: ${r.rows} rows, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s`);
    return [
      result(`generate.listings_per_s (${listings} listings)`, r.listings / r.seconds, 'listings/s'),
      result('generate.rows_per_s', r.rows / r.seconds, 'rows/s'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const simBenchmark: Benchmark = {
  name: 'sim',
  summary: 'frames/s the sim delivers to many subscribers; generate listings/s and rows/s',
  async run({ scale, log }) {
    return [
      ...(await serveBench(Math.max(1, Math.round(50 * scale)), 3 * Math.max(0.5, scale), log)),
      ...(await generateBench(Math.max(50, Math.round(2000 * scale)), log)),
    ];
  },
};
