/**
 * Wiring for real mode, the counterpart of execution/sim-session.ts: the same runner, risk guard,
 * instrument registry and confidence provider, with the MEXC venue in place of the simulated one.
 * The starting balance is the account's free quote balance, read before the run starts; trading
 * rules come from exchangeInfo (exchange-rules.ts).
 */
import type { ModelArtifact } from '../core/confidence.ts';
import type { SniperEvent } from '../core/events.ts';
import { Rng } from '../core/rng.ts';
import { Runner, type DecisionSink, type RunnerClock } from '../core/runner.ts';
import type { AnyStrategy } from '../core/strategy.ts';
import { InstrumentRegistry } from '../execution/instrument-registry.ts';
import { INSTRUMENT_DEFAULTS, type InstrumentDefaults } from '../execution/instrument.ts';
import { RiskGuard, riskParamsSchema, type RiskParams } from '../execution/risk-guard.ts';
import { PriorFeatureProvider } from '../strategies/confidence/prior-features.ts';
import { ExchangeRules } from './exchange-rules.ts';
import { MexcVenue, type MexcVenueOptions } from './mexc-venue.ts';

export interface RealSessionOptions {
  readonly strategy: AnyStrategy;
  readonly params: Readonly<Record<string, unknown>>;
  readonly clock: RunnerClock;
  readonly seed: number;
  readonly initialQuote: number;
  readonly quoteAsset?: string;
  readonly risk?: Partial<RiskParams>;
  readonly instruments?: InstrumentDefaults;
  readonly model?: ModelArtifact;
  readonly decisions?: DecisionSink;
  readonly venue: Omit<MexcVenueOptions, 'rules'>;
}

export class RealSession {
  readonly runner: Runner;
  readonly venue: MexcVenue;
  readonly registry: InstrumentRegistry;
  readonly exchangeRules: ExchangeRules;
  readonly initialQuote: number;

  constructor(o: RealSessionOptions) {
    const rng = new Rng(o.seed);
    this.initialQuote = o.initialQuote;
    this.registry = new InstrumentRegistry(o.instruments ?? INSTRUMENT_DEFAULTS);
    this.exchangeRules = new ExchangeRules(o.venue.client, (s) => this.registry.get(s), o.venue.log);
    const rules = (s: string) => this.exchangeRules.get(s) ?? this.registry.get(s);
    this.venue = new MexcVenue({ ...o.venue, rules });
    rng.fork(); // the simulated venue's latency stream in paper mode: keep the strategy's stream the same
    this.runner = new Runner({
      strategy: o.strategy, params: o.strategy.params.parse(o.params), venue: this.venue, clock: o.clock, rng: rng.fork(), instrument: rules,
      confidence: new PriorFeatureProvider(o.model), guard: new RiskGuard(riskParamsSchema.parse(o.risk ?? {})),
      quoteAsset: o.quoteAsset ?? 'USDT', initialQuote: o.initialQuote,
      ...(o.decisions === undefined ? {} : { decisions: o.decisions }),
    });
  }

  handle(e: SniperEvent): void {
    this.registry.observe(e);
    if ('symbol' in e && e.symbol !== '' && (e.type === 'status' || e.type === 'listing' || e.type === 'trade')) this.exchangeRules.ensure(e.symbol);
    this.runner.handle(e);
  }
}
