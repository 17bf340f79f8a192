/**
 * The contract every `sniper` subcommand implements. Flags are parsed with node:util parseArgs
 * (strict: unknown flags are errors) and then validated with the command's zod schema; bad input
 * becomes a UsageError, which the CLI prints as one line before exiting with code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { UsageError } from '../core/errors.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

export interface Command<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly summary: string;
  /** Full help text (usage line, flags, examples). */
  readonly help: string;
  readonly options: OptionSpec;
  /** Validates `{ ...flags, positionals }`. */
  readonly schema: S;
  /** Returns the process exit code. */
  run(args: z.output<S>, io: CommandIo): Promise<number>;
}

export function defineCommand<S extends z.ZodType>(command: Command<S>): Command<S> {
  return command;
}

/** Parse argv for a command; throws UsageError with a one-line message. */
export function parseCommandArgs<S extends z.ZodType>(command: Command<S>, argv: string[]): z.output<S> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (cause) {
    throw new UsageError((cause as Error).message.split('\n')[0]!, { cause });
  }
  const result = command.schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [head] = issue.path;
    // flags are named as typed (--port: ...); positional arguments need no prefix
    const path = head === undefined || head === 'positionals' ? '' : `--${issue.path.join('.')}: `;
    throw new UsageError(`${path}${issue.message}`, { cause: result.error });
  }
  return result.data;
}

/** zod helpers for flag values, which parseArgs gives as strings. */
export const flag = {
  int: (name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) =>
    z.string().regex(/^-?\d+$/, `${name} must be an integer`).transform(Number)
      .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`),
  number: (name: string, min = -Infinity) =>
    z.string().refine((s) => s.trim() !== '' && Number.isFinite(Number(s)), `${name} must be a number`).transform(Number)
      .refine((n) => n >= min, `${name} must be at least ${min}`),
  list: () => z.string().transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== '')),
};
