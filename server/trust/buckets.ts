/**
 * Serialised buckets kept in the database (migration 0011), derived when facts change and when a
 * record's time window passes, never on a lookup. A bucket is every seller key whose hash starts
 * with a 4-hex prefix (seller_keys.bucket); its row holds the JSON of its entries exactly as the
 * answer carries them, so a lookup reads one row by primary key and pads it (server/buckets.ts).
 *
 * Who derives: triggers on every table a public record is made of mark the touched prefixes in
 * `bucket_dirty`, in the writing transaction itself, so no write can forget. After a write through
 * the Writer commits, its node drains the marks (BucketService.drain, before the write is
 * answered: a writer reads its own write), coalescing concurrent writes into one derivation;
 * `bumpDataVersion` (seeding, key creation) drains inside its own transaction. Derivations take
 * one lock (`lockDerivation`) and take their marks before reading facts (`drainDirtyBuckets`).
 * BucketService.refreshExpired marks the rows whose `valid_until` passed (the periodic job).
 */
import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { TrustRecord } from '../../lib/registry/schemas';
import type { Database } from '../db/schema';
import { loadTrustRecords } from './records';

type Db = Kysely<Database> | Transaction<Database>;

/** Prefixes derived per round: ~16 sellers each at a million sellers, a few thousand rows a round. */
const CHUNK = 256;

export interface DerivedBucket {
  prefix: string;
  entries: string;
  sellers: number;
  validUntil: string | null;
}

/** The entries of the given prefixes as of `now` (every prefix, empty ones included). */
export async function deriveBuckets(
  db: Db,
  prefixes: readonly string[],
  now: Date,
): Promise<DerivedBucket[]> {
  if (prefixes.length === 0) return [];
  const keys = await db
    .selectFrom('seller_keys')
    .select(['bucket', 'hash', 'seller_id'])
    .where('bucket', 'in', prefixes)
    .orderBy('bucket')
    .orderBy('hash')
    .execute();
  const validity = new Map<string, number>();
  const records = await loadTrustRecords(
    db as Kysely<Database>,
    keys.map((k) => k.seller_id),
    now,
    validity,
  );
  const byPrefix = new Map<string, { hash: string; record: TrustRecord }[]>();
  const until = new Map<string, number>();
  for (const k of keys) {
    const record = records.get(k.seller_id);
    if (!record) continue;
    let list = byPrefix.get(k.bucket);
    if (!list) {
      list = [];
      byPrefix.set(k.bucket, list);
    }
    list.push({ hash: k.hash, record });
    const v = validity.get(k.seller_id);
    if (v !== undefined && v < (until.get(k.bucket) ?? Number.POSITIVE_INFINITY)) until.set(k.bucket, v);
  }
  return prefixes.map((prefix) => {
    const entries = byPrefix.get(prefix) ?? [];
    const v = until.get(prefix);
    return {
      prefix,
      entries: JSON.stringify(entries),
      sellers: entries.length,
      validUntil: v === undefined ? null : new Date(v).toISOString(),
    };
  });
}

/** Stores derived buckets at `version`. */
async function storeBuckets(
  db: Db,
  derived: readonly DerivedBucket[],
  version: number,
  now: Date,
): Promise<void> {
  const builtAt = now.toISOString();
  // A hundred rows per statement keeps both engines under their bound-parameter limits.
  for (let j = 0; j < derived.length; j += 100) {
    const rows = derived.slice(j, j + 100).map((b) => ({
      prefix: b.prefix,
      entries: b.entries,
      sellers: b.sellers,
      version,
      built_at: builtAt,
      valid_until: b.validUntil,
    }));
    await db
      .insertInto('buckets')
      .values(rows)
      .onConflict((oc) =>
        oc.column('prefix').doUpdateSet({
          entries: (eb) => eb.ref('excluded.entries'),
          sellers: (eb) => eb.ref('excluded.sellers'),
          version: (eb) => eb.ref('excluded.version'),
          built_at: (eb) => eb.ref('excluded.built_at'),
          valid_until: (eb) => eb.ref('excluded.valid_until'),
        }),
      )
      .execute();
  }
}

/** The PostgreSQL advisory lock every derivation takes: two never interleave, on any node. */
const DERIVE_LOCK = 0x616e7461; // "anta"

/** Waits for any other derivation to end (PostgreSQL; SQLite runs one transaction at a time). */
export async function lockDerivation(trx: Transaction<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(${DERIVE_LOCK})`.execute(trx);
  }
}

/**
 * Derives every prefix marked dirty that is committed (or this transaction's own), inside `trx`
 * and under the derivation lock: the marks are taken (deleted) FIRST, then the facts are read, so
 * a fact committed after the marks were taken still has its mark and is derived by the next
 * drain; no derivation can overwrite a newer one. `version` gives the data version to stamp (a new
 * one, taken after the derivation so that every node drops its copies). Returns how many.
 */
export async function drainDirtyBuckets(
  trx: Transaction<Database>,
  now: Date,
  version: () => Promise<number>,
): Promise<number> {
  await lockDerivation(trx);
  const taken = await trx.deleteFrom('bucket_dirty').returning('prefix').execute();
  if (taken.length === 0) return 0;
  const prefixes = [...new Set(taken.map((r) => r.prefix))].sort();
  if (prefixes.length <= CHUNK) {
    // The usual case (a write touched a few buckets): derive, then hold the version row only for
    // the one statement that stores them.
    const derived = await deriveBuckets(trx, prefixes, now);
    await storeBuckets(trx, derived, await version(), now);
  } else {
    // A backfill or a large import: a chunk at a time, so memory stays bounded.
    const v = await version();
    for (let i = 0; i < prefixes.length; i += CHUNK) {
      await storeBuckets(trx, await deriveBuckets(trx, prefixes.slice(i, i + CHUNK), now), v, now);
    }
  }
  return prefixes.length;
}

/** Whether any prefix waits to be derived (cheap: one index probe). */
export async function hasDirtyBuckets(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('bucket_dirty')
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The prefixes whose records may read differently at `now` than when they were derived. */
export async function expiredBuckets(db: Db, now: Date, limit = 4096): Promise<string[]> {
  const rows = await db
    .selectFrom('buckets')
    .select('prefix')
    .where('valid_until', '<=', now.toISOString())
    .orderBy('valid_until')
    .limit(limit)
    .execute();
  return rows.map((r) => r.prefix);
}

/** The fewest registered keys a bucket holds on average before the prefix may grow. */
export const TARGET_K = 16;

/**
 * The prefix length for a registry of `keys` seller keys: the longest in [min, max] at which a
 * bucket still holds, on average, at least `targetK` registered keys, and never below `min` (the
 * extension's own, 4 hex: DESIGN.md's privacy budget). Longer prefixes make smaller answers but
 * fewer sellers to hide among; 4 hex stays until 16^5 × targetK keys (16.8 million at 16).
 */
export function prefixLengthFor(keys: number, targetK: number, min: number, max: number): number {
  let length = min;
  while (length < max && keys / 16 ** (length + 1) >= targetK) length++;
  return length;
}

/** Seller keys in the registry, summed over the stored buckets (65,536 rows at most). */
export async function countSellerKeys(db: Db): Promise<number> {
  const row = await db
    .selectFrom('buckets')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('sellers'), sql<number>`0`).as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
