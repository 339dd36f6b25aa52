// The OpenAPI document against the app: it covers every route the app serves (both ways), and
// every response it documents is given by some request here, in its documented shape (the
// helper's createApp checks each answer; tests/server/documented.ts).
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubmitComplaintInput, SubmitReportInput } from '../../lib/registry/cases';
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PER_CASE } from '../../lib/registry/evidence-type';
import { ErrorBody } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import type { Env } from '../../server/context';
import { openDatabase } from '../../server/db/connect';
import { DEMO_SITE_RULES_PRIVATE_KEY } from '../../server/demo/site-rules-key';
import { COMMON_STATUSES, defineRoute, jsonContent } from '../../server/http/route';
import { publishSiteRules, signSiteRules, siteRulesPayload } from '../../server/site-rules/store';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { checkAnswer, documentedRoutes, isConsolePath } from './documented';
import { bearer, createApp, postCsv, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00Z');
const SHOP = 'shopee:672907573';

const COMPLAINT: SubmitComplaintInput = {
  seller: SHOP,
  installKey: 'complaint-tests-install-key',
  order: {
    orderCode: '2410150QWERTY',
    orderDate: '2026-10-15',
    items: [{ title: 'Áo thun cotton nam', quantity: 1, unitPrice: 149000 }],
    total: 149000,
    currency: 'VND',
  },
  category: 'not_as_described',
  desiredOutcome: 'refund',
  description: 'Áo bị rách ở tay áo.',
  consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
};

const report = (n: number): SubmitReportInput => ({
  seller: SHOP,
  listing: {
    url: `https://shopee.vn/product-i.672907573.${n}`,
    title: 'Nước hoa chính hãng 100ml',
    price: 350000,
    currency: 'VND',
  },
  reason: 'Tem chống giả bị in mờ.',
  installKey: `install_key_${String(n).padStart(16, '0')}`,
});

const REG_CSV = [
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store',
  'Công ty TNHH Sen Việt,0312345678,registered,2023-05-12,online.gov.vn/TB-1,shopee,672907573,senviet.official,Sen Việt Official,true',
].join('\n');
const SANCTION_CSV = [
  'platform,seller_id,slug,authority,decision,date,summary,url',
  'shopee,672907573,,Cục Quản lý thị trường Hà Nội,123/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả,https://example.org/qd/123',
].join('\n');

const png = (seed: string) =>
  new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...new TextEncoder().encode(`IHDR ${seed}`),
  ]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const key = (route: { method: string; path: string }, status: number) =>
  `${route.method} ${route.path} ${status}`;

describe('the response checker', () => {
  const app = new OpenAPIHono<Env>();
  app.openapi(
    defineRoute({
      method: 'get',
      path: '/thing',
      responses: { 200: jsonContent(z.object({ n: z.number() }), 'A thing') },
    }),
    (c) => c.json({ n: 1 }, 200),
  );
  const routes = documentedRoutes(app);
  const answer = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('accepts a documented answer and refuses an undocumented status, a wrong body or an unknown route', async () => {
    await expect(
      checkAnswer(routes, 'GET', '/thing', answer(200, { n: 2 }), ErrorBody),
    ).resolves.toMatchObject({
      status: 200,
    });
    await expect(checkAnswer(routes, 'GET', '/thing', answer(200, { n: 'two' }), ErrorBody)).rejects.toThrow(
      /does not match its documented schema/,
    );
    await expect(checkAnswer(routes, 'GET', '/thing', answer(418, {}), ErrorBody)).rejects.toThrow(
      /does not document/,
    );
    await expect(checkAnswer(routes, 'POST', '/other', answer(200, {}), ErrorBody)).rejects.toThrow(
      /not documented/,
    );
  });
});

