// @vitest-environment node
// (happy-dom's fetch applies CORS as a web page would; the background is not a web page.)
//
// TrustService against a real registry with demo data: what a badge gets, and what leaves the
// browser to get it.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TrustService, type TrustServiceOptions } from '../../../lib/background/trust-cache';
import { LookupAnswer } from '../../../lib/registry/schemas';
import { saveSettings } from '../../../lib/settings';
import type { AntamDb } from '../../../lib/store/db';
import type { RunningRegistry } from '../../../server/serve';
import {
  ABSENT_KEY,
  clientFactory,
  closedPortUrl,
  DANGER_KEY,
  describeKey,
  freshDb,
  keysWithDistinctPrefixes,
  type Recorder,
  recordingFetch,
  startTestRegistry,
  startTinyServer,
  TRUSTED_KEY,
  twoKeysInOneBucket,
  until,
} from './helpers';

const MINUTE = 60_000;

let registry: RunningRegistry;
beforeAll(async () => {
  registry = await startTestRegistry();
});
afterAll(async () => {
  await registry?.close();
});

let db: AntamDb;
let recorder: Recorder;
let now: number;
const services: TrustService[] = [];

function service(options: Partial<TrustServiceOptions> = {}): TrustService {
  const trust = new TrustService({
    db,
    createClient: clientFactory(recorder),
    clock: () => now,
    ...options,
  });
  services.push(trust);
  return trust;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await saveSettings({ registryUrl: registry.url });
  db = freshDb();
  recorder = recordingFetch();
  now = Date.UTC(2025, 5, 1, 12, 0, 0);
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.idle();
  await db.delete();
});

