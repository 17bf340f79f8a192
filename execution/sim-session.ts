/**
 * Wiring for a run on the simulated venue (the backtest now, paper mode later): a runner with a
 * SimVenue, the instrument registry, the risk guard, a confidence provider and a decision sink.
 * Feed it events in (tsRecv, seq) order with `handle`, then `finish`.
 */
import type { ModelArtifact } from '../core/confidence.ts';
import type { SniperEvent } from '../core/events.ts';
import type { RoundTrip } from '../core/portfolio.ts';
import { Rng } from '../core/rng.ts';
import { Runner, type DecisionSink, type RunnerClock } from '../core/runner.ts';
import type { AnyStrategy, ConfidenceProvider } from '../core/strategy.ts';
import { PriorFeatureProvider } from '../strategies/confidence/prior-features.ts';
import { ArtifactFeatureProvider } from './artifact-features.ts';
import { InstrumentRegistry } from './instrument-registry.ts';
import { INSTRUMENT_DEFAULTS, type InstrumentDefaults } from './instrument.ts';
import { DEFAULT_LATENCY, LatencyModel, type LatencyParams } from './latency.ts';
import { RiskGuard, riskParamsSchema, type RiskParams } from './risk-guard.ts';
import { SimVenue } from './sim-venue.ts';

export interface SimSessionOptions {
  readonly strategy: AnyStrategy;
  /** Raw parameters; parsed with the strategy's schema. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly clock: RunnerClock;
  readonly seed?: number;
  readonly initialQuote?: number;
  readonly quoteAsset?: string;
  readonly latency?: LatencyParams;
  readonly risk?: Partial<RiskParams>;
  readonly instruments?: InstrumentDefaults;
  readonly model?: ModelArtifact;
  readonly confidence?: ConfidenceProvider;
  readonly decisions?: DecisionSink;
  readonly onRoundTrip?: (trip: RoundTrip) => void;
  readonly onFill?: (nowUs: number) => void;
  readonly maxOrdersPerSecond?: number;
}

/**
 * The confidence provider for a model: an artifact from `sniper calibrate` (it carries
 * data.factorScaling) gets the pipeline's factors (execution/artifact-features.ts); the prior, or
 * a hand-made artifact without scaling, gets the prior feature heuristics.
 */
export function defaultConfidence(model: ModelArtifact | undefined): ConfidenceProvider {
  if (model !== undefined && typeof model.data.factorScaling === 'object' && model.data.factorScaling !== null) return new ArtifactFeatureProvider(model);
  return new PriorFeatureProvider(model);
}

export class SimSession {
  readonly runner: Runner;
  readonly venue: SimVenue;
  readonly registry: InstrumentRegistry;
  readonly initialQuote: number;

  constructor(o: SimSessionOptions) {
    const rng = new Rng(o.seed ?? 1);
    this.registry = new InstrumentRegistry(o.instruments ?? INSTRUMENT_DEFAULTS);
    const rules = (s: string) => this.registry.get(s);
    this.initialQuote = o.initialQuote ?? 1000;
    const quoteAsset = o.quoteAsset ?? 'USDT';
    this.venue = new SimVenue({
      latency: new LatencyModel(o.latency ?? DEFAULT_LATENCY, rng.fork()),
      rules, quoteAsset, initialQuote: this.initialQuote, maxOrdersPerSecond: o.maxOrdersPerSecond ?? 12,
    });
    const params = o.strategy.params.parse(o.params);
    this.runner = new Runner({
      strategy: o.strategy, params, venue: this.venue, clock: o.clock, rng: rng.fork(), instrument: rules,
      confidence: o.confidence ?? defaultConfidence(o.model),
      guard: new RiskGuard(riskParamsSchema.parse(o.risk ?? {})),
      quoteAsset, initialQuote: this.initialQuote,
      ...(o.decisions === undefined ? {} : { decisions: o.decisions }),
      ...(o.onRoundTrip === undefined ? {} : { onRoundTrip: o.onRoundTrip }),
      ...(o.onFill === undefined ? {} : { onFill: o.onFill }),
    });
  }

  handle(e: SniperEvent): void {
    this.registry.observe(e);
    this.runner.handle(e);
  }

  finish(us: number): void {
    this.runner.finish(us);
  }

  equity(): number {
    return this.runner.portfolio.equity((s) => this.runner.lastPrice(s));
  }
}
