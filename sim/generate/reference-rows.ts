/**
 * The established pairs of a generated lake: Min1 klines of every established pair over the
 * whole span, from the same minute bars the live sim trades (so the market regime that drives
 * the listings' market factor shows in BTCUSDT's trend). Written as time moves forward.
 */
import type { EstablishedSpec } from '../config/scenario.ts';
import { EstablishedSource } from '../market/trade-source.ts';
import type { PartitionBuffers } from './partition-buffers.ts';

export class ReferenceRows {
  private readonly sources: { spec: EstablishedSpec; src: EstablishedSource; next: number; seq: number }[];

  constructor(seed: number, specs: readonly EstablishedSpec[], startMs: number) {
    this.sources = specs.map((spec) => ({ spec, src: new EstablishedSource(seed, spec, startMs), next: 0, seq: 0 }));
  }

  /** Write every minute bar that closes before `untilMs`. */
  writeUntil(untilMs: number, out: PartitionBuffers): void {
    for (const s of this.sources) {
      const sym = s.spec.symbol;
      for (;;) {
        const b = s.src.bar(s.next);
        const close = b.startMs + b.durMs;
        if (close > untilMs) break;
        s.next++;
        out.push('klines', {
          ts_event: close, ts_recv: close * 1000 + 15_000, seq: ++s.seq, conn_id: 'gen-reference', symbol: sym,
          interval: 'Min1', open_time: b.startMs, close_time: close, open: b.open, high: b.high, low: b.low, close: b.close,
          base_volume: b.quote / ((b.open + b.close) / 2), quote_volume: b.quote,
        });
      }
    }
  }
}
