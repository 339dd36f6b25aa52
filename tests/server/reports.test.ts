// Counterfeit reports through the registry API, on every engine: submission with its
// anti-brigading defences (one report per reporter per listing, hourly limits per hashed IP and per
// install key), moderation through the pure lifecycle, and what reaches the seller's public record.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ReportView,
  type SubmitReportInput,
  SubmittedComplaint,
  SubmittedReport,
} from '../../lib/registry/cases';
import { ErrorBody, TrustRecord } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import { ReportList } from '../../server/routes/reports';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP = 'shopee:672907573';
const INSTALL = 'install_key_0123456789abcdef';

const BODY: SubmitReportInput = {
  seller: SHOP,
  listing: {
    url: 'https://shopee.vn/Nuoc-hoa-Chanel-No5-i.672907573.2233445566?sp_atk=abc',
    title: 'Nước hoa Chanel N°5 chính hãng 100ml',
    price: 350000,
    currency: 'VND',
  },
  reason: 'Giá quá rẻ, tem chống giả bị in mờ; mã vạch không tra được.',
  installKey: INSTALL,
};

function withListing(n: number, patch: Partial<SubmitReportInput> = {}): SubmitReportInput {
  return {
    ...BODY,
    listing: { ...BODY.listing, url: `https://shopee.vn/product-i.672907573.${n}` },
    ...patch,
  };
}

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  const text = await res.text();
  expect(text).not.toMatch(/at .*\.ts|select |insert |SQLITE|stack/i);
  return ErrorBody.parse(JSON.parse(text)).error;
}

