// Frozen: never edit a migration that has shipped; add a new one instead. Written against
// Kysely<any> so that later changes to the app's types cannot change what this migration does.
// Portable types only (see 0001), except the chunk bytes: bytea on PostgreSQL, blob on SQLite.
//
// Open data (issue 10): daily snapshots of every public trust record, as CSV and JSON Lines.
// One pair of tables on both engines (rather than files under DATA_DIR with SQLite): several
// PostgreSQL nodes share no disk, and with one code path a snapshot is published by a single
// row insert once all its bytes are stored, so nobody ever lists a half-written snapshot.
// 1. open_data_snapshots: one row per published snapshot (at most one per day), with the size
//    and SHA-256 of each of its two files.
// 2. open_data_chunks: the files' bytes, one chunk per page of sellers, so that neither writing
//    nor serving a file ever holds the whole of it in memory.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('open_data_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull().unique())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('csv_size', 'integer', (c) => c.notNull())
    .addColumn('csv_sha256', 'text', (c) => c.notNull())
    .addColumn('jsonl_size', 'integer', (c) => c.notNull())
    .addColumn('jsonl_sha256', 'text', (c) => c.notNull())
    .execute();

  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('open_data_chunks')
    // Not a foreign key: chunks are written before their snapshot row is published.
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull()) // 'csv' or 'jsonl'
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('open_data_chunks_pk', ['snapshot_id', 'file', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open_data_chunks').execute();
  await db.schema.dropTable('open_data_snapshots').execute();
}
