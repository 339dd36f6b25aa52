// npm run bench:import — how lookups fare while an admin imports a 5 MB CSV. Seeds BENCH_SELLERS
// sellers into a fresh SQLite registry (or, with --postgres, the PostgreSQL database named by
// BENCH_DATABASE_URL or TEST_DATABASE_URL, which it wipes), serves it over real HTTP exactly as
// `npm run registry` does (fast path included), and runs a load generator of BENCH_CONNECTIONS
// concurrent clients asking for random 4-hex buckets (GET /v1/buckets/{prefix}; every tenth
// request a POST /v1/lookup of 20 random prefixes). It prints the lookups' p50/p99/max latency:
// - baseline: BENCH_BASELINE_SECONDS of load with no import;
// - during a valid ~5 MB sanctions import (every row a new seller: the heaviest kind of write);
// - during a ~5 MB import whose every row is invalid (validation alone; answered 422);
// and each import's duration. Latency is measured by the clients (same process), from sending a
// request to having read its whole answer, so an event loop held by the import shows up in it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createApiKey } from '../auth';
import { parseServerEnv } from '../config';
import { migrateToLatest, openDatabase } from '../db/connect';
import { startRegistry } from '../serve';
import { seedBulkSellers } from './seed-bulk';

const SELLERS = Number(process.env.BENCH_SELLERS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 5);
const IMPORT_BYTES = Number(process.env.BENCH_IMPORT_BYTES ?? 5 * 1024 * 1024 - 64 * 1024);
const usePostgres = process.argv.includes('--postgres');

interface Phase {
  name: string;
  latencies: number[];
  failures: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function summary(phase: Phase, seconds: number): string {
  const s = [...phase.latencies].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(8);
  return `${phase.name.padEnd(34)} ${String(s.length).padStart(7)} lookups ${f(s.length / seconds)}/s  p50 ${f(percentile(s, 50))} ms  p99 ${f(percentile(s, 99))} ms  max ${f(s[s.length - 1] ?? Number.NaN)} ms${phase.failures ? `  (${phase.failures} failed)` : ''}`;
}

const randomPrefix = () => randomBytes(2).toString('hex');

/** A sanctions CSV of about `bytes` bytes, every row a seller the registry does not know yet. */
function sanctionsCsv(bytes: number, valid: boolean): { text: string; rows: number } {
  const lines = ['platform,seller_id,slug,authority,decision,date,summary,url'];
  let size = lines[0]!.length + 1;
  for (let i = 0; ; i++) {
    const id = 8_000_000_000 + i;
    const line = valid
      ? `shopee,${id},${i % 3 === 0 ? `shop-${id}` : ''},Cục Quản lý thị trường tỉnh Bình Dương,${i}/QĐ-XPHC,2026-05-0${1 + (i % 9)},"Kinh doanh hàng giả, hàng nhái nhãn hiệu; dữ liệu thử tải số ${i}",https://example.org/qd/${i}`
      : // A platform that does not exist, an impossible date and a javascript: link on every row.
        `shopii,${id},,Cục Quản lý thị trường tỉnh Bình Dương,${i}/QĐ-XPHC,2026-13-45,"Kinh doanh hàng giả, hàng nhái nhãn hiệu; dữ liệu thử tải số ${i}",javascript:alert(${i})`;
    if (size + line.length + 1 > bytes) return { text: lines.join('\n'), rows: i };
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
}

async function main(): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (usePostgres && !pgUrl) throw new Error('--postgres needs BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
  const dataDir = mkdtempSync(join(tmpdir(), 'antam-bench-import-'));
  if (usePostgres && pgUrl) {
    const wipe = openDatabase(pgUrl);
    await sql`drop schema if exists public cascade`.execute(wipe.db);
    await sql`create schema public`.execute(wipe.db);
    await migrateToLatest(wipe.db);
    await wipe.close();
  }
  const env = parseServerEnv({
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: usePostgres ? pgUrl : undefined,
    RATE_LIMIT_REQUESTS: '0',
    BUCKET_STALENESS_SECONDS: '5',
  });
  const registry = await startRegistry(env);
  const db = registry.database.db;
  const now = new Date();
  await seedBulkSellers(db, SELLERS, now);
  await registry.registry.deps.buckets.refreshVersion();
  const admin = (await createApiKey(db, { role: 'admin', label: 'bench' }, now)).key;
  const base = registry.url;
  console.log(
    `bench:import on ${usePostgres ? 'PostgreSQL' : 'SQLite'}: ${SELLERS} sellers seeded, ${CONNECTIONS} concurrent lookup clients, Node ${process.version}`,
  );

  let phase: Phase = { name: 'idle', latencies: [], failures: 0 };
  let stop = false;
  let n = 0;
  async function client(): Promise<void> {
    while (!stop) {
      const current = phase;
      const lookup = n++ % 10 === 9;
      const t0 = performance.now();
      try {
        const res = lookup
          ? await fetch(`${base}/v1/lookup`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ prefixes: Array.from({ length: 20 }, randomPrefix) }),
            })
          : await fetch(`${base}/v1/buckets/${randomPrefix()}`);
        await res.arrayBuffer();
        if (res.status !== 200) current.failures++;
        else current.latencies.push(performance.now() - t0);
      } catch {
        current.failures++;
      }
    }
  }
  const clients = Array.from({ length: CONNECTIONS }, () => client());

  // Warm-up, then the baseline: the same load with no import running.
  await new Promise((r) => setTimeout(r, 1000));
  phase = { name: 'baseline (no import)', latencies: [], failures: 0 };
  const baseline = phase;
  await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000));
  const lines = [summary(baseline, BASELINE_SECONDS)];

  for (const valid of [true, false]) {
    const csv = sanctionsCsv(IMPORT_BYTES, valid);
    const during: Phase = {
      name: valid ? 'during a valid import' : 'during an all-invalid import',
      latencies: [],
      failures: 0,
    };
    phase = during;
    const t0 = performance.now();
    const res = await fetch(`${base}/v1/admin/import/sanctions`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}` },
      body: csv.text,
    });
    const body = await res.text();
    const seconds = (performance.now() - t0) / 1000;
    phase = { name: 'between', latencies: [], failures: 0 };
    lines.push(summary(during, seconds));
    lines.push(
      `  the import: ${(Buffer.byteLength(csv.text) / 1024 / 1024).toFixed(2)} MB, ${csv.rows} rows, answered ${res.status} in ${seconds.toFixed(2)} s${res.status === 200 ? ` (${body.slice(0, 120)})` : ''}`,
    );
    if (res.status !== (valid ? 200 : 422)) lines.push(`  UNEXPECTED answer: ${body.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 500));
  }

  stop = true;
  await Promise.all(clients);
  for (const line of lines) console.log(line);
  await registry.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
