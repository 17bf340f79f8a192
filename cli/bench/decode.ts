import type { Benchmark } from './types.ts';
export const decodeBenchmark: Benchmark = { name: 'decode', summary: 'frames/s decoded', async run() { return []; } };
