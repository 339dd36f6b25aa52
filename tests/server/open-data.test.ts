// Open data: the daily snapshot (CSV and JSON Lines), its listing and files, the statistics per
// marketplace (JSON and the /stats page). The snapshot must hold exactly the records the registry
// serves one by one, and nothing personal.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubmitComplaintInput } from '../../lib/registry/cases';
import { TrustRecord } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import { parseServerEnv } from '../../server/config';
import { openDatabase } from '../../server/db/connect';
import { ensureSeller } from '../../server/db/sellers';
import { seedDemoData } from '../../server/demo/seed';
import { parseCsv } from '../../server/import/csv';
import { CSV_COLUMNS, csvCell, csvLine } from '../../server/opendata/csv';
import { escapeHtml } from '../../server/opendata/page';
import { generateSnapshot } from '../../server/opendata/snapshot';
import { startRegistry } from '../../server/serve';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00Z');
const DAY = 86_400_000;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('CSV cells (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, keeps Vietnamese, and defuses formulas', () => {
    expect(csvCell('Sen Việt')).toBe('Sen Việt');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+84 90')).toBe("'+84 90");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(false)).toBe('false');
    expect(csvLine(['a', null, 3])).toBe('a,,3\r\n');
  });

  it('parses back to the same values with the registry CSV reader', () => {
    const values = ['Cửa hàng "Sen", Việt', 'dòng 1\r\ndòng 2', '', 'plain', 'đ'];
    const parsed = parseCsv(csvLine(values) + csvLine(values)).records;
    expect(parsed.map((r) => r.fields)).toEqual([values, values]);
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

/** The CSV cell text a record's value should read as, once parsed back. */
function cellText(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

describe.each(DIALECTS)('open data on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let now: Date;
  let admin: string;
  let moderator: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('open_data_chunks').execute();
    await database.db.deleteFrom('open_data_snapshots').execute();
    await emptyTables(database);
    now = NOW;
    const created = createApp({
      db: database.db,
      clock: () => now,
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, openDataKeepDays: 3 },
    });
    app = created.app;
    await created.deps.buckets.init();
    admin = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
    moderator = (await createApiKey(database.db, { role: 'moderator', label: 'mod' }, NOW)).key;
  });

  const snapshot = async () => {
    const res = await app.request('/v1/admin/open-data/snapshot', { method: 'POST', headers: bearer(admin) });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as {
      date: string;
      records: number;
      files: { name: string; url: string; size: number; sha256: string }[];
    };
  };
  const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

  it('publishes every record as served by /v1/sellers, as CSV and JSON Lines, and nothing personal', async () => {
    await seedDemoData(database.db, NOW);
    // A shop name chosen to break a spreadsheet: a formula, a quote, a comma and a line break.
    const trap = '=HYPERLINK("http://evil.example","Sen"),\nViệt';
    const shop = await ensureSeller(database.db, 'shopee', '555000111', null, NOW);
    await database.db.updateTable('sellers').set({ name: trap }).where('id', '=', shop.id).execute();
    // A complaint with personal data, verified so that it counts in the record.
    const secret = {
      email: 'nguyen.van.a@example.vn',
      phone: '+84 912 345 678',
      name: 'Nguyễn Văn A',
      orderCode: '2410150QWERTY',
      description: 'Áo bị rách ở tay áo, tôi muốn hoàn tiền ngay.',
      item: 'Áo thun cotton nam size XL',
    };
    const complaint: SubmitComplaintInput = {
      seller: 'shopee:555000111',
      order: {
        orderCode: secret.orderCode,
        orderDate: '2026-10-15',
        items: [{ title: secret.item, quantity: 1, unitPrice: 149000 }],
        total: 149000,
        currency: 'VND',
      },
      category: 'not_as_described',
      desiredOutcome: 'refund',
      description: secret.description,
      contact: { name: secret.name, email: secret.email, phone: secret.phone },
      consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
    };
    const filed = await postJson(app, '/v1/complaints', complaint, { 'idempotency-key': randomUUID() });
    expect(filed.status, await filed.clone().text()).toBe(201);
    const { trackingCode, token } = (await filed.json()) as { trackingCode: string; token: string };
    const verified = await postJson(
      app,
      `/v1/complaints/${trackingCode}/verification`,
      { state: 'order_verified' },
      bearer(moderator),
    );
    expect(verified.status).toBe(200);

    const published = await snapshot();
    const sellers = await database.db.selectFrom('sellers').select('id').execute();
    expect(published.records).toBe(sellers.length);
    expect(published.date).toBe('2026-11-01');

    const listing = await app.request('/v1/open-data');
    expect(listing.status).toBe(200);
    const listed = (await listing.json()) as { licence: { name: string }; snapshots: unknown[] };
    expect(listed.licence.name).toBe('CC BY 4.0');
    expect(listed.snapshots).toEqual([published]);
    const csvInfo = published.files.find((f) => f.name === 'records.csv');
    const jsonlInfo = published.files.find((f) => f.name === 'records.jsonl');
    expect(csvInfo?.url).toBe('/v1/open-data/2026-11-01/records.csv');

    // JSON Lines: one public record per line, each equal to what /v1/sellers serves.
    const jsonlRes = await app.request('/v1/open-data/latest/records.jsonl');
    expect(jsonlRes.status).toBe(200);
    expect(jsonlRes.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(jsonlRes.headers.get('content-disposition')).toBe(
      'attachment; filename="antam-2026-11-01-records.jsonl"',
    );
    const jsonlBytes = await bytesOf(jsonlRes);
    expect(jsonlBytes.length).toBe(jsonlInfo?.size);
    expect(sha256(jsonlBytes)).toBe(jsonlInfo?.sha256);
    expect(jsonlRes.headers.get('etag')).toBe(`"${jsonlInfo?.sha256}"`);
    const jsonlText = new TextDecoder().decode(jsonlBytes);
    const lines = jsonlText.split('\n');
    expect(lines.pop()).toBe('');
    const records = lines.map((l) => TrustRecord.parse(JSON.parse(l)));
    expect(records.length).toBe(sellers.length);
    for (const r of records) {
      const one = await app.request(`/v1/sellers/${r.platform}/${r.sellerId}`);
      expect(one.status).toBe(200);
      expect(await one.json()).toEqual(r);
    }
    const counted = records.find((r) => r.sellerId === '555000111');
    expect(counted?.name).toBe(trap);
    expect(counted?.complaints.last12Months.total).toBe(1);

    // CSV: the same records, column by column, read back with the registry's own CSV reader.
    const csvRes = await app.request('/v1/open-data/2026-11-01/records.csv');
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csvRes.headers.get('cache-control')).toBe('public, max-age=3600');
    const csvBytes = await bytesOf(csvRes);
    expect(sha256(csvBytes)).toBe(csvInfo?.sha256);
    expect(csvBytes.length).toBe(csvInfo?.size);
    const csvText = new TextDecoder().decode(csvBytes);
    const [header, ...rows] = parseCsv(csvText).records.map((r) => r.fields);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows.length).toBe(records.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (const [i, r] of records.entries()) {
      const row = rows[i] ?? [];
      expect(row[col('platform')]).toBe(r.platform);
      expect(row[col('seller_id')]).toBe(r.sellerId);
      expect(row[col('name')]).toBe(cellText(r.name));
      expect(row[col('level')]).toBe(r.level);
      expect(row[col('official_store')]).toBe(String(r.officialStore));
      expect(row[col('business_name')]).toBe(cellText(r.registration.businessName));
      expect(row[col('complaints_12m')]).toBe(String(r.complaints.last12Months.total));
      expect(row[col('on_time_share_12m')]).toBe(cellText(r.complaints.last12Months.answeredOnTimeShare));
      expect(row[col('complaints_unverified_12m')]).toBe(String(r.complaints.unverified.last12Months));
      expect(row[col('counterfeit_confirmed')]).toBe(String(r.counterfeit.confirmed));
      expect(row[col('sanctions_count')]).toBe(String(r.sanctions.length));
      expect(row[col('updated_at')]).toBe(r.updatedAt);
      expect(row[col('demo')]).toBe(String(r.demo));
    }
    // The formula is defused: a spreadsheet shows the text, it does not run it.
    const trapRow = rows.find((row) => row[col('seller_id')] === '555000111');
    expect(trapRow?.[col('name')]).toBe(`'${trap}`);

    // Nothing personal in either file.
    for (const text of [csvText, jsonlText]) {
      for (const value of [...Object.values(secret), trackingCode, token]) {
        expect(text).not.toContain(value);
      }
      expect(text).not.toMatch(/@example\.vn|912 345/);
    }

    // Cached copies revalidate by the SHA-256.
    const again = await app.request('/v1/open-data/latest/records.csv', {
      headers: { 'if-none-match': `"${csvInfo?.sha256}"` },
    });
    expect(again.status).toBe(304);
    // A past day's files never change.
    now = new Date(NOW.getTime() + DAY);
    const later = await app.request('/v1/open-data/2026-11-01/records.csv');
    expect(later.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await later.arrayBuffer();
  });

  it('answers 404 for a day without a snapshot and 400 for a malformed path', async () => {
    const none = await app.request('/v1/open-data/latest/records.csv');
    expect(none.status).toBe(404);
    await snapshot();
    const missing = await app.request('/v1/open-data/2020-01-01/records.jsonl');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    for (const path of ['/v1/open-data/yesterday/records.csv', '/v1/open-data/latest/records.xlsx']) {
      const bad = await app.request(path);
      expect(bad.status, path).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
  });

  it('publishes an empty registry as a header-only CSV and an empty JSON Lines file', async () => {
    const published = await snapshot();
    expect(published.records).toBe(0);
    const csv = await (await app.request('/v1/open-data/latest/records.csv')).text();
    expect(csv).toBe(csvLine(CSV_COLUMNS));
    const jsonl = await app.request('/v1/open-data/latest/records.jsonl');
    expect(await jsonl.text()).toBe('');
    expect(published.files.find((f) => f.name === 'records.jsonl')?.sha256).toBe(sha256(new Uint8Array()));
  });

  it('lets only an admin make a snapshot', async () => {
    const seller = (
      await createApiKey(database.db, { role: 'seller', label: 'shop', sellers: ['shopee:555000111'] }, NOW)
    ).key;
    const anonymous = await app.request('/v1/admin/open-data/snapshot', { method: 'POST' });
    expect(anonymous.status).toBe(401);
    for (const key of [moderator, seller]) {
      const refused = await app.request('/v1/admin/open-data/snapshot', {
        method: 'POST',
        headers: bearer(key),
      });
      expect(refused.status).toBe(403);
    }
    const listing = (await (await app.request('/v1/open-data')).json()) as { snapshots: unknown[] };
    expect(listing.snapshots).toEqual([]);
  });

  it('replaces a day’s snapshot when made again, and keeps only the configured number of days', async () => {
    await ensureSeller(database.db, 'tiki', '100', null, NOW);
    const first = await snapshot();
    await ensureSeller(database.db, 'tiki', '101', null, NOW);
    const second = await snapshot();
    expect(second.records).toBe(first.records + 1);
    let listing = (await (await app.request('/v1/open-data')).json()) as {
      snapshots: { date: string; records: number }[];
    };
    expect(listing.snapshots).toEqual([second]);
    const csv = await (await app.request('/v1/open-data/latest/records.csv')).text();
    expect(csv).toContain('tiki,101,');
    // The replaced snapshot's bytes are gone too.
    const chunks = await database.db
      .selectFrom('open_data_chunks')
      .select('snapshot_id')
      .distinct()
      .execute();
    expect(chunks.length).toBe(1);

    // Kept 3 days (openDataKeepDays): on day 5 the snapshots of days 1 and 2 are deleted.
    for (let d = 1; d <= 4; d++) {
      now = new Date(NOW.getTime() + d * DAY);
      await snapshot();
    }
    listing = (await (await app.request('/v1/open-data')).json()) as typeof listing;
    expect(listing.snapshots.map((s) => s.date)).toEqual([
      '2026-11-05',
      '2026-11-04',
      '2026-11-03',
      '2026-11-02',
    ]);
    const gone = await app.request('/v1/open-data/2026-11-01/records.csv');
    expect(gone.status).toBe(404);
    const left = await database.db.selectFrom('open_data_chunks').select('snapshot_id').distinct().execute();
    expect(left.length).toBe(4);
  });

  it('keeps one complete snapshot when two nodes make the same day at once', async () => {
    for (let i = 0; i < 30; i++) await ensureSeller(database.db, 'tiki', String(500 + i), null, NOW);
    const other = openDatabase(database.location);
    try {
      const made = await Promise.all([
        generateSnapshot(database.db, NOW, 7),
        generateSnapshot(other.db, NOW, 7),
        generateSnapshot(other.db, NOW, 7),
      ]);
      expect(made.map((m) => m.records)).toEqual([30, 30, 30]);
    } finally {
      await other.close();
    }
    const listing = (await (await app.request('/v1/open-data')).json()) as {
      snapshots: { files: { url: string; sha256: string }[] }[];
    };
    expect(listing.snapshots.length).toBe(1);
    for (const file of listing.snapshots[0]?.files ?? []) {
      const bytes = new Uint8Array(await (await app.request(file.url)).arrayBuffer());
      expect(sha256(bytes)).toBe(file.sha256);
    }
    const kept = await database.db.selectFrom('open_data_chunks').select('snapshot_id').distinct().execute();
    expect(kept.length).toBe(1);
  });

  /** A verified complaint row of the registry's own facts, `daysAgo` before NOW. */
  const complaintRow = (sellerId: string, daysAgo: number, facts: Record<string, unknown>) => ({
    id: randomUUID(),
    seller_id: sellerId,
    status: 'forwarded',
    outcome: null,
    filed_at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
    forwarded_at: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
    due_at: new Date(NOW.getTime() - (daysAgo - 7) * DAY).toISOString(),
    responded_at: null,
    resolved_at: null,
    late: 0,
    escalated: 0,
    demo: 0,
    verification: 'order_verified',
    ...facts,
  });

  it('counts sellers, levels, complaints, counterfeits and sanctions per marketplace, and shows them', async () => {
    const a = await ensureSeller(database.db, 'shopee', '1001', null, NOW);
    const b = await ensureSeller(database.db, 'shopee', '1002', null, NOW);
    const c = await ensureSeller(database.db, 'lazada', '2001', null, NOW);
    const day = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString();
    await database.db
      .insertInto('complaints')
      .values([
        // Answered in 2 days (on time), resolved for the shopper in 4 days.
        complaintRow(a.id, 30, {
          status: 'resolved',
          outcome: 'shopper',
          responded_at: day(28),
          resolved_at: day(26),
        }),
        // Resolved after 10 days, answered on time.
        complaintRow(b.id, 40, {
          status: 'resolved',
          outcome: 'seller',
          responded_at: day(39),
          resolved_at: day(30),
        }),
        // Deadline missed.
        complaintRow(a.id, 20, { late: 1 }),
        // Not verified: shown apart, never in the verified figures.
        complaintRow(a.id, 10, { verification: 'unverified' }),
        // Older than 12 months: out of the window.
        complaintRow(b.id, 400, { late: 1 }),
      ])
      .execute();
    await database.db
      .insertInto('counterfeit_reports')
      .values([
        { id: randomUUID(), seller_id: c.id, status: 'confirmed', received_at: day(50), decided_at: day(45) },
        {
          id: randomUUID(),
          seller_id: c.id,
          status: 'confirmed',
          received_at: day(500),
          decided_at: day(499),
        },
        { id: randomUUID(), seller_id: c.id, status: 'received', received_at: day(5), decided_at: null },
      ])
      .execute();
    const sanctions = [
      'platform,seller_id,slug,authority,decision,date,summary,url',
      'lazada,2001,,Cục Quản lý thị trường Hà Nội,123/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả,',
    ].join('\n');
    expect((await postCsv(app, '/v1/admin/import/sanctions', sanctions, admin)).status).toBe(200);

    const res = await app.request('/v1/stats');
    expect(res.status).toBe(200);
    const stats = (await res.json()) as {
      platforms: {
        platform: string;
        sellers: number;
        levels: Record<string, number>;
        complaints12m: number;
        unanswered12m: number;
        answeredOnTimeShare12m: number | null;
        medianDaysToResolution12m: number | null;
        unverifiedComplaints12m: number;
        counterfeitConfirmed12m: number;
        sanctions: number;
      }[];
    };
    const shopee = stats.platforms.find((p) => p.platform === 'shopee');
    const lazada = stats.platforms.find((p) => p.platform === 'lazada');
    expect(shopee).toMatchObject({
      sellers: 2,
      complaints12m: 3,
      unanswered12m: 1,
      answeredOnTimeShare12m: 2 / 3,
      medianDaysToResolution12m: 7,
      unverifiedComplaints12m: 1,
      counterfeitConfirmed12m: 0,
      sanctions: 0,
    });
    expect(lazada).toMatchObject({
      sellers: 1,
      complaints12m: 0,
      answeredOnTimeShare12m: null,
      medianDaysToResolution12m: null,
      counterfeitConfirmed12m: 1,
      sanctions: 1,
    });
    // Levels are the records' levels.
    for (const p of [shopee, lazada]) {
      expect(Object.values(p?.levels ?? {}).reduce((x, y) => x + y, 0)).toBe(p?.sellers);
    }
    const lazadaRecord = (await (await app.request('/v1/sellers/lazada/2001')).json()) as { level: string };
    expect(lazada?.levels[lazadaRecord.level]).toBe(1);
    expect(stats.platforms.find((p) => p.platform === 'tiki')?.sellers).toBe(0);

    // The page: Vietnamese by default, strict policy, the same numbers in a chart and a table.
    const page = await app.request('/stats');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Thống kê theo sàn');
    expect(html).toContain('<svg role="img" aria-label="Người bán theo mức tin cậy: Shopee"');
    expect(html).toMatch(/<th scope="row">Shopee<\/th><td>2<\/td>/);
    expect(html).toContain('<td>66,7 %</td>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    const en = await (await app.request('/stats?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Statistics per marketplace');
    expect(en).toContain('<td>66.7 %</td>');
  });

  it('recomputes the statistics at most once per 5 minutes, serving the last figures meanwhile', async () => {
    const lazadaSellers = async () => {
      const res = await app.request('/v1/stats');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { platforms: { platform: string; sellers: number }[] };
      return body.platforms.find((p) => p.platform === 'lazada')?.sellers;
    };
    const sanction = (id: string) =>
      [
        'platform,seller_id,slug,authority,decision,date,summary,url',
        `lazada,${id},,Cục Quản lý thị trường Hà Nội,${id}/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả,`,
      ].join('\n');
    expect((await postCsv(app, '/v1/admin/import/sanctions', sanction('3001'), admin)).status).toBe(200);
    expect(await lazadaSellers()).toBe(1);
    // A write changes the data version: the figures are not recomputed within 5 minutes...
    expect((await postCsv(app, '/v1/admin/import/sanctions', sanction('3002'), admin)).status).toBe(200);
    now = new Date(NOW.getTime() + 4 * 60_000);
    expect(await lazadaSellers()).toBe(1);
    // ...then one request starts the recomputation and gets the figures at hand; later ones the new.
    now = new Date(NOW.getTime() + 5 * 60_000);
    expect(await lazadaSellers()).toBe(1);
    await vi.waitFor(async () => expect(await lazadaSellers()).toBe(2));
  });

  const location = () =>
    engine === 'postgres'
      ? { DATABASE_URL: database.location }
      : { DATABASE_URL: '', DATA_DIR: dirname(database.location) };

  it("makes today's snapshot from the shell (npm run open-data:snapshot)", async () => {
    await ensureSeller(database.db, 'tiki', '100', null, NOW);
    await ensureSeller(database.db, 'tiki', '101', null, NOW);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/opendata/cli.ts'], {
      cwd: resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, ...location() },
    });
    expect(run.status, run.stderr).toBe(0);
    const listing = (await (await app.request('/v1/open-data')).json()) as {
      snapshots: { date: string; records: number; files: { sha256: string }[] }[];
    };
    expect(listing.snapshots.length).toBe(1);
    const [made] = listing.snapshots;
    expect(made?.records).toBe(2);
    expect(run.stdout).toContain(`open-data snapshot ${made?.date}: 2 records`);
    expect(run.stdout).toContain(`sha256 ${made?.files[0]?.sha256}`);
  });

  it("makes the day's snapshot by itself in the registry process, and serves it over HTTP", async () => {
    await ensureSeller(database.db, 'lazada', '300', null, NOW);
    const running = await startRegistry(
      parseServerEnv({ PORT: '0', OPEN_DATA_CHECK_INTERVAL_SECONDS: '1', ...location() }),
    );
    try {
      const listed = await vi.waitFor(
        async () => {
          const res = await fetch(`${running.url}/v1/open-data`);
          const body = (await res.json()) as {
            snapshots: { records: number; files: { url: string; size: number; sha256: string }[] }[];
          };
          expect(body.snapshots.length).toBe(1);
          return body.snapshots[0];
        },
        { timeout: 10_000, interval: 200 },
      );
      expect(listed?.records).toBe(1);
      for (const file of listed?.files ?? []) {
        const res = await fetch(`${running.url}${file.url}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-length')).toBe(String(file.size));
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect(bytes.length).toBe(file.size);
        expect(sha256(bytes)).toBe(file.sha256);
      }
    } finally {
      await running.close();
    }
  });
});
