/** The benchmark registry: `sniper bench <name>`. Each issue adds its own. */
import type { Benchmark } from './types.ts';
import { decodeBenchmark } from './decode.ts';
import { ingestBenchmark } from './ingest.ts';
import { calibrateBenchmark } from './calibrate.ts';
import { backtestBenchmark } from './backtest.ts';
import { simBenchmark } from './sim.ts';

export const BENCHMARKS: readonly Benchmark[] = [decodeBenchmark, calibrateBenchmark, ingestBenchmark, backtestBenchmark, simBenchmark];
