// Counterfeit reports as cases their reporter follows, on every engine: exactly-once submission
// per Idempotency-Key (what the extension's outbox relies on), the report token and the
// reporter's view, and the deletion of the reporter's personal data while the anonymous fact stays.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReportView, type SubmitReportInput, SubmittedReport } from '../../lib/registry/cases';
import { ErrorBody, TrustRecord } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP = 'shopee:672907573';

const BODY: SubmitReportInput = {
  seller: SHOP,
  listing: {
    url: 'https://shopee.vn/Nuoc-hoa-Chanel-No5-i.672907573.2233445566',
    title: 'Nước hoa Chanel N°5 chính hãng 100ml',
    price: 350000,
    currency: 'VND',
  },
  reason: 'Tem chống giả in mờ, mã vạch không tra được — hàng giả rõ ràng.',
  orderCode: 'DONHANG778899',
  installKey: 'install_key_report_cases_0001',
};

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  const text = await res.text();
  expect(text).not.toMatch(/at .*\.ts|select |insert |SQLITE|stack/i);
  return ErrorBody.parse(JSON.parse(text)).error;
}

describe.each(DIALECTS)('report cases on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let moderatorKey: string;
  let sellerKey: string;

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
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, reportsPerHour: 3 },
    });
    await created.deps.buckets.init();
    app = created.app;
    moderatorKey = (await createApiKey(database.db, { role: 'moderator', label: 'Kiểm duyệt' }, NOW)).key;
    sellerKey = (await createApiKey(database.db, { role: 'seller', label: 'Shop', sellers: [SHOP] }, NOW))
      .key;
  });

  function submit(body: unknown, key: string | null = randomUUID()): Promise<Response> {
    return postJson(app, '/v1/reports', body, key === null ? {} : { 'idempotency-key': key });
  }

  async function submitOk(key: string = randomUUID(), body: SubmitReportInput = BODY) {
    const res = await submit(body, key);
    expect(res.status).toBe(201);
    const answer = SubmittedReport.parse(await res.json());
    if (answer.token === null) throw new Error('a new report must come with its token');
    return { ...answer, token: answer.token, key };
  }

  async function view(code: string, token: string): Promise<Response> {
    return app.request(`/v1/reports/${code}`, { headers: bearer(token) });
  }

  it('requires an Idempotency-Key and answers a retry with the same code and token', async () => {
    expect(await errorOf(await submit(BODY, null))).toMatchObject({ code: 'bad_request' });
    expect((await submit(BODY, 'short')).status).toBe(400);

    const first = await submitOk('outbox-entry-0001');
    expect(first.token).toMatch(/^atr_[A-Za-z0-9_-]{43}$/);
    const again = await submit(BODY, 'outbox-entry-0001');
    expect(again.status).toBe(200);
    expect(SubmittedReport.parse(await again.json())).toEqual({
      trackingCode: first.trackingCode,
      token: first.token,
      status: 'received',
    });
    // Absent and null optional fields are the same submission.
    const spelled = await submit({ ...BODY, listing: { ...BODY.listing } }, 'outbox-entry-0001');
    expect(spelled.status).toBe(200);

    const moderation = await app.request('/v1/moderation/reports', { headers: bearer(moderatorKey) });
    expect(((await moderation.json()) as { reports: unknown[] }).reports).toHaveLength(1);
  });

  it('refuses the same key with another body, and a new key for a listing already reported', async () => {
    await submitOk('outbox-entry-0002');
    const changed = await submit({ ...BODY, reason: 'Một lý do khác hẳn' }, 'outbox-entry-0002');
    expect(changed.status).toBe(409);
    expect((await errorOf(changed)).message).toMatch(/Idempotency-Key/);
    const second = await submit(BODY, 'outbox-entry-0003');
    expect(second.status).toBe(409);
    expect((await errorOf(second)).message).toMatch(/one report per reporter per listing/);
  });

  it('answers retries even when the reporter has used up the hourly limit', async () => {
    const keys = ['limit-entry-0001', 'limit-entry-0002', 'limit-entry-0003'];
    for (const [i, key] of keys.entries()) {
      await submitOk(key, {
        ...BODY,
        listing: { ...BODY.listing, url: `https://shopee.vn/x-i.672907573.${i}` },
      });
    }
    const fourth = await submit({
      ...BODY,
      listing: { ...BODY.listing, url: 'https://shopee.vn/x-i.672907573.9' },
    });
    expect(fourth.status).toBe(429);
    const retry = await submit(
      { ...BODY, listing: { ...BODY.listing, url: 'https://shopee.vn/x-i.672907573.0' } },
      keys[0],
    );
    expect(retry.status).toBe(200);
  });

  it('stores neither the token nor the key nor the install key, only their hashes', async () => {
    const report = await submitOk('outbox-entry-0004');
    const row = await database.db
      .selectFrom('counterfeit_reports')
      .selectAll()
      .where('tracking_code', '=', report.trackingCode)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(report.token);
    expect(stored).not.toContain('outbox-entry-0004');
    expect(stored).not.toContain(BODY.installKey);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows the reporter their report with the moderator's decision, and nobody else", async () => {
    const report = await submitOk();
    const mine = await view(report.trackingCode, report.token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    const seen = ReportView.parse(await mine.json());
    expect(seen).toMatchObject({
      trackingCode: report.trackingCode,
      seller: SHOP,
      status: 'received',
      reason: BODY.reason,
      allowedActions: [],
      evidence: [],
      personalDataDeleted: false,
    });

    // Lowercase codes are the same report.
    expect((await view(report.trackingCode.toLowerCase(), report.token)).status).toBe(200);

    await postJson(
      app,
      `/v1/moderation/reports/${report.trackingCode}/actions`,
      { type: 'start_review' },
      bearer(moderatorKey),
    );
    await postJson(
      app,
      `/v1/moderation/reports/${report.trackingCode}/actions`,
      { type: 'confirm', reason: 'Nhãn mác giả, đã đối chiếu với hãng' },
      bearer(moderatorKey),
    );
    const decided = ReportView.parse(await (await view(report.trackingCode, report.token)).json());
    expect(decided.status).toBe('confirmed');
    expect(decided.moderatorReason).toBe('Nhãn mác giả, đã đối chiếu với hãng');
    expect(decided.timeline.map((e) => e.to)).toEqual(['under_review', 'confirmed']);

    const asModerator = ReportView.parse(await (await view(report.trackingCode, moderatorKey)).json());
    expect(asModerator.trackingCode).toBe(report.trackingCode);

    // A wrong token and an unknown code look exactly the same.
    const other = await submitOk(randomUUID(), { ...BODY, installKey: 'another_install_key_00002' });
    const wrong = await view(report.trackingCode, other.token);
    const unknown = await view('AT-00000000', report.token);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.text()).toBe(await unknown.text());
    // A complaint's case token is not a report token, and sellers do not read reports.
    expect((await view(report.trackingCode, sellerKey)).status).toBe(403);
    expect((await app.request(`/v1/reports/${report.trackingCode}`)).status).toBe(401);
  });

  it('deletes the reporter’s personal data on their request; the confirmed fact stays in the record', async () => {
    const report = await submitOk();
    for (const action of [{ type: 'start_review' }, { type: 'confirm', reason: 'Hàng giả đã xác minh' }]) {
      const res = await postJson(
        app,
        `/v1/moderation/reports/${report.trackingCode}/actions`,
        action,
        bearer(moderatorKey),
      );
      expect(res.status).toBe(200);
    }
    const before = TrustRecord.parse(await (await app.request(`/v1/sellers/shopee/672907573`)).json());

    // Only the reporter asks.
    const byModerator = await app.request(`/v1/reports/${report.trackingCode}/personal-data`, {
      method: 'DELETE',
      headers: bearer(moderatorKey),
    });
    expect(byModerator.status).toBe(403);

    const erased = await app.request(`/v1/reports/${report.trackingCode}/personal-data`, {
      method: 'DELETE',
      headers: bearer(report.token),
    });
    expect(erased.status).toBe(200);
    const after = ReportView.parse(await erased.json());
    expect(after).toMatchObject({ status: 'confirmed', reason: '', personalDataDeleted: true, evidence: [] });

    const row = await database.db
      .selectFrom('counterfeit_reports')
      .selectAll()
      .where('tracking_code', '=', report.trackingCode)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reason: null, order_code: null, reporter_hash: null, ip_hash: null });
    expect(row.personal_erased_at).toBe(NOW.toISOString());
    expect(JSON.stringify(row)).not.toContain('DONHANG778899');

    const record = TrustRecord.parse(await (await app.request(`/v1/sellers/shopee/672907573`)).json());
    expect(record).toEqual(before);

    // Asking again changes nothing and still answers.
    const again = await app.request(`/v1/reports/${report.trackingCode}/personal-data`, {
      method: 'DELETE',
      headers: bearer(report.token),
    });
    expect(again.status).toBe(200);
  });

  it('documents the reporter routes', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/reports/{code}', '/v1/reports/{code}/personal-data']),
    );
    expect(doc.paths['/v1/reports']?.post?.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
  });
});
