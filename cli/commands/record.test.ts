import { describe, expect, test } from 'bun:test';
import { PassThrough } from 'node:stream';
import { UsageError } from '../../core/errors.ts';
import { parseCommandArgs } from '../command.ts';
import { coverageCommand } from './coverage.ts';
import { recordCommand } from './record.ts';

const io = () => ({ stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() });

describe('sniper record flags', () => {
  test('bad input is one clear usage error', async () => {
    expect(() => parseCommandArgs(recordCommand, ['--venue', 'binance'])).toThrow(UsageError);
    expect(() => parseCommandArgs(recordCommand, ['--symbols', 'btcusdt'])).toThrow(/uppercase/);
    expect(() => parseCommandArgs(recordCommand, ['--duration', '-1'])).toThrow(/--duration/);
    const both = parseCommandArgs(recordCommand, ['--symbols', 'BTCUSDT', '--all', '--duration', '1']);
    await expect(recordCommand.run(both, io())).rejects.toThrow('choose one of --symbols, --listings-only and --all');
    const sim = parseCommandArgs(recordCommand, ['--venue', 'sim', '--duration', '1']);
    await expect(recordCommand.run(sim, io())).rejects.toThrow(/--venue sim needs --rest and --ws/);
    const kafkaOnly = parseCommandArgs(recordCommand, ['--kafka-only', '--duration', '1']);
    const saved = process.env.KAFKA_BROKERS;
    delete process.env.KAFKA_BROKERS;
    try {
      await expect(recordCommand.run(kafkaOnly, io())).rejects.toThrow(/--kafka-only needs --kafka/);
    } finally {
      if (saved !== undefined) process.env.KAFKA_BROKERS = saved;
    }
  });

  test('coverage refuses an unknown table', async () => {
    const args = parseCommandArgs(coverageCommand, ['--lake', '/nonexistent', '--tables', 'trades,nope']);
    await expect(coverageCommand.run(args, io())).rejects.toThrow('unknown table nope');
  });
});
