/**
 * The one way the registry writes: a transaction whose after-commit hooks run only once it has
 * committed (cf. bluesky-social/atproto, packages/pds/src/db/db.ts). A write that changes what
 * lookups answer says so with `dataChanged()`, which bumps the stored data version inside the
 * transaction and refreshes this node's bucket cache after the commit: no caller can remember one
 * and forget the other, and a rolled-back write never empties the cache.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';
import { bumpVersionOnly } from './sellers';

export type Trx = Transaction<Database>;

export interface Tx {
  readonly trx: Trx;
  /** Runs after the commit, in order; never when the transaction rolls back. */
  afterCommit(hook: () => Promise<unknown> | unknown): void;
  /** The public data changed: a new data version now, every cached bucket dropped after the commit. */
  dataChanged(now: Date): Promise<number>;
}

export class Writer {
  constructor(
    readonly db: Kysely<Database>,
    /**
     * Derives the buckets the commit marked and reloads this node's view of the data version
     * (BucketService.afterWrite), before the write is answered.
     */
    private readonly onDataChanged: () => Promise<unknown>,
  ) {}

  async transact<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: (() => Promise<unknown> | unknown)[] = [];
    let changed = false;
    const result = await this.db.transaction().execute((trx) =>
      work({
        trx,
        afterCommit: (hook) => hooks.push(hook),
        dataChanged: async (now) => {
          if (!changed) {
            changed = true;
            hooks.push(this.onDataChanged);
          }
          return bumpVersionOnly(trx, now);
        },
      }),
    );
    for (const hook of hooks) await hook();
    return result;
  }
}

/** A unique index refused the write: a concurrent request committed the same thing first. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23505' || // PostgreSQL unique_violation
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
