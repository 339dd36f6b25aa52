// Stored buckets (issue 13), on every engine: a lookup answers the stored, derived bucket (never
// the facts), writes and passing time windows derive it again, memory stays within its bound,
// a batch lookup is exactly its buckets, and /v1/meta states the prefix length and k.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketAnswer, LookupAnswer, Meta } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { seedBulkSellers } from '../../server/bench/seed-bulk';
import { DIALECTS, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, postJson } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Seeded so that its complaints were filed 365 days minus one hour before NOW (server/bench/seed-bulk.ts:
// seller i has a verified complaint when i % 7 === 0; seller 7 is on tiki, without a sanction).
const SEEDED_AT = new Date(NOW.getTime() - 365 * DAY + HOUR);
const SELLERS = 2000;
const SELLER_7 = 'tiki:1000000007';

describe.each(DIALECTS)('stored buckets on %s', (engine) => {
  let database: TestDatabase;
  let now = NOW;
  const clock = () => now;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await seedBulkSellers(database.db, SELLERS, SEEDED_AT);
  });
  afterAll(async () => {
    await database.close();
  });

  async function started(buckets?: { cacheBytes?: number }) {
    const created = createApp({ db: database.db, clock, buckets });
    await created.deps.buckets.init();
    return created;
  }

  async function recordOf(app: ReturnType<typeof createApp>['app'], key: string) {
    const hash = await hashSellerKey(key);
    const res = await app.request(`/v1/buckets/${hash.slice(0, 4)}`);
    expect(res.status).toBe(200);
    return BucketAnswer.parse(await res.json()).entries.find((e) => e.hash === hash)?.record;
  }

  it('answers the stored bucket, not the facts: a lookup never derives one', async () => {
    const { app } = await started();
    const hash = await hashSellerKey(SELLER_7);
    const prefix = hash.slice(0, 4);
    expect((await recordOf(app, SELLER_7))?.sellerId).toBe('1000000007');
    // Behind the registry's back, the stored row says the bucket is empty (no mark, no version).
    const stored = await database.db
      .selectFrom('buckets')
      .selectAll()
      .where('prefix', '=', prefix)
      .executeTakeFirstOrThrow();
    await database.db.updateTable('buckets').set({ entries: '[]' }).where('prefix', '=', prefix).execute();
    try {
      const { app: fresh } = await started();
      expect(await recordOf(fresh, SELLER_7)).toBeUndefined();
    } finally {
      await database.db
        .updateTable('buckets')
        .set({ entries: stored.entries })
        .where('prefix', '=', prefix)
        .execute();
    }
  });

  it('derives a bucket again when a write changes its facts, before the write is answered', async () => {
    const { app } = await started();
    const admin = (await createApiKey(database.db, { role: 'admin', label: 'buckets test' }, NOW)).key;
    const before = await recordOf(app, SELLER_7);
    expect(before?.sanctions).toHaveLength(0);
    const res = await postCsv(
      app,
      '/v1/admin/import/sanctions',
      [
        'platform,seller_id,slug,authority,decision,date,summary,url',
        'tiki,1000000007,,Cục Quản lý thị trường,7/QĐ-XPHC,2026-06-01,Hàng giả (kiểm thử),',
      ].join('\n'),
      admin,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await recordOf(app, SELLER_7);
    expect(after?.sanctions.map((s) => s.decision)).toEqual(['7/QĐ-XPHC']);
    expect(after?.level).toBe('danger');
    // It is in the stored row itself, and no mark is left waiting.
    const prefix = (await hashSellerKey(SELLER_7)).slice(0, 4);
    const row = await database.db
      .selectFrom('buckets')
      .select('entries')
      .where('prefix', '=', prefix)
      .executeTakeFirstOrThrow();
    expect(row.entries).toContain('7/QĐ-XPHC');
    expect(await database.db.selectFrom('bucket_dirty').select('prefix').execute()).toEqual([]);
    // Another node on the same data sees it on its next poll.
    const { app: other } = await started();
    expect((await recordOf(other, SELLER_7))?.sanctions).toHaveLength(1);
  });

  it('derives a bucket again when a time window of one of its records passes', async () => {
    const key = 'shopee:1000000035'; // i = 35: a complaint, no sanction
    now = NOW;
    const { app, deps } = await started();
    const inside = await recordOf(app, key);
    expect(inside?.complaints.last12Months.total).toBe(1);
    expect(inside?.complaints.allTime.total).toBe(1);
    const prefix = (await hashSellerKey(key)).slice(0, 4);
    const row = await database.db
      .selectFrom('buckets')
      .select('valid_until')
      .where('prefix', '=', prefix)
      .executeTakeFirstOrThrow();
    expect(row.valid_until).toBe(new Date(SEEDED_AT.getTime() + 365 * DAY + 1).toISOString());

    now = new Date(NOW.getTime() + 2 * HOUR); // the complaint is now older than 365 days
    try {
      expect(await deps.buckets.refreshExpired()).toBeGreaterThanOrEqual(1); // the job's tick
      const outside = await recordOf(app, key);
      expect(outside?.complaints.last12Months.total).toBe(0);
      expect(outside?.complaints.allTime.total).toBe(1);
    } finally {
      now = NOW;
    }
  });

  it('keeps hot buckets within its memory bound, whatever is asked for', async () => {
    const bound = 64 * 1024;
    const { app, deps } = await started({ cacheBytes: bound });
    for (let i = 0; i < 300; i++) {
      const key = `${['shopee', 'lazada', 'tiki', 'tiktok', 'sendo'][i % 5]}:${1_000_000_000 + i}`;
      expect((await recordOf(app, key))?.sellerId, key).toBe(String(1_000_000_000 + i));
      expect(deps.buckets.cacheBytes).toBeLessThanOrEqual(bound);
    }
    expect(deps.buckets.cacheEntries).toBeGreaterThan(0);
    expect(deps.buckets.cacheEntries).toBeLessThanOrEqual(bound / 4096);
  });

  it('answers a 60-prefix lookup with exactly the buckets a GET gives, in order', async () => {
    const { app } = await started();
    const prefixes = Array.from({ length: 60 }, (_, i) =>
      ((i * 2654435761) % 65536).toString(16).padStart(4, '0'),
    );
    const res = await postJson(app, '/v1/lookup', { prefixes });
    expect(res.status).toBe(200);
    const answer = LookupAnswer.parse(await res.json());
    expect(answer.buckets.map((b) => b.prefix)).toEqual(prefixes);
    for (const [i, p] of prefixes.entries()) {
      const one = BucketAnswer.parse(await (await app.request(`/v1/buckets/${p}`)).json());
      expect(answer.buckets[i]).toEqual(one);
    }
  });

  it('states the prefix length it serves and the k it keeps in /v1/meta', async () => {
    const { app } = await started();
    const admin = (await createApiKey(database.db, { role: 'admin', label: 'meta test' }, NOW)).key;
    const res = await app.request('/v1/meta', { headers: bearer(admin) });
    const meta = Meta.parse(await res.json());
    expect(meta.prefixLength).toBe(4);
    expect(meta.anonymity).toEqual({ sellerKeys: SELLERS, keysPerBucket: 0.03, k: 0, targetK: 16 });
  });
});
