import { z } from 'zod';
import { defineCommand } from '../command.ts';

export const decodeCommand = defineCommand({
  name: 'decode',
  summary: 'decode raw MEXC frames from stdin into JSON lines',
  help: 'usage: sniper decode [--format hex|base64] [--raw]',
  options: { format: { type: 'string', default: 'hex' }, raw: { type: 'boolean', default: false } },
  schema: z.object({ format: z.enum(['hex', 'base64']), raw: z.boolean(), positionals: z.array(z.string()).max(0) }),
  async run() {
    return 0;
  },
});
