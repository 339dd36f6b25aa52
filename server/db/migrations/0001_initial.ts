// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (text, integer, bigint) so that one migration serves SQLite and PostgreSQL:
// ids are text, booleans are integers 0/1, dates are ISO 8601 text.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('data_version', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('registry_state')
    .values({ id: 1, data_version: 1, updated_at: new Date().toISOString() })
    .execute();

  // A business registered (or not) with the Ministry of Industry and Trade; owns shops.
  await db.schema
    .createTable('businesses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identity', 'text', (c) => c.notNull().unique()) // tax code, else the source reference
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tax_code', 'text')
    .addColumn('registration_status', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text')
    .addColumn('source_ref', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // A shop on one marketplace. id is its canonical seller key (`shopee:672907573`, or
  // `shopee:@slug` while only the slug is known).
  await db.schema
    .createTable('sellers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('platform_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('official_store', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('business_id', 'text', (c) => c.references('businesses.id'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sellers_business').on('sellers').column('business_id').execute();

  // Every key that names a seller (its canonical key and its @slug aliases), with the hash the
  // extension looks it up by. `bucket` is the hash's first 4 hex characters (the shortest prefix
  // the API accepts), so every bucket query is an index equality.
  await db.schema
    .createTable('seller_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('seller_id', 'text', (c) => c.notNull().references('sellers.id'))
    .execute();
  await db.schema.createIndex('seller_keys_bucket').on('seller_keys').columns(['bucket', 'hash']).execute();
  await db.schema.createIndex('seller_keys_seller').on('seller_keys').column('seller_id').execute();

  await db.schema
    .createTable('sanctions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seller_id', 'text', (c) => c.notNull().references('sellers.id'))
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sanctions_decision', ['seller_id', 'authority', 'decision'])
    .execute();

  // Public facts of complaints (no personal data here: that lives in separate tables).
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seller_id', 'text', (c) => c.notNull().references('sellers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text') // 'shopper' | 'seller' once final
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('forwarded_at', 'text')
    .addColumn('due_at', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_at', 'text')
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('complaints_seller').on('complaints').column('seller_id').execute();

  await db.schema
    .createTable('counterfeit_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seller_id', 'text', (c) => c.notNull().references('sellers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('order_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('reports_seller').on('counterfeit_reports').column('seller_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('api_key_sellers')
    .addColumn('key_id', 'text', (c) => c.notNull().references('api_keys.id'))
    .addColumn('seller_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_key_sellers_pk', ['key_id', 'seller_key'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('inserted', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'imports',
    'api_key_sellers',
    'api_keys',
    'counterfeit_reports',
    'complaints',
    'sanctions',
    'seller_keys',
    'sellers',
    'businesses',
    'registry_state',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
