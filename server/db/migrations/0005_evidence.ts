// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (see 0001): text ids, integer booleans, ISO 8601 text dates; the one
// exception is the evidence bytes column, bytea on PostgreSQL and blob on SQLite.
//
// 1. Counterfeit reports become cases the reporter follows: a secret report token (only its
//    sha256), an idempotency key (only its sha256) and the hash of the submission as accepted,
//    so the extension's outbox can deliver a report exactly once; and the moment the reporter's
//    personal data was erased on their request.
// 2. Evidence files of complaints and reports. Their metadata (file names, capture times) is
//    the shopper's personal data: it lives in `evidence`, apart from the public case facts, and
//    is deleted with the rest of a case's personal data. The bytes live in files under the data
//    directory (SQLite) or in `evidence_blobs` (PostgreSQL, where several nodes share no disk).
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const name of ['token_hash', 'idempotency_key', 'submitted_content_hash', 'personal_erased_at']) {
    await db.schema.alterTable('counterfeit_reports').addColumn(name, 'text').execute();
  }
  await db.schema
    .createIndex('counterfeit_reports_idempotency_key')
    .unique()
    .on('counterfeit_reports')
    .column('idempotency_key')
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'complaint' or 'report'; case_id is complaints.id or counterfeit_reports.id accordingly.
    .addColumn('case_kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    // 'file' (under the evidence directory) or 'database' (evidence_blobs)
    .addColumn('storage', 'text', (c) => c.notNull())
    .execute();
  // The same file uploaded twice to one case is one piece of evidence (the outbox retries).
  await db.schema
    .createIndex('evidence_case_sha256')
    .unique()
    .on('evidence')
    .columns(['case_kind', 'case_id', 'sha256'])
    .execute();

  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('evidence_blobs')
    .addColumn('evidence_id', 'text', (c) => c.primaryKey().references('evidence.id').onDelete('cascade'))
    .addColumn('bytes', bytes, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('evidence_blobs').execute();
  await db.schema.dropTable('evidence').execute();
  await db.schema.dropIndex('counterfeit_reports_idempotency_key').execute();
  for (const name of ['personal_erased_at', 'submitted_content_hash', 'idempotency_key', 'token_hash']) {
    await db.schema.alterTable('counterfeit_reports').dropColumn(name).execute();
  }
}
