// npm run bench:pages — server time of the public record page (`/s/{platform}/{id}`), measured
// in-process with app.request against a fresh SQLite registry of BENCH_SELLERS synthetic sellers
// (or the PostgreSQL database named by BENCH_DATABASE_URL, which it wipes). Budget (issue 10): a
// page served in ≤ 20 ms of server time with the record cached. Prints p50/p99 of:
// - cached: the same BENCH_DISTINCT sellers asked again and again (the record comes from the
//   page cache, so this is routing, rendering with React and the headers);
// - first view: each seller's first request (a database read of the record, then the render);
// - 304: a revalidation with the page's ETag;
// - /levels.
// and the size of a page in bytes, as sent and gzipped (what a proxy that compresses would send).
// Run it on a quiet machine: p99 on a shared 2-core box mostly measures the neighbours.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';

// React picks its build when first loaded: measure the production build, as a deployed registry
// should run (NODE_ENV=production), unless told otherwise. Hence the dynamic imports below.
process.env.NODE_ENV ??= 'production';
const { createApp } = await import('../app');
const { migrateToLatest, openDatabase } = await import('../db/connect');
const { seedBulkSellers } = await import('./seed-bulk');

const SELLERS = Number(process.env.BENCH_SELLERS ?? 20_000);
const DISTINCT = Number(process.env.BENCH_DISTINCT ?? 200);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5_000);
const FIRST_VIEWS = Number(process.env.BENCH_FIRST_VIEWS ?? 1_000);
const NOW = new Date();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(name: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  return `${name.padEnd(34)} n=${String(times.length).padStart(5)}  p50 ${f(percentile(sorted, 50))}  p99 ${f(percentile(sorted, 99))}  mean ${f(mean)}`;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  const database = openDatabase(url ?? join(mkdtempSync(join(tmpdir(), 'antam-bench-pages-')), 'r.sqlite'));
  if (url) {
    await sql`drop schema if exists public cascade`.execute(database.db);
    await sql`create schema public`.execute(database.db);
  }
  await migrateToLatest(database.db);
  await seedBulkSellers(database.db, SELLERS, NOW);
  const { app, deps } = createApp({
    db: database.db,
    config: { rateLimit: { requests: 0, windowSeconds: 60 } },
  });
  await deps.buckets.init();

  const keys = (await database.db.selectFrom('seller_keys').select('key').orderBy('key').execute()).map(
    (r) => r.key,
  );
  const path = (key: string) => `/s/${key.replace(':', '/')}`;
  const get = async (p: string, headers: Record<string, string> = {}) => {
    const start = performance.now();
    const res = await app.request(p, { headers });
    const body = await res.arrayBuffer();
    return { ms: performance.now() - start, res, bytes: body.byteLength };
  };

  // First views: distinct sellers, each asked once (record read from the database).
  const step = Math.max(1, Math.floor(keys.length / FIRST_VIEWS));
  const first: number[] = [];
  for (let i = 0; i < FIRST_VIEWS && i * step < keys.length; i++) {
    const r = await get(path(keys[i * step] as string));
    if (r.res.status !== 200) throw new Error(`first view answered ${r.res.status}`);
    first.push(r.ms);
  }

  // Cached: DISTINCT sellers, warmed once, then asked round-robin.
  const hot = keys.slice(0, DISTINCT).map(path);
  for (const p of hot) await get(p);
  const cached: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const r = await get(hot[i % hot.length] as string);
    if (r.res.status !== 200) throw new Error(`cached view answered ${r.res.status}`);
    cached.push(r.ms);
    bytes = Math.max(bytes, r.bytes);
  }

  const etag = (await get(hot[0] as string)).res.headers.get('etag') ?? '';
  const revalidations: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const r = await get(hot[0] as string, { 'if-none-match': etag });
    if (r.res.status !== 304) throw new Error(`revalidation answered ${r.res.status}`);
    revalidations.push(r.ms);
  }

  const levels: number[] = [];
  let levelsBytes = 0;
  for (let i = 0; i < 1000; i++) {
    const r = await get(i % 2 ? '/levels' : '/levels?lang=en');
    levels.push(r.ms);
    levelsBytes = Math.max(levelsBytes, r.bytes);
  }

  // A full record: the sanctioned seller with the longest page.
  let largest = { key: '', html: '' };
  for (const key of keys.slice(0, 2000)) {
    const html = await (await app.request(path(key))).text();
    if (html.length > largest.html.length) largest = { key, html };
  }
  const largestBytes = Buffer.byteLength(largest.html);

  console.log(
    `bench:pages — ${SELLERS} sellers on ${url ? 'PostgreSQL' : 'SQLite'}, in-process app.request, NODE_ENV=${process.env.NODE_ENV}`,
  );
  console.log(summary('record page, cached', cached));
  console.log(summary('record page, first view (database)', first));
  console.log(summary('record page, 304 revalidation', revalidations));
  console.log(summary('/levels', levels));
  console.log(
    `bytes: record page ${bytes} (largest of 2,000: ${largestBytes}, ${gzipSync(largest.html).length} gzipped); /levels ${levelsBytes}`,
  );
  const p99 = percentile(
    [...cached].sort((a, b) => a - b),
    99,
  );
  console.log(
    `budget (issue 10): cached record page ≤ 20 ms server time — p99 ${p99.toFixed(2)} ms: ${p99 <= 20 ? 'met' : 'NOT met'}`,
  );
  await database.close();
}

await main();
