// The deployment for scale, for real (deploy/local.ts): two registry processes on ONE PostgreSQL
// behind Debian's nginx with proxy_cache. A write on node A is visible through the cache within the
// staleness the deployment states, and however hard one bucket is asked for, the nodes see a
// bounded number of requests for it (one per max-age, with the cache lock). PostgreSQL only (two
// processes share one database); under CI=true it never skips, and a missing nginx fails with the
// command that installs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, findNginx, NGINX_MISSING, startLocalDeployment } from '../../deploy/local';
import { BucketAnswer } from '../../lib/registry/schemas';
import { hashSellerKey } from '../../lib/registry/seller-key';
import { createApiKey } from '../../server/auth';
import { openDatabase } from '../../server/db/connect';
import { freshDatabase } from './databases';

const pgUrl = process.env.TEST_DATABASE_URL;
const SELLER = 'shopee:672907573';
const POLL_SECONDS = 1;
const MAX_AGE_SECONDS = 2;

describe.runIf(pgUrl)('two registry nodes behind nginx proxy_cache on one PostgreSQL', () => {
  let deployment: Deployment | undefined;
  let admin: string;
  let prefix: string;
  let hash: string;

  beforeAll(async () => {
    if (!findNginx()) throw new Error(NGINX_MISSING);
    const fresh = await freshDatabase('postgres');
    // The demo data gives the seller a record; the admin key is made once the nodes migrated.
    await fresh.close();
    deployment = await startLocalDeployment({
      databaseUrl: pgUrl as string,
      nodes: 2,
      stalenessSeconds: POLL_SECONDS,
      maxAgeSeconds: MAX_AGE_SECONDS,
      demoData: true,
      env: { RATE_LIMIT_REQUESTS: '0' },
    });
    const db = freshConnection();
    try {
      admin = (await createApiKey(db.db, { role: 'admin', label: 'deploy test' }, new Date())).key;
    } finally {
      await db.close();
    }
    hash = await hashSellerKey(SELLER);
    prefix = hash.slice(0, 4);
  }, 120_000);

  afterAll(async () => {
    await deployment?.close();
  });

  const freshConnection = () => openDatabase(pgUrl as string);

  async function recordThroughCache() {
    const res = await fetch(`${deployment?.url}/v1/buckets/${prefix}`);
    expect(res.status).toBe(200);
    const answer = BucketAnswer.parse(await res.json());
    return { record: answer.entries.find((e) => e.hash === hash)?.record, cache: res.headers.get('x-cache') };
  }

  it('shows a write made on node A through the cache within the stated staleness', async () => {
    const d = deployment as Deployment;
    expect(d.stalenessSeconds).toBe(POLL_SECONDS + MAX_AGE_SECONDS + 1);
    // Warm: the cache and both nodes hold the record as it is.
    const before = await recordThroughCache();
    expect(before.record?.sellerId).toBe('672907573');
    const decision = `${Date.now()}/QĐ-XPHC`;
    expect(before.record?.sanctions.map((s) => s.decision)).not.toContain(decision);
    expect((await recordThroughCache()).cache).toBe('HIT');

    const csv = [
      'platform,seller_id,slug,authority,decision,date,summary,url',
      `shopee,672907573,,Cục Quản lý thị trường,${decision},2026-06-01,Hàng giả (kiểm thử triển khai),`,
    ].join('\n');
    const nodeA = d.nodes[0]?.url;
    const wrote = await fetch(`${nodeA}/v1/admin/import/sanctions`, {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}` },
    });
    expect(wrote.status, await wrote.clone().text()).toBe(200);
    const written = Date.now();

    let seenAfter = Number.POSITIVE_INFINITY;
    while (Date.now() - written < (d.stalenessSeconds + 5) * 1000) {
      const now = await recordThroughCache();
      if (now.record?.sanctions.some((s) => s.decision === decision)) {
        seenAfter = Date.now() - written;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(
      `[deploy-cache] write on node A seen through nginx after ${seenAfter} ms (stated ≤ ${d.stalenessSeconds * 1000} ms)`,
    );
    expect(seenAfter).toBeLessThanOrEqual(d.stalenessSeconds * 1000);
  }, 60_000);

  it('sends a node a bounded number of requests per bucket, whatever the load', async () => {
    const d = deployment as Deployment;
    const target = `/v1/buckets/${prefix.split('').reverse().join('')}`;
    const seconds = 6;
    const until = Date.now() + seconds * 1000;
    let answered = 0;
    let failed = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (Date.now() < until) {
          const res = await fetch(`${d.url}${target}`);
          await res.arrayBuffer();
          if (res.status === 200) answered++;
          else failed++;
        }
      }),
    );
    const origin = d.originLog().filter((line) => line.split(' ')[2] === target);
    console.log(
      `[deploy-cache] ${answered} answers of ${target} through nginx in ${seconds} s; ${origin.length} reached a node`,
    );
    expect(failed).toBe(0);
    expect(answered).toBeGreaterThan(200);
    // One fetch when first asked, then at most one per max-age (nginx's clock counts whole seconds).
    expect(origin.length).toBeGreaterThanOrEqual(1);
    expect(origin.length).toBeLessThanOrEqual(Math.ceil(seconds / MAX_AGE_SECONDS) + 2);
  }, 60_000);
});
