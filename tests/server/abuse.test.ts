// The attacks on the trust model (issue 9), each replayed as its attacker ran it against the
// registry, on every engine. Each one used to move a level, or show someone what they may not see;
// each test now shows that it fails, and where the rule has a legitimate path (a marketplace or a
// moderator establishing the facts), that the path still works.
//
// The rule: a level moves only on facts established by someone other than the accuser and the
// accused. The network, import and cache holes of the same issue are replayed in
// abuse-network.test.ts and abuse-import.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ComplaintView,
  ReportView,
  SellerComplaintList,
  type SubmitComplaintInput,
  SubmittedComplaint,
  SubmittedReport,
} from '../../lib/registry/cases';
import { TrustRecord } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import { markLateComplaints } from '../../server/cases/jobs';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const DAY = 86_400_000;
/** The registry's answer deadline (DEFAULT_ANSWER_DEADLINE_DAYS). */
const DEADLINE_DAYS = 7;
const SHOP = 'shopee:672907573';
const SHOP_PATH = 'shopee/672907573';

const REGISTERED = [
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store',
  'Công ty TNHH Sen Việt,0312345678,registered,2023-05-12,online.gov.vn/TB-1,shopee,672907573,senviet.official,Sen Việt Official,false',
].join('\n');

let installs = 0;
/** A fresh extension install: what an attacker with many browsers (or a script) has. */
function newInstall(): string {
  installs += 1;
  return `attacker-install-${String(installs).padStart(6, '0')}`;
}

function complaintBody(patch: Partial<SubmitComplaintInput> = {}): SubmitComplaintInput {
  return {
    seller: SHOP,
    order: { orderCode: `ORD-${randomUUID().slice(0, 8)}`, currency: 'VND' },
    category: 'not_as_described',
    desiredOutcome: 'refund',
    description: 'Hàng không đúng mô tả.',
    consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
    installKey: newInstall(),
    ...patch,
  };
}

