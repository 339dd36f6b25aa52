// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (see 0001): text ids, integer booleans, ISO 8601 text dates.
//
// Complaints filed through the API. The public facts stay in `complaints` (what the trust record
// reads); the shopper's own words, items and contact details live only in `complaint_personal`, so
// that a deletion request can remove them while the anonymous case facts stay in the statistics.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One ALTER per column: SQLite accepts a single ADD COLUMN per statement, and cannot add a UNIQUE
  // constraint that way, so uniqueness comes from unique indexes below (NULLs never collide on
  // either engine, so the demo and imported complaints without these fields stay valid).
  const columns: [string, 'text' | 'bigint'][] = [
    ['tracking_code', 'text'],
    ['token_hash', 'text'], // sha256 of the shopper's case token; the token itself is never stored
    ['idempotency_key', 'text'], // sha256 of the client's Idempotency-Key
    ['category', 'text'],
    ['desired_outcome', 'text'],
    ['order_code', 'text'],
    ['order_date', 'text'],
    ['order_total', 'bigint'], // VND totals pass 2^31
    ['currency', 'text'],
    ['response_kind', 'text'],
    ['response_message', 'text'],
    ['finding', 'text'],
    ['submitted_content_hash', 'text'], // sha256 of the submission as accepted, never changes
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('complaints').addColumn(name, type).execute();
  }
  await db.schema
    .createIndex('complaints_tracking_code')
    .unique()
    .on('complaints')
    .column('tracking_code')
    .execute();
  await db.schema
    .createIndex('complaints_idempotency_key')
    .unique()
    .on('complaints')
    .column('idempotency_key')
    .execute();
  // The deadline job: forwarded, not yet late, due before now.
  await db.schema
    .createIndex('complaints_status_due')
    .on('complaints')
    .columns(['status', 'due_at'])
    .execute();
  // A seller's list, newest first.
  await db.schema
    .createIndex('complaints_seller_filed')
    .on('complaints')
    .columns(['seller_id', 'filed_at'])
    .execute();

  await db.schema
    .createTable('complaint_personal')
    .addColumn('complaint_id', 'text', (c) => c.primaryKey().references('complaints.id'))
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: description, items, contact, consent
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_key_id', 'text') // the API key that acted; null for the shopper and the system
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('params', 'text', (c) => c.notNull()) // JSON object
    .execute();
  await db.schema
    .createIndex('complaint_events_seq')
    .unique()
    .on('complaint_events')
    .columns(['complaint_id', 'seq'])
    .execute();

  // Null until first needed: the registry then stores a random secret here (unless the operator
  // sets CASE_TOKEN_SECRET), so that every node derives the same case tokens.
  await db.schema.alterTable('registry_state').addColumn('case_token_secret', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registry_state').dropColumn('case_token_secret').execute();
  await db.schema.dropTable('complaint_events').execute();
  await db.schema.dropTable('complaint_personal').execute();
  for (const index of [
    'complaints_seller_filed',
    'complaints_status_due',
    'complaints_idempotency_key',
    'complaints_tracking_code',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of [
    'submitted_content_hash',
    'finding',
    'response_message',
    'response_kind',
    'currency',
    'order_total',
    'order_date',
    'order_code',
    'desired_outcome',
    'category',
    'idempotency_key',
    'token_hash',
    'tracking_code',
  ]) {
    await db.schema.alterTable('complaints').dropColumn(column).execute();
  }
}
