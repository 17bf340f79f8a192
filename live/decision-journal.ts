/**
 * The live decision log: every decision the runner records goes to `decisions.jsonl` the moment
 * it is made (so a crash keeps everything up to it), and into a SHA-256 over the canonical lines
 * the backtester hashes: `tsUs \t symbol \t kind \t decision \t reason \t data \n`. Same
 * decisions ⇒ same `decisionsHash` in a live summary and in the backtest of its recording (the
 * parity test holds the two formats together).
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { canonicalDecisionLine, type DecisionRecord, type DecisionSink } from '../core/runner.ts';

export class DecisionJournal implements DecisionSink {
  private readonly hasher = new Bun.CryptoHasher('sha256');
  private fd: number | undefined;
  count = 0;
  readonly byKind = new Map<string, number>();

  constructor(path: string, private readonly onRecord?: (d: DecisionRecord) => void) {
    this.fd = openSync(path, 'a');
  }

  record(d: DecisionRecord): void {
    this.hasher.update(canonicalDecisionLine(d));
    this.count++;
    this.byKind.set(d.kind, (this.byKind.get(d.kind) ?? 0) + 1);
    if (this.fd !== undefined) {
      writeSync(this.fd, `${JSON.stringify({ ts_us: d.tsUs, symbol: d.symbol, kind: d.kind, decision: d.decision, reason: d.reason, data: d.data })}\n`);
    }
    this.onRecord?.(d);
  }

  hash(): string {
    return this.hasher.copy().digest('hex');
  }

  close(): void {
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}
