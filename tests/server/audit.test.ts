// The audit log on every engine: every action taken with an API key is recorded (who, when, what,
// on what) with no personal data, the search is for moderators and admins only, and a lost audit
// row never turns a committed action into an error.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditList } from '../../lib/registry/audit';
import type { SubmitComplaintInput, SubmitReportInput } from '../../lib/registry/cases';
import { IMPORT_TOKEN_HEADER } from '../../lib/registry/imports';
import { SellerReplies } from '../../lib/registry/replies';
import { ErrorBody } from '../../lib/registry/schemas';
import { ACTIONS, NEVER_WITH_A_KEY } from '../../server/audit/log';
import { createApiKey } from '../../server/auth';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP = 'shopee:672907573';

const COMPLAINT: SubmitComplaintInput = {
  seller: SHOP,
  installKey: 'audit-tests-install-key',
  order: {
    orderCode: '2410150QWERTY',
    orderDate: '2026-10-15',
    items: [{ title: 'Áo thun cotton nam', quantity: 1, unitPrice: 149000 }],
    total: 149000,
    currency: 'VND',
  },
  category: 'not_as_described',
  desiredOutcome: 'refund',
  description: 'Áo bị rách ở tay áo, màu khác hẳn ảnh.',
  contact: { name: 'Trần Thị Bích', email: 'bich.tran@example.vn', phone: '+84 912 345 678' },
  consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
};
/** The shopper's personal data, and a seller's and a platform's free words that may repeat it. */
const PERSONAL = ['rách ở tay áo', 'Trần Thị Bích', 'bich.tran@example.vn', '912 345 678', '2410150QWERTY'];

const REPORT: SubmitReportInput = {
  seller: SHOP,
  listing: {
    url: 'https://shopee.vn/product-i.672907573.99',
    title: 'Nước hoa chính hãng 100ml',
    price: 350000,
    currency: 'VND',
  },
  reason: 'Tem chống giả bị in mờ, người bán Trần Thị Bích.',
  installKey: 'install_key_0123456789abcdef',
};

const REG_CSV = [
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store',
  'Công ty TNHH Sen Việt,0312345678,registered,2023-05-12,online.gov.vn/TB-1,shopee,672907573,senviet.official,Sen Việt Official,true',
].join('\n');
const SANCTION_2_CSV = [
  'platform,seller_id,slug,authority,decision,date,summary,url',
  'shopee,672907573,,Sở Công Thương TP.HCM,77/QĐ-XPHC,2026-08-01,Không niêm yết giá,https://example.org/qd/77',
].join('\n');
const SANCTION_CSV = [
  'platform,seller_id,slug,authority,decision,date,summary,url',
  'shopee,672907573,,Cục Quản lý thị trường Hà Nội,123/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả,https://example.org/qd/123',
].join('\n');

