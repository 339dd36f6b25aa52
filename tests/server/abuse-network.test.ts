// Network-level attacks on the registry (issue 9), each replayed against the real thing on every
// engine: a client behind the registry's proxy rotating a spoofed X-Forwarded-For to escape the
// rate limits, webhook URLs whose IPv6 spelling hides a private IPv4 address, and one seller's
// slow webhook receivers holding up everyone else's deliveries.
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubmitComplaintInput, SubmitReportInput } from '../../lib/registry/cases';
import { ErrorBody } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { parseServerEnv } from '../../server/config';
import { type RunningRegistry, startRegistry } from '../../server/serve';
import {
  dispatchDue,
  MAX_CONCURRENT_PER_KEY,
  startWebhookDispatcher,
} from '../../server/webhooks/dispatcher';
import { createGuardedFetch } from '../../server/webhooks/http';
import { verifySignature } from '../../server/webhooks/signature';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP = 'shopee:672907573';

function report(n: number): SubmitReportInput {
  return {
    seller: SHOP,
    listing: {
      url: `https://shopee.vn/product-i.672907573.${n}`,
      title: 'Nước hoa Chanel N°5 chính hãng 100ml',
      price: 350000,
      currency: 'VND',
    },
    reason: 'Giá quá rẻ, tem chống giả bị in mờ; mã vạch không tra được.',
    // A fresh install each time: only the address can tie the reports together.
    installKey: `install_${randomUUID().replaceAll('-', '')}`,
  };
}

