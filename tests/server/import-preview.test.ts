// The admin's import in two steps (issue 10): a preview that applies nothing (rows, errors by
// line, what would change) and a confirm that applies exactly what was previewed, refusing a token
// that is forged, for another file, kind or key, expired, or stale. Through the real HTTP app, on
// every engine.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_PREVIEW_LIST_CAP, ImportPreview } from '../../lib/registry/imports';
import { ErrorBody, ImportResult, TrustRecord } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import { readDataVersion } from '../../server/db/sellers';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00Z');
const SANCTION_HEADER = 'platform,seller_id,slug,authority,decision,date,summary,url';
const REG_HEADER =
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store';

const sanction = (id: string, decision: string, summary = 'Bán hàng giả', date = '2026-03-01') =>
  `shopee,${id},,Cục QLTT Hà Nội,${decision},${date},${summary},`;

describe.each(DIALECTS)('import preview and confirm on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: string;
  let now: Date;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await emptyTables(database);
    now = NOW;
    const created = createApp({
      db: database.db,
      clock: () => now,
      config: { rateLimit: { requests: 0, windowSeconds: 60 } },
    });
    app = created.app;
    await created.deps.buckets.init();
    admin = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
  });

  async function preview(kind: string, csv: string, key = admin): Promise<ImportPreview> {
    const res = await postCsv(app, `/v1/admin/import/${kind}/preview`, csv, key);
    expect(res.status, await res.clone().text()).toBe(200);
    return ImportPreview.parse(await res.json());
  }

  async function confirm(kind: string, csv: string, token: string, key = admin): Promise<Response> {
    return app.request(`/v1/admin/import/${kind}/confirm`, {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv', 'x-import-token': token, ...bearer(key) },
    });
  }

  async function refused(res: Response, status: number, message: RegExp): Promise<void> {
    expect(res.status, await res.clone().text()).toBe(status);
    expect(ErrorBody.parse(await res.json()).error.message).toMatch(message);
  }

  async function record(path: string): Promise<TrustRecord | null> {
    const res = await app.request(path);
    if (res.status === 404) return null;
    expect(res.status).toBe(200);
    return TrustRecord.parse(await res.json());
  }

  async function imported(kind: string, csv: string): Promise<ImportResult> {
    const res = await postCsv(app, `/v1/admin/import/${kind}`, csv, admin);
    expect(res.status, await res.clone().text()).toBe(200);
    return ImportResult.parse(await res.json());
  }

  /** Everything an import can change, to compare before and after a preview. */
  async function snapshot() {
    const count = async (table: 'sellers' | 'seller_keys' | 'sanctions' | 'businesses' | 'imports') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      dataVersion: await readDataVersion(database.db),
      counts: await Promise.all(
        (['sellers', 'seller_keys', 'sanctions', 'businesses', 'imports'] as const).map(count),
      ),
      a: await record('/v1/sellers/shopee/100'),
      b: await record('/v1/sellers/shopee/200'),
      c: await record('/v1/sellers/shopee/300'),
    };
  }

  const MIXED = [
    SANCTION_HEADER,
    sanction('100', 'QĐ-1'), // unchanged
    sanction('200', 'QĐ-2', 'Bán hàng giả nhãn hiệu Sen'), // summary changes
    sanction('300', 'QĐ-3'), // new seller, new fact
    sanction('100', 'QĐ-4', 'Không niêm yết giá', '2026-04-02'), // new fact on a known seller
  ].join('\n');

  async function base(): Promise<void> {
    await imported(
      'sanctions',
      [SANCTION_HEADER, sanction('100', 'QĐ-1'), sanction('200', 'QĐ-2')].join('\n'),
    );
  }

  it('lists what a file mixing new, changed and unchanged rows would change, and applies nothing', async () => {
    await base();
    const before = await snapshot();
    const p = await preview('sanctions', MIXED);
    expect(await snapshot()).toEqual(before);

    expect(p).toMatchObject({ kind: 'sanctions', rows: 4, errors: [], dataVersion: before.dataVersion });
    expect(p.listCap).toBe(IMPORT_PREVIEW_LIST_CAP);
    expect(p.sellersCreated).toEqual({ count: 1, items: [{ line: 4, seller: 'shopee:300' }] });
    expect(p.factsAdded.count).toBe(2);
    expect(p.factsAdded.items.map((i) => [i.line, i.seller, i.label])).toEqual([
      [4, 'shopee:300', 'Cục QLTT Hà Nội QĐ-3'],
      [5, 'shopee:100', 'Cục QLTT Hà Nội QĐ-4'],
    ]);
    expect(p.factsAdded.items[1]?.values).toContainEqual({ field: 'summary', value: 'Không niêm yết giá' });
    expect(p.factsChanged).toEqual({
      count: 1,
      items: [
        {
          line: 3,
          seller: 'shopee:200',
          fact: 'sanction',
          label: 'Cục QLTT Hà Nội QĐ-2',
          changes: [{ field: 'summary', old: 'Bán hàng giả', new: 'Bán hàng giả nhãn hiệu Sen' }],
        },
      ],
    });
    expect(p.unchanged).toEqual({ count: 1, lines: [2] });
    expect(p.token).toEqual(expect.any(String));
  });

  it('applies the previewed file on confirm, with the counts the preview gave', async () => {
    await base();
    const p = await preview('sanctions', MIXED);
    const versionBefore = await readDataVersion(database.db);
    const res = await confirm('sanctions', MIXED, p.token as string);
    expect(res.status, await res.clone().text()).toBe(200);
    const result = ImportResult.parse(await res.json());
    expect(result).toMatchObject({
      kind: 'sanctions',
      rows: p.rows,
      inserted: p.factsAdded.count,
      updated: p.factsChanged.count,
      unchanged: p.unchanged.count,
    });
    expect(result.dataVersion).toBeGreaterThan(versionBefore);
    expect((await record('/v1/sellers/shopee/300'))?.sanctions.map((s) => s.decision)).toEqual(['QĐ-3']);
    expect((await record('/v1/sellers/shopee/200'))?.sanctions[0]?.summary).toBe(
      'Bán hàng giả nhãn hiệu Sen',
    );
    // The same file previewed again now changes nothing.
    const again = await preview('sanctions', MIXED);
    expect(again.unchanged.count).toBe(4);
    expect(again.factsAdded.count + again.factsChanged.count + again.sellersCreated.count).toBe(0);
  });

  it('shows registrations changing field by field (old → new), new shops and unchanged rows', async () => {
    const reg = (name: string, tax: string, status: string, id: string, shop: string, official = 'false') =>
      `${name},${tax},${status},2023-05-12,online.gov.vn/${tax},shopee,${id},,${shop},${official}`;
    await imported(
      'registrations',
      [
        REG_HEADER,
        reg('Công ty Sen', '0312345678', 'registered', '100', 'Sen'),
        reg('Công ty Lúa', '0312345679', 'registered', '200', 'Lúa'),
      ].join('\n'),
    );
    const before = await snapshot();
    const file = [
      REG_HEADER,
      reg('Công ty Sen', '0312345678', 'registered', '100', 'Sen'),
      reg('Công ty Lúa', '0312345679', 'bị hủy', '200', 'Lúa Official', 'true'),
      reg('Công ty Mạ', '0312345670', 'registered', '300', 'Mạ'),
    ].join('\n');
    const p = await preview('registrations', file);
    expect(await snapshot()).toEqual(before);
    expect(p.unchanged).toEqual({ count: 1, lines: [2] });
    expect(p.factsChanged.items).toEqual([
      {
        line: 3,
        seller: 'shopee:200',
        fact: 'registration',
        label: 'Công ty Lúa',
        changes: [
          { field: 'status', old: 'registered', new: 'revoked' },
          { field: 'shop_name', old: 'Lúa', new: 'Lúa Official' },
          { field: 'official_store', old: 'false', new: 'true' },
        ],
      },
    ]);
    expect(p.sellersCreated.items).toEqual([{ line: 4, seller: 'shopee:300' }]);
    expect(p.factsAdded.items).toEqual([
      expect.objectContaining({ line: 4, seller: 'shopee:300', label: 'Công ty Mạ' }),
    ]);
    const res = await confirm('registrations', file, p.token as string);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await record('/v1/sellers/shopee/200'))?.registration.status).toBe('revoked');
    expect((await record('/v1/sellers/shopee/300'))?.registration.businessName).toBe('Công ty Mạ');
  });

  it('gives every error by the line a person sees in the file, with its column, and no token', async () => {
    const before = await snapshot();
    const file = [
      SANCTION_HEADER,
      // A summary over two physical lines: the next record starts on line 4.
      'shopee,100,,Cục QLTT,QĐ-1,2026-03-01,"Bán hàng giả\ntrên hai dòng",',
      'shopee,200,,Cục QLTT,QĐ-2,2026-13-01,Sai ngày,',
      'shopee,300,,Cục QLTT,QĐ-3,2026-03-01,Đúng,javascript:alert(1)',
    ].join('\n');
    const p = await preview('sanctions', file);
    expect(p.rows).toBe(3);
    expect(p.errors).toEqual([
      { line: 4, field: 'date', message: expect.stringMatching(/not a real calendar date/) },
      { line: 5, field: 'url', message: expect.stringMatching(/http/) },
    ]);
    expect(p.token).toBeNull();
    expect(p.factsAdded.count + p.factsChanged.count + p.unchanged.count).toBe(0);
    expect(await snapshot()).toEqual(before);

    // A file that is not CSV at all: its line, no column, no row count.
    const broken = await preview('sanctions', `${SANCTION_HEADER}\nshopee,"100`);
    expect(broken.rows).toBeNull();
    expect(broken.errors).toEqual([{ line: 2, field: null, message: expect.stringMatching(/invalid CSV/) }]);
  });

  it('refuses a forged token, another file, another kind, another key and an expired preview', async () => {
    await base();
    const before = await snapshot();
    const p = await preview('sanctions', MIXED);
    const token = p.token as string;
    await refused(await confirm('sanctions', MIXED, `${token}x`), 400, /not a preview token/);
    await refused(await confirm('sanctions', MIXED, 'aip1.e30.AAAA'), 400, /not a preview token/);
    await refused(
      await app.request('/v1/admin/import/sanctions/confirm', {
        method: 'POST',
        body: MIXED,
        headers: { 'content-type': 'text/csv', ...bearer(admin) },
      }),
      400,
      /invalid headers/,
    );
    await refused(
      await confirm('sanctions', `${MIXED}\n${sanction('400', 'QĐ-9')}`, token),
      409,
      /not the one previewed/,
    );
    await refused(await confirm('registrations', MIXED, token), 409, /previewed a sanctions file/);
    const other = (await createApiKey(database.db, { role: 'admin', label: 'other admin' }, NOW)).key;
    await refused(await confirm('sanctions', MIXED, token, other), 409, /another key/);
    now = new Date(NOW.getTime() + 31 * 60_000);
    await refused(await confirm('sanctions', MIXED, token), 409, /expired/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stale token when the data changed what the file would do, not when it changed elsewhere', async () => {
    await base();
    const p = await preview('sanctions', MIXED);
    // Elsewhere: another shop's sanction. The plan is the same, so the confirm goes through.
    await imported('sanctions', [SANCTION_HEADER, sanction('900', 'QĐ-90')].join('\n'));
    const q = await preview('sanctions', MIXED);
    await imported('sanctions', [SANCTION_HEADER, sanction('300', 'QĐ-3', 'Đã sửa')].join('\n'));
    // Between q's preview and its confirm, line 4's fact came to exist with another summary.
    const before = await snapshot();
    await refused(
      await confirm('sanctions', MIXED, q.token as string),
      409,
      /data changed since the preview/,
    );
    expect(await snapshot()).toEqual(before);
    // p was previewed before that change too: equally stale.
    await refused(await confirm('sanctions', MIXED, p.token as string), 409, /preview it again/);
    const fresh = await preview('sanctions', MIXED);
    expect(fresh.factsChanged.items.map((i) => i.line)).toEqual([3, 4]);
    expect((await confirm('sanctions', MIXED, fresh.token as string)).status).toBe(200);
  });

  it('confirms after an unrelated change', async () => {
    await base();
    const p = await preview('sanctions', MIXED);
    await imported('sanctions', [SANCTION_HEADER, sanction('900', 'QĐ-90')].join('\n'));
    const res = await confirm('sanctions', MIXED, p.token as string);
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('refuses at confirm a file that no longer validates (the clock went back a day)', async () => {
    const file = [SANCTION_HEADER, sanction('100', 'QĐ-1', 'Hôm nay', '2026-11-01')].join('\n');
    const p = await preview('sanctions', file);
    now = new Date('2026-10-31T08:00:00Z');
    await refused(await confirm('sanctions', file, p.token as string), 409, /no longer valid/);
    expect(await record('/v1/sellers/shopee/100')).toBeNull();
  });

  it('lets only admin keys preview or confirm (401 without a key, 403 for other roles)', async () => {
    const p = await preview('sanctions', MIXED);
    const seller = (
      await createApiKey(database.db, { role: 'seller', label: 'shop', sellers: ['shopee:100'] }, NOW)
    ).key;
    const moderator = (await createApiKey(database.db, { role: 'moderator', label: 'mod' }, NOW)).key;
    for (const key of [seller, moderator]) {
      await refused(await postCsv(app, '/v1/admin/import/sanctions/preview', MIXED, key), 403, /.+/);
      await refused(await confirm('sanctions', MIXED, p.token as string, key), 403, /.+/);
    }
    const anonymous = await app.request('/v1/admin/import/sanctions/preview', {
      method: 'POST',
      body: MIXED,
      headers: { 'content-type': 'text/csv' },
    });
    expect(anonymous.status).toBe(401);
    expect(
      (
        await app.request('/v1/admin/import/sanctions/confirm', {
          method: 'POST',
          body: MIXED,
          headers: { 'content-type': 'text/csv', 'x-import-token': p.token as string },
        })
      ).status,
    ).toBe(401);
    expect(await record('/v1/sellers/shopee/300')).toBeNull();
  });

  it('counts every change but lists at most the cap', async () => {
    const rows = Array.from({ length: IMPORT_PREVIEW_LIST_CAP + 5 }, (_, i) =>
      sanction(String(1000 + i), 'QĐ-1'),
    );
    const p = await preview('sanctions', [SANCTION_HEADER, ...rows].join('\n'));
    expect(p.sellersCreated.count).toBe(IMPORT_PREVIEW_LIST_CAP + 5);
    expect(p.sellersCreated.items).toHaveLength(IMPORT_PREVIEW_LIST_CAP);
    expect(p.factsAdded.count).toBe(IMPORT_PREVIEW_LIST_CAP + 5);
    expect(p.factsAdded.items).toHaveLength(IMPORT_PREVIEW_LIST_CAP);
  });

  it('plans merges and files naming one seller twice as the import applies them', async () => {
    // A slug-only seller with a decision, and the numeric record with the same decision.
    await imported(
      'sanctions',
      [
        SANCTION_HEADER,
        'shopee,,hn.shop,Cục QLTT,D1,2026-03-01,Hàng giả,',
        'shopee,,hn.shop,Cục QLTT,D2,2026-03-01,Hàng giả,',
      ].join('\n'),
    );
    const file = [
      SANCTION_HEADER,
      'shopee,42,hn.shop,Cục QLTT,D1,2026-03-01,Hàng giả,', // the merge: D1 was the slug's
      'shopee,42,,Cục QLTT,D2,2026-03-01,Hàng giả,', // D2 moved with it: unchanged
      'shopee,43,,Cục QLTT,D3,2026-03-01,Mới,',
      'shopee,43,,Cục QLTT,D4,2026-03-01,Mới,', // the seller line 4 creates: not created twice
    ].join('\n');
    const p = await preview('sanctions', file);
    expect(p.sellersCreated.items).toEqual([{ line: 4, seller: 'shopee:43' }]);
    expect(p.factsChanged.items).toEqual([
      expect.objectContaining({
        line: 2,
        changes: [{ field: 'slug', old: 'shopee:@hn.shop', new: 'hn.shop' }],
      }),
    ]);
    expect(p.unchanged.lines).toEqual([3]);
    expect(p.factsAdded.items.map((i) => i.line)).toEqual([4, 5]);
    const res = await confirm('sanctions', file, p.token as string);
    expect(ImportResult.parse(await res.json())).toMatchObject({ inserted: 2, updated: 1, unchanged: 1 });
  });
});
