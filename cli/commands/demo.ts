import { z } from 'zod';
import { defineCommand } from '../command.ts';

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'the main job on embedded defaults',
  help: 'usage: sniper demo',
  options: {},
  schema: z.object({ positionals: z.array(z.string()).max(0) }),
  async run() {
    return 0;
  },
});
