/** The shape every benchmark reports (`sniper bench <name> --json` prints an array of these). */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The comparison point measured in the same run (null when there is none). */
  readonly baseline: number | null;
  /** value / baseline (null when there is no baseline). */
  readonly ratio: number | null;
}

export interface BenchOptions {
  /** Scale factor for the workload (1 = the documented default). */
  readonly scale: number;
  /** Progress and notes go here (stderr); results are returned. */
  readonly log: (line: string) => void;
}

export interface Benchmark {
  readonly name: string;
  readonly summary: string;
  run(options: BenchOptions): Promise<BenchResult[]>;
}

export function result(name: string, value: number, unit: string, baseline: number | null = null): BenchResult {
  return { name, value, unit, baseline, ratio: baseline === null || baseline === 0 ? null : value / baseline };
}

/** Peak resident set size of this process so far, bytes (Linux VmHWM). */
export async function peakRssBytes(): Promise<number> {
  try {
    const status = await Bun.file('/proc/self/status').text();
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss;
}
