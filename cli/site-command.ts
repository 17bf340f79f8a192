/**
 * What `sniper dashboards` and `sniper notebooks` share: the same sources and preview flags, one
 * action (build or preview), and a failure of the site's own kind printed as one line, exit 1.
 */
import { z } from 'zod';
import { flag, type CommandIo, type OptionSpec } from './command.ts';

export function siteOptions(defaultPort: number): OptionSpec {
  return {
    lake: { type: 'string' },
    model: { type: 'string' },
    run: { type: 'string' },
    out: { type: 'string' },
    port: { type: 'string', default: String(defaultPort) },
    host: { type: 'string', default: '127.0.0.1' },
    verbose: { type: 'boolean', default: false },
  };
}

export function siteSchema(name: string) {
  return z.object({
    lake: z.string().min(1).optional(),
    model: z.string().min(1).optional(),
    run: z.string().min(1).optional(),
    out: z.string().min(1).optional(),
    port: flag.int('--port', 1, 65535),
    host: z.string().min(1),
    verbose: z.boolean(),
    positionals: z.array(z.enum(['build', 'preview'], { error: 'the action must be build or preview' }))
      .max(1, `${name} takes one action: build or preview`),
  });
}

export type SiteArgs = z.output<ReturnType<typeof siteSchema>>;

interface SiteSources { lake?: string; model?: string; run?: string; verbose: boolean }

export interface SiteActions {
  build(opts: SiteSources & { out?: string }, io: CommandIo): Promise<unknown>;
  preview(opts: SiteSources & { port: number; host: string }, io: CommandIo): Promise<number>;
  /** The site's own expected failure (a missing source, a failed build). */
  isOwnError(error: unknown): error is Error;
}

export async function runSiteCommand(name: string, args: SiteArgs, io: CommandIo, site: SiteActions): Promise<number> {
  const action = args.positionals[0] ?? 'build';
  const opts = { lake: args.lake, model: args.model, run: args.run, verbose: args.verbose };
  try {
    if (action === 'preview') return await site.preview({ ...opts, port: args.port, host: args.host }, io);
    await site.build({ ...opts, out: args.out }, io);
    return 0;
  } catch (error) {
    if (!site.isOwnError(error)) throw error;
    io.stderr.write(`sniper ${name}: ${error.message}\n`);
    return 1;
  }
}
