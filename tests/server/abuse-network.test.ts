// Network-level attacks on the registry (issue 9), each replayed against the real thing on every
// engine: a client behind the registry's proxy rotating a spoofed X-Forwarded-For to escape the
// rate limits, webhook URLs whose IPv6 spelling hides a private IPv4 address, and one seller's
// slow webhook receivers holding up everyone else's deliveries.
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubmitReportInput } from '../../lib/registry/cases';
import { ErrorBody } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { parseServerEnv } from '../../server/config';
import { type RunningRegistry, startRegistry } from '../../server/serve';
import { createGuardedFetch } from '../../server/webhooks/http';
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
