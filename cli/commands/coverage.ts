/**
 * `sniper coverage --lake DIR`: per table and symbol, the time covered, the rows, and the gaps
 * with their causes.
 */
import { z } from 'zod';
import { UsageError } from '../../core/errors.ts';
import { TABLE_NAMES, type TableName } from '../../lake/schema.ts';
import { formatCoverage, lakeCoverage } from '../../ingest/coverage.ts';
import { defineCommand, flag } from '../command.ts';

export const coverageCommand = defineCommand({
  name: 'coverage',
  summary: 'per table and symbol: time covered, rows, gaps and their causes',
  help: `usage: sniper coverage [--lake DIR] [--tables T1,T2] [--json]

  --lake DIR      the lake (default data/lake)
  --tables LIST   only these tables (${TABLE_NAMES.join(', ')})
  --json          one JSON array instead of the text report

example: sniper coverage --lake data/lake --tables trades,depth_updates`,
  options: { lake: { type: 'string', default: 'data/lake' }, tables: { type: 'string' }, json: { type: 'boolean', default: false } },
  schema: z.object({
    lake: z.string().min(1),
    tables: flag.list().optional(),
    json: z.boolean(),
    positionals: z.array(z.string()).max(0, 'coverage takes no positional arguments'),
  }),
  async run(args, io) {
    const unknown = (args.tables ?? []).filter((t) => !(TABLE_NAMES as string[]).includes(t));
    if (unknown.length > 0) throw new UsageError(`unknown table ${unknown.join(', ')} (have: ${TABLE_NAMES.join(', ')})`);
    const rows = await lakeCoverage(args.lake, (args.tables as TableName[] | undefined) ?? TABLE_NAMES);
    io.stdout.write(args.json ? `${JSON.stringify(rows)}\n` : formatCoverage(rows));
    return 0;
  },
});
