// Attacks on the admin imports and the lookup cache (issue 9), each replayed through the real HTTP
// app on every engine: a merge that answered 500 and left a slug unlinkable, control characters a
// PostgreSQL column refuses, an import that held every lookup up, and lookups that filled the
// bucket cache with entries no extension asks for.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BucketAnswer, ErrorBody, ImportResult, LookupAnswer, TrustRecord } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { createApp, postCsv, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00Z');
const SANCTION_HEADER = 'platform,seller_id,slug,authority,decision,date,summary,url';
const REG_HEADER =
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store';

describe.each(DIALECTS)('import and lookup abuse on %s', (engine) => {
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

  async function record(path: string): Promise<TrustRecord> {
    const res = await app.request(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return TrustRecord.parse(await res.json());
  }

  describe('merging a slug-only seller into its numeric record', () => {
    const sanction = (sellerId: string, slug: string, decision = '77/QĐ-XPHC') =>
      `shopee,${sellerId},${slug},Cục QLTT TP.HCM,${decision},2026-03-01,Bán hàng giả,`;

    it('keeps a sanction known under both names once, and links the slug (was a 500)', async () => {
      // The attack: the same decision, first recorded against the slug, then against the shop's
      // numeric id (a second file), then the row that says both are the same shop.
      const first = await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [SANCTION_HEADER, sanction('', 'hangnhai.vn'), sanction('', 'hangnhai.vn', '78/QĐ-XPHC')].join('\n'),
        admin,
      );
      expect(first.status).toBe(200);
      const second = await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [SANCTION_HEADER, sanction('5550001', '')].join('\n'),
        admin,
      );
      expect(second.status).toBe(200);

      const merge = await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [SANCTION_HEADER, sanction('5550001', 'hangnhai.vn')].join('\n'),
        admin,
      );
      expect(merge.status, await merge.clone().text()).toBe(200);
      expect(ImportResult.parse(await merge.json())).toMatchObject({ rows: 1, updated: 1 });

      const byId = await record('/v1/sellers/shopee/5550001');
      const bySlug = await record('/v1/sellers/shopee/@hangnhai.vn');
      expect(bySlug).toEqual(byId);
      expect(byId.sellerId).toBe('5550001');
      // Both decisions, each once: the shared one is not doubled, the slug's other one moved over.
      expect(byId.sanctions.map((s) => s.decision).sort()).toEqual(['77/QĐ-XPHC', '78/QĐ-XPHC']);
      expect(await database.db.selectFrom('sellers').select('id').execute()).toEqual([
        { id: 'shopee:5550001' },
      ]);

      // Re-sending the merging file changes nothing.
      const again = await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [SANCTION_HEADER, sanction('5550001', 'hangnhai.vn')].join('\n'),
        admin,
      );
      expect(ImportResult.parse(await again.json())).toMatchObject({ unchanged: 1 });
    });

    it('merges through a registrations row too, the shared decision kept once', async () => {
      await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [SANCTION_HEADER, sanction('', 'hn.shop')].join('\n'),
        admin,
      );
      await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [SANCTION_HEADER, sanction('42', '')].join('\n'),
        admin,
      );
      const res = await postCsv(
        app,
        '/v1/admin/import/registrations',
        [REG_HEADER, 'Công ty HN,0311111111,registered,2022-01-01,TB-1,shopee,42,hn.shop,HN Shop,false'].join(
          '\n',
        ),
        admin,
      );
      expect(res.status, await res.clone().text()).toBe(200);
      const bySlug = await record('/v1/sellers/shopee/@hn.shop');
      expect(bySlug.sellerId).toBe('42');
      expect(bySlug.sanctions).toHaveLength(1);
    });
  });
});

// Silence unused imports until the later sections use them.
void BucketAnswer;
void ErrorBody;
void LookupAnswer;
void hashSellerKey;
void postJson;
