#!/usr/bin/env bun
/**
 * `sniper`: one CLI, one subcommand per job. `sniper <cmd> --help` for each.
 * Bad input prints one line to stderr and exits 2; a failed job exits 1.
 */
import { COMMANDS } from './commands/index.ts';
import { parseCommandArgs, type CommandIo } from './command.ts';
import { SniperError } from '../core/errors.ts';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'sniper: research platform and live execution for new MEXC listings',
    '',
    'usage: sniper <command> [flags]      (sniper <command> --help for its flags)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr.write(`sniper: unknown command '${name}' (sniper --help lists them)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.help.trim()}\n`);
    return 0;
  }
  try {
    const args = parseCommandArgs(command, rest);
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof SniperError) {
      const oneLine = e.message.split('\n').filter((l) => l.trim() !== '').join('; ');
      io.stderr.write(`sniper ${name}: ${oneLine}\n`);
      return e.code === 'usage' || e.code === 'config_invalid' ? 2 : 1;
    }
    io.stderr.write(`sniper ${name}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
  process.exitCode = code;
}
