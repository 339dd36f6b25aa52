/**
 * The shape of the extension's IndexedDB database (Dexie): its name, tables and versions, shared by
 * the background's writable handle (lib/store/db.ts) and the pages' read-only one
 * (lib/cases/reader.ts), so that both open the same database at the same version. Schema changes
 * add a new `version(n)` below the existing ones and never edit a shipped one, so that an
 * installed extension upgrades its data in place (drafts, evidence, cases and the outbox arrived
 * in version 2).
 */
import type { Dexie, EntityTable } from 'dexie';
import type { Draft, EvidenceRecord, LocalCase, OutboxEntry } from '../cases/model';
import type { BucketEntry, Level } from '../registry/schemas';
import type { Platform } from '../registry/seller-key';

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

/** Small facts of this install, by name (e.g. the random install key reports carry). */
export interface MetaEntry {
  key: string;
  value: string;
}

// ---- Watch list ("Người bán tôi đã mua", lib/background/watch.ts) ----

/** What the watch list compares of a seller's record from one check to the next. */
export interface WatchSnapshot {
  level: Level;
  /** Each sanction as `authority|decision|date`: a new one is a key not seen before. */
  sanctions: string[];
  counterfeitsConfirmed: number;
  /** The record's canonical address, for its public page (`/s/{platform}/{sellerId}`). */
  platform: Platform;
  sellerId: string;
}

/** The watch list's bound: beyond it the earliest added seller is dropped (options says so). */
export const MAX_WATCHED = 500;

/** A seller of one of the shopper's orders, kept on this device only and never sent anywhere. */
export interface WatchedSeller {
  key: string;
  /** The name as the order page (or the complaint) showed it. */
  name: string | null;
  platform: Platform;
  /** ms since epoch. */
  addedAt: number;
  /** The record as last seen; null until the registry has answered for it once. */
  last: WatchSnapshot | null;
  checkedAt: number | null;
  /** The last worsening the shopper was told of, as the notification said it. */
  lastNotice: { at: number; text: string } | null;
}

export interface AntamTables {
  buckets: EntityTable<CachedBucket, 'prefix'>;
  drafts: EntityTable<Draft, 'id'>;
  evidence: EntityTable<EvidenceRecord, 'id'>;
  cases: EntityTable<LocalCase, 'id'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  meta: EntityTable<MetaEntry, 'key'>;
  watched: EntityTable<WatchedSeller, 'key'>;
}

/** The case tables a page may read (through lib/cases/reader.ts, never for writing). */
export type CaseTables = Pick<AntamTables, 'drafts' | 'evidence' | 'cases' | 'outbox'>;

export function declareSchema(db: Dexie): void {
  // Indexes: accessedAt orders eviction; registry finds the rows of a previous registry.
  db.version(1).stores({
    buckets: 'prefix, accessedAt, registry',
  });
  // Complaints and reports (lib/cases). Tables not named here (buckets) keep their version-1
  // schema and rows. Indexes: evidence by owner (a draft's or case's files) and sha256 (one
  // file once per case); cases by trackingCode (notification clicks, imports), delivery (what
  // the outbox and polling look at) and updatedAt (lists); the outbox in insertion order
  // (++seq: delivery order per case) with its backoff time.
  db.version(2).stores({
    drafts: 'id, updatedAt',
    evidence: 'id, owner, sha256',
    cases: 'id, trackingCode, delivery, updatedAt',
    outbox: '++seq, caseId, nextAttemptAt',
    meta: 'key',
  });
  // The watch list (lib/background/watch.ts); addedAt orders the bound's eviction (oldest first).
  db.version(3).stores({
    watched: 'key, addedAt',
  });
}
