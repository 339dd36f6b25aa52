/**
 * Serialised buckets kept in the database (migration 0011), derived when facts change and when a
 * record's time window passes, never on a lookup. A bucket is every seller key whose hash starts
 * with a 4-hex prefix (seller_keys.bucket); its row holds the JSON of its entries exactly as the
 * answer carries them, so a lookup reads one row by primary key and pads it (server/buckets.ts).
 *
 * Who derives: triggers on every table a public record is made of mark the touched prefixes in
 * `bucket_dirty`; the transaction that bumps the data version (server/db/sellers.ts,
 * server/db/transaction.ts) calls `drainDirtyBuckets` before it commits. On PostgreSQL the bump
 * takes the row lock of registry_state, so those transactions derive one after another and each
 * sees every fact committed before it: a bucket cannot be overwritten by an older derivation.
 * `refreshExpiredBuckets` re-derives the rows whose `valid_until` passed (the periodic job).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
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
export async function deriveBuckets(db: Db, prefixes: readonly string[], now: Date): Promise<DerivedBucket[]> {
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
    if (!list) byPrefix.set(k.bucket, (list = []));
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

/** Derives and stores the given prefixes at `version`. */
export async function rebuildBuckets(
  db: Db,
  prefixes: readonly string[],
  version: number,
  now: Date,
): Promise<void> {
  const builtAt = now.toISOString();
  for (let i = 0; i < prefixes.length; i += CHUNK) {
    const derived = await deriveBuckets(db, prefixes.slice(i, i + CHUNK), now);
    // A few hundred rows per statement keeps both engines under their bound-parameter limits.
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
}

/**
 * Re-derives every prefix marked dirty that this transaction can see, and unmarks them. Marks of
 * transactions still running are not visible, so they are left for those transactions' own drain.
 * Returns how many buckets were derived.
 */
export async function drainDirtyBuckets(db: Db, version: number, now: Date): Promise<number> {
  const rows = await db.selectFrom('bucket_dirty').select('prefix').distinct().execute();
  if (rows.length === 0) return 0;
  const prefixes = rows.map((r) => r.prefix).sort();
  for (let i = 0; i < prefixes.length; i += CHUNK) {
    const chunk = prefixes.slice(i, i + CHUNK);
    await rebuildBuckets(db, chunk, version, now);
    await db.deleteFrom('bucket_dirty').where('prefix', 'in', chunk).execute();
  }
  return prefixes.length;
}

/** Whether any prefix waits to be derived (cheap: one index probe). */
export async function hasDirtyBuckets(db: Db): Promise<boolean> {
  const row = await db.selectFrom('bucket_dirty').select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
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
