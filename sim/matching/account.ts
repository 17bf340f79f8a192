/** The simulated account's balances (free and locked per asset), with change events. */
export interface BalanceChange {
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
  readonly freeChange: number;
  readonly lockedChange: number;
  readonly type: 'ENTRUST_PLACE' | 'ENTRUST_CANCEL' | 'ENTRUST' | 'ENTRUST_UNFROZEN' | 'TRADE_FEE' | 'DEPOSIT';
  readonly time: number;
}

/** Relative float tolerance for balance arithmetic. */
const EPS = 1e-9;

export class Account {
  private readonly balances = new Map<string, { free: number; locked: number }>();
  listeners: ((c: BalanceChange) => void)[] = [];

  constructor(initial: Readonly<Record<string, number>>) {
    for (const [asset, amount] of Object.entries(initial)) this.balances.set(asset, { free: amount, locked: 0 });
  }

  get(asset: string): { free: number; locked: number } {
    return this.balances.get(asset) ?? { free: 0, locked: 0 };
  }

  all(): [string, { free: number; locked: number }][] {
    return [...this.balances.entries()];
  }

  /**
   * Move free and locked by the given deltas; false (and nothing changes) when either would go
   * clearly negative. A result within float error of zero (sums of fills against a lock computed
   * in one go) is zero, so refunds of unused locks are never dropped.
   */
  change(asset: string, freeDelta: number, lockedDelta: number, type: BalanceChange['type'], time: number): boolean {
    const b = this.get(asset);
    const free = b.free + freeDelta;
    const locked = b.locked + lockedDelta;
    const tol = EPS * Math.max(1, Math.abs(b.free), Math.abs(b.locked), Math.abs(freeDelta), Math.abs(lockedDelta));
    if (free < -tol || locked < -tol) return false;
    const next = { free: Math.max(0, round(free)), locked: Math.max(0, round(locked)) };
    this.balances.set(asset, next);
    if (freeDelta !== 0 || lockedDelta !== 0) {
      const c: BalanceChange = { asset, free: next.free, locked: next.locked, freeChange: freeDelta, lockedChange: lockedDelta, type, time };
      for (const l of this.listeners) l(c);
    }
    return true;
  }
}

function round(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}