describe('answers', () => {
  it('finds a registered seller, says absent for an unknown one, and drops invalid keys', async () => {
    const trust = service();
    const results = await trust.lookup([TRUSTED_KEY, ABSENT_KEY, 'not a key', 'ebay:123', 'shopee:0123']);
    expect(Object.keys(results).sort()).toEqual([ABSENT_KEY, TRUSTED_KEY].sort());
    const trusted = results[TRUSTED_KEY];
    expect(trusted?.status).toBe('found');
    if (trusted?.status !== 'found') throw new Error('unreachable');
    expect(trusted.record.sellerId).toBe('672907573');
    expect(trusted.record.level).toBe('trusted');
    expect(trusted.fetchedAt).toBe(now);
    expect(trusted.snoozed).toBe(false);
    expect(results[ABSENT_KEY]).toEqual({ status: 'absent', fetchedAt: now });
  });

  it('reads each level from the registry, never computing it', async () => {
    const results = await service().lookup([DANGER_KEY]);
    const danger = results[DANGER_KEY];
    expect(danger?.status === 'found' && danger.record.level).toBe('danger');
  });

  it('marks a found seller snoozed only while its record is the one snoozed', async () => {
    const first = (await service().lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    if (first?.status !== 'found') throw new Error('expected a record');
    await saveSettings({ snoozed: { [TRUSTED_KEY]: first.record.updatedAt } });
    const snoozed = (await service().lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    expect(snoozed?.status === 'found' && snoozed.snoozed).toBe(true);
    await saveSettings({ snoozed: { [TRUSTED_KEY]: '2000-01-01T00:00:00.000Z' } });
    const woken = (await service().lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    expect(woken?.status === 'found' && woken.snoozed).toBe(false);
  });
});

describe('privacy', () => {
  it('sends only 4-hex prefixes: never a key, a seller id or a full hash, and no credentials', async () => {
    const many = await keysWithDistinctPrefixes(20);
    const keys = [TRUSTED_KEY, ABSENT_KEY, ...many.map((k) => k.key)];
    const trust = service();
    await trust.lookup([TRUSTED_KEY]); // GET path
    await trust.lookup(keys); // POST path
    expect(recorder.requests.map((r) => r.method)).toEqual(['GET', 'POST']);

    const secrets: string[] = [];
    for (const key of keys) {
      const { hash } = await describeKey(key);
      secrets.push(key, key.split(':')[1] ?? key, hash.slice(0, 8));
    }
    for (const req of recorder.requests) {
      const sent = `${req.url}\n${JSON.stringify(req.headers)}\n${req.body ?? ''}`;
      for (const secret of secrets) expect(sent).not.toContain(secret);
      expect(req.init.credentials).toBe('omit');
      expect(req.init.referrerPolicy).toBe('no-referrer');
      expect(Object.keys(req.headers)).not.toContain('cookie');
      expect(Object.keys(req.headers)).not.toContain('authorization');
    }
    const getPath = new URL(recorder.requests[0]?.url ?? '').pathname;
    expect(getPath).toMatch(/^\/v1\/buckets\/[0-9a-f]{4}$/);
    const body = JSON.parse(recorder.requests[1]?.body ?? '{}') as { prefixes: string[] };
    expect(Object.keys(body)).toEqual(['prefixes']);
    for (const p of body.prefixes) expect(p).toMatch(/^[0-9a-f]{4}$/);
  });
});

describe('batching and coalescing', () => {
  it('looks 60 sellers of a listing page up with exactly one request', async () => {
    const keys = [...(await keysWithDistinctPrefixes(58)).map((k) => k.key), TRUSTED_KEY, DANGER_KEY];
    const results = await service().lookup(keys);
    expect(recorder.requests).toHaveLength(1);
    expect(recorder.requests[0]?.method).toBe('POST');
    expect(new URL(recorder.requests[0]?.url ?? '').pathname).toBe('/v1/lookup');
    expect(Object.keys(results)).toHaveLength(60);
    for (const r of Object.values(results)) expect(r.status).not.toBe('unavailable');
    expect(results[TRUSTED_KEY]?.status).toBe('found');
  });

  it('gathers the misses of calls arriving together into one request', async () => {
    const [a, b, c] = await keysWithDistinctPrefixes(3);
    const trust = service();
    const answers = await Promise.all([
      trust.lookup([a?.key ?? '']),
      trust.lookup([b?.key ?? '', c?.key ?? '']),
    ]);
    expect(recorder.requests).toHaveLength(1);
    const body = JSON.parse(recorder.requests[0]?.body ?? '{}') as { prefixes: string[] };
    expect(body.prefixes.sort()).toEqual([a?.prefix, b?.prefix, c?.prefix].sort());
    expect(answers.flatMap((r) => Object.values(r)).every((r) => r.status === 'absent')).toBe(true);
  });

  it('asks once for a bucket two concurrent calls need', async () => {
    const [x, y] = await twoKeysInOneBucket();
    const trust = service();
    const [rx, ry] = await Promise.all([trust.lookup([x.key]), trust.lookup([y.key])]);
    expect(recorder.requests).toHaveLength(1);
    expect(recorder.requests[0]?.url).toMatch(new RegExp(`/v1/buckets/${x.prefix}$`));
    expect(rx[x.key]?.status).toBe('absent');
    expect(ry[y.key]?.status).toBe('absent');
  });

  it('awaits a bucket already on its way instead of asking again', async () => {
    const trust = service();
    let release = (): void => undefined;
    recorder.gate = new Promise<void>((r) => {
      release = r;
    });
    const first = trust.lookup([TRUSTED_KEY]);
    await until(() => recorder.requests.length === 1); // the request has left, not answered yet
    const second = trust.lookup([TRUSTED_KEY]);
    await new Promise((r) => setTimeout(r, 30)); // well past the batching window
    expect(recorder.requests).toHaveLength(1);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a[TRUSTED_KEY]?.status).toBe('found');
    expect(b[TRUSTED_KEY]).toEqual(a[TRUSTED_KEY]);
    expect(recorder.requests).toHaveLength(1);
  });
});

describe('cache', () => {
  it('answers a warm cache with no request, across a restart of the worker', async () => {
    const keys = [TRUSTED_KEY, ABSENT_KEY, ...(await keysWithDistinctPrefixes(10)).map((k) => k.key)];
    const cold = await service().lookup(keys);
    expect(recorder.requests).toHaveLength(1);
    now += 5 * MINUTE;
    const warm = await service().lookup(keys); // a new service: only IndexedDB survived
    expect(recorder.requests).toHaveLength(1);
    expect(warm).toEqual(cold);
  });

  it('answers a stale bucket at once and refreshes it in the background with If-None-Match', async () => {
    const trust = service();
    const fetchedAt = now;
    await trust.lookup([TRUSTED_KEY]);
    const etag = recorder.requests[0]?.headers['if-none-match'];
    expect(etag).toBeUndefined();
    const stored = await db.buckets.toArray();
    expect(stored[0]?.etag).toBeTruthy();

    now += 11 * MINUTE;
    const stale = (await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    // Answered from the cache: still the first fetch, and the refresh has not gone out yet.
    expect(stale?.status === 'found' && stale.fetchedAt).toBe(fetchedAt);
    expect(recorder.requests).toHaveLength(1);

    await trust.idle();
    expect(recorder.requests).toHaveLength(2);
    const refresh = recorder.requests[1];
    expect(refresh?.method).toBe('GET');
    expect(refresh?.headers['if-none-match']).toBe(stored[0]?.etag);
    expect(refresh?.status).toBe(304);

    const fresh = (await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    expect(fresh?.status === 'found' && fresh.fetchedAt).toBe(now);
    expect(recorder.requests).toHaveLength(2);
  });

  it('asks the registry again, past every cache, for a seller whose case just changed', async () => {
    const trust = service();
    await trust.lookup([TRUSTED_KEY]); // one bucket: a GET, with an ETag to revalidate later
    await trust.lookup([DANGER_KEY]);
    expect(recorder.requests).toHaveLength(2);

    now += 1 * MINUTE; // well within the TTL: without expire() both are answered from the cache
    await trust.expire([TRUSTED_KEY, 'not a key']);
    const fresh = (await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    // Waited for the registry (not a stale answer), conditionally: the HTTP cache is out of it.
    expect(recorder.requests).toHaveLength(3);
    expect(recorder.requests[2]?.method).toBe('GET');
    expect(recorder.requests[2]?.headers['if-none-match']).toBeTruthy();
    expect(fresh?.status === 'found' && fresh.fetchedAt).toBe(now);
    // The other seller's bucket was not touched.
    await trust.lookup([DANGER_KEY]);
    expect(recorder.requests).toHaveLength(3);
  });

  it('asks with cache: no-cache for an expired bucket it holds no ETag for', async () => {
    const trust = service();
    await trust.lookup([TRUSTED_KEY, DANGER_KEY]); // a POST /v1/lookup: no per-bucket ETag
    expect(recorder.requests).toHaveLength(1);
    expect((await db.buckets.toArray()).every((b) => b.etag === null)).toBe(true);
    await trust.expire([TRUSTED_KEY]);
    await trust.lookup([TRUSTED_KEY]);
    expect(recorder.requests).toHaveLength(2);
    expect(recorder.requests[1]?.method).toBe('GET');
    expect(recorder.requests[1]?.init.cache).toBe('no-cache');
  });

  it('waits for the registry when a bucket is older than a day', async () => {
    const trust = service();
    await trust.lookup([TRUSTED_KEY]);
    now += 25 * 60 * MINUTE;
    const result = (await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    expect(recorder.requests).toHaveLength(2);
    expect(result?.status === 'found' && result.fetchedAt).toBe(now);
  });

  it('keeps at most maxBuckets, evicting the least recently used', async () => {
    const trust = service({ maxBuckets: 3 });
    const [k1, k2, k3, k4] = await keysWithDistinctPrefixes(4);
    if (!k1 || !k2 || !k3 || !k4) throw new Error('keys');
    for (const k of [k1, k2, k3]) {
      await trust.lookup([k.key]);
      now += 2 * MINUTE;
    }
    await trust.lookup([k1.key]); // k1 used again: k2 is now the least recent
    await trust.idle();
    expect(recorder.requests).toHaveLength(3);
    now += 2 * MINUTE;
    await trust.lookup([k4.key]);
    await trust.idle();
    const kept = (await db.buckets.toArray()).map((b) => b.prefix).sort();
    expect(kept).toEqual([k1.prefix, k3.prefix, k4.prefix].sort());
  });

  it('forgets the cache when the registry URL changes', async () => {
    const other = await startTinyServer((_req, res) => {
      res.writeHead(503).end();
    });
    try {
      const trust = service();
      expect((await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY]?.status).toBe('found');
      expect(await db.buckets.count()).toBe(1);
      await saveSettings({ registryUrl: other.url });
      // The first registry's buckets must not answer for the second one.
      expect((await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY]).toEqual({ status: 'unavailable' });
      expect(await db.buckets.count()).toBe(0);
      expect(recorder.requests.map((r) => new URL(r.url).origin)).toEqual([registry.url, other.url]);
    } finally {
      await other.close();
    }
  });
});

describe('when the registry fails', () => {
  it('says unavailable when nothing listens', async () => {
    await saveSettings({ registryUrl: await closedPortUrl() });
    const trust = service();
    const results = await trust.lookup([TRUSTED_KEY, ABSENT_KEY]);
    expect(results).toEqual({
      [TRUSTED_KEY]: { status: 'unavailable' },
      [ABSENT_KEY]: { status: 'unavailable' },
    });
    expect(await db.buckets.count()).toBe(0);
    // For a while after, misses answer at once instead of queueing behind a dead registry.
    await trust.lookup([DANGER_KEY]);
    expect(recorder.requests).toHaveLength(1);
  });

  it('still answers from a stale bucket, but not from one older than a day', async () => {
    const trust = service({ failureBackoffMs: 0 });
    await trust.lookup([TRUSTED_KEY]);
    recorder.redirectTo = await closedPortUrl();
    now += 30 * MINUTE;
    const stale = (await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY];
    expect(stale?.status).toBe('found');
    await trust.idle();
    expect(recorder.requests[1]?.status).toBe('failed');
    now += 24 * 60 * MINUTE;
    expect((await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY]).toEqual({ status: 'unavailable' });
  });

  it('says unavailable on a timeout', async () => {
    const silent = await startTinyServer(() => undefined); // never answers
    try {
      await saveSettings({ registryUrl: silent.url });
      recorder = recordingFetch();
      const trust = service({ createClient: clientFactory(recorder, 150) });
      const started = Date.now();
      expect((await trust.lookup([TRUSTED_KEY]))[TRUSTED_KEY]).toEqual({ status: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  describe('answers that are not what was asked', async () => {
    const trusted = await describeKey(TRUSTED_KEY);
    const absent = await describeKey(ABSENT_KEY);
    /** A real answer for `prefixes`, from the real registry, to be bent into a wrong one. */
    async function realLookup(prefixes: string[]): Promise<LookupAnswer> {
      const res = await fetch(`${registry.url}/v1/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prefixes }),
      });
      return LookupAnswer.parse(await res.json());
    }
    const cases: Array<[string, () => Promise<{ status: number; body: string }>]> = [
      ['a wrong shape', async () => ({ status: 200, body: '{"prefix":1}' })],
      ['HTML', async () => ({ status: 200, body: '<!doctype html><title>Login</title>' })],
      ['HTTP 500', async () => ({ status: 500, body: '{"error":{"code":"internal","message":"x"}}' })],
      ['a 304 to an unconditional request', async () => ({ status: 304, body: '' })],
      [
        'a bucket that was not asked for',
        async () => {
          const real = await realLookup([trusted.prefix, absent.prefix, 'ffff']);
          return { status: 200, body: JSON.stringify(real) };
        },
      ],
      [
        'a bucket missing from the answer',
        async () => {
          const real = await realLookup([trusted.prefix]);
          return { status: 200, body: JSON.stringify(real) };
        },
      ],
      [
        'an entry outside its bucket',
        async () => {
          const real = await realLookup([trusted.prefix, absent.prefix]);
          const bucket = real.buckets.find((b) => b.prefix === trusted.prefix);
          const entry = bucket?.entries[0];
          if (entry) entry.hash = `${absent.prefix}${entry.hash.slice(4)}`;
          return { status: 200, body: JSON.stringify(real) };
        },
      ],
    ];
    it.each(cases)('says unavailable and caches nothing for %s', async (_name, make) => {
      const { status, body } = await make();
      const bad = await startTinyServer((_req, res) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(status === 304 ? undefined : body);
      });
      try {
        await saveSettings({ registryUrl: bad.url });
        const trust = service();
        // Two keys in two buckets: the POST path (single keys take the GET path, covered below).
        const results = await trust.lookup([TRUSTED_KEY, ABSENT_KEY]);
        expect(results[TRUSTED_KEY]).toEqual({ status: 'unavailable' });
        expect(results[ABSENT_KEY]).toEqual({ status: 'unavailable' });
        expect(await db.buckets.count()).toBe(0);
        const single = service();
        expect((await single.lookup([TRUSTED_KEY]))[TRUSTED_KEY]).toEqual({ status: 'unavailable' });
        expect(await db.buckets.count()).toBe(0);
      } finally {
        await bad.close();
      }
    });
  });
});