describe.each(DIALECTS)('audit log on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let registry: ReturnType<typeof createApp>['app'];
  let now: Date;
  let keys: Record<'admin' | 'moderator' | 'seller' | 'platform', { key: string; id: string }>;

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
      config: {
        rateLimit: { requests: 0, windowSeconds: 60 },
        complaintsPerHour: 0,
        reportsPerHour: 0,
        webhookAllowPrivate: true,
      },
    });
    app = created.app;
    registry = created.app;
    await created.deps.buckets.init();
    const make = async (role: 'admin' | 'moderator' | 'seller' | 'platform', label: string) => {
      const k = await createApiKey(
        database.db,
        {
          role,
          label,
          ...(role === 'seller' ? { sellers: [SHOP] } : {}),
          ...(role === 'platform' ? { platform: 'shopee' as const } : {}),
        },
        NOW,
      );
      return { key: k.key, id: k.id };
    };
    keys = {
      admin: await make('admin', 'Vận hành'),
      moderator: await make('moderator', 'Điều phối viên Lan'),
      seller: await make('seller', 'Sen Việt'),
      platform: await make('platform', 'Shopee VN'),
    };
  });

  const later = (minutes: number) => {
    now = new Date(NOW.getTime() + minutes * 60_000);
  };

  async function ok(res: Response | Promise<Response>, status = 200): Promise<Record<string, unknown>> {
    const r = await res;
    expect(r.status, await r.clone().text()).toBe(status);
    return status === 204 ? {} : ((await r.json()) as Record<string, unknown>);
  }

  async function fileComplaint(): Promise<{ code: string; token: string }> {
    const body = await ok(
      postJson(app, '/v1/complaints', COMPLAINT, { 'idempotency-key': randomUUID() }),
      201,
    );
    return { code: String(body.trackingCode), token: String(body.token) };
  }

  async function fileReport(): Promise<string> {
    const body = await ok(postJson(app, '/v1/reports', REPORT, { 'idempotency-key': randomUUID() }), 201);
    return String(body.trackingCode);
  }

  async function audit(query = '', key = keys.moderator.key): Promise<AuditList> {
    return AuditList.parse(await ok(app.request(`/v1/audit${query}`, { headers: bearer(key) })));
  }

  it('names every documented mutating route, or says why it never acts with a key', () => {
    const doc = registry.openAPIRegistry.definitions.flatMap((d) =>
      d.type === 'route' && d.route.method !== 'get'
        ? [`${d.route.method.toUpperCase()} ${d.route.path.replace(/\{([^}]+)\}/g, ':$1')}`]
        : [],
    );
    const unlisted = doc.filter((op) => !(op in ACTIONS) && !NEVER_WITH_A_KEY.includes(op));
    // A new mutating route is still audited (named from its path), but gets a stable name here.
    expect(unlisted, 'add these routes to ACTIONS or NEVER_WITH_A_KEY in server/audit/log.ts').toEqual([]);
    expect(Object.keys(ACTIONS).filter((op) => !doc.includes(op))).toEqual([]);
  });

  it('records every named route done with a key: who, when, what, on what', async () => {
    const done = new Set<string>();
    const step = async (op: keyof typeof ACTIONS, res: Response | Promise<Response>, status = 200) => {
      later(done.size + 1);
      const body = await ok(res, status);
      done.add(op);
      return body;
    };
    const { key: admin } = keys.admin;
    const created = await step(
      'POST /v1/admin/keys',
      postJson(app, '/v1/admin/keys', { role: 'moderator', label: 'Mới' }, bearer(admin)),
      201,
    );
    await step(
      'DELETE /v1/admin/keys/:id',
      app.request(`/v1/admin/keys/${created.id}`, { method: 'DELETE', headers: bearer(admin) }),
    );
    await step(
      'POST /v1/admin/import/registrations',
      postCsv(app, '/v1/admin/import/registrations', REG_CSV, admin),
    );
    await step(
      'POST /v1/admin/import/sanctions',
      postCsv(app, '/v1/admin/import/sanctions', SANCTION_CSV, admin),
    );
    // The previewed import and its confirmation, each in the log.
    const preview = await step(
      'POST /v1/admin/import/sanctions/preview',
      postCsv(app, '/v1/admin/import/sanctions/preview', SANCTION_2_CSV, admin),
    );
    await step(
      'POST /v1/admin/import/sanctions/confirm',
      postCsv(app, '/v1/admin/import/sanctions/confirm', SANCTION_2_CSV, admin, {
        [IMPORT_TOKEN_HEADER]: String(preview.token),
      }),
    );
    const regPreview = await step(
      'POST /v1/admin/import/registrations/preview',
      postCsv(app, '/v1/admin/import/registrations/preview', REG_CSV, admin),
    );
    await step(
      'POST /v1/admin/import/registrations/confirm',
      postCsv(app, '/v1/admin/import/registrations/confirm', REG_CSV, admin, {
        [IMPORT_TOKEN_HEADER]: String(regPreview.token),
      }),
    );
    // The seller answers the sanction in public; a moderator hides the reply; the seller withdraws it.
    const facts = SellerReplies.parse(
      await ok(app.request('/v1/seller/replies', { headers: bearer(keys.seller.key) })),
    );
    const sanction = facts.shops[0]?.facts.find((f) => f.kind === 'sanction');
    expect(sanction).toBeDefined();
    const replyPath = `/v1/seller/shops/shopee/672907573/replies/${sanction?.id}`;
    const reply = await step(
      'PUT /v1/seller/shops/:platform/:sellerId/replies/:fact',
      app.request(replyPath, {
        method: 'PUT',
        headers: { ...bearer(keys.seller.key), 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Chúng tôi đã nộp phạt và thu hồi toàn bộ lô hàng.' }),
      }),
      201,
    );
    await step(
      'PUT /v1/replies/:id/visibility',
      app.request(`/v1/replies/${reply.id}/visibility`, {
        method: 'PUT',
        headers: { ...bearer(keys.moderator.key), 'content-type': 'application/json' },
        body: JSON.stringify({ hidden: true, reason: 'Chờ xác minh biên lai nộp phạt' }),
      }),
    );
    await step(
      'DELETE /v1/seller/shops/:platform/:sellerId/replies/:fact',
      app.request(replyPath, { method: 'DELETE', headers: bearer(keys.seller.key) }),
      204,
    );
    await step(
      'POST /v1/admin/open-data/snapshot',
      app.request('/v1/admin/open-data/snapshot', { method: 'POST', headers: bearer(admin) }),
      201,
    );
    const { code } = await fileComplaint();
    await step(
      'POST /v1/complaints/:code/verification',
      postJson(
        app,
        `/v1/complaints/${code}/verification`,
        { state: 'order_verified' },
        bearer(keys.platform.key),
      ),
    );
    await step(
      'POST /v1/complaints/:code/actions',
      postJson(
        app,
        `/v1/complaints/${code}/actions`,
        { type: 'respond', kind: 'refund', message: 'Đã hoàn tiền cho chị Bích' },
        bearer(keys.seller.key),
      ),
    );
    const report = await fileReport();
    await step(
      'POST /v1/moderation/reports/:code/actions',
      postJson(
        app,
        `/v1/moderation/reports/${report.toLowerCase()}/actions`,
        { type: 'confirm', reason: 'Mã vạch không tồn tại' },
        bearer(keys.moderator.key),
      ),
    );
    const hook = await step(
      'POST /v1/webhooks',
      postJson(app, '/v1/webhooks', { url: 'http://127.0.0.1:9/hook' }, bearer(keys.seller.key)),
      201,
    );
    await step(
      'POST /v1/webhooks/:id/secret',
      app.request(`/v1/webhooks/${hook.id}/secret`, { method: 'POST', headers: bearer(keys.seller.key) }),
    );
    await step(
      'POST /v1/webhooks/:id/test',
      app.request(`/v1/webhooks/${hook.id}/test`, { method: 'POST', headers: bearer(keys.seller.key) }),
      202,
    );
    await step(
      'DELETE /v1/webhooks/:id',
      app.request(`/v1/webhooks/${hook.id}`, { method: 'DELETE', headers: bearer(keys.seller.key) }),
      204,
    );
    expect([...done].sort()).toEqual(Object.keys(ACTIONS).sort());

    const { entries } = await audit('?limit=100');
    // One entry per action, newest first, each at the time it was done.
    expect(entries.map((e) => e.action)).toEqual([...done].reverse().map((op) => ACTIONS[op]?.action));
    expect(entries.map((e) => e.at)).toEqual(
      [...done].map((_, i) => new Date(NOW.getTime() + (i + 1) * 60_000).toISOString()).reverse(),
    );
    const byAction = (action: string) => entries.filter((e) => e.action === action);
    const text = JSON.stringify(entries);
    expect(byAction('admin.key.create')[0]).toMatchObject({
      actor: { keyId: keys.admin.id, role: 'admin', label: 'Vận hành' },
      target: { kind: 'key', id: created.id },
      detail: { role: 'moderator', label: 'Mới' },
    });
    expect(byAction('admin.import').map((e) => e.detail.kind)).toEqual(['sanctions', 'registrations']);
    expect(byAction('admin.import.confirm').map((e) => e.detail)).toEqual([
      { kind: 'registrations', rows: 1, inserted: 0, updated: 0, unchanged: 1 },
      { kind: 'sanctions', rows: 1, inserted: 1, updated: 0, unchanged: 0 },
    ]);
    // Who previewed which file (by its hash), never the preview's confirmation token.
    expect(byAction('admin.import.preview')[1]?.detail).toEqual({
      kind: 'sanctions',
      sha256: preview.sha256,
    });
    expect(text).not.toContain(String(preview.token));
    expect(byAction('reply.put')[0]).toMatchObject({
      actor: { role: 'seller', keyId: keys.seller.id },
      target: { kind: 'fact', id: `shopee:672907573:${sanction?.id}` },
    });
    // The seller's public words stay on the record, not in the log; the moderator's reason is kept.
    expect(text).not.toContain('thu hồi toàn bộ lô hàng');
    expect(byAction('reply.visibility')[0]).toMatchObject({
      actor: { role: 'moderator' },
      target: { kind: 'reply', id: reply.id },
      detail: { hidden: true, reason: 'Chờ xác minh biên lai nộp phạt' },
    });
    expect(byAction('report.action')[0]).toMatchObject({
      actor: { role: 'moderator', label: 'Điều phối viên Lan' },
      // The canonical tracking code, whatever spelling the path used.
      target: { kind: 'report', id: report },
      detail: { type: 'confirm', reason: 'Mã vạch không tồn tại' },
    });
    expect(byAction('complaint.verification')[0]).toMatchObject({
      actor: { role: 'platform', keyId: keys.platform.id },
      target: { kind: 'complaint', id: code },
      detail: { state: 'order_verified' },
    });
    // The seller's answer is recorded by its kind, never by its words.
    expect(byAction('complaint.action')[0]?.detail).toEqual({ type: 'respond', kind: 'refund' });
    expect(byAction('webhook.create')[0]?.target).toEqual({ kind: 'webhook', id: hook.id });
    // The secrets shown once never reach the log.
    expect(text).not.toContain(String(hook.secret));
    expect(text).not.toContain('antam_moderator_');
  });

  it('keeps no personal data of a complaint, only what was done and the moderator’s finding', async () => {
    const { code, token } = await fileComplaint();
    later(1);
    await ok(
      postJson(
        app,
        `/v1/complaints/${code}/verification`,
        { state: 'order_verified', note: 'Đơn 2410150QWERTY của Trần Thị Bích, giao 05/03' },
        bearer(keys.moderator.key),
      ),
    );
    later(2);
    await ok(
      postJson(
        app,
        `/v1/complaints/${code}/actions`,
        {
          type: 'respond',
          kind: 'refusal',
          message: 'Chị Trần Thị Bích (0912 345 678) đã dùng áo rách ở tay áo',
        },
        bearer(keys.seller.key),
      ),
    );
    later(3);
    // The shopper's own action (with the case token) is not an API key's: not in the log.
    await ok(
      postJson(
        app,
        `/v1/complaints/${code}/actions`,
        { type: 'dispute', reason: 'Trần Thị Bích không đồng ý' },
        bearer(token),
      ),
    );
    later(4);
    await ok(
      postJson(
        app,
        `/v1/complaints/${code}/actions`,
        { type: 'resolve', outcome: 'shopper', finding: 'Ảnh cho thấy hàng lỗi; người bán phải hoàn tiền.' },
        bearer(keys.moderator.key),
      ),
    );
    const { entries } = await audit(`?target=${code}`);
    expect(entries.map((e) => [e.action, e.actor.role, e.detail.type ?? e.detail.state])).toEqual([
      ['complaint.action', 'moderator', 'resolve'],
      ['complaint.action', 'seller', 'respond'],
      ['complaint.verification', 'moderator', 'order_verified'],
    ]);
    expect(entries[0]?.detail).toEqual({
      type: 'resolve',
      outcome: 'shopper',
      finding: 'Ảnh cho thấy hàng lỗi; người bán phải hoàn tiền.',
    });
    const text = JSON.stringify(await audit('?limit=100'));
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
    const rows = JSON.stringify(await database.db.selectFrom('audit_log').selectAll().execute());
    for (const personal of PERSONAL) expect(rows).not.toContain(personal);
  });

  it('is read by moderators and admins only; others see nothing of it', async () => {
    await ok(
      postJson(app, '/v1/admin/keys', { role: 'moderator', label: 'Bí mật' }, bearer(keys.admin.key)),
      201,
    );
    const { token } = await fileComplaint();
    const attempts: [string | null, number][] = [
      [null, 401],
      [token, 401],
      ['antam_admin_notakey', 401],
      [keys.seller.key, 403],
      [keys.platform.key, 403],
    ];
    for (const [key, status] of attempts) {
      const res = await app.request('/v1/audit?q=B%C3%AD', { headers: key ? bearer(key) : {} });
      expect(res.status).toBe(status);
      const text = await res.text();
      expect(ErrorBody.safeParse(JSON.parse(text)).success).toBe(true);
      expect(text).not.toContain('Bí mật');
    }
    expect((await audit('', keys.admin.key)).entries).toHaveLength(1);
    expect((await audit('', keys.moderator.key)).entries).toHaveLength(1);
    // Refused and failed attempts are not actions: nothing was recorded for them.
    const refused = await postJson(
      app,
      '/v1/admin/keys',
      { role: 'admin', label: 'x' },
      bearer(keys.seller.key),
    );
    expect(refused.status).toBe(403);
    const invalid = await postJson(app, '/v1/admin/keys', { role: 'root' }, bearer(keys.admin.key));
    expect(invalid.status).toBe(400);
    expect((await audit()).entries).toHaveLength(1);
  });

  it('filters by actor, role, action, target, dates and free text, newest first, a page at a time', async () => {
    const labels = ['Một', 'Hai', 'Ba', 'Bốn', 'Năm'];
    for (const [i, label] of labels.entries()) {
      now = new Date(Date.UTC(2026, 10, 1 + i, 9));
      await ok(postJson(app, '/v1/admin/keys', { role: 'moderator', label }, bearer(keys.admin.key)), 201);
    }
    now = new Date(Date.UTC(2026, 10, 6, 9));
    const report = await fileReport();
    await ok(
      postJson(
        app,
        `/v1/moderation/reports/${report}/actions`,
        { type: 'dismiss', reason: 'Không đủ bằng chứng' },
        bearer(keys.moderator.key),
      ),
    );
    const actions = async (q: string) =>
      (await audit(q)).entries.map((e) => String(e.detail.label ?? e.action));
    expect(await actions('')).toEqual(['report.action', 'Năm', 'Bốn', 'Ba', 'Hai', 'Một']);
    expect(await actions(`?actor=${keys.moderator.id}`)).toEqual(['report.action']);
    expect(await actions('?role=admin')).toEqual(['Năm', 'Bốn', 'Ba', 'Hai', 'Một']);
    expect(await actions('?action=admin.')).toEqual(['Năm', 'Bốn', 'Ba', 'Hai', 'Một']);
    expect(await actions('?action=admin')).toEqual([]);
    expect(await actions('?action=report.action')).toEqual(['report.action']);
    expect(await actions(`?target=${report}`)).toEqual(['report.action']);
    expect(await actions('?from=2026-11-02&to=2026-11-04')).toEqual(['Bốn', 'Ba', 'Hai']);
    expect(await actions('?from=2026-11-02T09:00:00Z&to=2026-11-02T09:00:00Z')).toEqual(['Hai']);
    // Free text, in any case, over the action, the target and the actor's label.
    expect(await actions('?q=REPORT')).toEqual(['report.action']);
    expect(await actions(`?q=${encodeURIComponent('điều phối')}`)).toEqual(['report.action']);
    expect(await actions(`?q=${report.slice(3, 8)}`)).toEqual(['report.action']);
    expect(await actions('?q=%25')).toEqual([]);

    const pages: string[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: AuditList = await audit(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.entries.map((e) => String(e.detail.label ?? e.action)));
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([
      ['report.action', 'Năm'],
      ['Bốn', 'Ba'],
      ['Hai', 'Một'],
    ]);

    for (const bad of ['?limit=0', '?limit=101', '?role=root', '?from=yesterday', '?cursor=notacursor']) {
      const res = await app.request(`/v1/audit${bad}`, { headers: bearer(keys.moderator.key) });
      expect(res.status, bad).toBe(400);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('bad_request');
    }
  });

  it('keeps a committed action when its audit row cannot be written, and says so on stderr', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await database.db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
      const res = await postJson(
        app,
        '/v1/admin/keys',
        { role: 'moderator', label: 'Vẫn tạo' },
        bearer(keys.admin.key),
      );
      expect(res.status).toBe(201);
      const listed = await ok(app.request('/v1/admin/keys', { headers: bearer(keys.admin.key) }));
      expect(JSON.stringify(listed)).toContain('Vẫn tạo');
      expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(
        /audit row NOT written for POST \/v1\/admin\/keys/,
      );
    } finally {
      await database.db.schema.alterTable('audit_log_away').renameTo('audit_log').execute();
      errors.mockRestore();
    }
  });
});