describe.each(DIALECTS)('attacks on the trust model, on %s', (engine) => {
  let database: TestDatabase;
  let now: Date;
  /** The registry as deployed: new complaints and reports limited per address and per install. */
  let registry: TestApp;
  /**
   * The same registry as seen by an attacker who has as many addresses and installs as they want
   * (the per-client limits do not bind them): the model itself must hold.
   */
  let unlimited: TestApp;
  let registryParts: ReturnType<typeof createApp>;
  let admin: string;
  let moderator: string;
  let platform: string;
  let sellerKey: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await emptyTables(database);
    now = NOW;
    registryParts = createApp({
      db: database.db,
      clock: () => now,
      // Webhooks to this machine: the delivery itself is not under test, only what is enqueued.
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, trustProxy: true, webhookAllowPrivate: true },
    });
    registry = registryParts.app;
    const loose = createApp({
      db: database.db,
      clock: () => now,
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, complaintsPerHour: 0, reportsPerHour: 0 },
    });
    unlimited = loose.app;
    await registryParts.deps.buckets.init();
    await loose.deps.buckets.init();
    admin = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
    moderator = (await createApiKey(database.db, { role: 'moderator', label: 'Điều phối' }, NOW)).key;
    platform = (
      await createApiKey(database.db, { role: 'platform', label: 'Shopee VN', platform: 'shopee' }, NOW)
    ).key;
    sellerKey = (await createApiKey(database.db, { role: 'seller', label: 'Sen Việt', sellers: [SHOP] }, NOW))
      .key;
  });

  async function file(
    app: TestApp,
    body: SubmitComplaintInput,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return postJson(app, '/v1/complaints', body, { 'idempotency-key': randomUUID(), ...headers });
  }

  async function fileOk(app: TestApp, body: SubmitComplaintInput = complaintBody()) {
    const res = await file(app, body);
    expect(res.status, await res.clone().text()).toBe(201);
    const answer = SubmittedComplaint.parse(await res.json());
    return { trackingCode: answer.trackingCode, token: answer.token ?? '' };
  }

  async function verify(code: string, key = platform, state = 'order_verified'): Promise<ComplaintView> {
    const res = await postJson(registry, `/v1/complaints/${code}/verification`, { state }, bearer(key));
    expect(res.status, await res.clone().text()).toBe(200);
    return ComplaintView.parse(await res.json());
  }

  async function answer(code: string): Promise<void> {
    const res = await postJson(
      registry,
      `/v1/complaints/${code}/actions`,
      { type: 'respond', kind: 'refund', message: 'Shop hoàn tiền ngay.' },
      bearer(sellerKey),
    );
    expect(res.status, await res.clone().text()).toBe(200);
  }

  async function record(path = SHOP_PATH): Promise<TrustRecord | null> {
    const res = await registry.request(`/v1/sellers/${path}`);
    if (res.status === 404) return null;
    expect(res.status, await res.clone().text()).toBe(200);
    return TrustRecord.parse(await res.json());
  }

  async function register(): Promise<void> {
    const res = await postCsv(registry, '/v1/admin/import/registrations', REGISTERED, admin);
    expect(res.status, await res.clone().text()).toBe(200);
  }

  /** The deadline passes; the registry's job marks what was left unanswered late. */
  async function deadlinePasses(): Promise<void> {
    now = new Date(now.getTime() + (DEADLINE_DAYS + 1) * DAY);
    await markLateComplaints(registryParts.complaints, database.db, now);
    await registryParts.deps.buckets.refreshVersion();
  }

  it('a seller cannot wash its level with 32 complaints against itself answered on time', async () => {
    await register();
    // Its real history, established by the marketplace: three of five complaints left unanswered.
    const real = [];
    for (let i = 0; i < 5; i++) real.push((await fileOk(registry, complaintBody())).trackingCode);
    for (const code of real) await verify(code);
    await answer(real[0] ?? '');
    await answer(real[1] ?? '');
    await deadlinePasses();
    const before = await record();
    expect(before?.level).toBe('caution');
    expect(before?.reasons.map((r) => r.code)).toContain('complaints_late');

    // The attack: 32 complaints against its own shop, each answered at once (64 requests).
    for (let i = 0; i < 32; i++) {
      const { trackingCode } = await fileOk(unlimited, complaintBody());
      await answer(trackingCode);
    }
    const after = await record();
    expect(after?.level).toBe('caution');
    expect(after?.level).not.toBe('trusted');
    expect(after?.complaints.last12Months).toMatchObject({ total: 5, unanswered: 3 });
    // Shown, but apart and without weight.
    expect(after?.complaints.unverified.last12Months).toBe(32);
    expect(after?.reasons.find((r) => r.code === 'complaints_unverified')).toMatchObject({
      effect: 'neutral',
      params: { count: 32 },
    });
  });

  it('nobody can push a trusted shop to caution with three anonymous complaints left unanswered', async () => {
    await register();
    expect((await record())?.level).toBe('trusted');
    for (let i = 0; i < 3; i++) await fileOk(unlimited, complaintBody());
    await deadlinePasses();
    const smeared = await record();
    expect(smeared?.level).toBe('trusted');
    expect(smeared?.complaints.last12Months).toMatchObject({ total: 0, unanswered: 0 });
    expect(smeared?.complaints.unverified.last12Months).toBe(3);
  });

  it('but complaints the marketplace attested and the seller left unanswered do make it late', async () => {
    await register();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await fileOk(registry, complaintBody())).trackingCode);
    for (const code of codes) {
      const verified = await verify(code);
      expect(verified.verification).toMatchObject({ state: 'order_verified', by: 'platform' });
    }
    await deadlinePasses();
    const late = await record();
    expect(late?.level).toBe('caution');
    expect(late?.reasons.find((r) => r.code === 'complaints_late')?.params).toMatchObject({
      late: 3,
      total: 3,
    });
    expect(late?.complaints.unverified.last12Months).toBe(0);
  });

  it('a moderator who reviewed the evidence establishes it too; an order not found counts for nothing', async () => {
    await register();
    const kept = (await fileOk(registry, complaintBody())).trackingCode;
    const refuted = [];
    for (let i = 0; i < 3; i++) refuted.push((await fileOk(registry, complaintBody())).trackingCode);
    await verify(kept, moderator);
    for (const code of refuted) await verify(code, platform, 'order_not_found');
    await deadlinePasses();
    const r = await record();
    expect(r?.complaints.last12Months).toMatchObject({ total: 1, unanswered: 1 });
    // One late answer of one is below the floor of the rule: no accusation, no trust either.
    expect(r?.level).toBe('ok');
    expect(r?.complaints.unverified.last12Months).toBe(0);
  });

  it('one anonymous complaint leaves a brand-new shop unknown, and one address creates at most ten', async () => {
    const res = await file(registry, complaintBody({ seller: 'shopee:900000001' }), {
      'x-forwarded-for': '198.51.100.7',
    });
    expect(res.status).toBe(201);
    const fresh = await record('shopee/900000001');
    expect(fresh?.level).toBe('unknown');
    expect(fresh?.complaints.unverified.allTime).toBe(1);

    // The same address, a new install and a new shop id each time: stopped at the hourly limit.
    const statuses: number[] = [];
    for (let i = 2; i <= 120; i++) {
      const r = await file(registry, complaintBody({ seller: `shopee:${900000000 + i}` }), {
        'x-forwarded-for': '198.51.100.7',
      });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(9);
    expect(statuses.at(-1)).toBe(429);
    const created = await database.db
      .selectFrom('sellers')
      .select('id')
      .where('id', 'like', 'shopee:9000%')
      .execute();
    expect(created).toHaveLength(10);
  });

  it('one install hopping addresses is limited too', async () => {
    const install = newInstall();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await file(registry, complaintBody({ installKey: install }), {
        'x-forwarded-for': `203.0.113.${i + 1}`,
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('a complaint queued by an earlier extension, without an install key, is accepted and counted per address', async () => {
    const { installKey: _omitted, ...old } = complaintBody();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await file(
        registry,
        { ...old, order: { orderCode: `OLD-${i}`, currency: 'VND' } },
        {
          'x-forwarded-for': '192.0.2.44',
        },
      );
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('a report is not tied to a verified order by the reporter filing a complaint naming it', async () => {
    const orderCode = 'ORDER-FORGED-1';
    const { trackingCode: complaintCode } = await fileOk(
      registry,
      complaintBody({ order: { orderCode, currency: 'VND' } }),
    );
    const report = await postJson(
      registry,
      '/v1/reports',
      {
        seller: SHOP,
        listing: {
          url: 'https://shopee.vn/product/672907573/1001',
          title: 'Tai nghe chính hãng',
          price: 99000,
          currency: 'VND',
        },
        reason: 'Hộp in sai logo, tem giả.',
        orderCode,
        installKey: newInstall(),
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(report.status, await report.clone().text()).toBe(201);
    const { trackingCode } = SubmittedReport.parse(await report.json());
    const seen = async () =>
      ReportView.parse(
        await (
          await registry.request(`/v1/moderation/reports/${trackingCode}`, { headers: bearer(moderator) })
        ).json(),
      ).orderVerified;
    expect(await seen()).toBe(false);
    // The marketplace attests the order: now it is tied, by someone other than the reporter.
    await verify(complaintCode);
    expect(await seen()).toBe(true);
  });

  it('a complaint filed without consent to share never reaches the seller, in any form', async () => {
    const hook = await postJson(
      registry,
      '/v1/webhooks',
      { url: 'http://127.0.0.1:9/antam-hook' },
      bearer(sellerKey),
    );
    expect(hook.status, await hook.clone().text()).toBe(201);
    const { trackingCode } = await fileOk(
      registry,
      complaintBody({
        order: { orderCode: 'PRIVATE-ORDER-77', currency: 'VND' },
        consent: { shareWithSeller: false, shareWithMarketplace: false, shareWithAuthorities: true },
      }),
    );
    // A moderator handles it anyway: still nothing for the seller.
    await verify(trackingCode, moderator);
    const closed = await postJson(
      registry,
      `/v1/complaints/${trackingCode}/actions`,
      { type: 'close', finding: 'Trùng với hồ sơ đã có.', outcome: 'seller' },
      bearer(moderator),
    );
    expect(closed.status, await closed.clone().text()).toBe(200);

    const list = await registry.request('/v1/seller/complaints', { headers: bearer(sellerKey) });
    const listText = await list.text();
    expect(SellerComplaintList.parse(JSON.parse(listText)).complaints).toEqual([]);
    const single = await registry.request(`/v1/complaints/${trackingCode}`, { headers: bearer(sellerKey) });
    expect(single.status).toBe(404);
    const deliveries = await database.db.selectFrom('webhook_deliveries').select('payload').execute();
    expect(deliveries).toEqual([]);
    for (const text of [listText, await single.text()]) {
      expect(text).not.toContain(trackingCode);
      expect(text).not.toContain('PRIVATE-ORDER-77');
    }
  });

  it('a seller key scoped by @slug stays with its shop when an import points the slug elsewhere', async () => {
    const importShop = (id: string) =>
      postCsv(
        registry,
        '/v1/admin/import/registrations',
        [
          'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store',
          `Công ty ${id},,registered,2023-05-12,online.gov.vn/TB-${id},shopee,${id},bigshop,Big Shop ${id},false`,
        ].join('\n'),
        admin,
      );
    expect((await importShop('111')).status).toBe(200);
    const bySlug = (
      await createApiKey(
        database.db,
        { role: 'seller', label: 'Big Shop', sellers: ['shopee:@bigshop'] },
        now,
      )
    ).key;
    const own = await fileOk(registry, complaintBody({ seller: 'shopee:111' }));
    // The slug now names another shop (sold, renamed, or a bad import).
    expect((await importShop('222')).status).toBe(200);
    const other = await fileOk(
      registry,
      complaintBody({
        seller: 'shopee:222',
        description: 'Nội dung riêng của người mua cửa hàng 222.',
        contact: { name: 'Lê Văn Cường', email: 'cuong@example.vn' },
      }),
    );
    const read = await registry.request(`/v1/complaints/${other.trackingCode}`, { headers: bearer(bySlug) });
    // Answered as a code that does not exist: the key learns nothing of the other shop's case.
    expect(read.status).toBe(404);
    const text = await read.text();
    expect(text).not.toContain('Lê Văn Cường');
    const list = SellerComplaintList.parse(
      await (await registry.request('/v1/seller/complaints', { headers: bearer(bySlug) })).json(),
    );
    expect(list.complaints.map((c) => c.trackingCode)).toEqual([own.trackingCode]);
    // The key says which shop it is bound to, and it is still the first one.
    const who = await registry.request('/v1/whoami', { headers: bearer(bySlug) });
    expect(await who.json()).toMatchObject({ role: 'seller', label: 'Big Shop', sellers: ['shopee:111'] });
    const platformWho = await registry.request('/v1/whoami', { headers: bearer(platform) });
    expect(await platformWho.json()).toMatchObject({ role: 'platform', platform: 'shopee', sellers: [] });
    // Nor can it answer the other shop's complaint.
    const acted = await postJson(
      registry,
      `/v1/complaints/${other.trackingCode}/actions`,
      { type: 'respond', kind: 'refusal', message: 'Không phải đơn của shop.' },
      bearer(bySlug),
    );
    expect(acted.status).toBe(404);
  });

  it('but a key bound to a shop known only by its slug follows the shop when its numeric id is learnt', async () => {
    const slugOnly = (
      await createApiKey(
        database.db,
        { role: 'seller', label: 'Nhà sách', sellers: ['tiki:@nha-sach-an'] },
        now,
      )
    ).key;
    const before = await fileOk(registry, complaintBody({ seller: 'tiki:@nha-sach-an' }));
    // The same shop's numeric id arrives with an import: its records merge into one.
    const merged = await postCsv(
      registry,
      '/v1/admin/import/registrations',
      [
        'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store',
        'Nhà sách An,,registered,2024-01-02,online.gov.vn/TB-9,tiki,4242,nha-sach-an,Nhà sách An,false',
      ].join('\n'),
      admin,
    );
    expect(merged.status, await merged.clone().text()).toBe(200);
    const after = await fileOk(registry, complaintBody({ seller: 'tiki:4242' }));
    const list = SellerComplaintList.parse(
      await (await registry.request('/v1/seller/complaints', { headers: bearer(slugOnly) })).json(),
    );
    expect(list.complaints.map((c) => c.trackingCode).sort()).toEqual(
      [before.trackingCode, after.trackingCode].sort(),
    );
  });
});
