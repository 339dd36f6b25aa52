// The registry over real HTTP (node:http + the hot bucket path in front of Hono), on each engine.
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketAnswer, ErrorBody } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { parseServerEnv } from '../../server/config';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import { type RunningRegistry, startRegistry } from '../../server/serve';
import { DIALECTS, freshDatabase } from './databases';

describe.each(DIALECTS)('registry over HTTP on %s', (engine) => {
  let running: RunningRegistry;

  beforeAll(async () => {
    const fresh = await freshDatabase(engine);
    await fresh.close();
    running = await startRegistry(
      parseServerEnv({
        PORT: '0',
        DEMO_DATA: '1',
        RATE_LIMIT_REQUESTS: '40',
        ...(engine === 'postgres' ? { DATABASE_URL: fresh.location } : { DATA_DIR: dirname(fresh.location) }),
      }),
    );
  });
  afterAll(async () => {
    await running?.close();
  });

  it('answers a cached bucket from the hot path exactly as the app does', async () => {
    const hash = await hashSellerKey('shopee:672907573');
    const url = `${running.url}/v1/buckets/${hash.slice(0, 4)}`;
    const first = await fetch(url); // miss: through Hono, fills the cache
    const second = await fetch(url); // hit: the hot path
    const a = Buffer.from(await first.arrayBuffer());
    const b = Buffer.from(await second.arrayBuffer());
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(b.equals(a)).toBe(true);
    for (const h of ['etag', 'cache-control', 'content-type', 'content-length', 'x-content-type-options']) {
      expect(second.headers.get(h), h).toBe(first.headers.get(h));
    }
    const body = BucketAnswer.parse(JSON.parse(b.toString()));
    const record = body.entries.find((e) => e.hash === hash)?.record;
    expect(record?.demo).toBe(true);
    expect(record?.sellerId).toBe('672907573');
    const notModified = await fetch(url, { headers: { 'if-none-match': second.headers.get('etag') ?? '' } });
    expect(notModified.status).toBe(304);
  });

  it('serves the demo admin key only with demo data, and every other route through the app', async () => {
    const keys = await fetch(`${running.url}/v1/admin/keys`, {
      headers: { authorization: `Bearer ${DEMO_ADMIN_KEY}` },
    });
    expect(keys.status).toBe(200);
    const bad = await fetch(`${running.url}/v1/buckets/XYZ1`);
    expect(bad.status).toBe(400);
    expect(ErrorBody.parse(await bad.json()).error.code).toBe('invalid_prefix');
    const missing = await fetch(`${running.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(await missing.json()).error.code).toBe('not_found');
  });

  it('rate-limits the hot path too, counting each request once', async () => {
    const url = `${running.url}/v1/buckets/abcd`;
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await fetch(url);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    // 40 allowed per window in total, including the earlier tests' requests.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await fetch(url);
    expect(limited.status).toBe(429);
    expect(ErrorBody.parse(await limited.json()).error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const allowed = statuses.filter((s) => s === 200).length;
    expect(allowed).toBeLessThanOrEqual(40 - 5);
  });
});
