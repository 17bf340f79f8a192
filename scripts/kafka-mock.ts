/**
 * librdkafka's mock Kafka cluster, started through `kcat` (Debian package `kcat`). It speaks the
 * Kafka wire protocol, so kafkajs produces, consumes, joins consumer groups and commits offsets
 * against it; it has no createTopics (topics auto-create with 4 partitions). It lives while
 * kcat's stdin is open.
 *
 * From tests: `const mock = await startKafkaMock(); if (!mock.ok) skip loudly with mock.reason`.
 * By hand: `bun scripts/kafka-mock.ts` prints `KAFKA_BROKERS=...` and runs until Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface KafkaMock {
  /** bootstrap.servers of the mock, e.g. 127.0.0.1:39115 */
  readonly brokers: string;
  stop(): Promise<void>;
}

export type KafkaMockStart = { readonly ok: true; readonly mock: KafkaMock } | { readonly ok: false; readonly reason: string };

/** The kcat binary, or undefined when it is not installed. */
export function findKcat(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v kcat || command -v kafkacat'], { encoding: 'utf8' });
  const path = r.stdout.trim().split('\n')[0];
  return r.status === 0 && path ? path : undefined;
}

export async function startKafkaMock(options: { brokers?: number; timeoutMs?: number } = {}): Promise<KafkaMockStart> {
  const kcat = findKcat();
  if (kcat === undefined) return { ok: false, reason: 'kcat is not installed (apt-get install -y kcat), so the Kafka mock cluster cannot start' };
  const child: ChildProcess = spawn(
    kcat,
    ['-P', '-b', '127.0.0.1:1', '-t', '_keepalive', '-X', `test.mock.num.brokers=${options.brokers ?? 1}`, '-d', 'mock'],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  const brokers = await new Promise<string | Error>((resolve) => {
    let seen = '';
    const timer = setTimeout(() => resolve(new Error(`kcat printed no bootstrap.servers within ${options.timeoutMs ?? 5000} ms`)), options.timeoutMs ?? 5000);
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /bootstrap\.servers=(\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
        seen = '';
      } else if (seen.length > 1 << 16) {
        seen = seen.slice(-4096);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      resolve(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(new Error(`kcat exited with code ${code} before the mock cluster was ready`));
    });
  });
  if (brokers instanceof Error) {
    child.kill('SIGKILL');
    return { ok: false, reason: brokers.message };
  }
  // keep draining stderr (the mock logs every connection) so kcat never blocks on a full pipe
  child.stderr!.removeAllListeners('data');
  child.stderr!.resume();
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin!.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };
  return { ok: true, mock: { brokers, stop } };
}

if (import.meta.main) {
  const started = await startKafkaMock();
  if (!started.ok) {
    process.stderr.write(`kafka-mock: ${started.reason}\n`);
    process.exit(1);
  }
  process.stdout.write(`KAFKA_BROKERS=${started.mock.brokers}\n`);
  const stop = () => void started.mock.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
}
