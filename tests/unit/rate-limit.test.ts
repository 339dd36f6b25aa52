// The per-client fixed-window limiter (server/http/rate-limit.ts), on a clock the test steps.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/http/rate-limit';

describe('RateLimiter', () => {
  it('allows `requests` per window per client, then refuses with the seconds left', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ requests: 3, windowSeconds: 60 }, () => now);
    const a = limiter.hashIp('203.0.113.7');
    expect([1, 2, 3].map(() => limiter.checkKey(a).allowed)).toEqual([true, true, true]);
    now += 15_000;
    const refused = limiter.checkKey(a);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 45 });
    // Another client has its own window.
    expect(limiter.check('198.51.100.1').allowed).toBe(true);
    // A new window starts once the old one is over.
    now += 45_000;
    expect(limiter.checkKey(a)).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 60 });
  });

  it('uses the time the caller passes instead of reading its clock again', () => {
    let reads = 0;
    const limiter = new RateLimiter({ requests: 1, windowSeconds: 10 }, () => {
      reads++;
      return 0;
    });
    const key = limiter.hashIp('192.0.2.1');
    expect(limiter.checkKey(key, 5_000).allowed).toBe(true);
    expect(limiter.checkKey(key, 14_999).allowed).toBe(false); // the window opened at 5 s
    expect(limiter.checkKey(key, 15_000).allowed).toBe(true);
    expect(reads).toBe(0);
  });

  it('keys clients by a salted hash, never the address itself', () => {
    const one = new RateLimiter({ requests: 1, windowSeconds: 1 });
    const two = new RateLimiter({ requests: 1, windowSeconds: 1 });
    const key = one.hashIp('203.0.113.7');
    expect(key).not.toContain('203');
    expect(key).toBe(one.hashIp('203.0.113.7'));
    expect(key).not.toBe(two.hashIp('203.0.113.7'));
  });

  it('allows everything when the limit is 0', () => {
    const limiter = new RateLimiter({ requests: 0, windowSeconds: 60 }, () => 0);
    for (let i = 0; i < 1000; i++) expect(limiter.check('203.0.113.7').allowed).toBe(true);
  });
});
