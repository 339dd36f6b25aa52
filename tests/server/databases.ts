// One server suite on every engine (STYLE.md: a DIALECTS list): SQLite always, PostgreSQL when
// TEST_DATABASE_URL names a database the suite may wipe. Under CI=true PostgreSQL is required.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { type Engine, migrateToLatest, openDatabase, type RegistryDb } from '../../server/db/connect';

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl && process.env.CI === 'true') {
  throw new Error(
    'CI=true but TEST_DATABASE_URL is not set: the server suite must also run on PostgreSQL. ' +
      'Start PostgreSQL and set TEST_DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db (see README).',
  );
}

export const DIALECTS: Engine[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends RegistryDb {
  /** Where it lives, to open a second connection (another "node") to the same data. */
  location: string;
}

/**
 * A new, empty, migrated database of the given engine: a fresh SQLite file, or the PostgreSQL test
 * database with its schema wiped (so call it once per test file, in beforeAll).
 */
export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'antam-test-'));
    const location = join(dir, 'registry.sqlite');
    const database = openDatabase(location);
    await migrateToLatest(database.db);
    return { ...database, location };
  }
  if (!pgUrl) throw new Error('TEST_DATABASE_URL is not set');
  const database = openDatabase(pgUrl);
  await sql`drop schema if exists public cascade`.execute(database.db);
  await sql`create schema public`.execute(database.db);
  await migrateToLatest(database.db);
  return { ...database, location: pgUrl };
}

/** Empties every table (keeping the schema and the data version row) between tests. */
export async function emptyTables(database: RegistryDb): Promise<void> {
  for (const t of [
    'audit_log',
    'evidence_blobs',
    'evidence',
    'complaint_events',
    'complaint_personal',
    'report_events',
    'webhook_deliveries',
    'webhooks',
    'api_key_sellers',
    'api_keys',
    'imports',
    'seller_replies',
    'sanctions',
    'complaints',
    'counterfeit_reports',
    'seller_keys',
    'sellers',
    'businesses',
    // rules (issue 12)
    'site_rules',
  ] as const) {
    await database.db.deleteFrom(t).execute();
  }
}

/**
 * Holds an exclusive write lock on the database from another connection, as a stuck writer or a
 * long migration would; call the returned function to release it.
 */
export async function lockDatabase(engine: Engine, location: string): Promise<() => Promise<void>> {
  if (engine === 'sqlite') {
    const locker = new SQLite(location);
    locker.exec('BEGIN EXCLUSIVE');
    return async () => {
      locker.exec('ROLLBACK');
      locker.close();
    };
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE sellers, businesses, seller_keys IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}
