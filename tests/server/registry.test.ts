import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiKeyInfo,
  BucketAnswer,
  CreatedApiKey,
  ErrorBody,
  ImportResult,
  LookupAnswer,
  Meta,
  TrustRecord,
} from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { openDatabase } from '../../server/db/connect';
import { DIALECTS, emptyTables, freshDatabase, lockDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00Z');

const REG_HEADER =
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store';
const REG_CSV = [
  REG_HEADER,
  'Công ty TNHH Sen Việt,0312345678,registered,2023-05-12,online.gov.vn/TB-1,shopee,672907573,senviet.official,Sen Việt Official,true',
  'Công ty TNHH Sen Việt,0312345678,registered,2023-05-12,online.gov.vn/TB-1,lazada,6548,,Sen Việt Lazada,false',
  `"Hộ kinh doanh O'Brien; DROP TABLE sellers;--",,notified,2024-01-02,"TB-2, ""quoted""",tiki,1,tiki-trading,"Tiki ""Trading""",no`,
].join('\n');

const SANCTION_CSV = [
  'platform,seller_id,slug,authority,decision,date,summary,url',
  'lazada,6548,,Cục Quản lý thị trường Hà Nội,123/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả nhãn hiệu,https://example.org/qd/123',
].join('\n');

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function prefixOf(key: string, length = 4): Promise<string> {
  return (await hashSellerKey(key)).slice(0, length);
}

/** A prefix whose bucket holds none of the given keys. */
async function emptyPrefixAvoiding(keys: string[]): Promise<string> {
  const used = new Set(await Promise.all(keys.map((k) => prefixOf(k))));
  for (let i = 0; ; i++) {
    const p = i.toString(16).padStart(4, '0');
    if (!used.has(p)) return p;
  }
}

describe.each(DIALECTS)('registry on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let deps: ReturnType<typeof createApp>['deps'];
  let admin: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    // Each test gets empty tables on the same migrated database.
    await emptyTables(database);
    const created = createApp({
      db: database.db,
      clock: () => NOW,
      config: { trustProxy: true, rateLimit: { requests: 0, windowSeconds: 60 } },
    });
    app = created.app;
    deps = created.deps;
    await deps.buckets.init();
    admin = (await createApiKey(database.db, { role: 'admin', label: 'test admin' }, NOW)).key;
  });

  async function importRegistrations(csv = REG_CSV): Promise<ImportResult> {
    const res = await postCsv(app, '/v1/admin/import/registrations', csv, admin);
    expect(res.status, await res.clone().text()).toBe(200);
    return ImportResult.parse(await res.json());
  }

  async function bucket(
    key: string,
    length = 4,
  ): Promise<{ res: Response; body: BucketAnswer; bytes: number }> {
    const res = await app.request(`/v1/buckets/${await prefixOf(key, length)}`);
    const text = await res.text();
    return { res, body: BucketAnswer.parse(JSON.parse(text)), bytes: Buffer.byteLength(text) };
  }

  describe('health, meta, openapi, errors', () => {
    it('reports health and meta', async () => {
      const health = await app.request('/v1/health');
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
      const meta = Meta.parse(await json(await app.request('/v1/meta')));
      expect(meta.prefixLength).toBe(4);
      expect(meta.maxLookupPrefixes).toBe(100);
    });

    it('serves an OpenAPI 3.1 document covering every route', async () => {
      const doc = await json<{ openapi: string; paths: Record<string, object> }>(
        await app.request('/v1/openapi.json'),
      );
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/health',
          '/v1/meta',
          '/v1/buckets/{prefix}',
          '/v1/lookup',
          '/v1/sellers/{platform}/{sellerId}',
          '/v1/admin/keys',
          '/v1/admin/keys/{id}',
          '/v1/admin/import/registrations',
          '/v1/admin/import/sanctions',
        ]),
      );
      const bucketSchema = JSON.stringify(doc.paths['/v1/buckets/{prefix}']);
      expect(bucketSchema).toContain('"level"');
      expect(bucketSchema).toContain('"padding"');
    });

    it('answers unknown routes with a JSON 404', async () => {
      const res = await app.request('/v1/nope');
      expect(res.status).toBe(404);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('not_found');
    });
  });

  describe('buckets', () => {
    it('holds the asked-for record, with ETag and Cache-Control, and answers 304 without a body', async () => {
      await importRegistrations();
      const hash = await hashSellerKey('shopee:672907573');
      const { res, body } = await bucket('shopee:672907573');
      expect(res.status).toBe(200);
      // no-transform: an intermediary must not compress away the padding (privacy by size).
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+, no-transform$/);
      expect(res.headers.get('content-encoding')).toBeNull();
      const entry = body.entries.find((e) => e.hash === hash);
      expect(entry?.record).toMatchObject({
        platform: 'shopee',
        sellerId: '672907573',
        name: 'Sen Việt Official',
        officialStore: true,
        registration: { status: 'registered', taxCode: '0312345678', businessName: 'Công ty TNHH Sen Việt' },
      });
      expect(entry?.record.level).toBe('trusted');
      const etag = res.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await app.request(`/v1/buckets/${hash.slice(0, 4)}`, {
        headers: { 'if-none-match': etag ?? '' },
      });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    });

    it('answers a 304 from memory even when the database is gone', async () => {
      await importRegistrations();
      const prefix = await prefixOf('shopee:672907573');
      const first = await app.request(`/v1/buckets/${prefix}`);
      const etag = first.headers.get('etag') ?? '';
      // A second node on the same data computes the same ETag from (version, day, prefix) alone.
      const other = openDatabase(database.location);
      const { app: app2, deps: deps2 } = createApp({ db: other.db, clock: () => NOW });
      await deps2.buckets.init();
      await other.close();
      const res = await app2.request(`/v1/buckets/${prefix}`, { headers: { 'if-none-match': etag } });
      expect(res.status).toBe(304);
      const changed = await app2.request(`/v1/buckets/${prefix}`, { headers: { 'if-none-match': '"0-x"' } });
      expect(changed.status).toBe(503);
    });

    it('resolves @slug aliases to the canonical record', async () => {
      await importRegistrations();
      const { body } = await bucket('shopee:@senviet.official');
      const hash = await hashSellerKey('shopee:@senviet.official');
      expect(body.entries.find((e) => e.hash === hash)?.record.sellerId).toBe('672907573');
    });

    it('accepts prefixes of 4 to 8 hex characters and nothing else', async () => {
      await importRegistrations();
      for (const len of [4, 5, 8]) {
        const { res, body } = await bucket('tiki:1', len);
        expect(res.status).toBe(200);
        expect(body.entries.some((e) => e.record.sellerId === '1')).toBe(true);
      }
      for (const bad of ['abc', '123456789', 'ABCD', 'zzzz', "ab'd", 'ab%20d', '0x12']) {
        const res = await app.request(`/v1/buckets/${bad}`);
        expect(res.status, bad).toBe(400);
        expect(ErrorBody.parse(await res.json()).error.code).toBe('invalid_prefix');
      }
    });

    it('cannot be told apart by size or status for present and absent sellers (privacy)', async () => {
      await importRegistrations();
      const present = await bucket('shopee:672907573');
      const absentKey = 'shopee:999999999999';
      const absent = await bucket(absentKey);
      expect(absent.body.entries.find((e) => e.record.sellerId === '999999999999')).toBeUndefined();
      const empty = await app.request(
        `/v1/buckets/${await emptyPrefixAvoiding(['shopee:672907573', 'lazada:6548', 'tiki:1', 'shopee:@senviet.official', 'tiki:@tiki-trading'])}`,
      );
      const emptyText = await empty.text();
      expect(present.res.status).toBe(200);
      expect(absent.res.status).toBe(200);
      expect(empty.status).toBe(200);
      expect(present.bytes).toBe(absent.bytes);
      expect(present.bytes).toBe(Buffer.byteLength(emptyText));
      expect(present.res.headers.get('content-length') ?? String(present.bytes)).toBe(String(present.bytes));
    });

    it('pads to the next size class when a bucket outgrows one block', async () => {
      const { deps: d } = createApp({ db: database.db, clock: () => NOW, buckets: { padBlockBytes: 1024 } });
      const small = d.buckets.serialise('abcd', 1, []);
      expect(small.length).toBe(1024);
      const record = TrustRecord.parse({
        platform: 'shopee',
        sellerId: '1',
        name: 'Cửa hàng '.repeat(30),
        officialStore: false,
        registration: { status: 'unknown', businessName: null, taxCode: null, since: null, source: null },
        complaints: {
          last12Months: {
            total: 0,
            open: 0,
            resolvedForShopper: 0,
            rejected: 0,
            unanswered: 0,
            answeredOnTimeShare: null,
            medianDaysToResolution: null,
          },
          allTime: {
            total: 0,
            open: 0,
            resolvedForShopper: 0,
            rejected: 0,
            unanswered: 0,
            answeredOnTimeShare: null,
            medianDaysToResolution: null,
          },
          unverified: { last12Months: 0, allTime: 0 },
        },
        counterfeit: { reports: 0, confirmed: 0, dismissed: 0, lastConfirmedAt: null },
        sanctions: [],
        level: 'unknown',
        reasons: [],
        updatedAt: NOW.toISOString(),
        demo: false,
      });
      const big = d.buckets.serialise(
        'abcd',
        1,
        Array.from({ length: 3 }, () => ({ hash: 'a'.repeat(64), record })),
      );
      expect(big.length % 1024).toBe(0);
      expect(big.length).toBeGreaterThan(1024);
      expect(BucketAnswer.parse(JSON.parse(big.toString())).entries).toHaveLength(3);
    });

    it('shows a change at once after an import (cache invalidated)', async () => {
      await importRegistrations();
      const before = await bucket('lazada:6548');
      const hash = await hashSellerKey('lazada:6548');
      expect(before.body.entries.find((e) => e.hash === hash)?.record.level).toBe('trusted');
      const res = await postCsv(app, '/v1/admin/import/sanctions', SANCTION_CSV, admin);
      expect(res.status).toBe(200);
      const after = await bucket('lazada:6548');
      const rec = after.body.entries.find((e) => e.hash === hash)?.record;
      expect(rec?.level).toBe('danger');
      expect(rec?.sanctions[0]).toMatchObject({
        authority: 'Cục Quản lý thị trường Hà Nội',
        decision: '123/QĐ-XPHC',
      });
      expect(rec?.reasons.map((r) => r.code)).toContain('sanction_recent');
      expect(after.body.dataVersion).toBeGreaterThan(before.body.dataVersion);
      expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
    });
  });

  describe('batch lookup', () => {
    it('answers many prefixes in one request', async () => {
      await importRegistrations();
      const prefixes = await Promise.all(
        ['shopee:672907573', 'lazada:6548', 'tiki:1'].map((k) => prefixOf(k)),
      );
      const res = await postJson(app, '/v1/lookup', { prefixes });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
      const body = LookupAnswer.parse(await res.json());
      expect(body.buckets.map((b) => b.prefix)).toEqual([...new Set(prefixes)]);
      const ids = body.buckets.flatMap((b) => b.entries.map((e) => e.record.sellerId));
      expect(ids).toEqual(expect.arrayContaining(['672907573', '6548', '1']));
    });

    it('refuses bad requests with stable codes', async () => {
      const cases: [RequestInit, number, string][] = [
        [
          {
            body: JSON.stringify({
              prefixes: Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(4, '0')),
            }),
          },
          400,
          'too_many_prefixes',
        ],
        [{ body: JSON.stringify({ prefixes: ['ABCD'] }) }, 400, 'invalid_prefix'],
        [{ body: JSON.stringify({ prefixes: ["ab'; drop table sellers;--"] }) }, 400, 'invalid_prefix'],
        [{ body: JSON.stringify({ prefixes: [] }) }, 400, 'bad_request'],
        [{ body: JSON.stringify({ prefixes: ['abcd'], extra: 1 }) }, 400, 'bad_request'],
        [{ body: '{"prefixes": [' }, 400, 'invalid_json'],
        [{ body: JSON.stringify({ prefixes: ['abcd'], pad: 'x'.repeat(20_000) }) }, 413, 'payload_too_large'],
        [
          { body: '{"prefixes":["abcd"]}', headers: { 'content-type': 'text/plain' } },
          415,
          'unsupported_media_type',
        ],
      ];
      for (const [init, status, code] of cases) {
        const res = await app.request('/v1/lookup', {
          method: 'POST',
          ...init,
          headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
        });
        expect(res.status, code).toBe(status);
        const body = ErrorBody.parse(await res.json());
        expect(body.error.code).toBe(code);
        expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|select |SQLITE|stack/i);
      }
    });
  });

  describe('public seller record', () => {
    it('serves one record by id or slug, with clear errors', async () => {
      await importRegistrations();
      const ok = await app.request('/v1/sellers/shopee/672907573');
      expect(ok.status).toBe(200);
      expect(TrustRecord.parse(await ok.json()).name).toBe('Sen Việt Official');
      const alias = await app.request('/v1/sellers/tiki/@Tiki-Trading');
      expect(TrustRecord.parse(await alias.json()).sellerId).toBe('1');
      const checks: [string, number, string][] = [
        ['/v1/sellers/amazon/1', 400, 'unknown_platform'],
        ['/v1/sellers/shopee/12ab', 400, 'invalid_seller_id'],
        ["/v1/sellers/shopee/1'%20OR%201=1", 400, 'invalid_seller_id'],
        ['/v1/sellers/shopee/424242', 404, 'not_found'],
      ];
      for (const [path, status, code] of checks) {
        const res = await app.request(path);
        expect(res.status, path).toBe(status);
        expect(ErrorBody.parse(await res.json()).error.code).toBe(code);
      }
    });
  });

  describe('registration import', () => {
    it('imports every field verbatim, Vietnamese and SQL metacharacters included', async () => {
      const result = await importRegistrations();
      expect(result).toMatchObject({ kind: 'registrations', rows: 3, inserted: 3, updated: 0, unchanged: 0 });
      const tiki = TrustRecord.parse(await json(await app.request('/v1/sellers/tiki/1')));
      expect(tiki.registration.businessName).toBe("Hộ kinh doanh O'Brien; DROP TABLE sellers;--");
      expect(tiki.registration.source).toBe('TB-2, "quoted"');
      expect(tiki.name).toBe('Tiki "Trading"');
      expect(tiki.registration.status).toBe('notified');
      expect(await database.db.selectFrom('sellers').select('id').execute()).toHaveLength(3);
    });

    it('re-importing the same file changes nothing, not even the data version', async () => {
      const first = await importRegistrations();
      const again = await importRegistrations();
      expect(again).toMatchObject({
        rows: 3,
        inserted: 0,
        updated: 0,
        unchanged: 3,
        dataVersion: first.dataVersion,
      });
      expect(await database.db.selectFrom('seller_keys').select('key').execute()).toHaveLength(5);
    });

    it('refuses a file with bad rows as a whole, naming each line and why', async () => {
      const csv = [
        REG_HEADER,
        'Công ty A,0312345678,registered,2023-05-12,TB-1,shopee,111,,Shop A,true',
        'Công ty B,0312345679,maybe,2023-05-12,TB-2,shopee,222,,Shop B,true',
        'Công ty C,0312345670,registered,2023-05-12,TB-3,amazon,333,,Shop C,true',
        'Công ty D,0312345671,registered,2023-02-30,TB-4,shopee,444,,Shop D,true',
      ].join('\n');
      const res = await postCsv(app, '/v1/admin/import/registrations', csv, admin);
      expect(res.status).toBe(422);
      const body = ErrorBody.parse(await res.json());
      expect(body.error.code).toBe('invalid_csv');
      expect(body.error.details?.map((d) => d.line)).toEqual([3, 4, 5]);
      expect(await database.db.selectFrom('sellers').select('id').execute()).toHaveLength(0);
      expect(await database.db.selectFrom('businesses').select('id').execute()).toHaveLength(0);
    });

    it('reports malformed CSV with its line', async () => {
      const res = await postCsv(
        app,
        '/v1/admin/import/registrations',
        `${REG_HEADER}\n"unterminated,1`,
        admin,
      );
      expect(res.status).toBe(422);
      const body = ErrorBody.parse(await res.json());
      expect(body.error.details?.[0]?.line).toBe(2);
    });

    it('merges a shop first known by its slug into its numeric record', async () => {
      await importRegistrations(
        [
          REG_HEADER,
          'Công ty TNHH Nobi,0319999999,registered,2022-01-01,TB-9,shopee,,nobistar.sg,Nobi,false',
        ].join('\n'),
      );
      await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [
          'platform,seller_id,slug,authority,decision,date,summary,url',
          'shopee,,nobistar.sg,Sở Công Thương Hà Nội,9/QĐ-XPHC,2020-01-01,Không niêm yết giá,',
        ].join('\n'),
        admin,
      );
      const slugOnly = TrustRecord.parse(await json(await app.request('/v1/sellers/shopee/@nobistar.sg')));
      expect(slugOnly.sellerId).toBe('@nobistar.sg');
      await importRegistrations(
        [
          REG_HEADER,
          'Công ty TNHH Nobi,0319999999,registered,2022-01-01,TB-9,shopee,91799978,nobistar.sg,Nobi,false',
        ].join('\n'),
      );
      const byId = TrustRecord.parse(await json(await app.request('/v1/sellers/shopee/91799978')));
      const bySlug = TrustRecord.parse(await json(await app.request('/v1/sellers/shopee/@nobistar.sg')));
      expect(byId).toEqual(bySlug);
      expect(byId.sellerId).toBe('91799978');
      expect(byId.sanctions).toHaveLength(1);
      expect(byId.level).toBe('caution');
      expect(await database.db.selectFrom('sellers').select('id').execute()).toHaveLength(1);
    });
  });

  describe('API keys and roles', () => {
    it('requires an admin key for admin routes', async () => {
      const none = await app.request('/v1/admin/keys');
      expect(none.status).toBe(401);
      expect(ErrorBody.parse(await none.json()).error.code).toBe('unauthorized');
      const wrong = await app.request('/v1/admin/keys', { headers: bearer('antam_admin_guess') });
      expect(wrong.status).toBe(401);
      const mod = (await createApiKey(database.db, { role: 'moderator', label: 'mod' }, NOW)).key;
      const forbidden = await postCsv(app, '/v1/admin/import/registrations', REG_CSV, mod);
      expect(forbidden.status).toBe(403);
      expect(ErrorBody.parse(await forbidden.json()).error.code).toBe('forbidden');
      expect(await database.db.selectFrom('sellers').select('id').execute()).toHaveLength(0);
    });

    it('creates, lists and revokes keys; stores only hashes', async () => {
      const res = await postJson(
        app,
        '/v1/admin/keys',
        { role: 'seller', label: 'Sen Việt', sellers: ['shopee:672907573'] },
        bearer(admin),
      );
      expect(res.status).toBe(201);
      const created = CreatedApiKey.parse(await res.json());
      expect(created.sellers).toEqual(['shopee:672907573']);
      const stored = await database.db.selectFrom('api_keys').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(created.key);
      const list = await json<{ keys: unknown[] }>(
        await app.request('/v1/admin/keys', { headers: bearer(admin) }),
      );
      expect(list.keys.map((k) => ApiKeyInfo.parse(k).label)).toContain('Sen Việt');
      const revoked = await app.request(`/v1/admin/keys/${created.id}`, {
        method: 'DELETE',
        headers: bearer(admin),
      });
      expect(revoked.status).toBe(200);
      expect(ApiKeyInfo.parse(await revoked.json()).revokedAt).not.toBeNull();
      const missing = await app.request('/v1/admin/keys/nope', { method: 'DELETE', headers: bearer(admin) });
      expect(missing.status).toBe(404);
      const noShops = await postJson(app, '/v1/admin/keys', { role: 'seller', label: 'x' }, bearer(admin));
      expect(noShops.status).toBe(400);
      const badShop = await postJson(
        app,
        '/v1/admin/keys',
        { role: 'seller', label: 'x', sellers: ['shopee:abc'] },
        bearer(admin),
      );
      expect(badShop.status).toBe(400);
    });

    it('a revoked admin key stops working', async () => {
      const res = await postJson(app, '/v1/admin/keys', { role: 'admin', label: 'temp' }, bearer(admin));
      const temp = CreatedApiKey.parse(await res.json());
      expect((await app.request('/v1/admin/keys', { headers: bearer(temp.key) })).status).toBe(200);
      await app.request(`/v1/admin/keys/${temp.id}`, { method: 'DELETE', headers: bearer(admin) });
      expect((await app.request('/v1/admin/keys', { headers: bearer(temp.key) })).status).toBe(401);
    });
  });

  describe('rate limit', () => {
    it('limits each hashed client address separately and says when to retry', async () => {
      const { app: limited } = createApp({
        db: database.db,
        clock: () => NOW,
        config: { trustProxy: true, rateLimit: { requests: 3, windowSeconds: 60 } },
      });
      const from = (ip: string) => limited.request('/v1/meta', { headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).status).toBe(200);
      const blocked = await from('203.0.113.7');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ErrorBody.parse(await blocked.json()).error.code).toBe('rate_limited');
      expect((await from('198.51.100.9')).status).toBe(200);
    });
  });

  describe('database failures', () => {
    it('answers 503 database_unavailable, without internals, when the database is down', async () => {
      // A stored bucket this node has not read yet (an empty prefix is answered from memory).
      await importRegistrations();
      const prefix = await prefixOf('shopee:672907573');
      const gone = openDatabase(database.location);
      const { app: broken, deps: d } = createApp({ db: gone.db, clock: () => NOW });
      await d.buckets.init();
      await gone.close();
      for (const req of [
        broken.request(`/v1/buckets/${prefix}`),
        broken.request('/v1/sellers/shopee/1'),
        postCsv(broken, '/v1/admin/import/registrations', REG_CSV, admin),
      ]) {
        const res = await req;
        expect(res.status).toBe(503);
        const text = await res.text();
        expect(ErrorBody.parse(JSON.parse(text)).error.code).toBe('database_unavailable');
        expect(text).not.toMatch(/stack|\.ts:|select|insert/i);
      }
      const health = await broken.request('/v1/health');
      expect(health.status).toBe(503);
    });

    it('answers 503 while the database is locked, and the retried import lands whole', async () => {
      const release = await lockDatabase(engine, database.location);
      try {
        const res = await postCsv(app, '/v1/admin/import/registrations', REG_CSV, admin);
        expect(res.status).toBe(503);
        expect(ErrorBody.parse(await res.json()).error.code).toBe('database_unavailable');
      } finally {
        await release();
      }
      expect(await database.db.selectFrom('sellers').select('id').execute()).toHaveLength(0);
      expect((await importRegistrations()).inserted).toBe(3);
    });
  });
});
