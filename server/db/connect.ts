import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';

export interface RegistryDb {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

// PostgreSQL's bigint (int8) arrives as a string by default; our counters fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * Opens the registry database: PostgreSQL for a `postgres://` URL, otherwise SQLite at the given
 * file path (WAL, so that readers never wait for the writer; a busy timeout so that a briefly
 * locked database waits instead of failing at once).
 */
export function openDatabase(location: string): RegistryDb {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const pool = new pg.Pool({
      connectionString: location,
      max: 10,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 10_000,
      // A locked table fails fast (answered 503, retried by the client) instead of piling up requests.
      lock_timeout: 3_000,
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    bucketReaders.set(db, postgresBucketReader(pool));
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  const sqlite = new SQLite(location);
  sqlite.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL already survives the process being killed (a commit is
  // in the OS's cache when it returns), but a power cut or kernel crash can roll back the last
  // commits. A submission the registry acknowledged is a promise to the shopper, whose outbox
  // then forgets its copy, so every commit reaches the disk before the answer. Only writes pay
  // (one fsync of the WAL per commit); lookups read.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 2000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  bucketReaders.set(db, sqliteBucketReader(sqlite));
  return { db, engine: 'sqlite', close: () => db.destroy() };
}

// buckets (issue 13): the one hot read (stored buckets by prefix) as a statement prepared once,
// without the query builder: Kysely compiles and prepares every query again, which the read path
// of a lookup cannot afford (issue 13's profiles).
export interface BucketRow {
  prefix: string;
  entries: string;
  version: number | string | bigint;
  valid_until: string | null;
}
/** Resolves undefined when it cannot read now (the caller asks through Kysely instead). */
export type BucketReader = (prefixes: readonly string[]) => Promise<BucketRow[] | undefined>;
const bucketReaders = new WeakMap<Kysely<Database>, BucketReader>();

/** The prepared bucket read of a database opened by `openDatabase`, if any. */
export function bucketReaderOf(db: Kysely<Database>): BucketReader | undefined {
  return bucketReaders.get(db);
}

function sqliteBucketReader(sqlite: SQLite.Database): BucketReader {
  let one: SQLite.Statement | undefined;
  let many: SQLite.Statement | undefined;
  return async (prefixes) => {
    // One connection: while a transaction is open on it, a read here would see its uncommitted
    // rows; Kysely's own queue waits for the commit instead.
    if (sqlite.inTransaction) return undefined;
    // Prepared on first use: the table exists only once migrated.
    if (prefixes.length === 1) {
      one ??= sqlite.prepare('select prefix, entries, version, valid_until from buckets where prefix = ?');
      const row = one.get(prefixes[0]) as BucketRow | undefined;
      return row ? [row] : [];
    }
    many ??= sqlite.prepare(
      'select prefix, entries, version, valid_until from buckets where prefix in (select value from json_each(?))',
    );
    return many.all(JSON.stringify(prefixes)) as BucketRow[];
  };
}

function postgresBucketReader(pool: pg.Pool): BucketReader {
  return async (prefixes) => {
    const result = await pool.query<BucketRow>({
      name: 'antam_buckets_by_prefix',
      text: 'select prefix, entries, version, valid_until from buckets where prefix = any($1::text[])',
      values: [prefixes],
    });
    return result.rows;
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`database migration failed: ${why}`);
  }
}

/** Whether the database answers at all (the health check). */
export async function databaseAnswers(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
