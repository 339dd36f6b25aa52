/**
 * Where the bytes of evidence files live: files under the data directory with embedded SQLite (one
 * machine, one disk), a table in the database with PostgreSQL (nodes share the database, not a
 * disk). The metadata row is the truth in both cases; this module only keeps the bytes in step
 * with it.
 *
 * Ordering with files: the bytes are written to a temporary name, fsynced, renamed into place and
 * the directory fsynced BEFORE the row's transaction commits, so a committed row always has its
 * file, even after a crash. If the row does not commit, the file is removed again (a crash between
 * the rename and the commit can leave an orphan file, never a row without its file). On deletion
 * the rows go first and the files after the commit, for the same reason.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface EvidenceBlobs {
  readonly storage: 'file' | 'database';
  /** Durably stores the bytes before the row's transaction (files); nothing for the database. */
  prepare(id: string, bytes: Uint8Array): Promise<void>;
  /** Inside the row's transaction (database blobs); nothing for files. */
  insert(trx: Transaction<Database>, id: string, bytes: Uint8Array): Promise<void>;
  /** Undoes `prepare` when the row did not commit. Never throws. */
  discard(id: string): Promise<void>;
  /** The bytes of a committed row; null when they are missing. */
  read(db: Db, id: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** After the rows were deleted and committed (files); the database deletes its blobs with the rows. */
  removeAfterCommit(ids: readonly string[]): Promise<void>;
  /**
   * Removes files no committed row names (a crash between rename and commit; a temporary file of
   * an interrupted write), once older than `olderThanMs` so that an upload still committing is
   * never touched. Returns how many were removed; nothing to do for database blobs.
   */
  sweepOrphans(db: Db, olderThanMs: number, now: number): Promise<number>;
}

const EVIDENCE_ID = /^[0-9a-f-]{36}$/;
const FAN_OUT = /^[0-9a-f]{2}$/;

function isMissing(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ENOENT';
}

/** Evidence files under one directory, two hex characters of fan-out so no directory grows huge. */
export class FileEvidenceBlobs implements EvidenceBlobs {
  readonly storage = 'file' as const;

  constructor(readonly dir: string) {}

  private pathOf(id: string): string {
    // Ids are UUIDs the registry drew itself; refuse anything else so no id can name another path.
    if (!EVIDENCE_ID.test(id)) throw new Error(`not an evidence id: ${JSON.stringify(id)}`);
    return join(this.dir, id.slice(0, 2), id);
  }

  async prepare(id: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(id);
    const folder = dirname(path);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
      const file = await open(temp, 'wx', 0o600);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (err) {
      await unlink(temp).catch(() => {});
      throw err;
    }
    // The rename is durable only once the directory entry is on disk too.
    const directory = await open(folder, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  async insert(): Promise<void> {}

  async discard(id: string): Promise<void> {
    await unlink(this.pathOf(id)).catch(() => {});
  }

  async read(_db: Db, id: string): Promise<Uint8Array<ArrayBuffer> | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(id)));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async removeAfterCommit(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      try {
        await unlink(this.pathOf(id));
      } catch (err) {
        // Already gone is what we wanted; anything else is worth an operator's attention, but the
        // deletion itself is committed and must be reported as done.
        if (!isMissing(err)) {
          console.error(`[registry] could not delete evidence file ${id}:`, (err as Error).message);
        }
      }
    }
  }

  async sweepOrphans(db: Db, olderThanMs: number, now: number): Promise<number> {
    let folders: string[];
    try {
      folders = (await readdir(this.dir)).filter((f) => FAN_OUT.test(f));
    } catch (err) {
      if (isMissing(err)) return 0; // no evidence yet
      throw err;
    }
    let removed = 0;
    for (const folder of folders) {
      const names = await readdir(join(this.dir, folder)).catch(() => [] as string[]);
      // A file is named by its row's id; a temporary one by that id plus a suffix.
      const candidates = names.filter((n) => EVIDENCE_ID.test(n.slice(0, 36)));
      const ids = [...new Set(candidates.map((n) => n.slice(0, 36)))];
      const known = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db
          .selectFrom('evidence')
          .select('id')
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
        for (const row of rows) known.add(row.id);
      }
      for (const name of candidates) {
        const isTemp = name.length > 36;
        if (!isTemp && known.has(name)) continue;
        const path = join(this.dir, folder, name);
        try {
          if (now - (await stat(path)).mtimeMs < olderThanMs) continue;
          await unlink(path);
          removed += 1;
        } catch (err) {
          if (!isMissing(err)) throw err;
        }
      }
    }
    return removed;
  }
}

/** Evidence bytes in `evidence_blobs`, written in the same transaction as their row. */
export class DatabaseEvidenceBlobs implements EvidenceBlobs {
  readonly storage = 'database' as const;

  async prepare(): Promise<void> {}

  async insert(trx: Transaction<Database>, id: string, bytes: Uint8Array): Promise<void> {
    await trx.insertInto('evidence_blobs').values({ evidence_id: id, bytes }).execute();
  }

  async discard(): Promise<void> {}

  async read(db: Db, id: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const row = await db
      .selectFrom('evidence_blobs')
      .select('bytes')
      .where('evidence_id', '=', id)
      .executeTakeFirst();
    return row ? new Uint8Array(row.bytes) : null;
  }

  async removeAfterCommit(): Promise<void> {}

  async sweepOrphans(): Promise<number> {
    return 0; // blobs live and die with their rows
  }
}

/**
 * The storage for a database, decided once on first use: PostgreSQL keeps the bytes in the
 * database; SQLite keeps them in `dir` when given, else in `evidence/` beside the database file
 * (the data directory), else, for an in-memory database, in a new temporary directory (whose
 * files are as short-lived as the database itself).
 */
export class EvidenceStorage {
  private resolved: Promise<EvidenceBlobs> | undefined;

  constructor(
    private readonly db: Db,
    private readonly dir: string | null,
  ) {}

  get(): Promise<EvidenceBlobs> {
    this.resolved ??= this.resolve().catch((err: unknown) => {
      this.resolved = undefined;
      throw err;
    });
    return this.resolved;
  }

  private async resolve(): Promise<EvidenceBlobs> {
    if (this.db.getExecutor().adapter instanceof PostgresAdapter) return new DatabaseEvidenceBlobs();
    if (this.dir) return new FileEvidenceBlobs(resolve(this.dir));
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(this.db);
    const main = rows.find((r) => r.name === 'main')?.file;
    if (main) return new FileEvidenceBlobs(join(dirname(main), 'evidence'));
    return new FileEvidenceBlobs(await mkdtemp(join(tmpdir(), 'antam-evidence-')));
  }
}
