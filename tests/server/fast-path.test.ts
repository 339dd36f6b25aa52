// The hot bucket path (server/http/fast-path.ts) over real HTTP, on each engine: what it answers
// itself, what it leaves to the app, and that cached answers follow the data (no stale bucket
// beyond the stated staleness).
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketAnswer, ErrorBody } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { parseServerEnv } from '../../server/config';
import { openDatabase, type RegistryDb } from '../../server/db/connect';
import { bumpDataVersion } from '../../server/db/sellers';
import { type RunningRegistry, startRegistry } from '../../server/serve';
import { DIALECTS, freshDatabase } from './databases';

const SELLER = 'shopee:672907573';

describe.each(DIALECTS)('hot bucket path on %s', (engine) => {
  let running: RunningRegistry;
  let otherNode: RegistryDb;
  let prefix: string;
  let hash: string;

  beforeAll(async () => {
    const fresh = await freshDatabase(engine);
    await fresh.close();
    running = await startRegistry(
      parseServerEnv({
        PORT: '0',
        DEMO_DATA: '1',
        RATE_LIMIT_REQUESTS: '1000',
        // The poll is driven by the test (refreshVersion), never by waiting.
        BUCKET_STALENESS_SECONDS: '3600',
        ...(engine === 'postgres' ? { DATABASE_URL: fresh.location } : { DATA_DIR: dirname(fresh.location) }),
      }),
    );
    // Another registry node on the same database, writing behind this one's back.
    otherNode = openDatabase(fresh.location);
    hash = await hashSellerKey(SELLER);
    prefix = hash.slice(0, 4);
  });
  afterAll(async () => {
    await otherNode?.close();
    await running?.close();
  });

  const bucket = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${running.url}/v1/buckets/${p}`, { headers });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  it('leaves anything but a bare, valid prefix to the app, which answers it the same way', async () => {
    const plain = await bucket(prefix); // fills the cache
    const cached = await bucket(prefix);
    expect(cached.res.status).toBe(200);
    expect(cached.body.equals(plain.body)).toBe(true);

    // A query string is not part of the prefix: the app answers, with the same bucket.
    const withQuery = await bucket(`${prefix}?v=1`);
    expect(withQuery.res.status).toBe(200);
    expect(withQuery.body.equals(plain.body)).toBe(true);
    expect(withQuery.res.headers.get('etag')).toBe(plain.res.headers.get('etag'));

    for (const bad of ['ABCD', 'abc', 'abcdefabc', 'abcd%27--']) {
      const { res, body } = await bucket(bad);
      expect(res.status, bad).toBe(400);
      expect(ErrorBody.parse(JSON.parse(body.toString())).error.code, bad).toBe('invalid_prefix');
    }
    const deeper = await bucket(`${prefix}/more`);
    expect(deeper.res.status).toBe(404);
    expect(ErrorBody.parse(JSON.parse(deeper.body.toString())).error.code).toBe('not_found');
  });

  it('answers a cached bucket with exactly the headers and body the app gives', async () => {
    await bucket(prefix); // fills the cache
    const fast = await bucket(prefix); // answered by the fast path
    const app = await bucket(`${prefix}?v=1`); // a query: answered by the app
    // Everything but what node:http adds per connection and per second.
    const own = (res: Response) =>
      [...res.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)).sort();
    expect(own(fast.res)).toEqual(own(app.res));
    expect(fast.res.headers.get('cache-control')).toMatch(/no-transform/);
    expect(fast.res.headers.get('content-encoding')).toBeNull();
    expect(fast.body.equals(app.body)).toBe(true);
  });

  it('answers a matching If-None-Match with an empty 304 carrying the same ETag', async () => {
    const first = await bucket(prefix);
    const etag = first.res.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await bucket(prefix, { 'if-none-match': etag });
    expect(again.res.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.res.headers.get('etag')).toBe(etag);
    expect(again.res.headers.get('cache-control')).toBe(first.res.headers.get('cache-control'));
    // Another bucket's tag is no match.
    const other = await bucket('0000', { 'if-none-match': etag });
    expect(other.res.status).toBe(200);
  });

  it('serves another node’s write after the next version poll, not a stale cached bucket', async () => {
    const before = await bucket(prefix);
    const recordBefore = BucketAnswer.parse(JSON.parse(before.body.toString())).entries.find(
      (e) => e.hash === hash,
    )?.record;
    expect(recordBefore).toBeDefined();
    const sanctionsBefore = recordBefore?.sanctions.length ?? 0;

    const now = new Date();
    await otherNode.db
      .insertInto('sanctions')
      .values({
        id: `fast-path-test-${engine}`,
        seller_id: SELLER,
        authority: 'Cục Quản lý thị trường',
        decision: '99/QĐ-XPHC',
        decided_on: '2025-06-01',
        summary: 'Bán hàng giả mạo nhãn hiệu (kiểm thử)',
        url: null,
        created_at: now.toISOString(),
      })
      .execute();
    await bumpDataVersion(otherNode.db, now);

    // Until this node polls (within BUCKET_STALENESS_SECONDS), it may still serve its cached copy.
    const stale = await bucket(prefix);
    expect(stale.res.headers.get('etag')).toBe(before.res.headers.get('etag'));

    await running.registry.deps.buckets.refreshVersion(); // the poll tick
    const after = await bucket(prefix);
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
    // The old tag no longer matches: a client revalidating gets the new answer, not a 304.
    const revalidated = await bucket(prefix, { 'if-none-match': before.res.headers.get('etag') ?? '' });
    expect(revalidated.res.status).toBe(200);
    const record = BucketAnswer.parse(JSON.parse(after.body.toString())).entries.find(
      (e) => e.hash === hash,
    )?.record;
    expect(record?.sanctions.length).toBe(sanctionsBefore + 1);
  });
});
