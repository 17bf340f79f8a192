/**
 * The decision log of a run: every record in order, and a SHA-256 over their canonical lines
 * (tab-separated fields, one line each). Same inputs ⇒ same lines ⇒ same `decisionsHash`.
 */
import { canonicalDecisionLine, type DecisionRecord, type DecisionSink } from '../core/runner.ts';

export class DecisionLog implements DecisionSink {
  readonly records: DecisionRecord[] = [];
  private readonly hasher = new Bun.CryptoHasher('sha256');

  record(d: DecisionRecord): void {
    this.records.push(d);
    this.hasher.update(canonicalDecisionLine(d));
  }

  hash(): string {
    return this.hasher.copy().digest('hex');
  }
}
