// npm run bench:open-data — how long a daily open-data snapshot takes and how much memory it
// needs, for the demo data and for BENCH_SELLERS bulk sellers (default 100,000; seeded by
// server/bench/seed-bulk.ts). SQLite in a fresh temporary directory by default; with --postgres,
// the PostgreSQL database named by BENCH_DATABASE_URL or TEST_DATABASE_URL, which it wipes.
// Prints per data set: the snapshot's duration, records and file sizes, the process's RSS before
// and at its peak while the snapshot is built (sampled every 10 ms), the event loop's longest
// stall during it (what a lookup arriving meanwhile would wait at most), and the time to compute
// /v1/stats from the same data. BENCH_PAGE_SIZE sets the sellers per page (default 1,000).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type RegistryDb } from '../db/connect';
import { seedDemoData } from '../demo/seed';
import { DEFAULT_PAGE_SIZE, generateSnapshot } from '../opendata/snapshot';
import { computeMarketplaceStats } from '../opendata/stats';
import { seedBulkSellers } from './seed-bulk';

const SELLERS = Number(process.env.BENCH_SELLERS ?? 100_000);
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? DEFAULT_PAGE_SIZE);
const usePostgres = process.argv.includes('--postgres');
const MB = 1024 * 1024;

async function freshDatabase(): Promise<RegistryDb> {
  if (usePostgres) {
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!url)
      throw new Error('--postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a database it may wipe)');
    const database = openDatabase(url);
    await sql`drop schema if exists public cascade`.execute(database.db);
    await sql`create schema public`.execute(database.db);
    await migrateToLatest(database.db);
    return database;
  }
  const database = openDatabase(
    join(mkdtempSync(join(tmpdir(), 'antam-bench-open-data-')), 'registry.sqlite'),
  );
  await migrateToLatest(database.db);
  return database;
}

async function measure(name: string, database: RegistryDb): Promise<void> {
  const now = new Date();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const row = await generateSnapshot(database.db, now, PAGE_SIZE);
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const statsStarted = performance.now();
  await computeMarketplaceStats(database.db, now, 0, PAGE_SIZE);
  const statsSeconds = (performance.now() - statsStarted) / 1000;
  console.log(
    `${name.padEnd(22)} ${String(row.records).padStart(7)} records  snapshot ${seconds.toFixed(2)} s ` +
      `(${Math.round(row.records / seconds)}/s)  csv ${(row.csv_size / MB).toFixed(1)} MB  jsonl ${(row.jsonl_size / MB).toFixed(1)} MB  ` +
      `rss ${(before / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} MB  ` +
      `longest loop stall ${(loop.max / 1e6).toFixed(0)} ms  stats ${statsSeconds.toFixed(2)} s`,
  );
}

async function main(): Promise<void> {
  console.log(
    `open-data snapshot on ${usePostgres ? 'PostgreSQL' : 'SQLite'} (pages of ${PAGE_SIZE} sellers; Node ${process.version})`,
  );
  const demo = await freshDatabase();
  try {
    await seedDemoData(demo.db, new Date());
    await measure('demo data', demo);
  } finally {
    await demo.close();
  }
  const bulk = await freshDatabase();
  try {
    const seeding = performance.now();
    await seedBulkSellers(bulk.db, SELLERS, new Date());
    console.log(`(seeded ${SELLERS} bulk sellers in ${((performance.now() - seeding) / 1000).toFixed(1)} s)`);
    await measure(`${SELLERS} bulk sellers`, bulk);
  } finally {
    await bulk.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
