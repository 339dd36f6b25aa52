// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (see 0001): text ids, integer booleans, ISO 8601 text dates.
//
// Verified complaints (issue 9): a level moves only on facts established by someone other than
// the accuser and the accused.
// 1. Every complaint carries a verification state ('unverified', 'order_verified',
//    'order_not_found'), who recorded it ('platform', 'moderator', or 'import' for facts the
//    registry loaded itself) with which key, and when. Complaints filed through the API start
//    unverified; rows without a tracking code were never filed by a shopper (demo and bench facts
//    loaded by the registry's operators) and keep counting, as verified by import.
// 2. The shopper's consent to share with the seller and with the marketplace, as two public
//    flags beside the facts, so that lists can leave out what a party may not see in SQL (the
//    consent itself stays in the personal row; both flags drop to 0 when it is erased).
// 3. API keys: a platform key names its marketplace; a seller key's shops are bound to canonical
//    sellers when the key is created, so that a slug later re-pointed by an import does not carry
//    the key to another shop.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('complaints')
    .addColumn('verification', 'text', (c) => c.notNull().defaultTo('unverified'))
    .execute();
  for (const name of ['verified_at', 'verified_by', 'verified_by_key']) {
    await db.schema.alterTable('complaints').addColumn(name, 'text').execute();
  }
  for (const name of ['shared_with_seller', 'shared_with_marketplace']) {
    await db.schema
      .alterTable('complaints')
      .addColumn(name, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db
    .updateTable('complaints')
    .set({ verification: 'order_verified', verified_by: 'import', verified_at: sql.ref('filed_at') })
    .where('tracking_code', 'is', null)
    .execute();
  const personal = await db.selectFrom('complaint_personal').select(['complaint_id', 'content']).execute();
  for (const row of personal) {
    const consent = (JSON.parse(row.content) as { consent?: Record<string, unknown> }).consent ?? {};
    await db
      .updateTable('complaints')
      .set({
        shared_with_seller: consent.shareWithSeller === true ? 1 : 0,
        shared_with_marketplace: consent.shareWithMarketplace === true ? 1 : 0,
      })
      .where('id', '=', row.complaint_id)
      .execute();
  }
  // The verification queues: unverified first, oldest first.
  await db.schema
    .createIndex('complaints_verification_filed')
    .on('complaints')
    .columns(['verification', 'filed_at'])
    .execute();

  await db.schema.alterTable('api_keys').addColumn('platform', 'text').execute();
  await db.schema.alterTable('api_key_sellers').addColumn('seller_id', 'text').execute();
  // Existing scopes are bound to the shops their keys name today; a key naming no known shop
  // stays unbound and covers nothing (create it again once the shop is in the registry).
  const scopes = await db
    .selectFrom('api_key_sellers as a')
    .innerJoin('seller_keys as k', 'k.key', 'a.seller_key')
    .select(['a.key_id', 'a.seller_key', 'k.seller_id'])
    .execute();
  for (const s of scopes) {
    await db
      .updateTable('api_key_sellers')
      .set({ seller_id: s.seller_id })
      .where('key_id', '=', s.key_id)
      .where('seller_key', '=', s.seller_key)
      .execute();
  }
  await db.schema.createIndex('api_key_sellers_seller').on('api_key_sellers').column('seller_id').execute();
}
