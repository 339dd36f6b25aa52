import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { aliasKey, MIN_PREFIX_LENGTH, type Platform, sellerKey } from '../../lib/registry/seller-key';
import { drainDirtyBuckets, lockDerivation } from '../trust/buckets';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Node's synchronous twin of `hashSellerKey` in lib/registry (same bytes, same hex). */
export function hashKeySync(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Marks the data as changed: a new data version, and every bucket whose facts this transaction (or
 * an earlier one) changed derived again before the commit (server/trust/buckets.ts). Readers on
 * every node drop their copies of those buckets when they see the new version.
 */
export async function bumpDataVersion(db: Db, now: Date): Promise<number> {
  if (!db.isTransaction) return db.transaction().execute((trx) => bumpDataVersion(trx, now));
  const trx = db as Transaction<Database>;
  // The derivation lock before the version row, in every path, so that no two wait on each other.
  await lockDerivation(trx);
  const version = await bumpVersionOnly(trx, now);
  await drainDirtyBuckets(trx, now, () => bumpBucketVersion(trx));
  return version;
}

/** A new bucket version: every node drops its copies of the buckets derived at it. */
export async function bumpBucketVersion(db: Db): Promise<number> {
  const row = await db
    .updateTable('registry_state')
    .set((eb) => ({ bucket_version: eb('bucket_version', '+', 1) }))
    .where('id', '=', 1)
    .returning('bucket_version')
    .executeTakeFirstOrThrow();
  return Number(row.bucket_version);
}

/** A new data version alone; the caller drains the dirty buckets before it commits (Writer). */
export async function bumpVersionOnly(db: Db, now: Date): Promise<number> {
  const row = await db
    .updateTable('registry_state')
    .set((eb) => ({ data_version: eb('data_version', '+', 1), updated_at: now.toISOString() }))
    .where('id', '=', 1)
    .returning('data_version')
    .executeTakeFirstOrThrow();
  return Number(row.data_version);
}

export async function readDataVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('registry_state')
    .select('data_version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.data_version);
}

async function addKey(db: Db, key: string, sellerId: string): Promise<void> {
  const hash = hashKeySync(key);
  await db
    .insertInto('seller_keys')
    .values({ key, hash, bucket: hash.slice(0, MIN_PREFIX_LENGTH), seller_id: sellerId })
    .execute();
}

export interface EnsuredSeller {
  id: string;
  created: boolean;
  /** An alias now points somewhere it did not before (a merge or a re-pointed slug). */
  relinked: boolean;
}

/**
 * Finds or creates the seller named by a numeric id and/or a slug, keeping the alias invariant:
 * every key resolves to exactly one seller, and a seller first known by its slug alone is merged
 * into its numeric record as soon as the numeric id becomes known (its facts move with it).
 */
export async function ensureSeller(
  db: Db,
  platform: Platform,
  numericId: string | null,
  slug: string | null,
  now: Date,
  demo = false,
): Promise<EnsuredSeller> {
  const ts = now.toISOString();
  const alias = slug ? aliasKey(platform, slug) : null;
  const aliasRow = alias
    ? await db.selectFrom('seller_keys').select('seller_id').where('key', '=', alias).executeTakeFirst()
    : undefined;

  if (!numericId) {
    if (!alias) throw new Error('a seller needs a numeric id or a slug');
    if (aliasRow) return { id: aliasRow.seller_id, created: false, relinked: false };
    await db
      .insertInto('sellers')
      .values({
        id: alias,
        platform,
        platform_id: alias.slice(platform.length + 1),
        name: null,
        demo: demo ? 1 : 0,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await addKey(db, alias, alias);
    return { id: alias, created: true, relinked: false };
  }

  const id = sellerKey(platform, numericId);
  const existing = await db.selectFrom('sellers').select('id').where('id', '=', id).executeTakeFirst();
  let created = false;
  if (!existing) {
    await db
      .insertInto('sellers')
      .values({
        id,
        platform,
        platform_id: numericId,
        name: null,
        demo: demo ? 1 : 0,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await addKey(db, id, id);
    created = true;
  }
  let relinked = false;
  if (alias) {
    if (!aliasRow) {
      await addKey(db, alias, id);
      relinked = !created;
    } else if (aliasRow.seller_id !== id) {
      const from = aliasRow.seller_id;
      await db.updateTable('seller_keys').set({ seller_id: id }).where('key', '=', alias).execute();
      if (from === alias) {
        // The slug-only seller was this same shop: its facts become the numeric seller's. A
        // decision recorded under both names is one fact: the numeric seller's copy stays, the
        // slug's is dropped (moving it would break the one-decision-per-seller unique index).
        await db
          .deleteFrom('sanctions')
          .where('seller_id', '=', from)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('sanctions as kept')
                .select('kept.id')
                .where('kept.seller_id', '=', id)
                .whereRef('kept.authority', '=', 'sanctions.authority')
                .whereRef('kept.decision', '=', 'sanctions.decision'),
            ),
          )
          .execute();
        // Replies move with their facts; where both names answered the same fact, the numeric
        // seller's reply stays (the one-reply-per-fact unique index, as for sanctions above).
        await db
          .deleteFrom('seller_replies')
          .where('seller_id', '=', from)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('seller_replies as kept')
                .select('kept.id')
                .where('kept.seller_id', '=', id)
                .whereRef('kept.fact', '=', 'seller_replies.fact')
                .whereRef('kept.fact_ref', '=', 'seller_replies.fact_ref'),
            ),
          )
          .execute();
        for (const table of ['sanctions', 'complaints', 'counterfeit_reports', 'seller_replies'] as const) {
          await db.updateTable(table).set({ seller_id: id }).where('seller_id', '=', from).execute();
        }
        const old = await db
          .selectFrom('sellers')
          .select(['name', 'business_id', 'official_store'])
          .where('id', '=', from)
          .executeTakeFirst();
        if (old) {
          await db
            .updateTable('sellers')
            .set((eb) => ({
              name: eb.fn.coalesce('name', eb.val(old.name)),
              business_id: eb.fn.coalesce('business_id', eb.val(old.business_id)),
              updated_at: ts,
            }))
            .where('id', '=', id)
            .execute();
        }
        await db.deleteFrom('sellers').where('id', '=', from).execute();
        // Keys bound to the slug-only seller stay with the shop: it is the same one.
        await db
          .updateTable('api_key_sellers')
          .set({ seller_id: id })
          .where('seller_id', '=', from)
          .execute();
      }
      relinked = true;
    }
  }
  return { id, created, relinked };
}