describe.each(DIALECTS)('counterfeit reports on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let moderatorKey: string;
  let sellerKey: string;
  let adminKey: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  async function makeApp(reportsPerHour = 1000, trustProxy = false): Promise<TestApp> {
    const created = createApp({
      db: database.db,
      clock: () => NOW,
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, reportsPerHour, trustProxy },
    });
    await created.deps.buckets.init();
    return created.app;
  }

  beforeEach(async () => {
    await emptyTables(database);
    app = await makeApp();
    moderatorKey = (await createApiKey(database.db, { role: 'moderator', label: 'Kiểm duyệt' }, NOW)).key;
    sellerKey = (await createApiKey(database.db, { role: 'seller', label: 'Shop', sellers: [SHOP] }, NOW))
      .key;
    adminKey = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
  });

  // Every submission is a new one (its own Idempotency-Key) unless a test says otherwise; retries
  // and the key's own rules are tested in report-cases.test.ts.
  function submit(body: unknown, headers: Record<string, string> = {}, target: TestApp = app) {
    return postJson(target, '/v1/reports', body, { 'idempotency-key': randomUUID(), ...headers });
  }

  async function submitOk(body: SubmitReportInput = BODY): Promise<SubmittedReport> {
    const res = await submit(body);
    const text = await res.text();
    expect(res.status, text).toBe(201);
    return SubmittedReport.parse(JSON.parse(text));
  }

  function act(code: string, action: unknown, key: string = moderatorKey) {
    return postJson(app, `/v1/moderation/reports/${code}/actions`, action, bearer(key));
  }

  async function confirm(code: string): Promise<ReportView> {
    const res = await act(code, { type: 'confirm', reason: 'Hàng giả: đã đối chiếu với hãng.' });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return ReportView.parse(JSON.parse(text));
  }

  async function record(): Promise<{ record: TrustRecord; text: string }> {
    const res = await app.request('/v1/sellers/shopee/672907573');
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return { record: TrustRecord.parse(JSON.parse(text)), text };
  }

  it('receives a report and answers its tracking code', async () => {
    const answer = await submitOk();
    expect(answer.trackingCode).toMatch(/^AT-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(answer.status).toBe('received');
    const { record: r } = await record();
    expect(r.counterfeit).toEqual({ reports: 1, confirmed: 0, dismissed: 0, lastConfirmedAt: null });
  });

  it('admits one report per reporter per listing, whatever the query string', async () => {
    await submitOk();
    const again = await submit({
      ...BODY,
      listing: { ...BODY.listing, url: 'https://shopee.vn/Nuoc-hoa-Chanel-No5-i.672907573.2233445566/' },
    });
    expect(again.status).toBe(409);
    const error = await errorOf(again);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/one report per reporter per listing/);
    // Another install on the same listing is another reporter.
    await submitOk({ ...BODY, installKey: 'another_install_key_0001' });
  });

  it('limits reports per install key and per IP', async () => {
    const limited = await makeApp(2, true);
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    for (const n of [1, 2]) expect((await submit(withListing(n), ip, limited)).status).toBe(201);
    const third = await submit(withListing(3), { 'x-forwarded-for': '198.51.100.1' }, limited);
    expect(third.status).toBe(429);
    expect((await errorOf(third)).code).toBe('rate_limited');
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);

    // Same address, fresh install keys: the address is over its limit too.
    const fromIp = await submit(withListing(4, { installKey: 'fresh_install_key_00001' }), ip, limited);
    expect(fromIp.status).toBe(429);
    // A fresh install from a fresh address still gets in.
    const other = await submit(
      withListing(5, { installKey: 'fresh_install_key_00002' }),
      { 'x-forwarded-for': '198.51.100.2' },
      limited,
    );
    expect(other.status).toBe(201);
  });

  it('refuses listings off the supported marketplaces and malformed requests', async () => {
    for (const url of [
      'https://shopee.vn.evil.com/x-i.1.2',
      'https://example.com/item',
      'ftp://shopee.vn/x',
      'javascript:alert(1)',
      `https://shopee.vn/${'a'.repeat(2001)}`,
    ]) {
      const res = await submit({ ...BODY, listing: { ...BODY.listing, url } });
      expect(res.status, url).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'bad_request', message: 'invalid report' });
    }
    for (const body of [
      { ...BODY, reason: '   ' },
      { ...BODY, installKey: 'short' },
      { ...BODY, installKey: 'has spaces in the install key' },
      { ...BODY, listing: { ...BODY.listing, currency: 'USD' } },
      { ...BODY, seller: 'ebay:1' },
      { ...BODY, extra: 1 },
    ]) {
      expect((await submit(body)).status).toBe(400);
    }
  });

  it('stores Vietnamese text and SQL metacharacters verbatim', async () => {
    const title = 'Túi xách Louis Vuitton\'; DROP TABLE counterfeit_reports; -- "hàng" 100%_\\';
    const reason = "Da giả, đường may lệch — 'OR 1=1' %_; chữ ký: Nguyễn Văn Ánh";
    const { trackingCode } = await submitOk({ ...BODY, listing: { ...BODY.listing, title }, reason });
    const res = await app.request('/v1/moderation/reports', { headers: bearer(moderatorKey) });
    const list = ReportList.parse(await res.json());
    const view = list.reports.find((r) => r.trackingCode === trackingCode);
    expect(view?.listing.title).toBe(title);
    expect(view?.reason).toBe(reason);
    expect(view?.listing.price).toBe(350000);
  });

  it('moderator reviews then confirms: the seller record shows it at once, three make danger', async () => {
    const { trackingCode } = await submitOk();
    const review = await act(trackingCode, { type: 'start_review' });
    expect(review.status).toBe(200);
    expect(ReportView.parse(await review.json()).status).toBe('under_review');
    const view = await confirm(trackingCode);
    expect(view.status).toBe('confirmed');
    expect(view.decidedAt).toBe(NOW.toISOString());
    expect(view.timeline.map((e) => [e.action, e.from, e.to])).toEqual([
      ['start_review', 'received', 'under_review'],
      ['confirm', 'under_review', 'confirmed'],
    ]);
    let r = (await record()).record;
    expect(r.counterfeit.confirmed).toBe(1);
    expect(r.level).toBe('caution');

    // A moderator may decide without a review step.
    for (const n of [1, 2]) {
      const { trackingCode: code } = await submitOk(withListing(n));
      await confirm(code);
    }
    r = (await record()).record;
    expect(r.counterfeit).toMatchObject({ reports: 0, confirmed: 3, dismissed: 0 });
    expect(r.level).toBe('danger');
  });

  it('counts each report once, by where it stands: awaiting, confirmed or dismissed (issue 11)', async () => {
    // The panel once showed "received (unverified): 10" beside 3 confirmed and 2 dismissed.
    const codes = [];
    for (let n = 0; n < 10; n++) codes.push((await submitOk(withListing(n))).trackingCode);
    for (const code of codes.slice(0, 3)) await confirm(code);
    for (const code of codes.slice(3, 5)) {
      expect((await act(code, { type: 'dismiss', reason: 'Không đủ bằng chứng.' })).status).toBe(200);
    }
    expect((await act(codes[5] as string, { type: 'start_review' })).status).toBe(200);
    const r = (await record()).record;
    expect(r.counterfeit).toEqual({
      reports: 5,
      confirmed: 3,
      dismissed: 2,
      lastConfirmedAt: NOW.toISOString().slice(0, 10),
    });
  });

  it('lists the queue by status for moderators', async () => {
    const a = await submitOk(withListing(1));
    const b = await submitOk(withListing(2));
    await act(b.trackingCode, { type: 'start_review' });
    const res = await app.request('/v1/moderation/reports?status=received', {
      headers: bearer(moderatorKey),
    });
    expect(res.status).toBe(200);
    const list = ReportList.parse(await res.json());
    expect(list.reports.map((r) => r.trackingCode)).toEqual([a.trackingCode]);
    expect(list.reports[0]?.allowedActions).toEqual(['start_review', 'confirm', 'dismiss']);
    const bad = await app.request('/v1/moderation/reports?status=nope', { headers: bearer(moderatorKey) });
    expect(bad.status).toBe(400);
  });

  it('never counts dismissed reports, nor any number of unconfirmed ones', async () => {
    const { trackingCode } = await submitOk();
    const dismissed = await act(trackingCode, { type: 'dismiss', reason: 'Không đủ bằng chứng.' });
    expect(dismissed.status).toBe(200);
    expect(ReportView.parse(await dismissed.json()).status).toBe('dismissed');
    const before = (await record()).record;
    expect(before.counterfeit.confirmed).toBe(0);

    // 1000 reports from 1000 installs: a brigade. Counted, never judged.
    // Sent 50 at a time (not all 999 at once, which only measures the connection pool's queue).
    const rows = Array.from(
      { length: 999 },
      (_, i) => () => submit(withListing(i, { installKey: `brigade_install_${String(i).padStart(6, '0')}` })),
    );
    for (let i = 0; i < rows.length; i += 50) {
      const batch = await Promise.all(rows.slice(i, i + 50).map((send) => send()));
      for (const res of batch) expect(res.status).toBe(201);
    }
    const after = (await record()).record;
    expect(after.counterfeit).toEqual({ reports: 999, confirmed: 0, dismissed: 1, lastConfirmedAt: null });
    expect(after.level).toBe(before.level);
    expect(after.level).not.toMatch(/caution|danger/);
  });

  it('lets only moderators judge, and refuses illegal transitions', async () => {
    const { trackingCode } = await submitOk();
    for (const key of [sellerKey, adminKey]) {
      const res = await act(trackingCode, { type: 'confirm', reason: 'tự xác nhận' }, key);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
      const list = await app.request('/v1/moderation/reports', { headers: bearer(key) });
      expect(list.status).toBe(403);
    }
    expect(
      (await postJson(app, `/v1/moderation/reports/${trackingCode}/actions`, { type: 'start_review' }))
        .status,
    ).toBe(401);
    await confirm(trackingCode);
    for (const action of [
      { type: 'start_review' },
      { type: 'dismiss', reason: 'đổi ý' },
      { type: 'confirm', reason: 'lần nữa' },
    ]) {
      const res = await act(trackingCode, action);
      expect(res.status).toBe(409);
      expect((await errorOf(res)).code).toBe('illegal_transition');
    }
    expect((await act(trackingCode, { type: 'confirm' })).status).toBe(400);
    expect((await act('AT-00000000', { type: 'start_review' })).status).toBe(404);
  });

  it('ties a report to a verified order only while a verified complaint names that order', async () => {
    const complaint = await postJson(
      app,
      '/v1/complaints',
      {
        seller: SHOP,
        order: { orderCode: 'ORDER123456', currency: 'VND' },
        category: 'counterfeit',
        desiredOutcome: 'refund',
        description: 'Hàng giả.',
        consent: { shareWithSeller: false, shareWithMarketplace: false, shareWithAuthorities: false },
        installKey: INSTALL,
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(complaint.status).toBe(201);
    const { trackingCode: complaintCode } = SubmittedComplaint.parse(await complaint.json());
    // The reporter's own complaint proves nothing yet (issue 9: the flag was forged this way).
    const early = await submitOk(withListing(1, { orderCode: 'ORDER123456' }));
    const other = await submitOk(withListing(2, { orderCode: 'ORDER999999' }));
    const flags = async () =>
      new Map(
        ReportList.parse(
          await (await app.request('/v1/moderation/reports', { headers: bearer(moderatorKey) })).json(),
        ).reports.map((r) => [r.trackingCode, r.orderVerified]),
      );
    expect(await flags()).toEqual(
      new Map([
        [early.trackingCode, false],
        [other.trackingCode, false],
      ]),
    );
    const verify = (state: string) =>
      postJson(app, `/v1/complaints/${complaintCode}/verification`, { state }, bearer(moderatorKey));
    expect((await verify('order_verified')).status).toBe(200);
    const late = await submitOk(withListing(3, { orderCode: 'ORDER123456' }));
    let now = await flags();
    expect([now.get(early.trackingCode), now.get(late.trackingCode), now.get(other.trackingCode)]).toEqual([
      true,
      true,
      false,
    ]);
    // A correction (the order was not found after all) unties them again.
    expect((await verify('order_not_found')).status).toBe(200);
    now = await flags();
    expect([now.get(early.trackingCode), now.get(late.trackingCode)]).toEqual([false, false]);
  });

  it('never shows reporter data in any answer', async () => {
    const limited = await makeApp(1000, true);
    const ip = '203.0.113.99';
    const res = await submit({ ...BODY, orderCode: 'SECRETORDER42' }, { 'x-forwarded-for': ip }, limited);
    const submitted = await res.text();
    const { trackingCode } = SubmittedReport.parse(JSON.parse(submitted));
    await confirm(trackingCode);
    const stored = await database.db
      .selectFrom('counterfeit_reports')
      .select(['reporter_hash', 'ip_hash'])
      .executeTakeFirstOrThrow();
    expect(stored.reporter_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.reporter_hash).not.toContain(INSTALL);
    const answers = [
      submitted,
      (await record()).text,
      await (await app.request('/v1/moderation/reports', { headers: bearer(moderatorKey) })).text(),
      await (
        await app.request(`/v1/moderation/reports/${trackingCode}`, { headers: bearer(moderatorKey) })
      ).text(),
    ];
    for (const text of answers) {
      for (const secret of [INSTALL, ip, 'SECRETORDER42', stored.reporter_hash, stored.ip_hash ?? 'none']) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
