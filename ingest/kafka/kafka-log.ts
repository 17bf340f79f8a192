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

let warningsFiltered = false;

/**
 * kafkajs arms timers with negative delays (harmless: they fire at once), which Bun reports as a
 * TimeoutNegativeWarning on stderr each time. The runtime's own printer is a 'warning' listener,
 * so it is replaced by one that drops that warning and prints every other one the same way.
 */
export function quietKafkaTimerWarnings(): void {
  if (warningsFiltered) return;
  warningsFiltered = true;
  const others = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (w: Error) => {
    if (w.name === 'TimeoutNegativeWarning') return;
    if (others.length > 0) for (const l of others) l(w);
    else process.stderr.write(`${w.name}: ${w.message}\n`);
  });
}
