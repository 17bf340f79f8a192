/**
 * Client-side rate limiting for MEXC REST. Each request is weighed (rate-limit-config.ts) and
 * counted in sliding windows: the IP budget for unsigned calls, the UID budget for signed ones,
 * the shared order budget for placements and cancels, the account budget for GET /account, and a
 * separate budget for the website endpoints. After a 429 or 418 every request of that scope is
 * held until Retry-After passes and fails fast instead of hammering the venue into a longer ban.
 * Time comes from a Clock, so tests drive it with a SimulatedClock.
 */
import type { Clock } from '../../../core/clock.ts';
import { ORDER_ENDPOINTS, WEIGHTS_2026, type Budget, type RateLimitConfig } from './rate-limit-config.ts';

export type LimitScope = 'ip' | 'uid' | 'web';

export interface RequestClass {
  /** `METHOD /path`, with `:all` appended for the every-symbol ticker variants. */
  readonly key: string;
  readonly scope: LimitScope;
}

export type Admission =
  | { readonly ok: true; readonly weight: number }
  | { readonly ok: false; readonly reason: 'hold'; readonly waitMs: number; readonly banned: boolean }
  | { readonly ok: false; readonly reason: 'budget'; readonly bucket: string; readonly waitMs: number };

/** A sliding-window log of (time, weight) entries. */
export class SlidingWindow {
  private times: number[] = [];
  private weights: number[] = [];
  private head = 0;
  private total = 0;
  constructor(readonly name: string, readonly budget: Budget) {}

  private prune(nowMs: number): void {
    const cutoff = nowMs - this.budget.windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= cutoff) {
      this.total -= this.weights[this.head]!;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.weights = this.weights.slice(this.head);
      this.head = 0;
    }
  }

  used(nowMs: number): number {
    this.prune(nowMs);
    return this.total;
  }

  /** ms until `weight` fits (0 = now; Infinity = never, the weight exceeds the whole budget). */
  waitFor(weight: number, nowMs: number): number {
    this.prune(nowMs);
    if (this.total + weight <= this.budget.limit) return 0;
    if (weight > this.budget.limit) return Number.POSITIVE_INFINITY;
    let remaining = this.total;
    for (let i = this.head; i < this.times.length; i++) {
      remaining -= this.weights[i]!;
      if (remaining + weight <= this.budget.limit) return this.times[i]! + this.budget.windowMs - nowMs;
    }
    return this.budget.windowMs;
  }

  add(weight: number, nowMs: number): void {
    this.times.push(nowMs);
    this.weights.push(weight);
    this.total += weight;
  }
}

interface Hold {
  readonly untilMs: number;
  readonly banned: boolean;
}

export class RateLimiter {
  private readonly windows: Record<'ip' | 'uid' | 'web' | 'orders' | 'account', SlidingWindow>;
  private readonly weights: Readonly<Record<string, number>>;
  private readonly orderKeys: ReadonlySet<string> = new Set(ORDER_ENDPOINTS);
  private readonly holds = new Map<LimitScope, Hold>();

  constructor(private readonly config: RateLimitConfig, private readonly clock: Clock) {
    this.weights = { ...WEIGHTS_2026, ...config.weights };
    this.windows = {
      ip: new SlidingWindow('ip', config.ip),
      uid: new SlidingWindow('uid', config.uid),
      web: new SlidingWindow('web', config.web),
      orders: new SlidingWindow('orders', config.orders),
      account: new SlidingWindow('account', config.account),
    };
  }

  weightOf(key: string): number {
    return this.weights[key] ?? this.config.defaultWeight;
  }

  private bucketsFor(req: RequestClass): SlidingWindow[] {
    const list = [this.windows[req.scope]];
    if (this.orderKeys.has(req.key)) list.push(this.windows.orders);
    if (req.key === 'GET /api/v3/account') list.push(this.windows.account);
    return list;
  }

  /** ms left on a 429/418 hold for this scope, and whether it is a ban. */
  hold(scope: LimitScope): { waitMs: number; banned: boolean } | undefined {
    const h = this.holds.get(scope);
    if (h === undefined) return undefined;
    const waitMs = h.untilMs - this.clock.nowMs();
    if (waitMs <= 0) {
      this.holds.delete(scope);
      return undefined;
    }
    return { waitMs, banned: h.banned };
  }

  /** Admit the request now (and count it) or say how long to wait. Nothing is counted on refusal. */
  tryAcquire(req: RequestClass): Admission {
    const held = this.hold(req.scope);
    if (held !== undefined) return { ok: false, reason: 'hold', waitMs: held.waitMs, banned: held.banned };
    const now = this.clock.nowMs();
    const weight = this.weightOf(req.key);
    let worst: { bucket: string; waitMs: number } | undefined;
    const buckets = this.bucketsFor(req);
    for (const bucket of buckets) {
      // the order and account budgets count requests, the IP/UID/web budgets count weight
      const w = bucket === this.windows.orders || bucket === this.windows.account ? 1 : weight;
      const waitMs = bucket.waitFor(w, now);
      if (waitMs > 0 && (worst === undefined || waitMs > worst.waitMs)) worst = { bucket: bucket.name, waitMs };
    }
    if (worst !== undefined) return { ok: false, reason: 'budget', ...worst };
    for (const bucket of buckets) {
      bucket.add(bucket === this.windows.orders || bucket === this.windows.account ? 1 : weight, now);
    }
    return { ok: true, weight };
  }

  /**
   * Record a 429 or 418. A 429 holds the scope of the request; a 418 is an IP ban, so it holds
   * every API scope (ip and uid: both go out from this IP). A later, shorter hold never shortens one.
   */
  noteLimited(scope: LimitScope, status: 429 | 418, retryAfterMs: number | undefined): void {
    const banned = status === 418;
    const ms = retryAfterMs ?? (banned ? this.config.defaultBanMs : this.config.defaultRetryAfterMs);
    const untilMs = this.clock.nowMs() + ms;
    const scopes: LimitScope[] = banned && scope !== 'web' ? ['ip', 'uid'] : [scope];
    for (const s of scopes) {
      const current = this.hold(s);
      this.holds.set(s, {
        untilMs: Math.max(untilMs, this.clock.nowMs() + (current?.waitMs ?? 0)),
        banned: banned || (current?.banned ?? false),
      });
    }
  }

  /** Weight used in each window right now (for metrics and tests). */
  usage(): Readonly<Record<string, number>> {
    const now = this.clock.nowMs();
    const out: Record<string, number> = {};
    for (const [name, w] of Object.entries(this.windows)) out[name] = w.used(now);
    return out;
  }
}
