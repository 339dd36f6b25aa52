// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (see 0001): text ids, integer booleans, ISO 8601 text dates.
//
// Counterfeit reports filed through the API. The trust record keeps reading only status,
// order_verified and decided_at; the columns below are what a moderator needs to judge a report
// and what the anti-brigading rules need (one report per reporter per listing). The reporter is
// known only by hashes: sha256 of the extension's per-install key, and a hash of the IP.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One ALTER per column: SQLite accepts a single ADD COLUMN per statement and cannot add a UNIQUE
  // constraint that way, so uniqueness comes from unique indexes (NULLs never collide on either
  // engine, so demo and imported reports without these fields stay valid).
  const columns: [string, 'text' | 'bigint'][] = [
    ['tracking_code', 'text'],
    ['listing_url', 'text'],
    ['listing_key', 'text'], // host + path of the listing URL, lowercased host, no query or fragment
    ['listing_title', 'text'],
    ['listing_price', 'bigint'], // VND prices pass 2^31
    ['currency', 'text'],
    ['reason', 'text'],
    ['order_code', 'text'],
    ['reporter_hash', 'text'], // sha256 of the install key; the key itself is never stored
    ['ip_hash', 'text'],
    ['moderator_reason', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('counterfeit_reports').addColumn(name, type).execute();
  }
  await db.schema
    .createIndex('counterfeit_reports_tracking_code')
    .unique()
    .on('counterfeit_reports')
    .column('tracking_code')
    .execute();
  // One report per reporter per listing, enforced by the database so that two racing requests
  // cannot both get in.
  await db.schema
    .createIndex('counterfeit_reports_reporter_listing')
    .unique()
    .on('counterfeit_reports')
    .columns(['reporter_hash', 'listing_key'])
    .execute();
  // The moderation queue, oldest first per status.
  await db.schema
    .createIndex('counterfeit_reports_status_received')
    .on('counterfeit_reports')
    .columns(['status', 'received_at'])
    .execute();

  await db.schema
    .createTable('report_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('counterfeit_reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_key_id', 'text') // the moderator's API key
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull())
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('report_events_seq')
    .unique()
    .on('report_events')
    .columns(['report_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_events').execute();
  for (const index of [
    'counterfeit_reports_status_received',
    'counterfeit_reports_reporter_listing',
    'counterfeit_reports_tracking_code',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  for (const column of [
    'moderator_reason',
    'ip_hash',
    'reporter_hash',
    'order_code',
    'reason',
    'currency',
    'listing_price',
    'listing_title',
    'listing_key',
    'listing_url',
    'tracking_code',
  ]) {
    await db.schema.alterTable('counterfeit_reports').dropColumn(column).execute();
  }
}
