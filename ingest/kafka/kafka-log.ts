/**
 * kafkajs logs through our pino logger at debug level: while a broker is down kafkajs logs every
 * retry, which would drown the one alarm line the publisher prints on purpose.
 */
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../../core/logger.ts';

export function kafkaLogCreator(log: Logger): logCreator {
  const child = log.child({ lib: 'kafkajs' });
  return () => ({ level, log: entry }) => {
    const { message, ...rest } = entry as { message: string } & Record<string, unknown>;
    if (level === logLevel.NOTHING) return;
    child.debug({ kafkaLevel: logLevel[level], ...rest }, message);
  };
}
