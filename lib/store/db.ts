/**
 * The background's IndexedDB database (Dexie). Only the background opens it: IndexedDB in a
 * content script would belong to the marketplace's origin. Schema changes add a new
 * `version(n)` below the existing ones and never edit a shipped one, so that an installed
 * extension upgrades its data in place (drafts, outbox and cases arrive in version 2).
 */
import Dexie, { type EntityTable } from 'dexie';
import type { BucketEntry } from '../registry/schemas';

export const DB_NAME = 'antam';

/** One registry bucket as last fetched: every record whose key hash starts with `prefix`. */
export interface CachedBucket {
  prefix: string;
  /**
   * The registry base URL the bucket came from. Rows of another registry are ignored and
   * cleared, so that switching registries never shows one registry's records as another's.
   */
  registry: string;
  entries: BucketEntry[];
  etag: string | null;
  dataVersion: number;
  /** ms since epoch: when the registry last confirmed this content (200 or 304). */
  fetchedAt: number;
  /** ms since epoch: last answered a lookup; the size bound evicts the least recent. */
  accessedAt: number;
}

export class AntamDb extends Dexie {
  buckets!: EntityTable<CachedBucket, 'prefix'>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Indexes: accessedAt orders eviction; registry finds the rows of a previous registry.
    this.version(1).stores({
      buckets: 'prefix, accessedAt, registry',
    });
  }
}
