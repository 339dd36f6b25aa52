/**
 * Trust lookups for the whole extension (DESIGN.md, "Data flow: a badge"): seller keys in,
 * LookupResults out, from the IndexedDB bucket cache when it can and from the registry when it
 * must. Only 4-hex hash prefixes go to the network; the seller is picked out of its bucket here.
 *
 * Policy per bucket: fresh (younger than TTL) answers from the cache; stale (younger than
 * MAX_AGE) answers from the cache at once and is refreshed in the background; missing or
 * expired is fetched. A fetched bucket answers "absent" for every key it does not hold, so misses
 * are cached too. Misses of every lookup arriving within a few milliseconds go out together in
 * one request, and a bucket already on its way is awaited rather than asked for again: a listing
 * page of 60 sellers costs at most one request, and none once its buckets are cached.
 */
import type { LookupResult } from '../messaging';
import type { TrustRecord } from '../registry/schemas';
import { DEFAULT_PREFIX_LENGTH, hashPrefix, hashSellerKey, parseSellerKey } from '../registry/seller-key';
import { loadSettings, registryBaseUrl, type Settings } from '../settings';
import { BucketStore } from '../store/buckets';
import type { AntamDb } from '../store/db';
import type { CachedBucket } from '../store/schema';
import { type BucketFetch, RegistryClient } from './registry-client';

export const TTL_MS = 10 * 60_000;
export const MAX_AGE_MS = 24 * 60 * 60_000;
export const MAX_BUCKETS = 2_000;
export const BATCH_WINDOW_MS = 8;
/** After a failed request, misses answer "unavailable" at once for this long instead of queueing
 * behind a registry that is down or rate-limiting us. */
export const FAILURE_BACKOFF_MS = 10_000;
/** accessedAt is only rewritten when older than this: LRU order does not need every hit written. */
const TOUCH_INTERVAL_MS = 60_000;
const HASH_MEMO_LIMIT = 10_000;

export interface TrustServiceOptions {
  db: AntamDb;
  /** A client for a registry base URL; tests inject one with a recording fetch. */
  createClient?: (baseUrl: string) => RegistryClient;
  /** The shopper's settings (registry URL, snoozed sellers); lib/settings by default. */
  settings?: () => Promise<Settings>;
  /** ms since epoch. */
  clock?: () => number;
  ttlMs?: number;
  maxAgeMs?: number;
  maxBuckets?: number;
  batchWindowMs?: number;
  failureBackoffMs?: number;
}

/** What a bucket lookup yields: the cached row, or null when the registry could not answer. */
type BucketOutcome = CachedBucket | null;

interface BatchItem {
  /** The row we hold, for a conditional request and to answer a 304 from. */
  cached: CachedBucket | undefined;
  resolve: (bucket: BucketOutcome) => void;
}

/** Everything tied to one registry base URL; replaced as a whole when the URL changes. */
interface RegistryState {
  registry: string;
  /** Rows of other registries are being deleted; lookups wait for it. */
  ready: Promise<void>;
  inFlight: Map<string, Promise<BucketOutcome>>;
  batch: Map<string, BatchItem> | null;
  failedUntil: number;
}

export class TrustService {
  private readonly store: BucketStore;
  private readonly createClient: (baseUrl: string) => RegistryClient;
  private readonly settings: () => Promise<Settings>;
  private readonly clock: () => number;
  private readonly ttlMs: number;
  private readonly maxAgeMs: number;
  private readonly maxBuckets: number;
  private readonly batchWindowMs: number;
  private readonly failureBackoffMs: number;
  private state: RegistryState | undefined;
  private readonly hashes = new Map<string, string>();
  private readonly tasks = new Set<Promise<unknown>>();

  constructor(options: TrustServiceOptions) {
    this.store = new BucketStore(options.db);
    this.createClient = options.createClient ?? ((baseUrl) => new RegistryClient({ baseUrl }));
    this.settings = options.settings ?? loadSettings;
    this.clock = options.clock ?? Date.now;
    this.ttlMs = options.ttlMs ?? TTL_MS;
    this.maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
    this.maxBuckets = options.maxBuckets ?? MAX_BUCKETS;
    this.batchWindowMs = options.batchWindowMs ?? BATCH_WINDOW_MS;
    this.failureBackoffMs = options.failureBackoffMs ?? FAILURE_BACKOFF_MS;
  }

