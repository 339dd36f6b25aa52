// "A seller cannot open another seller's case, evidence or webhook, even by typing its URL", on
// every engine: seller B replays with its own key every request the console makes about seller
// A's case (read, act, evidence) and webhook (deliveries, test, secret rotation, delete). Each is
// answered exactly as the same request about an id that does not exist, and nothing of A's changes.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ComplaintView, type SubmitComplaintInput, SubmittedComplaint } from '../../lib/registry/cases';
import { ErrorBody } from '../../lib/registry/schemas';
import { createApiKey } from '../../server/auth';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP_A = 'shopee:672907573';
const SHOP_B = 'lazada:6548';

const COMPLAINT: SubmitComplaintInput = {
  seller: SHOP_A,
  installKey: 'isolation-tests-install-key',
  order: { orderCode: '2410150ISOLA', orderDate: '2026-10-15', total: 149000, currency: 'VND' },
  category: 'not_as_described',
  desiredOutcome: 'refund',
  description: 'Áo bị rách ở tay áo — nội dung chỉ cửa hàng A được đọc.',
  consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x49, 0x48, 0x44, 0x52]);

/** An answer reduced to what a caller can compare: status, and the error body when there is one. */
async function answerOf(res: Response): Promise<{ status: number; body: unknown }> {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe.each(DIALECTS)('seller isolation on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let keyA: string;
  let keyB: string;

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
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, webhookAllowPrivate: true },
    });
    await created.deps.buckets.init();
    app = created.app;
    keyA = (await createApiKey(database.db, { role: 'seller', label: 'Shop A', sellers: [SHOP_A] }, NOW)).key;
    keyB = (await createApiKey(database.db, { role: 'seller', label: 'Shop B', sellers: [SHOP_B] }, NOW)).key;
  });

  async function casesOfA() {
    const res = await postJson(app, '/v1/complaints', COMPLAINT, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    const filed = SubmittedComplaint.parse(await res.json());
    const up = await app.request(`/v1/complaints/${filed.trackingCode}/evidence`, {
      method: 'POST',
      body: PNG,
      headers: {
        'content-type': 'image/png',
        'x-evidence-sha256': createHash('sha256').update(PNG).digest('hex'),
        'x-evidence-captured-at': '2026-10-31T21:15:00+07:00',
        'x-evidence-source': 'photo',
        ...bearer(filed.token ?? ''),
      },
    });
    expect(up.status).toBe(201);
    const view = async (key: string) =>
      ComplaintView.parse(
        await (await app.request(`/v1/complaints/${filed.trackingCode}`, { headers: bearer(key) })).json(),
      );
    const evidenceId = (await view(keyA)).evidence[0]?.id ?? '';
    return { code: filed.trackingCode, evidenceId, view };
  }

  it("answers B about A's case and evidence exactly as about ones that do not exist", async () => {
    const a = await casesOfA();
    const before = await a.view(keyA);
    expect(before.content?.description).toBe(COMPLAINT.description);
    expect(before.evidence).toHaveLength(1);

    const unknownCode = 'AT-00000000';
    const respond = JSON.stringify({ type: 'respond', kind: 'refusal', message: 'Không phải shop tôi.' });
    const attempts = (code: string, evidenceId: string) => [
      app.request(`/v1/complaints/${code}`, { headers: bearer(keyB) }),
      app.request(`/v1/complaints/${code}/evidence/${evidenceId}`, { headers: bearer(keyB) }),
      app.request(`/v1/complaints/${code}/actions`, {
        method: 'POST',
        body: respond,
        headers: { 'content-type': 'application/json', ...bearer(keyB) },
      }),
    ];
    const replayed = await Promise.all(attempts(a.code, a.evidenceId).map(async (r) => answerOf(await r)));
    const unknown = await Promise.all(
      attempts(unknownCode, randomUUID()).map(async (r) => answerOf(await r)),
    );
    expect(replayed).toEqual(unknown);
    for (const answer of replayed) {
      expect(answer.status).toBe(404);
      expect(ErrorBody.parse(answer.body).error.code).toBe('not_found');
      expect(JSON.stringify(answer.body)).not.toContain(SHOP_A);
    }

    // B's own list does not hold it either; A's case is as it was, unanswered.
    const listB = await app.request('/v1/seller/complaints', { headers: bearer(keyB) });
    expect(await listB.json()).toEqual({ complaints: [], nextCursor: null });
    const after = await a.view(keyA);
    expect(after).toEqual(before);
    expect(after.response).toBeNull();
    // A itself reads the evidence file.
    const file = await app.request(`/v1/complaints/${a.code}/evidence/${a.evidenceId}`, {
      headers: bearer(keyA),
    });
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });

  it("answers A about its own shop's complaint filed without consent as about one that does not exist", async () => {
    const res = await postJson(
      app,
      '/v1/complaints',
      { ...COMPLAINT, consent: { ...COMPLAINT.consent, shareWithSeller: false } },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(201);
    const { trackingCode } = SubmittedComplaint.parse(await res.json());
    const ask = (code: string) => app.request(`/v1/complaints/${code}`, { headers: bearer(keyA) });
    const unshared = await answerOf(await ask(trackingCode));
    expect(unshared).toEqual(await answerOf(await ask('AT-00000000')));
    expect(unshared.status).toBe(404);
    const list = await app.request('/v1/seller/complaints', { headers: bearer(keyA) });
    expect(await list.json()).toEqual({ complaints: [], nextCursor: null });
  });

  it("answers B about A's webhook exactly as about one that does not exist, and changes nothing", async () => {
    const created = await postJson(app, '/v1/webhooks', { url: 'http://127.0.0.1:9/hooks/a' }, bearer(keyA));
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string; secret: string };
    const secretBefore = await database.db
      .selectFrom('webhooks')
      .select('secret')
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();

    const attempts = (id: string) => [
      app.request(`/v1/webhooks/${id}/deliveries`, { headers: bearer(keyB) }),
      app.request(`/v1/webhooks/${id}/test`, { method: 'POST', headers: bearer(keyB) }),
      app.request(`/v1/webhooks/${id}/secret`, { method: 'POST', headers: bearer(keyB) }),
      app.request(`/v1/webhooks/${id}`, { method: 'DELETE', headers: bearer(keyB) }),
    ];
    const replayed: { status: number; body: unknown }[] = [];
    const unknown: { status: number; body: unknown }[] = [];
    // One after the other: a delete that went through would change the answers after it.
    for (const r of attempts(hook.id)) replayed.push(await answerOf(await r));
    for (const r of attempts(randomUUID())) unknown.push(await answerOf(await r));
    expect(replayed).toEqual(unknown);
    for (const answer of replayed) {
      expect(answer.status).toBe(404);
      expect(ErrorBody.parse(answer.body).error.code).toBe('not_found');
    }

    // B lists none; A's webhook is still there, with no delivery queued and the same secret.
    expect(await (await app.request('/v1/webhooks', { headers: bearer(keyB) })).json()).toEqual({
      webhooks: [],
    });
    const listA = (await (await app.request('/v1/webhooks', { headers: bearer(keyA) })).json()) as {
      webhooks: { id: string; deliveries: Record<string, number> }[];
    };
    expect(listA.webhooks).toEqual([
      expect.objectContaining({ id: hook.id, deliveries: { delivered: 0, pending: 0, failed: 0 } }),
    ]);
    const secretAfter = await database.db
      .selectFrom('webhooks')
      .select(['secret', 'deleted_at'])
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(secretAfter).toEqual({ secret: secretBefore.secret, deleted_at: null });
    const deliveriesA = await app.request(`/v1/webhooks/${hook.id}/deliveries`, { headers: bearer(keyA) });
    expect(await deliveriesA.json()).toEqual({ deliveries: [] });
  });
});
