// Complaints through the registry API, on every engine: submission (exactly once per idempotency
// key), the lifecycle as each role drives it, the deadline job, and what reaches the public record.
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ComplaintView,
  SellerComplaintList,
  type SubmitComplaintInput,
  SubmittedComplaint,
} from '../../lib/registry/cases';
import {
  BucketAnswer,
  ErrorBody,
  type TrustRecord,
  TrustRecord as TrustRecordSchema,
} from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { markLateComplaints } from '../../server/cases/jobs';
import { parseServerEnv } from '../../server/config';
import { type RunningRegistry, startRegistry } from '../../server/serve';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const DAY = 86_400_000;
const SHOP = 'shopee:672907573';
const OTHER_SHOP = 'lazada:6548';

const BODY: SubmitComplaintInput = {
  seller: SHOP,
  installKey: 'complaint-tests-install-key',
  order: {
    orderCode: '2410150QWERTY',
    orderDate: '2026-10-15',
    items: [
      {
        title: 'Áo thun cotton nam',
        productId: '23456789',
        variant: 'Đen, L',
        quantity: 2,
        unitPrice: 149000,
      },
    ],
    total: 298000,
    currency: 'VND',
  },
  category: 'not_as_described',
  desiredOutcome: 'refund',
  description: 'Áo bị rách ở tay áo, màu khác hẳn ảnh trên trang sản phẩm.',
  contact: { name: 'Trần Thị Bích', email: 'bich.tran@example.vn', phone: '+84 912 345 678' },
  consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
};

/** Every piece of personal data in BODY: none of it may reach a public answer. */
const PERSONAL = ['rách ở tay áo', 'Trần Thị Bích', 'bich.tran@example.vn', '912 345 678', '2410150QWERTY'];

function withBody(patch: Partial<SubmitComplaintInput>): SubmitComplaintInput {
  return { ...BODY, ...patch };
}

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  const text = await res.text();
  expect(text).not.toMatch(/at .*\.ts|select |insert |SQLITE|stack/i);
  return ErrorBody.parse(JSON.parse(text)).error;
}

