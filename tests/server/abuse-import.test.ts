// Attacks on the admin imports and the lookup cache (issue 9), each replayed through the real HTTP
// app on every engine: a merge that answered 500 and left a slug unlinkable, control characters a
// PostgreSQL column refuses, an import that held every lookup up, and lookups that filled the
// bucket cache with entries no extension asks for.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BucketAnswer, ErrorBody, ImportResult, LookupAnswer, TrustRecord } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { IMPORT_BATCH_ROWS } from '../../server/import/apply';
import { parseSanctionsCsvInSlices } from '../../server/import/rows';
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

  describe('batched writes', () => {
    it('applies a file mixing new shops, a merge and a changed decision as row by row, and again changes nothing', async () => {
      const row = (id: string, slug: string, decision: string, summary = 'Hàng giả') =>
        `shopee,${id},${slug},Cục QLTT,${decision},2026-03-01,${summary},`;
      const setup = await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [SANCTION_HEADER, row('', 'mix.shop', 'D1'), row('600', '', 'D2', 'cũ')].join('\n'),
        admin,
      );
      expect(setup.status).toBe(200);
      const file = [
        SANCTION_HEADER,
        row('600', '', 'D2', 'mới'),
        row('600', '', 'D3'),
        row('', 'mix.shop', 'D4'),
        row('600', 'mix.shop', 'D5'),
        row('601', 'new.shop', 'D6'),
        row('601', '', 'D7'),
      ].join('\n');
      const res = await postCsv(app, '/v1/admin/import/sanctions', file, admin);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(ImportResult.parse(await res.json())).toMatchObject({
        rows: 6,
        inserted: 5,
        updated: 1,
        unchanged: 0,
      });

      const merged = await record('/v1/sellers/shopee/@mix.shop');
      expect(merged.sellerId).toBe('600');
      expect(merged.sanctions.map((s) => [s.decision, s.summary]).sort()).toEqual([
        ['D1', 'Hàng giả'],
        ['D2', 'mới'],
        ['D3', 'Hàng giả'],
        ['D4', 'Hàng giả'],
        ['D5', 'Hàng giả'],
      ]);
      const other = await record('/v1/sellers/shopee/@new.shop');
      expect(other.sellerId).toBe('601');
      expect(other.sanctions.map((s) => s.decision).sort()).toEqual(['D6', 'D7']);

      const again = await postCsv(app, '/v1/admin/import/sanctions', file, admin);
      expect(ImportResult.parse(await again.json())).toMatchObject({
        rows: 6,
        inserted: 0,
        updated: 0,
        unchanged: 6,
      });
    });
  });

  describe('two imports at once', () => {
    it('applies both files naming the same new shops, each fact once', async () => {
      const file = (decision: string) =>
        [
          SANCTION_HEADER,
          ...Array.from(
            { length: IMPORT_BATCH_ROWS + 10 },
            (_, i) => `sendo,${300_000 + i},s${i},Cục QLTT,${decision},2026-01-01,Hàng giả,`,
          ),
        ].join('\n');
      const [a, b] = await Promise.all([
        postCsv(app, '/v1/admin/import/sanctions', file('A/QĐ'), admin),
        postCsv(app, '/v1/admin/import/sanctions', file('B/QĐ'), admin),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const inserted = [ImportResult.parse(await a.json()), ImportResult.parse(await b.json())].map(
        (r) => r.inserted,
      );
      expect(inserted).toEqual([IMPORT_BATCH_ROWS + 10, IMPORT_BATCH_ROWS + 10]);
      const last = await record(`/v1/sellers/sendo/@s${IMPORT_BATCH_ROWS + 9}`);
      expect(last.sellerId).toBe(String(300_000 + IMPORT_BATCH_ROWS + 9));
      expect(last.sanctions.map((s) => s.decision).sort()).toEqual(['A/QĐ', 'B/QĐ']);
    });
  });

  describe('control characters in a file', () => {
    it('refuses NUL and other control characters as row errors naming their lines (was a 500 on PostgreSQL)', async () => {
      const csv = [
        SANCTION_HEADER,
        'shopee,1001,,Cục QLTT,1/QĐ,2026-01-01,Hợp lệ,',
        'shopee,1002,,Cục QLTT,2/QĐ,2026-01-01,Có NUL \u0000 ở đây,',
        'shopee,1003,,Cục \u0085QLTT,3/QĐ,2026-01-01,C1 trong cơ quan,',
        'shopee,1004,,Cục QLTT,4/\tQĐ,2026-01-01,Tab trong số quyết định,',
        'shopee,1005,,Cục QLTT,5/QĐ,2026-01-01,"Xuống dòng\n\tvà tab trong tóm tắt: được",',
      ].join('\n');
      const res = await postCsv(app, '/v1/admin/import/sanctions', csv, admin);
      expect(res.status).toBe(422);
      const body = ErrorBody.parse(await res.json());
      expect(body.error.details?.map((d) => d.line)).toEqual([3, 4, 5]);
      expect(body.error.details?.[0]?.message).toMatch(/^summary: .*U\+0000/);
      expect(body.error.details?.[1]?.message).toMatch(/^authority: .*U\+0085/);
      expect(body.error.details?.[2]?.message).toMatch(/^decision: .*U\+0009/);
      expect(await database.db.selectFrom('sellers').select('id').execute()).toEqual([]);

      const reg = await postCsv(
        app,
        '/v1/admin/import/registrations',
        [REG_HEADER, 'Công ty\u0000 NUL,0311111111,registered,2022-01-01,TB-1,shopee,42,,Shop,false'].join(
          '\n',
        ),
        admin,
      );
      expect(reg.status).toBe(422);
      const regBody = ErrorBody.parse(await reg.json());
      expect(regBody.error.details).toEqual([
        { line: 2, message: expect.stringMatching(/^business_name: /) },
      ]);

      // Without the bad lines the same file imports, the free-text line break and tab included.
      const good = csv
        .split('\n')
        .filter((_, i) => i < 2 || i >= 5)
        .join('\n');
      const ok = await postCsv(app, '/v1/admin/import/sanctions', good, admin);
      expect(ok.status, await ok.clone().text()).toBe(200);
      const five = await record('/v1/sellers/shopee/1005');
      expect(five.sanctions[0]?.summary).toBe('Xuống dòng\n\tvà tab trong tóm tắt: được');
    });
  });

  describe('lookups that would fill the bucket cache', () => {
    // A deterministic stream of "random" hex, so that a failure can be replayed.
    function randomPrefixes(count: number, length: number, seed: number): string[] {
      let x = seed;
      const out = new Set<string>();
      while (out.size < count) {
        let p = '';
        for (let i = 0; i < length; i++) {
          x = (x * 1103515245 + 12345) % 2 ** 31;
          p += ((x >> 16) & 15).toString(16);
        }
        out.add(p);
      }
      return [...out];
    }

    it('answers 100 random 8-hex prefixes without caching them, and correctly', async () => {
      const keys = ['shopee:111', 'shopee:222', 'lazada:333'];
      const res = await postCsv(
        app,
        '/v1/admin/import/sanctions',
        [
          SANCTION_HEADER,
          ...keys.map((k, i) => `${k.replace(':', ',')},,Cục QLTT,${i}/QĐ,2026-01-01,Hàng giả,`),
        ].join('\n'),
        admin,
      );
      expect(res.status, await res.clone().text()).toBe(200);
      const hashes = await Promise.all(keys.map((k) => hashSellerKey(k)));
      // The attack: 100 random 8-hex prefixes, over and over; two of them name real sellers.
      const asked = [
        ...randomPrefixes(98, 8, 7),
        (hashes[0] as string).slice(0, 8),
        (hashes[2] as string).slice(0, 6),
      ];
      for (let round = 0; round < 3; round++) {
        const lookup = await postJson(app, '/v1/lookup', {
          prefixes: round === 0 ? asked : randomPrefixes(100, 8, 100 + round),
        });
        expect(lookup.status).toBe(200);
        const answer = LookupAnswer.parse(await lookup.json());
        expect(answer.buckets).toHaveLength(100);
        for (const bucket of answer.buckets) {
          for (const entry of bucket.entries) expect(entry.hash.startsWith(bucket.prefix)).toBe(true);
        }
        if (round === 0) {
          const byPrefix = new Map(answer.buckets.map((b) => [b.prefix, b]));
          expect(byPrefix.get(asked[98] as string)?.entries.map((e) => e.hash)).toEqual([hashes[0]]);
          expect(byPrefix.get(asked[99] as string)?.entries.map((e) => e.hash)).toEqual([hashes[2]]);
          // The same answer as the bucket route gives for that prefix.
          const single = await app.request(`/v1/buckets/${asked[98]}`);
          expect(BucketAnswer.parse(await single.json())).toEqual(byPrefix.get(asked[98] as string));
        }
      }
      // Only shortest-prefix buckets are held (ones the extension asks for), at most one per
      // distinct 4-hex start of what was asked: never one per 8-hex prefix.
      const cached = deps.buckets.cachedPrefixes;
      expect(cached.every((p) => p.length === 4)).toBe(true);
      expect(deps.buckets.cacheEntries).toBe(cached.length);
      expect(deps.buckets.cacheEntries).toBeLessThanOrEqual(300);
      const before = deps.buckets.cacheEntries;
      // Asking the same 8-hex prefixes again adds nothing.
      await postJson(app, '/v1/lookup', { prefixes: asked });
      expect(deps.buckets.cacheEntries).toBe(before);
    });

    it('refuses a lookup whose answer would exceed the size cap, with a clear message', async () => {
      const small = createApp({
        db: database.db,
        clock: () => NOW,
        config: { rateLimit: { requests: 0, windowSeconds: 60 }, maxLookupAnswerBytes: 40 * 1024 },
      });
      await small.deps.buckets.init();
      const ten = await postJson(small.app, '/v1/lookup', { prefixes: randomPrefixes(10, 4, 3) });
      expect(ten.status).toBe(200);
      const res = await postJson(small.app, '/v1/lookup', { prefixes: randomPrefixes(11, 4, 3) });
      expect(res.status).toBe(400);
      const body = ErrorBody.parse(await res.json());
      expect(body.error.code).toBe('too_many_prefixes');
      expect(body.error.message).toMatch(/larger than 40960 bytes: ask for fewer prefixes/);
    });
  });

  describe('a large import and concurrent lookups', () => {
    it('answers a lookup issued while the import is being written before the import finishes', async () => {
      // Five batches: the lookups are issued after the first has committed.
      const rows = IMPORT_BATCH_ROWS * 5;
      const lines = [SANCTION_HEADER];
      for (let i = 0; i < rows; i++) {
        lines.push(`tiki,${7_000_000 + i},,Cục QLTT Hà Nội,${i}/QĐ-XPHC,2026-02-01,Hàng giả,`);
      }
      const before = deps.buckets.version;
      const finished: string[] = [];
      const importing = postCsv(app, '/v1/admin/import/sanctions', lines.join('\n'), admin).then(
        async (res) => {
          finished.push('import');
          return res;
        },
      );
      // Wait until the import has committed its first batch (the data version moved), so the
      // lookups below really are issued in the middle of the writing.
      while (deps.buckets.version === before && finished.length === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(finished).toEqual([]);
      const key = 'tiki:7000000';
      const prefix = (await hashSellerKey(key)).slice(0, 4);
      const lookups = Promise.all([
        app.request(`/v1/buckets/${prefix}`),
        postJson(app, '/v1/lookup', { prefixes: [prefix, 'abcd', '0123'] }),
      ]).then((answers) => {
        finished.push('lookup');
        return answers;
      });
      const [[bucket, lookup], imported] = await Promise.all([lookups, importing]);

      expect(finished).toEqual(['lookup', 'import']);
      expect(bucket.status).toBe(200);
      expect(BucketAnswer.parse(await bucket.json()).prefix).toBe(prefix);
      expect(lookup.status).toBe(200);
      expect(LookupAnswer.parse(await lookup.json()).buckets).toHaveLength(3);
      expect(imported.status).toBe(200);
      expect(ImportResult.parse(await imported.json())).toMatchObject({ rows, inserted: rows });
      // Once the import has answered, every row is there.
      const count = await database.db
        .selectFrom('sanctions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(rows);
      expect((await record(`/v1/sellers/tiki/${7_000_000 + rows - 1}`)).sanctions).toHaveLength(1);
    });
  });
});

describe('validating a large file', () => {
  it('gives the event loop turns while it validates', async () => {
    const lines = [SANCTION_HEADER];
    // Every row invalid (a bad date and a bad platform): the costly path of the validator.
    for (let i = 0; i < 20_000; i++) lines.push(`shopii,${i + 1},,Cục,${i}/QĐ,2026-13-45,Sai,`);
    let turns = 0;
    let done = false;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const result = await parseSanctionsCsvInSlices(lines.join('\n'), '2026-11-01');
    done = true;
    expect(result.ok).toBe(false);
    // A validation that held the event loop from start to end would see at most one turn.
    expect(turns).toBeGreaterThan(3);
  });
});