/** A random public-looking IPv4 address, as an attacker would write into X-Forwarded-For. */
function spoofed(): string {
  const b = () => 1 + Math.floor(Math.random() * 220);
  return `${b()}.${b()}.${b()}.${b()}`;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * A reverse proxy in front of the registry that does what nginx's
 * `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` does: append the address of the
 * connection it received to whatever X-Forwarded-For the client sent.
 */
function proxyTo(target: string): Server {
  return createServer((req, res) => {
    const sent = req.headers['x-forwarded-for'];
    const forwarded = [sent, req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwarded } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
}

describe.each(DIALECTS)('spoofed X-Forwarded-For on %s', (engine) => {
  let fresh: TestDatabase;
  let reports: RunningRegistry;
  let lookups: RunningRegistry;
  const proxies: Server[] = [];
  let reportProxy: string;
  let lookupProxy: string;

  const location = (db: TestDatabase) =>
    engine === 'postgres' ? { DATABASE_URL: db.location } : { DATA_DIR: dirname(db.location) };

  beforeAll(async () => {
    fresh = await freshDatabase(engine);
    await fresh.close();
    // TRUST_PROXY=1: one proxy in front, whose entry is the last one.
    reports = await startRegistry(
      parseServerEnv({ PORT: '0', TRUST_PROXY: '1', REPORTS_PER_HOUR: '3', ...location(fresh) }),
    );
    lookups = await startRegistry(
      parseServerEnv({
        PORT: '0',
        TRUST_PROXY: 'true', // the older spelling: one proxy too
        DEMO_DATA: '1',
        RATE_LIMIT_REQUESTS: '5',
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        ...location(fresh),
      }),
    );
    for (const running of [reports, lookups]) proxies.push(proxyTo(running.url));
    const [r, l] = await Promise.all(proxies.map(listen));
    reportProxy = r ?? '';
    lookupProxy = l ?? '';
  });
  afterAll(async () => {
    await Promise.all(proxies.map(close));
    await reports?.close();
    await lookups?.close();
  });

  it('limits counterfeit reports from one client however it fills X-Forwarded-For', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let n = 1; n <= 30; n++) {
      last = await fetch(`${reportProxy}/v1/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
          'x-forwarded-for': spoofed(),
        },
        body: JSON.stringify(report(n)),
      });
      statuses.push(last.status);
      if (n < 30) await last.body?.cancel();
    }
    // REPORTS_PER_HOUR=3: three get in, the other 27 are refused, not 30 counterfeit reports.
    expect(statuses).toEqual([201, 201, 201, ...Array<number>(27).fill(429)]);
    expect(ErrorBody.parse(await last?.json()).error.code).toBe('rate_limited');
  });

  it('limits bucket lookups answered by the hot path however it fills X-Forwarded-For', async () => {
    const prefix = (await hashSellerKey(SHOP)).slice(0, 4);
    const statuses: number[] = [];
    for (let n = 0; n < 12; n++) {
      const res = await fetch(`${lookupProxy}/v1/buckets/${prefix}`, {
        headers: { 'x-forwarded-for': `${spoofed()}, ${spoofed()}` },
      });
      statuses.push(res.status);
      await res.body?.cancel();
    }
    // The first answer fills the cache; the next ones come from the hot path. Five per hour.
    expect(statuses).toEqual([200, 200, 200, 200, 200, ...Array<number>(7).fill(429)]);
  });

  it('still tells apart the clients the proxy saw', async () => {
    // In process, with the header as one proxy would have written it for two clients.
    const created = createApp({
      db: reports.database.db,
      clock: () => NOW,
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, reportsPerHour: 2, trustProxy: 1 },
    });
    await created.deps.buckets.init();
    const send = (n: number, forwarded: string) =>
      postJson(created.app, '/v1/reports', report(100 + n), {
        'idempotency-key': randomUUID(),
        'x-forwarded-for': forwarded,
      });
    const a = (n: number) => send(n, `${spoofed()}, 198.51.100.7`);
    const b = (n: number) => send(n, `${spoofed()}, ::ffff:198.51.100.8`);
    expect((await a(1)).status).toBe(201);
    expect((await a(2)).status).toBe(201);
    expect((await a(3)).status).toBe(429);
    expect((await b(4)).status).toBe(201);
    // The mapped and the plain spelling are one client.
    expect((await send(5, '198.51.100.8')).status).toBe(201);
    expect((await b(6)).status).toBe(429);
  });
});

/** The literal spellings of addresses a webhook must never reach, as URL hosts. */
const FORBIDDEN_HOSTS = [
  '[::127.0.0.1]', // IPv4-compatible
  '[::7f00:1]',
  '[::ffff:127.0.0.1]', // IPv4-mapped
  '[::ffff:a9fe:a9fe]',
  '[::ffff:0:7f00:1]', // SIIT
  '[64:ff9b::7f00:1]', // NAT64
  '[64:ff9b::a9fe:a9fe]',
  '[64:ff9b:1::a00:1]',
  '[2002:7f00:1::]', // 6to4
  '[2002:a9fe:a9fe::]',
  '[2001::1]', // Teredo
  '0.0.0.0',
  '0.1.2.3',
  '100.64.0.1',
  '192.0.0.8',
  '192.0.2.1',
  '198.18.0.1',
  '198.51.100.7',
  '203.0.113.9',
  '224.0.0.1',
  '240.0.0.1',
  '255.255.255.255',
  '2130706433', // 127.0.0.1 as one number: URL writes it out
  '0x7f.1',
];

describe.each(DIALECTS)('webhook URLs that hide a private address, on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let sellerKey: string;
  let receiver: Server;
  let received = 0;
  let port = 0;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    receiver = createServer((_req, res) => {
      received++;
      res.end('ok');
    });
    port = Number(new URL(await listen(receiver)).port);
  });
  afterAll(async () => {
    await close(receiver);
    await database.close();
  });
  beforeEach(async () => {
    await emptyTables(database);
    received = 0;
    app = createApp({
      db: database.db,
      clock: () => NOW,
      config: { rateLimit: { requests: 0, windowSeconds: 60 } },
    }).app;
    sellerKey = (await createApiKey(database.db, { role: 'seller', label: 'Shop', sellers: [SHOP] }, NOW))
      .key;
  });

  it.each(FORBIDDEN_HOSTS)('refuses to register http://%s/', async (host) => {
    const res = await postJson(
      app,
      '/v1/webhooks',
      { url: `http://${host}:${port}/hook` },
      bearer(sellerKey),
    );
    expect(res.status).toBe(400);
    const error = ErrorBody.parse(await res.json()).error;
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/^webhook URL refused: /);
    const list = await app.request('/v1/webhooks', { headers: bearer(sellerKey) });
    expect(await list.json()).toEqual({ webhooks: [] });
  });

  it('still registers a public address', async () => {
    const res = await postJson(
      app,
      '/v1/webhooks',
      { url: 'https://[2606:4700::1111]/hook' },
      bearer(sellerKey),
    );
    expect(res.status).toBe(201);
  });

  it('refuses to connect to a name that resolves to one of them, or to the literal itself', async () => {
    const init = { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } };
    for (const host of FORBIDDEN_HOSTS.filter((h) => h.startsWith('['))) {
      const address = host.slice(1, -1);
      const fetchVia = createGuardedFetch({
        allowPrivate: false,
        resolve: (_name, _options, callback) => callback(null, [{ address, family: 6 }]),
      });
      await expect(fetchVia(`http://hooks.example.vn:${port}/hook`, init), address).rejects.toThrow(
        /resolves to a private address/,
      );
      await expect(fetchVia(`http://${host}:${port}/hook`, init), address).rejects.toThrow(/private address/);
    }
    expect(received).toBe(0);
    // The same client reaches the receiver when private addresses are allowed (tests only).
    const open = createGuardedFetch({
      allowPrivate: true,
      resolve: (_name, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    expect((await open(`http://hooks.example.vn:${port}/hook`, init)).status).toBe(200);
    expect(received).toBe(1);
  });
});

const OTHER_SHOP = 'lazada:6548';

function complaint(seller: string): SubmitComplaintInput {
  return {
    seller,
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
    installKey: 'network-tests-install-key',
  };
}

interface Delivery {
  path: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The test clock when the request arrived. */
  receivedAt: Date;
}

/**
 * A webhook receiver on 127.0.0.1. `hold` keeps every request hanging until `release()` (a
 * receiver that never answers); `onRequest` runs as each one arrives.
 */
class Receiver {
  readonly received: Delivery[] = [];
  readonly hanging: ServerResponse[] = [];
  hold = false;
  onRequest: (d: Delivery) => void = () => undefined;
  clock: () => Date = () => new Date();
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const d: Delivery = {
        path: req.url ?? '',
        timestamp: String(req.headers['x-antam-timestamp']),
        signature: String(req.headers['x-antam-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: this.clock(),
      };
      this.received.push(d);
      if (this.hold) this.hanging.push(res);
      else res.end('ok');
      this.onRequest(d);
    });
  });
  url = '';

  async start(): Promise<void> {
    this.url = await listen(this.server);
  }

  release(): void {
    this.hold = false;
    for (const res of this.hanging.splice(0)) res.end('ok');
  }

  reset(): void {
    this.release();
    this.received.length = 0;
    this.onRequest = () => undefined;
    this.clock = () => new Date();
  }

  async stop(): Promise<void> {
    this.release();
    await close(this.server);
  }
}

describe.each(DIALECTS)('webhook deliveries of one seller against another, on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let now: Date;
  const slow = new Receiver();
  const fast = new Receiver();
  /** Each webhook's signing secret, by the path it was registered with. */
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    database = await freshDatabase(engine);
    await Promise.all([slow.start(), fast.start()]);
  });
  afterAll(async () => {
    await Promise.all([slow.stop(), fast.stop()]);
    await database.close();
  });

  beforeEach(async () => {
    await emptyTables(database);
    slow.reset();
    fast.reset();
    secrets.clear();
    now = NOW;
    app = createApp({
      db: database.db,
      clock: () => now,
      config: {
        rateLimit: { requests: 0, windowSeconds: 60 },
        webhookAllowPrivate: true,
        complaintsPerHour: 0,
      },
    }).app;
    // Seller A has ten webhooks on a slow receiver; seller B one on a fast one.
    const a = (await createApiKey(database.db, { role: 'seller', label: 'A', sellers: [SHOP] }, NOW)).key;
    const b = (await createApiKey(database.db, { role: 'seller', label: 'B', sellers: [OTHER_SHOP] }, NOW))
      .key;
    const hooks: [string, string][] = [
      ...Array.from({ length: 10 }, (_, i): [string, string] => [a, `${slow.url}/a/${i}`]),
      [b, `${fast.url}/b`],
    ];
    for (const [key, url] of hooks) {
      const res = await postJson(app, '/v1/webhooks', { url }, bearer(key));
      expect(res.status).toBe(201);
      secrets.set(new URL(url).pathname, ((await res.json()) as { secret: string }).secret);
    }
  });

  async function submitComplaint(seller: string): Promise<void> {
    const res = await postJson(app, '/v1/complaints', complaint(seller), { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
  }

  /** Resolves when `receiver` gets a request for which `test` holds. */
  function arrival(receiver: Receiver, test: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const previous = receiver.onRequest;
      receiver.onRequest = (d) => {
        previous(d);
        if (test()) resolve();
      };
    });
  }

  it("delivers seller B's event while seller A's receivers are still hanging", async () => {
    await submitComplaint(SHOP); // ten deliveries to A's slow receivers, queued first
    now = new Date(NOW.getTime() + 1000);
    await submitComplaint(OTHER_SHOP); // one delivery to B
    slow.hold = true;
    let hangingWhenBReceived = -1;
    fast.onRequest = () => {
      hangingWhenBReceived = slow.hanging.length;
      // Only now do A's receivers answer: sent one after another, B's event would never come.
      slow.release();
    };
    const result = await dispatchDue(database.db, () => now, undefined, { allowPrivate: true });
    expect(fast.received).toHaveLength(1);
    // A's receivers still held their requests when B's arrived, and no more than a key's share.
    expect(hangingWhenBReceived).toBeGreaterThan(0);
    expect(hangingWhenBReceived).toBeLessThanOrEqual(MAX_CONCURRENT_PER_KEY);
    expect(result).toEqual({ delivered: 11, retried: 0, failed: 0 });
    expect(slow.received).toHaveLength(10);
  });

  it('signs each delivery when it is sent, so one that waited still verifies on arrival', async () => {
    await submitComplaint(SHOP);
    // Each of A's receivers takes a minute to answer (on the test clock): the last of the ten
    // deliveries goes out minutes after the batch was picked up.
    slow.clock = () => now;
    slow.onRequest = () => {
      now = new Date(now.getTime() + 60_000);
    };
    const result = await dispatchDue(database.db, () => now, undefined, { allowPrivate: true });
    expect(result.delivered).toBe(10);
    const last = slow.received.at(-1);
    expect(last && last.receivedAt.getTime() - NOW.getTime()).toBeGreaterThan(300_000);
    for (const d of slow.received) {
      const secret = secrets.get(d.path) ?? '';
      // The documented check: the signature is valid and at most 5 minutes old on arrival.
      expect(verifySignature(secret, d.timestamp, d.body, d.signature, d.receivedAt, 300), d.path).toBe(true);
    }
  });

  it("the background dispatcher picks up B's new event while A's sends are still running", async () => {
    slow.hold = true;
    const aInFlight = arrival(slow, () => slow.hanging.length === MAX_CONCURRENT_PER_KEY);
    const stop = startWebhookDispatcher(database.db, () => new Date(), 0.05, { allowPrivate: true });
    try {
      await submitComplaint(SHOP);
      await aInFlight;
      // A's receivers hang on to every slot A may use; B's complaint comes in now.
      const bReceived = arrival(fast, () => true);
      await submitComplaint(OTHER_SHOP);
      await bReceived;
      expect(slow.hanging).toHaveLength(MAX_CONCURRENT_PER_KEY);
      expect(fast.received).toHaveLength(1);
      const allOfA = arrival(slow, () => slow.received.length === 10);
      slow.release();
      await allOfA;
    } finally {
      slow.release();
      await stop();
    }
    const statuses = await database.db.selectFrom('webhook_deliveries').select('status').execute();
    expect(statuses.map((r) => r.status)).toEqual(Array(11).fill('delivered'));
  });
});
