/**
 * MEXC's request limits (mexc-api.md §4.3): a weight budget per 10 s per IP for unsigned
 * endpoints and per account for signed ones, 12 order requests per second, 429 with Retry-After
 * past a limit, and a temporary ban (418) for clients that keep hitting 429.
 */
import type { Scenario } from '../../config/scenario.ts';

export type LimitVerdict = { readonly ok: true } | { readonly ok: false; readonly status: 429 | 418; readonly retryAfterSec: number };

export class RateLimiter {
  private readonly weights = new Map<string, { window: number; used: number }>();
  private readonly orders = new Map<string, { second: number; used: number }>();
  private readonly strikes = new Map<string, number>();
  private readonly bannedUntil = new Map<string, number>();

  constructor(private readonly cfg: Scenario['rest']) {}

  check(bucket: string, weight: number, signed: boolean, isOrder: boolean, ip: string, nowMs: number): LimitVerdict {
    const ban = this.bannedUntil.get(ip);
    if (ban !== undefined && nowMs < ban) return { ok: false, status: 418, retryAfterSec: Math.ceil((ban - nowMs) / 1000) };
    const window = Math.floor(nowMs / 10_000);
    const w = this.weights.get(bucket);
    const used = w !== undefined && w.window === window ? w.used : 0;
    const budget = signed ? this.cfg.uidWeightPer10s : this.cfg.ipWeightPer10s;
    let over = used + weight > budget;
    const capPath = bucket.slice(bucket.lastIndexOf(':') + 1);
    const cap = capPath === '/api/v3/account' && this.cfg.accountPerSec > 0 ? this.cfg.accountPerSec : undefined;
    if (!over && cap !== undefined) {
      const second = Math.floor(nowMs / 1000);
      const key = `cap:${bucket}`;
      const o = this.orders.get(key);
      const n = o !== undefined && o.second === second ? o.used : 0;
      over = n + 1 > cap;
      if (!over) this.orders.set(key, { second, used: n + 1 });
    }
    if (!over && isOrder) {
      // placement and cancels share one per-second budget
      const second = Math.floor(nowMs / 1000);
      const o = this.orders.get('orders');
      const n = o !== undefined && o.second === second ? o.used : 0;
      over = n + 1 > this.cfg.ordersPerSec;
      if (!over) this.orders.set('orders', { second, used: n + 1 });
    }
    if (over) {
      const strikes = (this.strikes.get(ip) ?? 0) + 1;
      this.strikes.set(ip, strikes);
      if (strikes >= this.cfg.banAfter429s) {
        this.bannedUntil.set(ip, nowMs + this.cfg.banSec * 1000);
        this.strikes.set(ip, 0);
        return { ok: false, status: 418, retryAfterSec: this.cfg.banSec };
      }
      return { ok: false, status: 429, retryAfterSec: this.cfg.retryAfterSec };
    }
    this.strikes.set(ip, 0);
    this.weights.set(bucket, { window, used: used + weight });
    return { ok: true };
  }
}