  /**
   * The trust of each valid key (invalid keys are left out of the answer). Never rejects because
   * of the registry: keys it cannot answer are "unavailable".
   */
  async lookup(keys: readonly string[]): Promise<Record<string, LookupResult>> {
    const settings = await this.settings();
    const state = this.stateFor(registryBaseUrl(settings));
    await state.ready;

    const hashed = await this.hashValidKeys(keys);
    const prefixes = [...new Set([...hashed.values()].map((h) => hashPrefix(h, DEFAULT_PREFIX_LENGTH)))];
    const now = this.clock();
    // IndexedDB can be missing or broken (private windows, a full disk): answer from the network.
    const cached = await this.store
      .getMany(state.registry, prefixes)
      .catch(() => new Map<string, CachedBucket>());

    const buckets = new Map<string, BucketOutcome>();
    const touched: string[] = [];
    const waits: Promise<void>[] = [];
    for (const prefix of prefixes) {
      const row = cached.get(prefix);
      const age = row ? now - row.fetchedAt : Number.POSITIVE_INFINITY;
      if (row && age <= this.maxAgeMs) {
        buckets.set(prefix, row);
        if (now - row.accessedAt >= TOUCH_INTERVAL_MS) touched.push(prefix);
        // Stale: answer now, refresh for next time; nobody waits for it.
        if (age > this.ttlMs) void this.fetchBucket(state, prefix, row);
      } else {
        waits.push(this.fetchBucket(state, prefix, row).then((b) => void buckets.set(prefix, b)));
      }
    }
    await Promise.all(waits);
    if (touched.length > 0) this.track(this.store.touch(touched, now).catch(() => undefined));

    const results: Record<string, LookupResult> = {};
    for (const [key, hash] of hashed) {
      const bucket = buckets.get(hashPrefix(hash, DEFAULT_PREFIX_LENGTH));
      if (!bucket) {
        results[key] = { status: 'unavailable' };
        continue;
      }
      const entry = bucket.entries.find((e) => e.hash === hash);
      results[key] = entry
        ? {
            status: 'found',
            record: entry.record,
            fetchedAt: bucket.fetchedAt,
            snoozed: isSnoozed(settings.snoozed, key, entry.record),
          }
        : { status: 'absent', fetchedAt: bucket.fetchedAt };
    }
    return results;
  }

  /**
   * Forgets what the cache knows of these sellers until the registry is asked again: one of the
   * shopper's cases against them just changed (an answer, an outcome), and the badge should show
   * the new record on the next lookup rather than after the cache's TTL. The refetch is
   * conditional (If-None-Match), which also keeps the browser's HTTP cache out of it.
   */
  async expire(keys: readonly string[]): Promise<void> {
    const settings = await this.settings();
    const state = this.stateFor(registryBaseUrl(settings));
    await state.ready;
    const hashed = await this.hashValidKeys(keys);
    const prefixes = [...new Set([...hashed.values()].map((h) => hashPrefix(h, DEFAULT_PREFIX_LENGTH)))];
    await this.store.expire(state.registry, prefixes).catch(() => undefined);
  }

  /** Resolves once no batch, fetch or cache write is pending (tests, and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }

  /** Forgets every cached bucket (e.g. from the options page's "delete my data"). */
  async clearCache(): Promise<void> {
    await this.store.clear();
  }

  private stateFor(registry: string): RegistryState {
    if (this.state?.registry === registry) return this.state;
    // A new registry (or the first lookup since the worker started): buckets of any other
    // registry must never answer for this one.
    const ready = this.store.keepOnly(registry).catch(() => undefined);
    this.state = { registry, ready, inFlight: new Map(), batch: null, failedUntil: 0 };
    return this.state;
  }

  private async hashValidKeys(keys: readonly string[]): Promise<Map<string, string>> {
    const valid = [...new Set(keys)].filter((k) => typeof k === 'string' && parseSellerKey(k) !== null);
    const pairs = await Promise.all(
      valid.map(async (key): Promise<[string, string]> => {
        let hash = this.hashes.get(key);
        if (hash === undefined) {
          hash = await hashSellerKey(key);
          if (this.hashes.size >= HASH_MEMO_LIMIT) this.hashes.clear();
          this.hashes.set(key, hash);
        }
        return [key, hash];
      }),
    );
    return new Map(pairs);
  }

