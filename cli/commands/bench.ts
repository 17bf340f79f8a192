import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { defineCommand, flag } from '../command.ts';
import { BENCHMARKS } from '../bench/index.ts';
import type { BenchResult } from '../bench/types.ts';

function formatValue(r: BenchResult): string {
  const v = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(4);
  const base = r.baseline === null ? '' : `  baseline ${r.baseline >= 100 ? Math.round(r.baseline).toLocaleString('en-US') : r.baseline.toPrecision(4)}`;
  const ratio = r.ratio === null ? '' : `  ratio ${r.ratio.toFixed(2)}x`;
  return `${r.name.padEnd(44)} ${v} ${r.unit}${base}${ratio}`;
}

export const benchCommand = defineCommand({
  name: 'bench',
  summary: 'run benchmarks and print their figures with ratios',
  help: `usage: sniper bench <name|all> [--json] [--scale X]

Benchmarks: ${BENCHMARKS.map((b) => `\n  ${b.name.padEnd(10)} ${b.summary}`).join('')}

  --json       print a JSON array of {"name","value","unit","baseline","ratio"}
  --scale X    multiply the workload (default 1)`,
  options: { json: { type: 'boolean', default: false }, scale: { type: 'string', default: '1' } },
  schema: z.object({
    json: z.boolean(),
    scale: flag.number('--scale', 0.001),
    positionals: z.array(z.string()).length(1, 'name one benchmark (or all)'),
  }),
  async run(args, io) {
    const name = args.positionals[0]!;
    const selected = name === 'all' ? BENCHMARKS : BENCHMARKS.filter((b) => b.name === name);
    if (selected.length === 0) {
      throw new UsageError(`unknown benchmark '${name}' (have: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
    }
    const results: BenchResult[] = [];
    for (const bench of selected) {
      const log = (line: string) => io.stderr.write(`[bench ${bench.name}] ${line}\n`);
      const rs = await bench.run({ scale: args.scale, log });
      results.push(...rs);
      if (!args.json) for (const r of rs) io.stdout.write(`${formatValue(r)}\n`);
    }
    if (args.json) io.stdout.write(`${JSON.stringify(results)}\n`);
    return 0;
  },
});
