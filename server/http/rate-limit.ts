import { createHash, randomBytes } from 'node:crypto';

export interface RateLimitOptions {
  /** Requests allowed per client in one window; 0 disables the limit. */
  requests: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

const UNLIMITED: RateDecision = Object.freeze({
  allowed: true,
  remaining: Number.POSITIVE_INFINITY,
  retryAfterSeconds: 0,
});

/**
 * Fixed-window request counter per client. Clients are keyed by a salted hash of their IP so that
 * raw addresses are never kept, not even in memory; the salt is per process and never stored.
 */
export class RateLimiter {
  private readonly salt = randomBytes(16);
  private windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  hashIp(ip: string): string {
    return createHash('sha256').update(this.salt).update(ip).digest('base64url').slice(0, 22);
  }

  check(ip: string): RateDecision {
    return this.checkKey(this.hashIp(ip));
  }

  /**
   * Counts one request of a client already keyed by `hashIp`. `now` (ms) lets a caller that has
   * already read the clock for this request pass it on instead of reading it again.
   */
  checkKey(key: string, now: number = this.now()): RateDecision {
    const { requests, windowSeconds } = this.options;
    if (requests <= 0) return UNLIMITED;
    const windowMs = windowSeconds * 1000;
    this.sweep(now, windowMs);
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
    return { allowed: w.count <= requests, remaining: Math.max(0, requests - w.count), retryAfterSeconds };
  }

  /** Drops expired windows at most once per window so that the map stays bounded by active clients. */
  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k);
  }
}
