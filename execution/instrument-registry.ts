/**
 * Rules per symbol for a run: configured overrides first, else defaults whose price scale is
 * inferred from the symbol's first trade (or, before any trade, its first ask). Rules are frozen
 * at the first trade so that they do not drift during a run.
 */
import type { SniperEvent } from '../core/events.ts';
import type { InstrumentRules } from '../core/strategy.ts';
import { defaultRules, INSTRUMENT_DEFAULTS, type InstrumentDefaults } from './instrument.ts';

export class InstrumentRegistry {
  private readonly rules = new Map<string, InstrumentRules>();
  private readonly frozen = new Set<string>();

  constructor(
    private readonly defaults: InstrumentDefaults = INSTRUMENT_DEFAULTS,
    overrides: readonly InstrumentRules[] = [],
  ) {
    for (const r of overrides) {
      this.rules.set(r.symbol, r);
      this.frozen.add(r.symbol);
    }
  }

  get(symbol: string): InstrumentRules {
    let r = this.rules.get(symbol);
    if (r === undefined) {
      r = defaultRules(symbol, NaN, this.defaults);
      this.rules.set(symbol, r);
    }
    return r;
  }

  /** Learn price scales from market data (cheap: one map lookup per event once frozen). */
  observe(e: SniperEvent): void {
    if (e.type === 'trade') {
      if (this.frozen.has(e.symbol)) return;
      this.rules.set(e.symbol, defaultRules(e.symbol, e.price, this.defaults));
      this.frozen.add(e.symbol);
    } else if ((e.type === 'book_snapshot' || e.type === 'book_delta') && !this.frozen.has(e.symbol) && !this.rules.has(e.symbol)) {
      const ask = e.asks[0]?.[0];
      if (ask !== undefined && ask > 0) this.rules.set(e.symbol, defaultRules(e.symbol, ask, this.defaults));
    }
  }
}