describe.each(DIALECTS)('the OpenAPI document on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let routes: ReturnType<typeof documentedRoutes>;
  let served: { method: string; path: string }[];
  const seen = new Set<string>();
  let admin: string;
  let seller: string;
  let moderator: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await emptyTables(database);
    const created = createApp(
      {
        db: database.db,
        clock: () => NOW,
        config: {
          rateLimit: { requests: 0, windowSeconds: 60 },
          webhookAllowPrivate: true,
          maxImportBytes: 10_000,
        },
      },
      ({ route, status }) => {
        if (route) seen.add(key(route, status));
      },
    );
    app = created.app;
    routes = documentedRoutes(created.app);
    // The web console's static files are not API routes (documented.ts, isConsolePath).
    served = created.app.routes.filter((r) => r.method !== 'ALL' && !isConsolePath(r.path));
    await created.deps.buckets.init();
    admin = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
    seller = (await createApiKey(database.db, { role: 'seller', label: 'shop', sellers: [SHOP] }, NOW)).key;
    moderator = (await createApiKey(database.db, { role: 'moderator', label: 'mod' }, NOW)).key;
  });

  it('documents every route the app serves, and serves every route it documents', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const inDocument = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const inApp = new Set(served.map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`));
    expect([...inApp].sort()).toEqual([...inDocument].sort());
    expect(inApp.size).toBeGreaterThan(25);
  });

  it('gives every response it documents, each in its documented shape', async () => {
    const json = (path: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') =>
      app.request(path, {
        method,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      });
    const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
    const del = (path: string, headers: Record<string, string> = {}) =>
      app.request(path, { method: 'DELETE', headers });
    const status = async (res: Response | Promise<Response>, expected: number) => {
      const r = await res;
      expect(r.status, `${r.status} ${await r.clone().text()}`).toBe(expected);
      return r;
    };
    const upload = (path: string, token: string, bytes: Uint8Array<ArrayBuffer>, type = 'image/png') =>
      app.request(path, {
        method: 'POST',
        body: bytes,
        headers: {
          'content-type': type,
          'x-evidence-sha256': sha256(bytes),
          'x-evidence-captured-at': '2026-10-31T21:15:00+07:00',
          'x-evidence-source': 'screenshot',
          ...bearer(token),
        },
      });
    const tooBig = (bytes: number) => 'x'.repeat(bytes);
    const unknownCode = 'AT-00000000';

    // Lookups.
    await status(get('/v1/health'), 200);
    await status(get('/v1/meta'), 200);
    const bucket = await status(get('/v1/buckets/abcd'), 200);
    await status(get('/v1/buckets/abcd', { 'if-none-match': bucket.headers.get('etag') ?? '' }), 304);
    await status(get('/v1/buckets/XYZ'), 400);
    await status(json('/v1/lookup', { prefixes: ['abcd'] }), 200);
    await status(json('/v1/lookup', { prefixes: ['no'] }), 400);
    await status(json('/v1/lookup', { prefixes: [tooBig(20_000)] }), 413);
    await status(json('/v1/lookup', 'prefixes', { 'content-type': 'text/plain' }), 415);

    // Admin.
    await status(postCsv(app, '/v1/admin/import/registrations', REG_CSV, admin), 200);
    await status(postCsv(app, '/v1/admin/import/sanctions', SANCTION_CSV, admin), 200);
    await status(get('/v1/sellers/shopee/672907573'), 200);
    await status(get('/v1/sellers/amazon/1'), 400);
    await status(get('/v1/sellers/shopee/999'), 404);
    // The pages for people (tests/server/public-pages.test.ts reads them).
    const page = await status(get('/s/shopee/672907573'), 200);
    await status(get('/s/shopee/672907573', { 'if-none-match': page.headers.get('etag') ?? '' }), 304);
    await status(get('/s/amazon/1'), 400);
    await status(get('/s/shopee/999'), 404);
    await status(get('/levels'), 200);
    for (const kind of ['registrations', 'sanctions']) {
      const path = `/v1/admin/import/${kind}`;
      await status(postCsv(app, path, REG_CSV, seller), 403);
      await status(
        app.request(path, { method: 'POST', body: REG_CSV, headers: { 'content-type': 'text/csv' } }),
        401,
      );
      await status(postCsv(app, path, 'a,b\n"unterminated', admin), 422);
      await status(postCsv(app, path, tooBig(20_000), admin), 413);
      await status(json(path, {}, bearer(admin)), 415);
      const latin1 = app.request(path, {
        method: 'POST',
        body: new Uint8Array([0x61, 0xff, 0xfe]),
        headers: { 'content-type': 'text/csv', ...bearer(admin) },
      });
      await status(latin1, 400);
    }
    // The import's preview and confirm (tests/server/import-preview.test.ts reads them).
    for (const [kind, csv] of [
      ['registrations', REG_CSV],
      ['sanctions', SANCTION_CSV],
    ] as const) {
      const path = `/v1/admin/import/${kind}`;
      const confirm = (body: string, token: string, key = admin, type = 'text/csv') =>
        app.request(`${path}/confirm`, {
          method: 'POST',
          body,
          headers: { 'content-type': type, 'x-import-token': token, ...bearer(key) },
        });
      const previewed = await status(postCsv(app, `${path}/preview`, csv, admin), 200);
      const { token } = (await previewed.json()) as { token: string };
      await status(postCsv(app, `${path}/preview`, csv, seller), 403);
      await status(
        app.request(`${path}/preview`, {
          method: 'POST',
          body: csv,
          headers: { 'content-type': 'text/csv' },
        }),
        401,
      );
      await status(postCsv(app, `${path}/preview`, tooBig(20_000), admin), 413);
      await status(json(`${path}/preview`, {}, bearer(admin)), 415);
      const latin1 = app.request(`${path}/preview`, {
        method: 'POST',
        body: new Uint8Array([0x61, 0xff, 0xfe]),
        headers: { 'content-type': 'text/csv', ...bearer(admin) },
      });
      await status(latin1, 400);
      await status(confirm(csv, token, seller), 403);
      await status(
        app.request(`${path}/confirm`, {
          method: 'POST',
          body: csv,
          headers: { 'content-type': 'text/csv', 'x-import-token': token },
        }),
        401,
      );
      await status(confirm(csv, 'not-a-token'), 400);
      await status(confirm(`${csv}\n`, token), 409);
      await status(confirm(tooBig(20_000), token), 413);
      await status(confirm('{}', token, admin, 'application/json'), 415);
      await status(confirm(csv, token), 200);
    }
    const created = await status(
      json('/v1/admin/keys', { role: 'moderator', label: 'x' }, bearer(admin)),
      201,
    );
    const { id: keyId } = (await created.json()) as { id: string };
    await status(json('/v1/admin/keys', { role: 'nobody' }, bearer(admin)), 400);
    await status(json('/v1/admin/keys', { role: 'admin', label: tooBig(20_000) }, bearer(admin)), 413);
    await status(json('/v1/admin/keys', 'x', { 'content-type': 'text/plain', ...bearer(admin) }), 415);
    await status(json('/v1/admin/keys', {}, bearer(seller)), 403);
    await status(json('/v1/admin/keys', {}), 401);
    await status(get('/v1/admin/keys', bearer(admin)), 200);
    await status(get('/v1/admin/keys', bearer(seller)), 403);
    await status(get('/v1/admin/keys'), 401);
    await status(del(`/v1/admin/keys/${keyId}`, bearer(admin)), 200);
    await status(del(`/v1/admin/keys/${randomUUID()}`, bearer(admin)), 404);
    await status(del(`/v1/admin/keys/${keyId}`, bearer(seller)), 403);
    await status(del(`/v1/admin/keys/${keyId}`), 401);

    // Complaints.
    const idem = { 'idempotency-key': 'key-complaint-0001' };
    const first = await status(json('/v1/complaints', COMPLAINT, idem), 201);
    const complaint = (await first.json()) as { trackingCode: string; token: string };
    await status(json('/v1/complaints', COMPLAINT, idem), 200);
    await status(json('/v1/complaints', { ...COMPLAINT, description: 'Khác' }, idem), 409);
    await status(json('/v1/complaints', { seller: SHOP }, { 'idempotency-key': 'key-complaint-0002' }), 400);
    await status(json('/v1/complaints', tooBig(300_000), { 'idempotency-key': 'key-complaint-0003' }), 413);
    await status(
      json('/v1/complaints', 'x', { 'idempotency-key': 'key-complaint-0004', 'content-type': 'text/plain' }),
      415,
    );
    const hidden = await status(
      json(
        '/v1/complaints',
        { ...COMPLAINT, consent: { ...COMPLAINT.consent, shareWithSeller: false } },
        { 'idempotency-key': 'key-complaint-0005' },
      ),
      201,
    );
    const unshared = (await hidden.json()) as { trackingCode: string; token: string };
    const c = `/v1/complaints/${complaint.trackingCode}`;
    await status(get(c, bearer(complaint.token)), 200);
    await status(get(c), 401);
    await status(get(c, bearer(admin)), 403);
    await status(get(`/v1/complaints/${unknownCode}`, bearer(moderator)), 404);
    await status(
      json(`${c}/actions`, { type: 'respond', kind: 'refund', message: 'Hoàn tiền' }, bearer(seller)),
      200,
    );
    await status(
      json(`${c}/actions`, { type: 'respond', kind: 'refund', message: 'Lần nữa' }, bearer(seller)),
      409,
    );
    await status(json(`${c}/actions`, { type: 'fly' }, bearer(seller)), 400);
    await status(json(`${c}/actions`, { type: 'respond' }), 401);
    await status(json(`${c}/actions`, { type: 'respond' }, bearer(admin)), 403);
    await status(json(`/v1/complaints/${unknownCode}/actions`, { type: 'respond' }, bearer(moderator)), 404);
    await status(json(`${c}/actions`, tooBig(300_000), bearer(seller)), 413);
    await status(json(`${c}/actions`, 'x', { 'content-type': 'text/plain', ...bearer(seller) }), 415);
    await status(get('/v1/seller/complaints', bearer(seller)), 200);
    await status(get('/v1/seller/complaints?limit=0', bearer(seller)), 400);
    await status(get('/v1/seller/complaints', bearer(moderator)), 403);
    await status(get('/v1/seller/complaints'), 401);

    // Verification of a complaint's order, and the queue of those to verify.
    await status(get('/v1/complaints', bearer(moderator)), 200);
    await status(get('/v1/complaints?verification=maybe', bearer(moderator)), 400);
    await status(get('/v1/complaints', bearer(seller)), 403);
    await status(get('/v1/complaints'), 401);
    const v = `${c}/verification`;
    await status(json(v, { state: 'order_verified' }, bearer(moderator)), 200);
    await status(json(v, { state: 'unverified' }, bearer(moderator)), 400);
    await status(json(v, { state: 'order_verified' }), 401);
    await status(json(v, { state: 'order_verified' }, bearer(seller)), 403);
    await status(
      json(`/v1/complaints/${unknownCode}/verification`, { state: 'order_verified' }, bearer(moderator)),
      404,
    );
    await status(json(v, tooBig(20_000), bearer(moderator)), 413);
    await status(json(v, 'x', { 'content-type': 'text/plain', ...bearer(moderator) }), 415);

    // Reports and moderation.
    const rIdem = { 'idempotency-key': 'key-report-0001' };
    const r1 = await status(json('/v1/reports', report(1), rIdem), 201);
    const rep = (await r1.json()) as { trackingCode: string; token: string };
    await status(json('/v1/reports', report(1), rIdem), 200);
    await status(json('/v1/reports', report(1), { 'idempotency-key': 'key-report-0002' }), 409);
    await status(json('/v1/reports', { seller: SHOP }, { 'idempotency-key': 'key-report-0003' }), 400);
    await status(json('/v1/reports', tooBig(300_000), { 'idempotency-key': 'key-report-0004' }), 413);
    await status(
      json('/v1/reports', 'x', { 'idempotency-key': 'key-report-0005', 'content-type': 'text/plain' }),
      415,
    );
    const r = `/v1/reports/${rep.trackingCode}`;
    await status(get(r, bearer(rep.token)), 200);
    await status(get(r), 401);
    await status(get(r, bearer(seller)), 403);
    await status(get(`/v1/reports/${unknownCode}`, bearer(moderator)), 404);
    const m = `/v1/moderation/reports/${rep.trackingCode}`;
    await status(get('/v1/moderation/reports', bearer(moderator)), 200);
    await status(get('/v1/moderation/reports?limit=1000', bearer(moderator)), 400);
    await status(get('/v1/moderation/reports', bearer(seller)), 403);
    await status(get('/v1/moderation/reports'), 401);
    await status(get(m, bearer(moderator)), 200);
    await status(get(m, bearer(seller)), 403);
    await status(get(m), 401);
    await status(get(`/v1/moderation/reports/${unknownCode}`, bearer(moderator)), 404);
    await status(json(`${m}/actions`, { type: 'start_review' }, bearer(moderator)), 200);
    await status(json(`${m}/actions`, { type: 'start_review' }, bearer(moderator)), 409);
    await status(json(`${m}/actions`, { type: 'fly' }, bearer(moderator)), 400);
    await status(json(`${m}/actions`, { type: 'start_review' }, bearer(seller)), 403);
    await status(json(`${m}/actions`, { type: 'start_review' }), 401);
    await status(
      json(`/v1/moderation/reports/${unknownCode}/actions`, { type: 'start_review' }, bearer(moderator)),
      404,
    );
    await status(json(`${m}/actions`, tooBig(300_000), bearer(moderator)), 413);
    await status(json(`${m}/actions`, 'x', { 'content-type': 'text/plain', ...bearer(moderator) }), 415);

    // Evidence and erasure, on both kinds.
    const cases = [
      { path: c, token: complaint.token, stranger: admin },
      { path: r, token: rep.token, stranger: seller },
    ];
    for (const { path, token, stranger } of cases) {
      const stored = await status(upload(`${path}/evidence`, token, png(path)), 201);
      const { id } = (await stored.json()) as { id: string };
      await status(upload(`${path}/evidence`, token, png(path)), 200);
      await status(upload(`${path}/evidence`, token, png('x'), 'application/pdf'), 415);
      await status(upload(`${path}/evidence`, token, new Uint8Array(MAX_EVIDENCE_BYTES + 1)), 413);
      await status(
        app.request(`${path}/evidence`, {
          method: 'POST',
          body: png('y'),
          headers: { 'content-type': 'image/png', ...bearer(token) },
        }),
        400,
      );
      await status(upload(`${path}/evidence`, moderator, png('z')), 403);
      await status(upload(`${path}/evidence`, '', png('z')), 401);
      await status(upload(`${path.replace(/AT-\w+$/, unknownCode)}/evidence`, token, png('z')), 404);
      for (let i = 1; i < MAX_EVIDENCE_PER_CASE; i++)
        await status(upload(`${path}/evidence`, token, png(`${path} ${i}`)), 201);
      await status(upload(`${path}/evidence`, token, png('one too many')), 409);
      await status(get(`${path}/evidence/${id}`, bearer(token)), 200);
      await status(get(`${path}/evidence/${randomUUID()}`, bearer(token)), 404);
      await status(get(`${path}/evidence/${id}`, bearer(stranger)), 403);
      await status(get(`${path}/evidence/${id}`), 401);
      await status(del(`${path}/personal-data`, bearer(moderator)), 403);
      await status(del(`${path}/personal-data`), 401);
      await status(del(`${path.replace(/AT-\w+$/, unknownCode)}/personal-data`, bearer(moderator)), 404);
      await status(del(`${path}/personal-data`, bearer(token)), 200);
    }
    // The complaint's order was deleted with its personal data: nothing left to verify.
    await status(json(`${c}/verification`, { state: 'order_not_found' }, bearer(moderator)), 409);
    // A seller reads a complaint's evidence only with the shopper's consent to sharing.
    const u = `/v1/complaints/${unshared.trackingCode}`;
    const hiddenFile = (await (
      await status(upload(`${u}/evidence`, unshared.token, png('u')), 201)
    ).json()) as {
      id: string;
    };
    // Not shared with the seller: not there for it in any form.
    await status(get(`${u}/evidence/${hiddenFile.id}`, bearer(seller)), 404);

    // Webhooks.
    const hook = await status(json('/v1/webhooks', { url: 'http://127.0.0.1:9/hook' }, bearer(seller)), 201);
    const { id: hookId } = (await hook.json()) as { id: string };
    await status(json('/v1/webhooks', { url: 'ftp://example.org' }, bearer(seller)), 400);
    await status(json('/v1/webhooks', { url: tooBig(20_000) }, bearer(seller)), 413);
    await status(json('/v1/webhooks', 'x', { 'content-type': 'text/plain', ...bearer(seller) }), 415);
    await status(json('/v1/webhooks', {}, bearer(moderator)), 403);
    await status(json('/v1/webhooks', {}), 401);
    for (let i = 1; i < 10; i++)
      await status(json('/v1/webhooks', { url: `http://127.0.0.1:9/h${i}` }, bearer(seller)), 201);
    await status(json('/v1/webhooks', { url: 'http://127.0.0.1:9/h10' }, bearer(seller)), 409);
    await status(get('/v1/webhooks', bearer(seller)), 200);
    await status(get('/v1/webhooks', bearer(moderator)), 403);
    await status(get('/v1/webhooks'), 401);
    await status(json(`/v1/webhooks/${hookId}/secret`, {}, bearer(seller)), 200);
    await status(json(`/v1/webhooks/${randomUUID()}/secret`, {}, bearer(seller)), 404);
    await status(json(`/v1/webhooks/${hookId}/secret`, {}, bearer(moderator)), 403);
    await status(json(`/v1/webhooks/${hookId}/secret`, {}), 401);
    await status(json(`/v1/webhooks/${hookId}/test`, {}, bearer(seller)), 202);
    await status(json(`/v1/webhooks/${randomUUID()}/test`, {}, bearer(seller)), 404);
    await status(json(`/v1/webhooks/${hookId}/test`, {}, bearer(moderator)), 403);
    await status(json(`/v1/webhooks/${hookId}/test`, {}), 401);
    await status(get('/v1/whoami', bearer(seller)), 200);
    await status(get('/v1/whoami'), 401);
    const deliveries = `/v1/webhooks/${hookId}/deliveries`;
    await status(get(deliveries, bearer(seller)), 200);
    await status(get(`${deliveries}?status=lost`, bearer(seller)), 400);
    await status(get(`/v1/webhooks/${randomUUID()}/deliveries`, bearer(seller)), 404);
    await status(get(deliveries, bearer(moderator)), 403);
    await status(get(deliveries), 401);
    await status(del(`/v1/webhooks/${hookId}`, bearer(moderator)), 403);
    await status(del(`/v1/webhooks/${hookId}`), 401);
    await status(del(`/v1/webhooks/${hookId}`, bearer(seller)), 204);
    await status(del(`/v1/webhooks/${hookId}`, bearer(seller)), 404);
    await status(get('/v1/openapi.json'), 200);

    // The audit log (tests/server/audit.test.ts checks what it holds).
    await status(get('/v1/audit?action=webhook.', bearer(moderator)), 200);
    await status(get('/v1/audit?limit=0', bearer(moderator)), 400);
    await status(get('/v1/audit'), 401);
    await status(get('/v1/audit', bearer(seller)), 403);

    // Open data and statistics (tests/server/open-data.test.ts checks what they hold).
    const snapshotPath = '/v1/admin/open-data/snapshot';
    await status(json(snapshotPath, ''), 401);
    await status(json(snapshotPath, '', bearer(moderator)), 403);
    await status(json(snapshotPath, '', bearer(admin)), 201);
    await status(get('/v1/open-data'), 200);
    const file = await status(get('/v1/open-data/latest/records.csv'), 200);
    await file.arrayBuffer();
    await status(
      get('/v1/open-data/latest/records.csv', { 'if-none-match': file.headers.get('etag') ?? '' }),
      304,
    );
    await status(get('/v1/open-data/2001-01-01/records.jsonl'), 404);
    await status(get('/v1/open-data/latest/records.xml'), 400);
    await status(get('/v1/stats'), 200);
    await status(get('/stats'), 200);

    // Sellers' public replies (tests/server/replies.test.ts checks what they do).
    const put = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      json(path, body, headers, 'PUT');
    await status(get('/v1/seller/replies'), 401);
    await status(get('/v1/seller/replies', bearer(moderator)), 403);
    const answerable = (await (await status(get('/v1/seller/replies', bearer(seller)), 200)).json()) as {
      shops: { sellerId: string; facts: { id: string; kind: string }[] }[];
    };
    const shop = answerable.shops.find((x) => x.sellerId === '672907573');
    const sanctionFact = shop?.facts.find((f) => f.kind === 'sanction')?.id ?? 'sanction-none';
    const absentFact = ['counterfeit', 'late_answers'].find((id) => !shop?.facts.some((f) => f.id === id));
    const replyPath = (fact: string) => `/v1/seller/shops/shopee/672907573/replies/${fact}`;
    const posted = (await (
      await status(put(replyPath(sanctionFact), { text: 'Chúng tôi đã khắc phục.' }, bearer(seller)), 201)
    ).json()) as { id: string };
    await status(put(replyPath(sanctionFact), { text: 'Chúng tôi đã khắc phục xong.' }, bearer(seller)), 200);
    await status(put(replyPath(sanctionFact), { text: '' }, bearer(seller)), 400);
    await status(put(replyPath(sanctionFact), { text: tooBig(20_000) }, bearer(seller)), 413);
    await status(put(replyPath(sanctionFact), 'x', { 'content-type': 'text/plain', ...bearer(seller) }), 415);
    await status(put(replyPath(`sanction-${randomUUID()}`), { text: 'x' }, bearer(seller)), 404);
    await status(put(replyPath(absentFact ?? 'counterfeit'), { text: 'x' }, bearer(seller)), 409);
    await status(put(replyPath(sanctionFact), { text: 'x' }, bearer(moderator)), 403);
    await status(put(replyPath(sanctionFact), { text: 'x' }), 401);
    await status(get('/v1/replies', bearer(moderator)), 200);
    await status(get('/v1/replies?limit=0', bearer(moderator)), 400);
    await status(get('/v1/replies', bearer(seller)), 403);
    await status(get('/v1/replies'), 401);
    const visibility = `/v1/replies/${posted.id}/visibility`;
    await status(put(visibility, { hidden: true, reason: 'Xúc phạm' }, bearer(moderator)), 200);
    await status(put(visibility, { hidden: true }, bearer(moderator)), 400);
    await status(put(visibility, { hidden: true, reason: tooBig(20_000) }, bearer(moderator)), 413);
    await status(put(visibility, 'x', { 'content-type': 'text/plain', ...bearer(moderator) }), 415);
    await status(put(`/v1/replies/${randomUUID()}/visibility`, { hidden: false }, bearer(moderator)), 404);
    await status(put(visibility, { hidden: false }, bearer(seller)), 403);
    await status(put(visibility, { hidden: false }), 401);
    await status(del(replyPath('complaints'), bearer(seller)), 400);
    await status(del(replyPath(sanctionFact), bearer(moderator)), 403);
    await status(del(replyPath(sanctionFact)), 401);
    await status(del(replyPath(sanctionFact), bearer(seller)), 204);
    await status(del(replyPath(sanctionFact), bearer(seller)), 404);

    // rules (issue 12): the signed site rules, none published, then one, then not modified.
    await status(get('/v1/site-rules'), 404);
    const { payload, rules } = siteRulesPayload(
      JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/site-rules/example.json'), 'utf8')),
    );
    await publishSiteRules(
      database.db,
      await signSiteRules(payload, DEMO_SITE_RULES_PRIVATE_KEY),
      rules,
      NOW,
    );
    const siteRules = await status(get('/v1/site-rules'), 200);
    await status(get('/v1/site-rules', { 'if-none-match': siteRules.headers.get('etag') ?? '' }), 304);

    // The answers every route may give: the general rate limit, and the database gone.
    const limited = createApp(
      { db: database.db, config: { rateLimit: { requests: 1, windowSeconds: 60 } } },
      ({ route, status: s }) => {
        if (route) seen.add(key(route, s));
      },
    );
    await status(limited.app.request('/v1/meta'), 200);
    const rateLimited = await status(limited.app.request('/v1/meta'), 429);
    expect(rateLimited.headers.get('retry-after')).toMatch(/^\d+$/);
    const gone = openDatabase(database.location);
    const broken = createApp(
      { db: gone.db, config: { rateLimit: { requests: 0, windowSeconds: 60 } } },
      ({ route, status: s }) => {
        if (route) seen.add(key(route, s));
      },
    );
    await broken.deps.buckets.init();
    await gone.close();
    await status(broken.app.request('/v1/health'), 503);
    await status(broken.app.request('/v1/sellers/shopee/1'), 503);

    const common = new Set<number>(COMMON_STATUSES);
    const missing = routes.flatMap((route) =>
      [...route.responses.keys()]
        .filter((s) => !common.has(s) && !seen.has(key(route, s)))
        .map((s) => key(route, s)),
    );
    expect(missing).toEqual([]);
    // Each answer every route may give is given at least once.
    for (const s of COMMON_STATUSES)
      expect(
        [...seen].some((k) => k.endsWith(` ${s}`)),
        String(s),
      ).toBe(true);
  });
});