  /** The bucket from the registry: joins a fetch already under way, else queues one. */
  private fetchBucket(
    state: RegistryState,
    prefix: string,
    cached: CachedBucket | undefined,
  ): Promise<BucketOutcome> {
    const running = state.inFlight.get(prefix);
    if (running) return running;
    if (this.clock() < state.failedUntil) return Promise.resolve(null);
    const outcome = new Promise<BucketOutcome>((resolve) => {
      if (!state.batch) {
        const batch = new Map<string, BatchItem>();
        state.batch = batch;
        this.track(
          new Promise((r) => setTimeout(r, this.batchWindowMs)).then(() => {
            if (state.batch === batch) state.batch = null;
            return this.flush(state, batch);
          }),
        );
      }
      state.batch.set(prefix, { cached, resolve });
    });
    state.inFlight.set(prefix, outcome);
    // Cleared only after the row is written (flush resolves after writing), so a lookup that
    // arrives in between either joins this fetch or reads the new row: never a second request.
    void outcome.then(() => {
      if (state.inFlight.get(prefix) === outcome) state.inFlight.delete(prefix);
    });
    return outcome;
  }

  private async flush(state: RegistryState, batch: Map<string, BatchItem>): Promise<void> {
    try {
      await this.fetchAndStore(state, batch);
    } finally {
      // Whatever happened, nobody is left waiting (a no-op for items already resolved).
      for (const item of batch.values()) item.resolve(null);
    }
  }

  private async fetchAndStore(state: RegistryState, batch: Map<string, BatchItem>): Promise<void> {
    const etags = new Map<string, string>();
    for (const [prefix, item] of batch) if (item.cached?.etag) etags.set(prefix, item.cached.etag);

    let fetched: Map<string, BucketFetch> | null = null;
    try {
      // A bucket expired on purpose (expire(): a case against one of its sellers changed) must
      // come from the registry itself, not from an HTTP cache on the way.
      const fresh = [...batch.values()].some((item) => item.cached?.fetchedAt === 0);
      fetched = await this.createClient(state.registry).fetchBuckets([...batch.keys()], etags, { fresh });
    } catch {
      // RegistryError or anything else: those keys are "unavailable"; nothing is cached.
      state.failedUntil = this.clock() + this.failureBackoffMs;
    }

    const now = this.clock();
    const rows = new Map<string, BucketOutcome>();
    for (const [prefix, item] of batch) {
      const got = fetched?.get(prefix);
      if (got === undefined) rows.set(prefix, null);
      else if (got === 'not-modified') {
        rows.set(prefix, item.cached ? { ...item.cached, fetchedAt: now, accessedAt: now } : null);
      } else {
        rows.set(prefix, {
          prefix,
          registry: state.registry,
          entries: got.answer.entries,
          etag: got.etag,
          dataVersion: got.answer.dataVersion,
          fetchedAt: now,
          accessedAt: now,
        });
      }
    }

    const toWrite = [...rows.values()].filter((r): r is CachedBucket => r !== null);
    // A registry switched meanwhile: this answer belongs to the old one and is not kept.
    if (toWrite.length > 0 && this.state === state) {
      try {
        await this.store.putMany(toWrite);
        await this.store.enforceLimit(this.maxBuckets);
      } catch {
        // The cache is an optimisation: answering from memory is still right.
      }
    }
    for (const [prefix, item] of batch) item.resolve(rows.get(prefix) ?? null);
  }

  private track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined);
    this.tasks.add(settled);
    void settled.then(() => this.tasks.delete(settled));
  }
}

/** The record's own key: the one seller behind every key a page may use for it (slug or number). */
export function recordKey(record: Pick<TrustRecord, 'platform' | 'sellerId'>): string {
  return `${record.platform}:${record.sellerId}`;
}

/** Snoozed while the record is the one the shopper snoozed, under its own key or the page's. */
export function isSnoozed(
  snoozed: Record<string, string>,
  pageKey: string,
  record: Pick<TrustRecord, 'platform' | 'sellerId' | 'updatedAt'>,
): boolean {
  return snoozed[recordKey(record)] === record.updatedAt || snoozed[pageKey] === record.updatedAt;
}
