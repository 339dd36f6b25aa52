/**
 * The extension's IndexedDB database (Dexie) opened for writing: by the background only, which
 * owns the trust cache and every case write (drafts, evidence, cases, the outbox). The extension
 * pages read through lib/cases/reader.ts and ask the background for every change (`page:`
 * messages); a content script never opens it (IndexedDB there would belong to the marketplace's
 * origin). Tables and versions: lib/store/schema.ts.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Draft, EvidenceRecord, LocalCase, OutboxEntry } from '../cases/model';
import {
  type AntamTables,
  type CachedBucket,
  DB_NAME,
  declareSchema,
  type MetaEntry,
  type WatchedSeller,
} from './schema';

export class AntamDb extends Dexie implements AntamTables {
  buckets!: EntityTable<CachedBucket, 'prefix'>;
  drafts!: EntityTable<Draft, 'id'>;
  evidence!: EntityTable<EvidenceRecord, 'id'>;
  cases!: EntityTable<LocalCase, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  watched!: EntityTable<WatchedSeller, 'key'>;

  constructor(name: string = DB_NAME) {
    super(name);
    declareSchema(this);
  }
}