describe.each(DIALECTS)('complaints on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let deps: ReturnType<typeof createApp>['deps'];
  let complaints: ReturnType<typeof createApp>['complaints'];
  let now: Date;
  let sellerKey: string;
  let sellerKeyId: string;
  let otherSellerKey: string;
  let moderatorKey: string;
  let adminKey: string;
  let platformKey: string;

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
      // The per-client limit of new complaints is replayed in abuse.test.ts.
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, complaintsPerHour: 0 },
    });
    app = created.app;
    deps = created.deps;
    complaints = created.complaints;
    await deps.buckets.init();
    const seller = await createApiKey(
      database.db,
      { role: 'seller', label: 'Sen Việt', sellers: [SHOP] },
      NOW,
    );
    sellerKey = seller.key;
    sellerKeyId = seller.id;
    otherSellerKey = (
      await createApiKey(database.db, { role: 'seller', label: 'Other', sellers: [OTHER_SHOP] }, NOW)
    ).key;
    moderatorKey = (await createApiKey(database.db, { role: 'moderator', label: 'Điều phối' }, NOW)).key;
    adminKey = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
    platformKey = (
      await createApiKey(database.db, { role: 'platform', label: 'Shopee VN', platform: 'shopee' }, NOW)
    ).key;
  });

  /** The marketplace (or a moderator) attests the complaint's order: from then on it counts. */
  async function verifyOk(
    code: string,
    key: string = moderatorKey,
    state: 'order_verified' | 'order_not_found' = 'order_verified',
  ): Promise<ComplaintView> {
    const res = await postJson(app, `/v1/complaints/${code}/verification`, { state }, bearer(key));
    expect(res.status, await res.clone().text()).toBe(200);
    return ComplaintView.parse(await res.json());
  }

  function submit(body: unknown, key: string = randomUUID(), target: TestApp = app): Promise<Response> {
    return postJson(target, '/v1/complaints', body, { 'idempotency-key': key });
  }

  async function submitOk(
    body: unknown = BODY,
    key?: string,
  ): Promise<SubmittedComplaint & { token: string }> {
    const res = await submit(body, key);
    expect(res.status, await res.clone().text()).toBe(201);
    const answer = SubmittedComplaint.parse(await res.json());
    expect(answer.token).not.toBeNull();
    return { ...answer, token: answer.token ?? '' };
  }

  async function view(code: string, token: string): Promise<Response> {
    return await app.request(`/v1/complaints/${code}`, { headers: bearer(token) });
  }

  async function viewOk(code: string, token: string): Promise<ComplaintView> {
    const res = await view(code, token);
    expect(res.status, await res.clone().text()).toBe(200);
    return ComplaintView.parse(await res.json());
  }

  function act(code: string, token: string, action: unknown): Promise<Response> {
    return postJson(app, `/v1/complaints/${code}/actions`, action, bearer(token));
  }

  async function actOk(code: string, token: string, action: unknown): Promise<ComplaintView> {
    const res = await act(code, token, action);
    expect(res.status, await res.clone().text()).toBe(200);
    return ComplaintView.parse(await res.json());
  }

  async function bucketRecord(key: string): Promise<{ record: TrustRecord | undefined; text: string }> {
    const hash = await hashSellerKey(key);
    const res = await app.request(`/v1/buckets/${hash.slice(0, 4)}`);
    const text = await res.text();
    const record = BucketAnswer.parse(JSON.parse(text)).entries.find((e) => e.hash === hash)?.record;
    return { record, text };
  }

  async function sellerRecord(path: string): Promise<{ record: TrustRecord; text: string }> {
    const res = await app.request(`/v1/sellers/${path}`);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    return { record: TrustRecordSchema.parse(JSON.parse(text)), text };
  }

  describe('submission', () => {
    it('stores a complaint, forwards it with a 7-day deadline and shows the shopper the case', async () => {
      const res = await submit(BODY);
      expect(res.status).toBe(201);
      const answer = SubmittedComplaint.parse(await res.json());
      expect(answer.trackingCode).toMatch(/^AT-[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(answer.status).toBe('forwarded');
      expect(res.headers.get('location')).toBe(`/v1/complaints/${answer.trackingCode}`);
      const v = await viewOk(answer.trackingCode, answer.token ?? '');
      expect(v).toMatchObject({
        trackingCode: answer.trackingCode,
        seller: SHOP,
        status: 'forwarded',
        late: false,
        outcome: null,
        category: 'not_as_described',
        desiredOutcome: 'refund',
        order: { orderCode: '2410150QWERTY', orderDate: '2026-10-15', total: 298000, currency: 'VND' },
        submittedAt: NOW.toISOString(),
        forwardedAt: NOW.toISOString(),
        dueAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
        response: null,
        allowedActions: ['withdraw'],
      });
      expect(v.content).toEqual({
        description: BODY.description,
        items: [
          {
            title: 'Áo thun cotton nam',
            productId: '23456789',
            variant: 'Đen, L',
            quantity: 2,
            unitPrice: 149000,
          },
        ],
        contact: BODY.contact,
        consent: BODY.consent,
      });
      expect(v.timeline).toEqual([
        {
          at: NOW.toISOString(),
          actor: 'system',
          action: 'forward',
          from: 'submitted',
          to: 'forwarded',
          note: null,
          params: { dueAt: v.dueAt },
        },
      ]);
      // The token is never stored, only its hash.
      const stored = JSON.stringify(await database.db.selectFrom('complaints').selectAll().execute());
      expect(stored).not.toContain(answer.token ?? 'no token');
    });

    it('takes the answer deadline from the configuration', async () => {
      const { app: quick, deps: d } = createApp({
        db: database.db,
        clock: () => now,
        config: { answerDeadlineDays: 2, rateLimit: { requests: 0, windowSeconds: 60 } },
      });
      await d.buckets.init();
      const res = await submit(BODY, randomUUID(), quick);
      const { trackingCode, token } = SubmittedComplaint.parse(await res.json());
      expect((await viewOk(trackingCode, token ?? '')).dueAt).toBe(
        new Date(NOW.getTime() + 2 * DAY).toISOString(),
      );
      expect(() => createApp({ db: database.db, config: { answerDeadlineDays: 0 } })).toThrow(RangeError);
    });

    it('keeps a complaint without consent to share with the seller unforwarded, and hides it from the seller', async () => {
      const { trackingCode, token, status } = await submitOk(
        withBody({
          consent: { shareWithSeller: false, shareWithMarketplace: true, shareWithAuthorities: false },
        }),
      );
      expect(status).toBe('submitted');
      const own = await viewOk(trackingCode, token);
      expect(own).toMatchObject({ status: 'submitted', dueAt: null, forwardedAt: null, timeline: [] });
      expect(own.content?.consent.shareWithSeller).toBe(false);
      // Not shown to the seller in any form: the same 404 as a code that does not exist, and
      // nothing in its list (issue 9: the list used to show code, category and exact time).
      const res = await view(trackingCode, sellerKey);
      const text = await res.text();
      expect(res.status, text).toBe(404);
      expect(text).not.toContain(trackingCode);
      for (const p of PERSONAL) expect(text).not.toContain(p);
      const list = await app.request('/v1/seller/complaints', { headers: bearer(sellerKey) });
      const listText = await list.text();
      expect(list.status).toBe(200);
      expect(JSON.parse(listText)).toEqual({ complaints: [], nextCursor: null });
      expect(listText).not.toContain(trackingCode);
    });

    it('creates a seller it did not know, under a slug too', async () => {
      const { trackingCode, token } = await submitOk(withBody({ seller: 'tiki:@nha-sach.abc' }));
      expect((await viewOk(trackingCode, token)).seller).toBe('tiki:@nha-sach.abc');
      const { record } = await sellerRecord('tiki/@nha-sach.abc');
      // As filed, nobody vouches for the order: counted apart, never in the level.
      expect(record.complaints.allTime).toMatchObject({ total: 0, open: 0 });
      expect(record.complaints.unverified).toEqual({ last12Months: 1, allTime: 1 });
      expect(record.level).toBe('unknown');
    });

    it('accepts tracking codes as people type them', async () => {
      const { trackingCode, token } = await submitOk();
      const typed = trackingCode.toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o');
      expect((await viewOk(typed, token)).trackingCode).toBe(trackingCode);
    });
  });

  describe('idempotency', () => {
    it('answers a retry with the same tracking code and token, and refuses the key for another body', async () => {
      const key = randomUUID();
      const first = await submitOk(BODY, key);
      const versionAfterFirst = deps.buckets.version;
      const retry = await submit(BODY, key);
      expect(retry.status).toBe(200);
      expect(SubmittedComplaint.parse(await retry.json())).toEqual(first);
      // Absent optional fields and explicit nulls are the same submission, and key order is irrelevant.
      const sparse = withBody({
        order: { orderCode: 'A1', items: [{ title: 'Ốp lưng', quantity: 1 }], currency: 'VND' },
        contact: undefined,
      });
      const sparseKey = randomUUID();
      const sparseFirst = await submitOk(sparse, sparseKey);
      const spelledOut = {
        installKey: sparse.installKey,
        consent: sparse.consent,
        description: sparse.description,
        desiredOutcome: sparse.desiredOutcome,
        category: sparse.category,
        seller: sparse.seller,
        order: {
          currency: 'VND',
          total: null,
          orderDate: null,
          items: [{ unitPrice: null, variant: null, productId: null, quantity: 1, title: 'Ốp lưng' }],
          orderCode: 'A1',
        },
      };
      const spelledRetry = await submit(spelledOut, sparseKey);
      expect(spelledRetry.status).toBe(200);
      expect(SubmittedComplaint.parse(await spelledRetry.json())).toEqual(sparseFirst);
      const versionAfterSparse = deps.buckets.version;
      expect((await submit(BODY, key)).status).toBe(200);
      // A retry changes nothing, not even the data version.
      expect(deps.buckets.version).toBe(versionAfterSparse);
      expect(versionAfterSparse).toBeGreaterThan(versionAfterFirst);

      const other = await submit(withBody({ description: 'Một khiếu nại khác hẳn.' }), key);
      expect(other.status).toBe(409);
      expect((await errorOf(other)).code).toBe('conflict');
      expect(await database.db.selectFrom('complaints').select('id').execute()).toHaveLength(2);
    });

    it('gives the same token back on another node (restart) of the same database', async () => {
      const key = randomUUID();
      const first = await submitOk(BODY, key);
      const { app: second } = createApp({ db: database.db, clock: () => now });
      const retry = await submit(BODY, key, second);
      expect(retry.status).toBe(200);
      expect(SubmittedComplaint.parse(await retry.json()).token).toBe(first.token);
    });

    it('answers token null on a retry after the token secret changed, and the old token still works', async () => {
      const key = randomUUID();
      const first = await submitOk(BODY, key);
      const { app: rotated } = createApp({
        db: database.db,
        clock: () => now,
        config: { caseTokenSecret: 'another-secret-of-at-least-32-characters!' },
      });
      const retry = SubmittedComplaint.parse(await (await submit(BODY, key, rotated)).json());
      expect(retry).toEqual({ ...first, token: null });
      expect((await viewOk(first.trackingCode, first.token)).status).toBe('forwarded');
    });

    it('submits exactly once when the same submission arrives twice at the same moment', async () => {
      const key = randomUUID();
      const answers = await Promise.all([submit(BODY, key), submit(BODY, key), submit(BODY, key)]);
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 201]);
      const codes = new Set(
        await Promise.all(answers.map(async (r) => SubmittedComplaint.parse(await r.json()).trackingCode)),
      );
      expect(codes.size).toBe(1);
      expect(await database.db.selectFrom('complaints').select('id').execute()).toHaveLength(1);
    });

    it('requires a well-formed Idempotency-Key', async () => {
      for (const headers of [
        {} as Record<string, string>,
        { 'idempotency-key': 'short' },
        { 'idempotency-key': 'has space in it' },
        { 'idempotency-key': 'x'.repeat(101) },
      ]) {
        const res = await postJson(app, '/v1/complaints', BODY, headers);
        expect(res.status).toBe(400);
        expect((await errorOf(res)).message).toMatch(/Idempotency-Key/);
      }
      expect(await database.db.selectFrom('complaints').select('id').execute()).toHaveLength(0);
    });
  });

  describe('lifecycle', () => {
    it('runs the happy path, and the seller record shows the outcome at once', async () => {
      const before = await bucketRecord(SHOP); // also fills the bucket cache
      // The seller key made the shop known, with no facts yet.
      expect(before.record?.level).toBe('unknown');
      const { trackingCode, token } = await submitOk();
      const filed = await bucketRecord(SHOP);
      expect(filed.record?.complaints.allTime).toMatchObject({ total: 0, open: 0 });
      expect(filed.record?.complaints.unverified).toEqual({ last12Months: 1, allTime: 1 });
      await verifyOk(trackingCode);
      const open = await bucketRecord(SHOP);
      expect(open.record?.complaints.allTime).toMatchObject({ total: 1, open: 1, resolvedForShopper: 0 });
      expect(open.record?.complaints.unverified).toEqual({ last12Months: 0, allTime: 0 });

      now = new Date(NOW.getTime() + 2 * DAY);
      const answered = await actOk(trackingCode, sellerKey, {
        type: 'respond',
        kind: 'refund',
        message: 'Xin lỗi bạn, shop hoàn tiền 298.000đ trong 24 giờ.',
      });
      expect(answered).toMatchObject({
        status: 'responded',
        response: { kind: 'refund', message: 'Xin lỗi bạn, shop hoàn tiền 298.000đ trong 24 giờ.' },
        respondedAt: now.toISOString(),
        allowedActions: [],
      });
      expect((await viewOk(trackingCode, token)).allowedActions).toEqual(['accept', 'dispute', 'withdraw']);

      now = new Date(NOW.getTime() + 3 * DAY);
      const resolved = await actOk(trackingCode, token, { type: 'accept' });
      expect(resolved).toMatchObject({
        status: 'resolved',
        outcome: 'shopper',
        resolvedAt: now.toISOString(),
      });
      expect(resolved.timeline.map((e) => [e.actor, e.action, e.from, e.to])).toEqual([
        ['system', 'forward', 'submitted', 'forwarded'],
        ['moderator', 'verify', 'forwarded', 'forwarded'],
        ['seller', 'respond', 'forwarded', 'responded'],
        ['shopper', 'accept', 'responded', 'resolved'],
      ]);
      const events = await database.db
        .selectFrom('complaint_events')
        .select(['seq', 'actor_role', 'actor_key_id'])
        .orderBy('seq')
        .execute();
      expect(events.map((e) => [Number(e.seq), e.actor_role, e.actor_key_id])).toEqual([
        [1, 'system', null],
        [2, 'moderator', expect.any(String)],
        [3, 'seller', sellerKeyId],
        [4, 'shopper', null],
      ]);

      const after = await bucketRecord(SHOP);
      expect(after.record?.complaints.allTime).toMatchObject({
        total: 1,
        open: 0,
        resolvedForShopper: 1,
        rejected: 0,
        unanswered: 0,
        answeredOnTimeShare: 1,
        medianDaysToResolution: 3,
      });
      const { record } = await sellerRecord('shopee/672907573');
      expect(record.complaints.last12Months.resolvedForShopper).toBe(1);
    });

    it('escalates a disputed answer to a moderator, who resolves it', async () => {
      const { trackingCode, token } = await submitOk();
      await verifyOk(trackingCode);
      await actOk(trackingCode, sellerKey, { type: 'respond', kind: 'refusal', message: 'Hàng đúng mô tả.' });
      const disputed = await actOk(trackingCode, token, {
        type: 'dispute',
        reason: 'Ảnh chụp cho thấy vết rách.',
      });
      expect(disputed).toMatchObject({ status: 'escalated', escalated: true });
      // Only a moderator decides a mediation, and the shopper cannot decide it for themselves.
      const self = await act(trackingCode, token, {
        type: 'resolve',
        finding: 'Tôi thắng',
        outcome: 'shopper',
      });
      expect(self.status).toBe(403);
      expect((await errorOf(self)).code).toBe('forbidden');

      const modView = await viewOk(trackingCode, moderatorKey);
      expect(modView.content?.description).toBe(BODY.description);
      expect(modView.allowedActions).toEqual(['resolve', 'close']);
      const resolved = await actOk(trackingCode, moderatorKey, {
        type: 'resolve',
        finding: 'Ảnh cho thấy sản phẩm lỗi; shop hoàn tiền.',
        outcome: 'shopper',
      });
      expect(resolved).toMatchObject({
        status: 'resolved',
        outcome: 'shopper',
        escalated: true,
        finding: 'Ảnh cho thấy sản phẩm lỗi; shop hoàn tiền.',
      });
      expect(resolved.timeline.at(-1)).toMatchObject({
        actor: 'moderator',
        action: 'resolve',
        params: { outcome: 'shopper' },
      });
      const { record } = await bucketRecord(SHOP);
      expect(record?.complaints.allTime.resolvedForShopper).toBe(1);
      // One upheld complaint is a fact on record, below the rules' threshold for a reason (rules.ts).
      expect(record?.reasons.map((r) => r.code)).not.toContain('complaints_upheld');
    });

    it('lets the shopper withdraw, which leaves the complaint out of the statistics', async () => {
      const { trackingCode, token } = await submitOk();
      const withdrawn = await actOk(trackingCode, token, {
        type: 'withdraw',
        reason: 'Shop đã liên hệ và đổi hàng.',
      });
      expect(withdrawn).toMatchObject({ status: 'withdrawn', outcome: null, allowedActions: [] });
      expect((await bucketRecord(SHOP)).record?.complaints.allTime.total).toBe(0);
    });

    it('refuses illegal transitions with 409 illegal_transition and changes nothing', async () => {
      const { trackingCode, token } = await submitOk();
      const attempts: [string, unknown, number, string][] = [
        [token, { type: 'accept' }, 409, 'illegal_transition'],
        [moderatorKey, { type: 'resolve', finding: 'Sớm quá', outcome: 'seller' }, 409, 'illegal_transition'],
        [
          moderatorKey,
          { type: 'close', finding: 'Có lợi cho người mua', outcome: 'shopper' },
          409,
          'illegal_transition',
        ],
        [token, { type: 'forward' }, 403, 'forbidden'],
        [sellerKey, { type: 'mark_late' }, 403, 'forbidden'],
        [sellerKey, { type: 'accept' }, 403, 'forbidden'],
      ];
      for (const [who, action, status, code] of attempts) {
        const res = await act(trackingCode, who, action);
        expect(res.status, JSON.stringify(action)).toBe(status);
        expect((await errorOf(res)).code).toBe(code);
      }
      expect((await viewOk(trackingCode, token)).timeline).toHaveLength(1);

      await actOk(trackingCode, sellerKey, {
        type: 'respond',
        kind: 'replacement',
        message: 'Đổi hàng mới.',
      });
      const twice = await act(trackingCode, sellerKey, {
        type: 'respond',
        kind: 'refund',
        message: 'Đổi ý.',
      });
      expect(twice.status).toBe(409);
      expect((await errorOf(twice)).code).toBe('illegal_transition');
      await actOk(trackingCode, token, { type: 'accept' });
      for (const [who, action] of [
        [token, { type: 'withdraw' }],
        [token, { type: 'dispute', reason: 'Muộn rồi' }],
        [moderatorKey, { type: 'close', finding: 'Đóng', outcome: 'seller' }],
      ] as const) {
        const res = await act(trackingCode, who, action);
        expect(res.status).toBe(409);
        expect((await errorOf(res)).code).toBe('illegal_transition');
      }
      const final = await viewOk(trackingCode, token);
      expect(final).toMatchObject({
        status: 'resolved',
        outcome: 'shopper',
        response: { kind: 'replacement' },
      });
      expect(final.timeline).toHaveLength(3);
    });
  });

  describe('who may see and act', () => {
    it('answers 404 to a wrong token, exactly as to a code that does not exist', async () => {
      const { trackingCode } = await submitOk();
      const other = await submitOk(withBody({ description: 'Khiếu nại thứ hai.' }));
      const answers = await Promise.all([
        view(trackingCode, 'atc_wrong-token'),
        view(trackingCode, other.token),
        view('AT-00000000', other.token),
        view('not-a-code', other.token),
        act(trackingCode, other.token, { type: 'withdraw' }),
      ]);
      const bodies = await Promise.all(
        answers.map(async (r) => {
          expect(r.status).toBe(404);
          return errorOf(r);
        }),
      );
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(bodies[0]?.code).toBe('not_found');
      const none = await app.request(`/v1/complaints/${trackingCode}`);
      expect(none.status).toBe(401);
    });

    it('keeps seller keys to their own shops, aliases included', async () => {
      const { trackingCode } = await submitOk();
      // Another shop's case is answered as a code that does not exist.
      const unknown = await errorOf(await view('AT-00000000', otherSellerKey));
      for (const res of [
        await view(trackingCode, otherSellerKey),
        await act(trackingCode, otherSellerKey, {
          type: 'respond',
          kind: 'refusal',
          message: 'Không phải shop tôi.',
        }),
      ]) {
        expect(res.status).toBe(404);
        expect(await errorOf(res)).toEqual(unknown);
      }
      const admin = await view(trackingCode, adminKey);
      expect(admin.status).toBe(403);
      expect((await errorOf(admin)).code).toBe('forbidden');
      expect((await viewOk(trackingCode, sellerKey)).status).toBe('forwarded');

      const slugShop = await submitOk(withBody({ seller: 'shopee:@sen.viet' }));
      const aliasKey = (
        await createApiKey(
          database.db,
          { role: 'seller', label: 'Alias', sellers: ['shopee:@sen.viet'] },
          NOW,
        )
      ).key;
      const answered = await actOk(slugShop.trackingCode, aliasKey, {
        type: 'respond',
        kind: 'explanation',
        message: 'Đơn đang được giao lại.',
      });
      expect(answered.status).toBe('responded');
      expect((await view(slugShop.trackingCode, sellerKey)).status).toBe(404);
    });

    it('lists a seller its complaints, newest first, by status and page', async () => {
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        now = new Date(NOW.getTime() + i * 60_000);
        codes.push((await submitOk(withBody({ description: `Khiếu nại số ${i + 1}` }))).trackingCode);
      }
      now = new Date(NOW.getTime() + 3 * 60_000);
      const hidden = await submitOk(
        withBody({
          consent: { shareWithSeller: false, shareWithMarketplace: false, shareWithAuthorities: false },
        }),
      );
      await submitOk(withBody({ seller: OTHER_SHOP }));
      await actOk(codes[0] ?? '', sellerKey, { type: 'respond', kind: 'refund', message: 'Đã hoàn tiền.' });

      const list = async (query: string, key = sellerKey) => {
        const res = await app.request(`/v1/seller/complaints${query}`, { headers: bearer(key) });
        expect(res.status, await res.clone().text()).toBe(200);
        return SellerComplaintList.parse(await res.json());
      };
      const all = await list('');
      // Newest first; the other shop's complaint is not there, and neither is the one filed
      // without consent to share with the seller (not in any form: issue 9).
      expect(all.complaints.map((c) => c.trackingCode)).toEqual([...codes].reverse());
      expect(all.complaints.every((c) => c.seller === SHOP)).toBe(true);
      expect(JSON.stringify(all)).not.toContain(hidden.trackingCode);
      const byCode = new Map(all.complaints.map((c) => [c.trackingCode, c]));
      expect(byCode.get(codes[2] ?? '')?.content?.description).toBe('Khiếu nại số 3');

      expect((await list('?status=responded')).complaints.map((c) => c.trackingCode)).toEqual([codes[0]]);
      const first = await list('?limit=2');
      expect(first.complaints).toHaveLength(2);
      expect(first.nextCursor).not.toBeNull();
      const second = await list(`?limit=2&cursor=${first.nextCursor}`);
      expect(second.complaints).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      const paged = [...first.complaints, ...second.complaints].map((c) => c.trackingCode);
      expect(paged).toEqual(all.complaints.map((c) => c.trackingCode));

      expect((await list('', otherSellerKey)).complaints).toHaveLength(1);
      for (const [query, key, status] of [
        ['', moderatorKey, 403],
        ['?status=nope', sellerKey, 400],
        ['?limit=1000', sellerKey, 400],
        ['?cursor=garbage', sellerKey, 400],
      ] as const) {
        const res = await app.request(`/v1/seller/complaints${query}`, { headers: bearer(key) });
        expect(res.status, query).toBe(status);
      }
      expect((await app.request('/v1/seller/complaints')).status).toBe(401);
    });
  });

  describe('verification (issue 9)', () => {
    it('lets the marketplace see and verify what the shopper shared with it, and records who and when', async () => {
      const shared = await submitOk(
        withBody({
          consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
        }),
      );
      const notShared = await submitOk();
      const elsewhere = await submitOk(
        withBody({
          seller: OTHER_SHOP,
          consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
        }),
      );
      // The queue: its marketplace's unverified complaints shared with it, oldest first.
      const queue = async (query = '', key = platformKey) => {
        const res = await app.request(`/v1/complaints${query}`, { headers: bearer(key) });
        expect(res.status, await res.clone().text()).toBe(200);
        return SellerComplaintList.parse(await res.json());
      };
      const waiting = await queue();
      expect(waiting.complaints.map((c) => c.trackingCode)).toEqual([shared.trackingCode]);
      // It sees the order to check it, and has no seller's or mediator's action.
      expect(waiting.complaints[0]?.order?.orderCode).toBe('2410150QWERTY');
      expect(waiting.complaints[0]?.allowedActions).toEqual([]);
      expect((await queue('', moderatorKey)).complaints.map((c) => c.trackingCode).sort()).toEqual(
        [shared.trackingCode, notShared.trackingCode, elsewhere.trackingCode].sort(),
      );

      now = new Date(NOW.getTime() + DAY);
      const verified = await verifyOk(shared.trackingCode, platformKey);
      expect(verified.verification).toEqual({
        state: 'order_verified',
        at: now.toISOString(),
        by: 'platform',
      });
      expect(verified.timeline.at(-1)).toMatchObject({
        actor: 'platform',
        action: 'verify',
        params: { verification: 'order_verified', previous: 'unverified' },
      });
      // The shopper sees who verified it, and when.
      expect((await viewOk(shared.trackingCode, shared.token)).verification.by).toBe('platform');
      expect((await queue()).complaints).toEqual([]);
      expect((await queue('?verification=order_verified')).complaints.map((c) => c.trackingCode)).toEqual([
        shared.trackingCode,
      ]);
      // The same state again records nothing new.
      expect((await verifyOk(shared.trackingCode, platformKey)).timeline).toHaveLength(
        verified.timeline.length,
      );

      // Not shared with the marketplace: the same 404 as a wrong code. Another marketplace: 403.
      for (const [code, status] of [
        [notShared.trackingCode, 404],
        [elsewhere.trackingCode, 403],
      ] as const) {
        const res = await postJson(
          app,
          `/v1/complaints/${code}/verification`,
          { state: 'order_verified' },
          bearer(platformKey),
        );
        expect(res.status, code).toBe(status);
        expect((await view(code, platformKey)).status).toBe(status);
      }
      // Neither the shopper nor the seller vouches for the order.
      for (const key of [notShared.token, sellerKey]) {
        const res = await postJson(
          app,
          `/v1/complaints/${notShared.trackingCode}/verification`,
          { state: 'order_verified' },
          bearer(key),
        );
        expect(res.status).toBe(403);
      }
      const bad = await postJson(
        app,
        `/v1/complaints/${notShared.trackingCode}/verification`,
        { state: 'unverified' },
        bearer(moderatorKey),
      );
      expect(bad.status).toBe(400);
      expect((await errorOf(bad)).message).toMatch(/invalid verification/);
      // A platform key cannot act as the seller.
      expect(
        (await act(shared.trackingCode, platformKey, { type: 'respond', kind: 'refund', message: 'x' }))
          .status,
      ).toBe(403);
      // Only platform and moderator keys read the queue.
      const refused = await app.request('/v1/complaints', { headers: bearer(sellerKey) });
      expect(refused.status).toBe(403);
    });

    it('lists complaints by status for a moderator (escalated ones to mediate); a platform keeps its scope', async () => {
      const shared = {
        consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
      };
      const escalate = async (patch: Partial<SubmitComplaintInput>) => {
        const filed = await submitOk(withBody({ ...shared, ...patch }));
        const key = patch.seller === OTHER_SHOP ? otherSellerKey : sellerKey;
        await actOk(filed.trackingCode, key, { type: 'respond', kind: 'refusal', message: 'Không' });
        await actOk(filed.trackingCode, filed.token, { type: 'dispute', reason: 'Không đồng ý' });
        return filed.trackingCode;
      };
      const first = await escalate({});
      now = new Date(NOW.getTime() + 1000);
      const elsewhere = await escalate({ seller: OTHER_SHOP });
      now = new Date(NOW.getTime() + 2000);
      const open = await submitOk(withBody(shared));
      // Verified or not, an escalated complaint is listed by its status, oldest first.
      await verifyOk(first, moderatorKey);
      const list = async (query: string, key = moderatorKey) => {
        const res = await app.request(`/v1/complaints${query}`, { headers: bearer(key) });
        expect(res.status, await res.clone().text()).toBe(200);
        return SellerComplaintList.parse(await res.json()).complaints.map((c) => c.trackingCode);
      };
      expect(await list('?status=escalated')).toEqual([first, elsewhere]);
      expect(await list('?status=escalated&verification=unverified')).toEqual([elsewhere]);
      expect(await list('?status=forwarded')).toEqual([open.trackingCode]);
      // Without a filter, still the queue of orders to verify.
      expect((await list('')).sort()).toEqual([elsewhere, open.trackingCode].sort());
      // The marketplace sees only its own marketplace's complaints, whatever the status asked.
      expect(await list('?status=escalated', platformKey)).toEqual([first]);
      const bad = await app.request('/v1/complaints?status=lost', { headers: bearer(moderatorKey) });
      expect(bad.status).toBe(400);
      expect(
        (await app.request('/v1/complaints?status=escalated', { headers: bearer(sellerKey) })).status,
      ).toBe(403);
    });

    it('refuses to verify a complaint whose order the shopper had deleted', async () => {
      const { trackingCode, token } = await submitOk();
      const erased = await app.request(`/v1/complaints/${trackingCode}/personal-data`, {
        method: 'DELETE',
        headers: bearer(token),
      });
      expect(erased.status).toBe(200);
      const res = await postJson(
        app,
        `/v1/complaints/${trackingCode}/verification`,
        { state: 'order_verified' },
        bearer(moderatorKey),
      );
      expect(res.status).toBe(409);
      expect((await errorOf(res)).code).toBe('conflict');
    });
  });

  describe('races', () => {
    it('lets exactly one of simultaneous transitions win; the others are judged on the new state', async () => {
      const { trackingCode, token } = await submitOk();
      const row = await database.db
        .selectFrom('complaints')
        .select('id')
        .where('tracking_code', '=', trackingCode)
        .executeTakeFirstOrThrow();
      const kinds = ['refund', 'refusal', 'repair', 'explanation', 'replacement'] as const;
      const results = await Promise.all(
        kinds.map((kind) =>
          complaints.transition(
            row.id,
            { type: 'respond', kind, message: `Trả lời ${kind}` },
            { role: 'seller', keyId: sellerKeyId },
            now,
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(
        Array(kinds.length - 1).fill('illegal_transition'),
      );
      // Over HTTP too.
      const second = await submitOk(withBody({ description: 'Lần hai' }));
      const answers = await Promise.all(
        kinds.map((kind) => act(second.trackingCode, sellerKey, { type: 'respond', kind, message: kind })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
      const final = await viewOk(trackingCode, token);
      expect(final.timeline).toHaveLength(2);
      const seqs = await database.db
        .selectFrom('complaint_events')
        .select('seq')
        .where('complaint_id', '=', row.id)
        .orderBy('seq')
        .execute();
      expect(seqs.map((r) => Number(r.seq))).toEqual([1, 2]);
    });
  });

  describe('deadline job', () => {
    it('marks a complaint late once its deadline has passed, and the record shows it unanswered', async () => {
      const { trackingCode, token } = await submitOk();
      now = new Date(NOW.getTime() + 6 * DAY);
      expect(await markLateComplaints(complaints, database.db, now)).toBe(0);
      now = new Date(NOW.getTime() + 7 * DAY);
      expect(await markLateComplaints(complaints, database.db, now)).toBe(0); // at the deadline is still in time
      now = new Date(NOW.getTime() + 7 * DAY + 1000);
      expect(await markLateComplaints(complaints, database.db, now)).toBe(1);
      expect(await markLateComplaints(complaints, database.db, now)).toBe(0);
      await deps.buckets.refreshVersion();

      // Late, but nobody verified the order yet: the lateness is not a fact about the seller.
      expect((await bucketRecord(SHOP)).record?.complaints.allTime).toMatchObject({
        total: 0,
        unanswered: 0,
      });
      await verifyOk(trackingCode);
      await deps.buckets.refreshVersion();

      const late = await viewOk(trackingCode, token);
      expect(late).toMatchObject({ status: 'forwarded', late: true });
      expect(late.timeline.at(-2)).toMatchObject({
        actor: 'system',
        action: 'mark_late',
        from: 'forwarded',
        to: 'forwarded',
      });
      const { record } = await bucketRecord(SHOP);
      expect(record?.complaints.allTime).toMatchObject({ unanswered: 1, answeredOnTimeShare: 0 });

      // The seller may still answer; the lateness stays on record.
      const answered = await actOk(trackingCode, sellerKey, {
        type: 'respond',
        kind: 'refund',
        message: 'Xin lỗi vì trả lời muộn.',
      });
      expect(answered).toMatchObject({ status: 'responded', late: true });
      expect((await bucketRecord(SHOP)).record?.complaints.allTime.unanswered).toBe(1);
    });
  });

  describe('data', () => {
    it('keeps personal data out of every public answer and out of the public table', async () => {
      const { trackingCode, token } = await submitOk();
      await verifyOk(trackingCode);
      await actOk(trackingCode, sellerKey, { type: 'respond', kind: 'refusal', message: 'Không đồng ý.' });
      await actOk(trackingCode, token, { type: 'dispute', reason: 'Bích gửi thêm ảnh bằng chứng.' });
      const publicTexts = [
        (await bucketRecord(SHOP)).text,
        (await sellerRecord('shopee/672907573')).text,
        await (
          await postJson(app, '/v1/lookup', { prefixes: [(await hashSellerKey(SHOP)).slice(0, 4)] })
        ).text(),
      ];
      for (const text of publicTexts) {
        expect(text).toContain('"total":1');
        for (const p of [...PERSONAL, 'Bích gửi thêm ảnh', trackingCode]) expect(text).not.toContain(p);
      }
      const publicRows = JSON.stringify(await database.db.selectFrom('complaints').selectAll().execute());
      for (const p of ['rách ở tay áo', 'Trần Thị Bích', 'bich.tran@example.vn', '912 345 678']) {
        expect(publicRows).not.toContain(p);
      }
      const personal = await database.db.selectFrom('complaint_personal').selectAll().execute();
      expect(personal).toHaveLength(1);
      expect(personal[0]?.content).toContain('Trần Thị Bích');
    });

    it('stores Vietnamese and SQL metacharacters verbatim in every text field', async () => {
      const nasty = (field: string) =>
        `Nguyễn Thị Ánh ${field}'; DROP TABLE complaints;-- "x" \\ % _ ${'$'}1 ?`;
      const body = withBody({
        order: {
          orderCode: nasty('mã đơn'),
          orderDate: null,
          items: [
            {
              title: nasty('tên hàng'),
              productId: nasty('mã sp'),
              variant: nasty('phân loại'),
              quantity: 1,
              unitPrice: null,
            },
          ],
          total: null,
          currency: 'VND',
        },
        description: `${nasty('mô tả')}\nDòng hai\tcó tab`,
        contact: { name: nasty('tên'), email: "o'brien@example.vn", phone: '(028) 3822-1234' },
      });
      const { trackingCode, token } = await submitOk(body);
      await actOk(trackingCode, sellerKey, {
        type: 'respond',
        kind: 'explanation',
        message: nasty('trả lời'),
      });
      await actOk(trackingCode, token, { type: 'dispute', reason: nasty('lý do') });
      await actOk(trackingCode, moderatorKey, {
        type: 'close',
        finding: nasty('kết luận'),
        outcome: 'seller',
      });
      const v = await viewOk(trackingCode, token);
      expect(v.order).toEqual({ orderCode: nasty('mã đơn'), orderDate: null, total: null, currency: 'VND' });
      expect(v.content).toEqual({
        description: `${nasty('mô tả')}\nDòng hai\tcó tab`,
        items: [
          {
            title: nasty('tên hàng'),
            productId: nasty('mã sp'),
            variant: nasty('phân loại'),
            quantity: 1,
            unitPrice: null,
          },
        ],
        contact: { name: nasty('tên'), email: "o'brien@example.vn", phone: '(028) 3822-1234' },
        consent: BODY.consent,
      });
      expect(v.response).toEqual({ kind: 'explanation', message: nasty('trả lời') });
      expect(v.finding).toBe(nasty('kết luận'));
      expect(v.timeline.map((e) => e.note)).toEqual([
        null,
        nasty('trả lời'),
        nasty('lý do'),
        nasty('kết luận'),
      ]);
      expect(await database.db.selectFrom('complaints').select('id').execute()).toHaveLength(1);
    });

    it('stores decomposed Vietnamese in its composed form', async () => {
      const decomposed = 'Hàng lỗi, yêu cầu hoàn tiền'.normalize('NFD');
      const { trackingCode, token } = await submitOk(withBody({ description: decomposed }));
      expect((await viewOk(trackingCode, token)).content?.description).toBe(
        'Hàng lỗi, yêu cầu hoàn tiền'.normalize('NFC'),
      );
    });
  });

  describe('bad requests', () => {
    it('refuses an oversized body with 413, for submissions and actions', async () => {
      const big = await submit(withBody({ description: 'Rất dài. '.repeat(40_000) }));
      expect(big.status).toBe(413);
      expect((await errorOf(big)).code).toBe('payload_too_large');
      const { trackingCode, token } = await submitOk();
      const bigAction = await act(trackingCode, token, { type: 'withdraw', reason: 'x'.repeat(300_000) });
      expect(bigAction.status).toBe(413);
      expect(await database.db.selectFrom('complaints').select('id').execute()).toHaveLength(1);
    });

    it('refuses invalid complaints with 400 and the path of each problem', async () => {
      const item = { title: 'Áo', quantity: 1 };
      const cases: [unknown, string][] = [
        [{ ...BODY, consent: undefined }, 'consent'],
        [{ ...BODY, extra: 1 }, ''],
        [withBody({ seller: 'shopee:abc' }), 'seller'],
        [withBody({ seller: 'amazon:1' }), 'seller'],
        [withBody({ description: '   \n ' }), 'description'],
        [withBody({ description: 'x'.repeat(10_001) }), 'description'],
        [withBody({ description: 'có ký tự \u0000 lạ' }), 'description'],
        [withBody({ category: 'angry' as never }), 'category'],
        [withBody({ desiredOutcome: 'revenge' as never }), 'desiredOutcome'],
        [withBody({ order: { ...BODY.order, currency: 'USD' as never } }), 'order.currency'],
        [withBody({ order: { ...BODY.order, orderCode: 'x'.repeat(101) } }), 'order.orderCode'],
        [withBody({ order: { ...BODY.order, orderDate: '2026-02-30' } }), 'order.orderDate'],
        [withBody({ order: { ...BODY.order, total: -1 } }), 'order.total'],
        [withBody({ order: { ...BODY.order, items: [{ ...item, quantity: 0 }] } }), 'order.items.0.quantity'],
        [
          withBody({ order: { ...BODY.order, items: [{ ...item, quantity: 10_001 }] } }),
          'order.items.0.quantity',
        ],
        [
          withBody({ order: { ...BODY.order, items: [{ ...item, quantity: 1.5 }] } }),
          'order.items.0.quantity',
        ],
        [
          withBody({ order: { ...BODY.order, items: [{ ...item, title: 'x'.repeat(501) }] } }),
          'order.items.0.title',
        ],
        [
          withBody({ order: { ...BODY.order, items: [{ ...item, unitPrice: -5 }] } }),
          'order.items.0.unitPrice',
        ],
        [
          withBody({ order: { ...BODY.order, items: [{ ...item, colour: 'đỏ' } as never] } }),
          'order.items.0',
        ],
        [
          withBody({ order: { ...BODY.order, items: Array.from({ length: 101 }, () => item) } }),
          'order.items',
        ],
        [withBody({ contact: { email: 'không phải email' } }), 'contact.email'],
        [withBody({ contact: { phone: 'gọi tôi' } }), 'contact.phone'],
        [withBody({ consent: { shareWithSeller: 'yes' } as never }), 'consent.shareWithSeller'],
        [[], ''],
        [null, ''],
      ];
      for (const [body, path] of cases) {
        const res = await submit(body);
        const text = await res.clone().text();
        expect(res.status, text).toBe(400);
        const error = await errorOf(res);
        expect(error.code).toBe('bad_request');
        // The extension shows the registry's message when it refuses a case for good.
        expect(error.message).toBe('invalid complaint');
        expect(
          error.details?.map((d) => d.path),
          text,
        ).toContain(path);
      }
      const notJson = await postJson(app, '/v1/complaints', '{"seller":', {
        'idempotency-key': randomUUID(),
      });
      expect(notJson.status).toBe(400);
      expect((await errorOf(notJson)).code).toBe('invalid_json');
      const wrongType = await app.request('/v1/complaints', {
        method: 'POST',
        body: JSON.stringify(BODY),
        headers: { 'content-type': 'text/plain', 'idempotency-key': randomUUID() },
      });
      expect(wrongType.status).toBe(415);
      expect(await database.db.selectFrom('complaints').select('id').execute()).toHaveLength(0);
    });

    it('refuses invalid actions with 400 and details', async () => {
      const { trackingCode, token } = await submitOk();
      for (const [action, path] of [
        [{ type: 'explode' }, 'type'],
        [{ type: 'withdraw', reason: '  ' }, 'reason'],
        [{ type: 'withdraw', extra: true }, ''],
        [{ type: 'dispute' }, 'reason'],
        [{ type: 'respond', kind: 'bribe', message: 'x' }, 'kind'],
      ] as const) {
        const res = await act(trackingCode, token, action);
        expect(res.status).toBe(400);
        const error = await errorOf(res);
        expect(error.code).toBe('bad_request');
        expect(error.message).toBe('invalid action');
        expect(error.details?.map((d) => d.path)).toContain(path);
      }
      expect((await viewOk(trackingCode, token)).status).toBe('forwarded');
    });
  });

  it('documents the complaint routes in the OpenAPI document', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/complaints',
        '/v1/complaints/{code}',
        '/v1/complaints/{code}/actions',
        '/v1/seller/complaints',
      ]),
    );
    expect(JSON.stringify(doc.paths['/v1/complaints'])).toContain('shareWithSeller');
  });

  it('deletes the personal data of a case on the request of its shopper, and keeps the anonymous facts', async () => {
    const { trackingCode, token } = await submitOk();
    await actOk(trackingCode, sellerKey, {
      type: 'respond',
      kind: 'refund',
      message: 'Xin lỗi, shop sẽ hoàn tiền.',
    });
    await actOk(trackingCode, token, {
      type: 'dispute',
      reason: 'Shop chưa hoàn tiền, Trần Thị Bích đã chờ 5 ngày.',
    });
    const before = await sellerRecord('shopee/672907573');

    // Only the shopper may ask; the seller and moderators may not.
    for (const key of [sellerKey, moderatorKey]) {
      const res = await app.request(`/v1/complaints/${trackingCode}/personal-data`, {
        method: 'DELETE',
        headers: bearer(key),
      });
      expect(res.status).toBe(403);
    }
    const res = await app.request(`/v1/complaints/${trackingCode}/personal-data`, {
      method: 'DELETE',
      headers: bearer(token),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const erased = ComplaintView.parse(await res.json());
    expect(erased.content).toBeNull();
    expect(erased.order).toBeNull();
    expect(erased.status).toBe('escalated');

    // Nothing personal remains anywhere in the database or in any view.
    const everything = JSON.stringify([
      await database.db.selectFrom('complaints').selectAll().execute(),
      await database.db.selectFrom('complaint_personal').selectAll().execute(),
      await database.db.selectFrom('complaint_events').selectAll().execute(),
      await viewOk(trackingCode, token),
      await viewOk(trackingCode, moderatorKey),
    ]);
    for (const piece of [...PERSONAL, 'Trần Thị Bích đã chờ']) expect(everything).not.toContain(piece);
    // The seller's answer is the seller's, not the shopper's: it stays.
    expect(everything).toContain('shop sẽ hoàn tiền');

    // The anonymous facts still count in the seller's statistics, unchanged.
    const after = await sellerRecord('shopee/672907573');
    expect(after.record.complaints).toEqual(before.record.complaints);
  });
});

describe('complaint settings from the environment', () => {
  it('parses the deadline, the job interval and the case-token secret', () => {
    const defaults = parseServerEnv({});
    expect(defaults).toMatchObject({ ANSWER_DEADLINE_DAYS: 7, LATE_JOB_INTERVAL_SECONDS: 60 });
    expect(defaults.CASE_TOKEN_SECRET).toBeUndefined();
    expect(parseServerEnv({ CASE_TOKEN_SECRET: '' }).CASE_TOKEN_SECRET).toBeUndefined();
    const set = parseServerEnv({
      ANSWER_DEADLINE_DAYS: '3.5',
      LATE_JOB_INTERVAL_SECONDS: '10',
      CASE_TOKEN_SECRET: 'x'.repeat(32),
    });
    expect(set).toMatchObject({ ANSWER_DEADLINE_DAYS: 3.5, LATE_JOB_INTERVAL_SECONDS: 10 });
    expect(() => parseServerEnv({ CASE_TOKEN_SECRET: 'too-short' })).toThrow(/CASE_TOKEN_SECRET/);
    expect(() => parseServerEnv({ ANSWER_DEADLINE_DAYS: '0' })).toThrow(/ANSWER_DEADLINE_DAYS/);
  });
});

describe.each(DIALECTS)('the deadline job in the running registry on %s', (engine) => {
  let running: RunningRegistry;
  let moderator: string;
  beforeAll(async () => {
    const fresh = await freshDatabase(engine);
    moderator = (await createApiKey(fresh.db, { role: 'moderator', label: 'Điều phối' }, new Date())).key;
    await fresh.close();
    running = await startRegistry(
      parseServerEnv({
        PORT: '0',
        // A deadline of about 0.9 s and a job every second, so the test sees the job run.
        ANSWER_DEADLINE_DAYS: String(0.9 / 86_400),
        LATE_JOB_INTERVAL_SECONDS: '1',
        ...(engine === 'postgres' ? { DATABASE_URL: fresh.location } : { DATA_DIR: dirname(fresh.location) }),
      }),
    );
  });
  afterAll(async () => {
    await running?.close();
  });

  it('marks an unanswered complaint late without anyone asking', async () => {
    const res = await fetch(`${running.url}/v1/complaints`, {
      method: 'POST',
      body: JSON.stringify(BODY),
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(201);
    const { trackingCode, token } = SubmittedComplaint.parse(await res.json());
    // A moderator verifies the order from the evidence: only then does the lateness count.
    const verified = await fetch(`${running.url}/v1/complaints/${trackingCode}/verification`, {
      method: 'POST',
      body: JSON.stringify({ state: 'order_verified' }),
      headers: { 'content-type': 'application/json', ...bearer(moderator) },
    });
    expect(verified.status, await verified.clone().text()).toBe(200);
    await vi.waitFor(
      async () => {
        const v = await fetch(`${running.url}/v1/complaints/${trackingCode}`, {
          headers: bearer(token ?? ''),
        });
        expect(ComplaintView.parse(await v.json()).late).toBe(true);
      },
      { timeout: 8000, interval: 250 },
    );
    const record = TrustRecordSchema.parse(
      await (await fetch(`${running.url}/v1/sellers/shopee/672907573`)).json(),
    );
    expect(record.complaints.allTime.unanswered).toBe(1);
  });
});
