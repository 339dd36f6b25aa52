/**
 * Persistence of the trust cache: registry buckets in IndexedDB, bounded in number. Policy (what
 * is fresh, when to fetch) lives in lib/background/trust-cache.ts; this module only stores.
 */
import type { AntamDb } from './db';
import type { CachedBucket } from './schema';

export class BucketStore {
  constructor(private readonly db: AntamDb) {}

  /** The cached buckets of `registry` among `prefixes`; rows of another registry count as missing. */
  async getMany(registry: string, prefixes: readonly string[]): Promise<Map<string, CachedBucket>> {
    const rows = await this.db.buckets.bulkGet([...prefixes]);
    const out = new Map<string, CachedBucket>();
    for (const row of rows) if (row && row.registry === registry) out.set(row.prefix, row);
    return out;
  }

  async putMany(rows: readonly CachedBucket[]): Promise<void> {
    if (rows.length > 0) await this.db.buckets.bulkPut([...rows]);
  }

  async touch(prefixes: readonly string[], accessedAt: number): Promise<void> {
    if (prefixes.length === 0) return;
    await this.db.buckets.bulkUpdate(prefixes.map((key) => ({ key, changes: { accessedAt } })));
  }

  /**
   * Marks buckets as fetched never, so that the next lookup waits for the registry instead of
   * answering from them. Their ETag stays: the refetch is a conditional request, 304 when nothing
   * changed after all.
   */
  async expire(registry: string, prefixes: readonly string[]): Promise<void> {
    const rows = await this.getMany(registry, prefixes);
    if (rows.size === 0) return;
    await this.db.buckets.bulkUpdate([...rows.keys()].map((key) => ({ key, changes: { fetchedAt: 0 } })));
  }

  /** Drops every bucket that came from a registry other than `registry`. */
  async keepOnly(registry: string): Promise<void> {
    await this.db.buckets.where('registry').notEqual(registry).delete();
  }

  /** Evicts the least recently accessed buckets beyond `max`. */
  async enforceLimit(max: number): Promise<number> {
    const count = await this.db.buckets.count();
    if (count <= max) return 0;
    const victims = await this.db.buckets
      .orderBy('accessedAt')
      .limit(count - max)
      .primaryKeys();
    await this.db.buckets.bulkDelete(victims);
    return victims.length;
  }

  async count(): Promise<number> {
    return this.db.buckets.count();
  }

  async clear(): Promise<void> {
    await this.db.buckets.clear();
  }
}
