// Webhooks on every engine, against a real HTTP receiver on 127.0.0.1: registration (and the
// refusal of private addresses), the outbox written with each complaint event, signed delivery,
// retries with backoff, and the isolation of one key's webhooks from another's.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubmitComplaintInput } from '../../lib/registry/cases';
import { createApiKey, revokeApiKey } from '../../server/auth';
import { checkWebhookUrl, isPrivateAddress } from '../../server/webhooks/address';
import { dispatchDue, MAX_ATTEMPTS, retryDelaySeconds } from '../../server/webhooks/dispatcher';
import { createGuardedFetch } from '../../server/webhooks/http';
import { signPayload, verifySignature } from '../../server/webhooks/signature';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP = 'shopee:672907573';
const OTHER_SHOP = 'lazada:6548';

const BODY: SubmitComplaintInput = {
  seller: SHOP,
  installKey: 'complaint-tests-install-key',
  order: {
    orderCode: '2410150QWERTY',
    orderDate: '2026-10-15',
    items: [{ title: 'Áo thun cotton nam', productId: '23456789', quantity: 1, unitPrice: 149000 }],
    total: 149000,
    currency: 'VND',
  },
  category: 'not_as_described',
  desiredOutcome: 'refund',
  description: 'Áo bị rách ở tay áo, màu khác hẳn ảnh trên trang sản phẩm.',
  contact: { name: 'Trần Thị Bích', email: 'bich.tran@example.vn' },
  consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: records every request and answers with `status`. */
class Receiver {
  readonly requests: Received[] = [];
  status = 200;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        // A redirect points back here: followed, it would show up as a second request.
        const location = this.status >= 300 && this.status < 400 ? { location: `${this.url}/moved` } : {};
        res.writeHead(this.status, { 'content-type': 'text/plain', ...location });
        res.end('ok');
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/antam`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('webhook addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['93.184.216.34', false],
    ['2606:4700::1111', false],
    ['not-an-address', true],
  ])('%s private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const lookup = async () => ['93.184.216.34', '10.0.0.1'];
    const check = await checkWebhookUrl('https://hooks.example.vn/x', { allowPrivate: false, lookup });
    expect(check.ok).toBe(false);
    const ok = await checkWebhookUrl('https://hooks.example.vn/x', {
      allowPrivate: false,
      lookup: async () => ['93.184.216.34'],
    });
    expect(ok.ok).toBe(true);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"1","type":"complaint.forward"}';
  const ts = Math.floor(NOW.getTime() / 1000);

  it('accepts its own signature and refuses tampering, a wrong secret and old timestamps', () => {
    const header = signPayload(secret, ts, body);
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, String(ts), body, header, NOW)).toBe(true);
    expect(verifySignature(secret, String(ts), `${body} `, header, NOW)).toBe(false);
    expect(verifySignature('whsec_other', String(ts), body, header, NOW)).toBe(false);
    expect(verifySignature(secret, String(ts + 1), body, header, NOW)).toBe(false);
    const later = new Date(NOW.getTime() + 301_000);
    expect(verifySignature(secret, String(ts), body, header, later)).toBe(false);
    expect(verifySignature(secret, String(ts), body, header, later, 600)).toBe(true);
    expect(verifySignature(secret, 'abc', body, header, NOW)).toBe(false);
    expect(verifySignature(secret, String(ts), body, undefined, NOW)).toBe(false);
    expect(verifySignature(secret, String(ts), body, `v1=${'0'.repeat(64)},${header}`, NOW)).toBe(true);
  });
});

describe.each(DIALECTS)('webhooks on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let strictApp: TestApp;
  let now: Date;
  let sellerKey: string;
  let otherSellerKey: string;
  let sameShopKey: string;
  const receiver = new Receiver();

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await database.close();
  });

  beforeEach(async () => {
    await emptyTables(database);
    receiver.requests.length = 0;
    receiver.status = 200;
    now = NOW;
    const config = { rateLimit: { requests: 0, windowSeconds: 60 } };
    app = createApp({
      db: database.db,
      clock: () => now,
      config: { ...config, webhookAllowPrivate: true },
    }).app;
    strictApp = createApp({ db: database.db, clock: () => now, config }).app;
    sellerKey = (await createApiKey(database.db, { role: 'seller', label: 'Sen Việt', sellers: [SHOP] }, NOW))
      .key;
    sameShopKey = (await createApiKey(database.db, { role: 'seller', label: 'Sàn', sellers: [SHOP] }, NOW))
      .key;
    otherSellerKey = (
      await createApiKey(database.db, { role: 'seller', label: 'Other', sellers: [OTHER_SHOP] }, NOW)
    ).key;
  });

  async function register(key: string, url = receiver.url, target = app): Promise<Response> {
    return postJson(target, '/v1/webhooks', { url }, bearer(key));
  }

  async function registerOk(key: string = sellerKey): Promise<{ id: string; secret: string; url: string }> {
    const res = await register(key);
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { id: string; secret: string; url: string; createdAt: string };
    expect(body.secret).toMatch(/^whsec_/);
    expect(body.createdAt).toBe(NOW.toISOString());
    return body;
  }

  async function submit(body: SubmitComplaintInput = BODY): Promise<{ trackingCode: string; token: string }> {
    const res = await postJson(app, '/v1/complaints', body, { 'idempotency-key': randomUUID() });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as { trackingCode: string; token: string };
  }

  interface DeliveryView {
    id: string;
    event: string;
    status: string;
    attempts: number;
    lastError: string | null;
    lastAttemptAt: string | null;
  }

  async function deliveries(id: string, key: string = sellerKey): Promise<DeliveryView[]> {
    const res = await app.request(`/v1/webhooks/${id}/deliveries`, { headers: bearer(key) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { deliveries: DeliveryView[] }).deliveries;
  }

  it('delivers a signed complaint event the receiver can verify', async () => {
    const hook = await registerOk();
    const { trackingCode } = await submit();
    const result = await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(result).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    if (!req) throw new Error('no request');
    const ts = String(req.headers['x-antam-timestamp']);
    const sig = String(req.headers['x-antam-signature']);
    expect(ts).toBe(String(NOW.getTime() / 1000));
    expect(req.headers['x-antam-event']).toBe('complaint.forward');
    expect(verifySignature(hook.secret, ts, req.body, sig, now)).toBe(true);
    expect(verifySignature(hook.secret, ts, req.body.replace('forwarded', 'resolved'), sig, now)).toBe(false);
    expect(verifySignature('whsec_wrong', ts, req.body, sig, now)).toBe(false);
    expect(verifySignature(hook.secret, ts, req.body, sig, new Date(now.getTime() + 3_600_000))).toBe(false);

    const payload = JSON.parse(req.body) as Record<string, unknown>;
    expect(payload).toEqual({
      id: req.headers['x-antam-delivery'],
      type: 'complaint.forward',
      occurredAt: NOW.toISOString(),
      complaint: {
        trackingCode,
        seller: expect.any(String),
        status: 'forwarded',
        late: false,
        outcome: null,
      },
    });
    // No personal data, whatever the consent.
    for (const personal of ['rách', 'Trần Thị Bích', 'bich.tran', '2410150QWERTY']) {
      expect(req.body).not.toContain(personal);
    }
    expect(await deliveries(hook.id)).toMatchObject([
      { event: 'complaint.forward', status: 'delivered', attempts: 1, lastError: null },
    ]);

    // The seller's answer is an event too; nothing already delivered is sent again.
    const answered = await postJson(
      app,
      `/v1/complaints/${trackingCode}/actions`,
      { type: 'respond', kind: 'refund', message: 'Shop hoàn tiền trong 24 giờ.' },
      bearer(sellerKey),
    );
    expect(answered.status).toBe(200);
    await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(receiver.requests.map((r) => r.headers['x-antam-event'])).toEqual([
      'complaint.forward',
      'complaint.respond',
    ]);
    expect(await dispatchDue(database.db, now, undefined, { allowPrivate: true })).toEqual({
      delivered: 0,
      retried: 0,
      failed: 0,
    });

    // The listing has the stats and never the secret.
    const list = await app.request('/v1/webhooks', { headers: bearer(sellerKey) });
    const text = await list.text();
    expect(text).not.toContain(hook.secret);
    expect(JSON.parse(text)).toEqual({
      webhooks: [
        {
          id: hook.id,
          url: receiver.url,
          createdAt: NOW.toISOString(),
          deliveries: { delivered: 2, pending: 0, failed: 0 },
        },
      ],
    });
  });

  it('retries a failing receiver with backoff until it recovers', async () => {
    const hook = await registerOk();
    await submit();
    receiver.status = 500;
    expect(await dispatchDue(database.db, now, undefined, { allowPrivate: true })).toMatchObject({
      retried: 1,
    });
    expect(await deliveries(hook.id)).toMatchObject([
      { status: 'pending', attempts: 1, lastError: 'HTTP 500' },
    ]);
    // Not due again before the backoff.
    now = new Date(NOW.getTime() + (retryDelaySeconds(1) - 1) * 1000);
    await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(receiver.requests).toHaveLength(1);
    now = new Date(NOW.getTime() + retryDelaySeconds(1) * 1000);
    await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(receiver.requests).toHaveLength(2);
    // Doubles: 30 s, then 60 s.
    expect(retryDelaySeconds(2)).toBe(2 * retryDelaySeconds(1));
    receiver.status = 204;
    now = new Date(now.getTime() + retryDelaySeconds(2) * 1000);
    expect(await dispatchDue(database.db, now, undefined, { allowPrivate: true })).toMatchObject({
      delivered: 1,
    });
    expect(receiver.requests).toHaveLength(3);
    // Each attempt is signed at its own time, with the same delivery id.
    const ids = new Set(receiver.requests.map((r) => r.headers['x-antam-delivery']));
    expect(ids.size).toBe(1);
    const last = receiver.requests[2];
    if (!last) throw new Error('no request');
    expect(
      verifySignature(
        hook.secret,
        String(last.headers['x-antam-timestamp']),
        last.body,
        String(last.headers['x-antam-signature']),
        now,
      ),
    ).toBe(true);
    expect(await deliveries(hook.id)).toMatchObject([{ status: 'delivered', attempts: 3, lastError: null }]);
  });

  it('gives up after the last attempt', async () => {
    const hook = await registerOk();
    await submit();
    receiver.status = 503;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await dispatchDue(database.db, now, undefined, { allowPrivate: true });
      now = new Date(now.getTime() + retryDelaySeconds(i + 1) * 1000);
    }
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);
    const [failed] = await deliveries(hook.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'HTTP 503' });
    now = new Date(now.getTime() + 86_400_000);
    await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);
    const list = await app.request('/v1/webhooks', { headers: bearer(sellerKey) });
    expect(await list.json()).toMatchObject({ webhooks: [{ deliveries: { failed: 1, pending: 0 } }] });
    const onlyFailed = await app.request(`/v1/webhooks/${hook.id}/deliveries?status=failed`, {
      headers: bearer(sellerKey),
    });
    expect(((await onlyFailed.json()) as { deliveries: unknown[] }).deliveries).toHaveLength(1);
  });

  it("stops sending a revoked key's deliveries and enqueues none for it", async () => {
    const hook = await registerOk();
    await submit();
    const keyId = (await database.db.selectFrom('webhooks').select('key_id').executeTakeFirstOrThrow())
      .key_id;
    await revokeApiKey(database.db, keyId, now);
    await submit();
    await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(receiver.requests).toHaveLength(0);
    const rows = await database.db
      .selectFrom('webhook_deliveries')
      .select('status')
      .where('webhook_id', '=', hook.id)
      .execute();
    expect(rows).toEqual([{ status: 'pending' }]);
  });

  it('connects only to the addresses it checked', async () => {
    const port = new URL(receiver.url).port;
    const init = { method: 'POST', body: '{}' };
    // The name is resolved and judged by the connection itself, not only before it.
    await expect(
      createGuardedFetch({ allowPrivate: false })(`http://localhost:${port}/x`, init),
    ).rejects.toThrow(/private/);
    const res = await createGuardedFetch({ allowPrivate: true })(`http://127.0.0.1:${port}/x`, init);
    expect(res.status).toBe(200);
    expect(receiver.requests).toHaveLength(1);
  });

  it('sends through an injected fetch', async () => {
    await registerOk();
    await submit();
    expect(await dispatchDue(database.db, now, fetch, { allowPrivate: true })).toMatchObject({
      delivered: 1,
    });
    expect(receiver.requests).toHaveLength(1);
  });

  it('never follows a redirect', async () => {
    const hook = await registerOk();
    await submit();
    receiver.status = 307;
    expect(await dispatchDue(database.db, now, undefined, { allowPrivate: true })).toMatchObject({
      retried: 1,
    });
    expect(receiver.requests).toHaveLength(1);
    expect(await deliveries(hook.id)).toMatchObject([{ status: 'pending', lastError: 'HTTP 307' }]);
  });

  it('documents the webhook routes', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/webhooks', '/v1/webhooks/{id}', '/v1/webhooks/{id}/deliveries']),
    );
  });

  it('refuses private and loopback URLs without the flag', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://10.1.2.3/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://localhost:3000/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'ftp://93.184.216.34/hook',
      'file:///etc/passwd',
      'not a url',
      'https://user:pass@93.184.216.34/hook',
    ]) {
      const res = await register(sellerKey, url, strictApp);
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    }
    // A public address needs no DNS and is accepted.
    expect((await register(sellerKey, 'https://93.184.216.34/hook', strictApp)).status).toBe(201);
  });

  it('checks the address again at delivery time', async () => {
    const hook = await registerOk(); // allowed by the test app's flag
    await submit();
    await dispatchDue(database.db, now, undefined, { allowPrivate: false });
    expect(receiver.requests).toHaveLength(0);
    const [d] = await deliveries(hook.id);
    expect(d?.status).toBe('pending');
    expect(d?.lastError).toMatch(/^refused: .*private/);
  });

  it("keeps one key's webhooks from another key", async () => {
    const hook = await registerOk();
    for (const key of [otherSellerKey, sameShopKey]) {
      const list = await app.request('/v1/webhooks', { headers: bearer(key) });
      expect(await list.json()).toEqual({ webhooks: [] });
      const del = await app.request(`/v1/webhooks/${hook.id}`, { method: 'DELETE', headers: bearer(key) });
      expect(del.status).toBe(404);
      const ds = await app.request(`/v1/webhooks/${hook.id}/deliveries`, { headers: bearer(key) });
      expect(ds.status).toBe(404);
    }
    expect((await app.request('/v1/webhooks')).status).toBe(401);
    const del = await app.request(`/v1/webhooks/${hook.id}`, {
      method: 'DELETE',
      headers: bearer(sellerKey),
    });
    expect(del.status).toBe(204);
    expect(await (await app.request('/v1/webhooks', { headers: bearer(sellerKey) })).json()).toEqual({
      webhooks: [],
    });
    // A deleted webhook gets nothing more.
    await submit();
    await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(receiver.requests).toHaveLength(0);
  });

  it("never enqueues other sellers' complaints", async () => {
    const other = await registerOk(otherSellerKey);
    const mine = await registerOk(sellerKey);
    await submit(); // SHOP's complaint
    expect(await deliveries(other.id, otherSellerKey)).toEqual([]);
    expect(await deliveries(mine.id)).toHaveLength(1);
    await submit({ ...BODY, seller: OTHER_SHOP });
    expect(await deliveries(other.id, otherSellerKey)).toHaveLength(1);
    expect(await deliveries(mine.id)).toHaveLength(1);
    // Without consent to share with the seller the complaint is not forwarded: no event, nothing sent.
    await submit({ ...BODY, consent: { ...BODY.consent, shareWithSeller: false } });
    expect(await deliveries(mine.id)).toHaveLength(1);
  });

  it('rotates the secret (shown once; every later delivery is signed with it) and sends a test event', async () => {
    const hook = await registerOk();
    const rotate = (key: string, id = hook.id) =>
      app.request(`/v1/webhooks/${id}/secret`, { method: 'POST', headers: bearer(key) });
    const rotated = await rotate(sellerKey);
    expect(rotated.status).toBe(200);
    const { secret } = (await rotated.json()) as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(hook.secret);
    // Another seller's key cannot rotate it, nor learn that it exists.
    expect((await rotate(otherSellerKey)).status).toBe(404);
    expect(
      JSON.stringify(await (await app.request('/v1/webhooks', { headers: bearer(sellerKey) })).json()),
    ).not.toContain(secret);

    const test = await app.request(`/v1/webhooks/${hook.id}/test`, {
      method: 'POST',
      headers: bearer(sellerKey),
    });
    expect(test.status).toBe(202);
    const { delivery } = (await test.json()) as { delivery: string };
    expect(
      (await app.request(`/v1/webhooks/${hook.id}/test`, { method: 'POST', headers: bearer(otherSellerKey) }))
        .status,
    ).toBe(404);
    await dispatchDue(database.db, now, undefined, { allowPrivate: true });
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    if (!req) throw new Error('no request');
    expect(req.headers['x-antam-event']).toBe('webhook.test');
    expect(req.headers['x-antam-delivery']).toBe(delivery);
    const ts = String(req.headers['x-antam-timestamp']);
    const sig = String(req.headers['x-antam-signature']);
    expect(verifySignature(secret, ts, req.body, sig, now)).toBe(true);
    expect(verifySignature(hook.secret, ts, req.body, sig, now)).toBe(false);
    expect(JSON.parse(req.body)).toEqual({
      id: delivery,
      type: 'webhook.test',
      occurredAt: now.toISOString(),
    });
    expect((await deliveries(hook.id)).map((d) => [d.event, d.status])).toEqual([
      ['webhook.test', 'delivered'],
    ]);
  });
});
