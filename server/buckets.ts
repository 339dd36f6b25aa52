import type { Kysely } from 'kysely';
import type { TrustRecord } from '../lib/registry/schemas';
import { MIN_PREFIX_LENGTH } from '../lib/registry/seller-key';
import { type BucketRow, bucketReaderOf } from './db/connect';
import type { Database } from './db/schema';
import { bumpBucketVersion } from './db/sellers';
import { countSellerKeys, drainDirtyBuckets, expiredBuckets } from './trust/buckets';

export interface BucketBody {
  /** The serialised, padded `BucketAnswer`. */
  body: Buffer;
  etag: string;
}

interface CachedBucket extends BucketBody {
  /** ms since the epoch after which the row may read differently (time windows); Infinity: never. */
  validUntil: number;
}

export interface BucketServiceOptions {
  /** Answers are padded up to a multiple of this many bytes (size classes), see `pad`. */
  padBlockBytes: number;
  /** Upper bound of the memory the padded hot buckets may take (a least-recently-used set). */
  cacheBytes: number;
  /** How often the shared data version is re-read (other nodes' writes); the stated staleness. */
  stalenessSeconds: number;
  /** How often buckets whose time window passed (and leftover marks) are derived again. */
  refreshSeconds?: number;
}

const PADDING_FIELD = ',"padding":"';
/** Beyond this many changed buckets in one version step, the whole memory cache is dropped. */
const EVICT_ONE_BY_ONE = 2048;

/**
 * The k-anonymous read path. A bucket is every seller key whose hash starts with a 4-hex prefix; its
 * entries are derived when facts change and stored in the `buckets` table (server/trust/buckets.ts),
 * so an answer is one primary-key read plus padding, whatever the registry's size; it is never
 * derived from facts here. A bounded least-recently-used set keeps the padded answers of hot
 * buckets in memory (`cacheBytes`, independent of the registry's size). When the bucket version
 * moves (a local write, or another node's seen within `stalenessSeconds`), only the buckets derived
 * since are dropped. A longer prefix is cut out of its 4-hex bucket on each request
 * and never kept, so what clients ask for cannot grow memory.
 *
 * The ETag is (bucket version, prefix): every derivation bumps registry_state.bucket_version and
 * stamps the rows it writes with it (facts changed, or a time window passed: `refreshExpired`), so
 * a conditional request is answered from memory, and a node drops exactly the buckets derived
 * since the bucket version it last saw.
 */
export class BucketService {
  private cache = new Map<string, CachedBucket>();
  private cachedBytes = 0;
  private versionValue = 0;
  /** registry_state.bucket_version as last seen: bumped by every derivation (-1: not read yet). */
  private derivationValue = -1;
  private timer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<number> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    readonly options: BucketServiceOptions,
  ) {
    const viaKysely = (prefixes: readonly string[]) =>
      db
        .selectFrom('buckets')
        .select(['prefix', 'entries', 'version', 'valid_until'])
        .where('prefix', 'in', prefixes)
        .execute();
    const prepared = bucketReaderOf(db);
    this.read = prepared ? async (prefixes) => (await prepared(prefixes)) ?? viaKysely(prefixes) : viaKysely;
  }

  get version(): number {
    return this.versionValue;
  }

  /** One byte per 4-hex prefix: 1 when it has a stored row (64 KB whatever the registry's size). */
  private readonly present = new Uint8Array(16 ** MIN_PREFIX_LENGTH);
  private readonly read: (prefixes: readonly string[]) => Promise<BucketRow[]>;

  private async loadPresent(): Promise<void> {
    const rows = await this.db.selectFrom('buckets').select('prefix').execute();
    for (const { prefix } of rows) this.present[Number.parseInt(prefix, 16)] = 1;
  }

  private keysValue = 0;

  /** Seller keys in the registry, as of the last refresh (at start, then every refresh tick). */
  get sellerKeys(): number {
    return this.keysValue;
  }

  /**
   * Reads the current data version and derives whatever waits to be derived (the backfill of a
   * registry migrated from before stored buckets, or marks a crash left); call once before
   * serving, then `startPolling`.
   */
  async init(): Promise<void> {
    await this.refreshVersion();
    await this.loadPresent();
    await this.refreshExpired();
    this.keysValue = await countSellerKeys(this.db);
  }

  startPolling(): void {
    this.stopPolling();
    this.timer = setInterval(() => {
      this.refreshVersion().catch(() => {
        // The database being briefly unreachable must not stop polling; requests report it.
      });
    }, this.options.stalenessSeconds * 1000);
    this.timer.unref();
    this.refreshTimer = setInterval(
      () => {
        this.refreshExpired().catch((err: unknown) => {
          console.error('[registry] bucket refresh failed:', err instanceof Error ? err.message : err);
        });
      },
      (this.options.refreshSeconds ?? 60) * 1000,
    );
    this.refreshTimer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.timer = undefined;
    this.refreshTimer = undefined;
  }

  async refreshVersion(): Promise<number> {
    const row = await this.db
      .selectFrom('registry_state')
      .select(['data_version', 'bucket_version'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    this.versionValue = Number(row.data_version);
    await this.setDerivation(Number(row.bucket_version));
    return this.versionValue;
  }

  private async setDerivation(v: number): Promise<void> {
    const old = this.derivationValue;
    if (v === old) return;
    // Set first: an answer read while we look for the changed buckets is not kept (see `getMany`).
    this.derivationValue = v;
    if (old < 0) {
      this.clear();
      await this.loadPresent();
      return;
    }
    const changed = await this.db
      .selectFrom('buckets')
      .select('prefix')
      .where('version', '>', old)
      .limit(EVICT_ONE_BY_ONE + 1)
      .execute();
    if (changed.length > EVICT_ONE_BY_ONE) {
      this.clear();
      await this.loadPresent();
      return;
    }
    for (const { prefix } of changed) {
      this.present[Number.parseInt(prefix, 16)] = 1;
      this.forget(prefix);
    }
  }

  /**
   * Marks the buckets whose time window passed and drains every mark (a versioned write, so every
   * node drops its copies). One run at a time; returns how many had expired.
   */
  refreshExpired(): Promise<number> {
    this.refreshing ??= (async () => {
      try {
        const now = this.clock();
        this.keysValue = await countSellerKeys(this.db);
        const expired = await expiredBuckets(this.db, now);
        for (let i = 0; i < expired.length; i += 500) {
          await this.db
            .insertInto('bucket_dirty')
            .values(expired.slice(i, i + 500).map((prefix) => ({ prefix })))
            .execute();
        }
        await this.drain();
        return expired.length;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private draining: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  /**
   * Derives every marked bucket (server/trust/buckets.ts) in its own transaction, then reloads the
   * data version. Concurrent callers share runs: one arriving while a run is under way waits for
   * the next one, which starts when it ends and takes every mark committed by then, so a burst of
   * writes to one seller costs a few derivations, not one each.
   */
  drain(): Promise<void> {
    if (!this.draining) {
      this.draining = this.drainOnce().finally(() => {
        this.draining = null;
      });
      return this.draining;
    }
    this.queued ??= this.draining
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.drain();
      });
    return this.queued;
  }

  private async drainOnce(): Promise<void> {
    const now = this.clock();
    await this.db.transaction().execute((trx) => drainDirtyBuckets(trx, now, () => bumpBucketVersion(trx)));
    await this.refreshVersion();
  }

  /** After a write committed (the Writer's hook): its buckets derived, this node's view current. */
  async afterWrite(): Promise<void> {
    try {
      await this.drain();
    } catch (err) {
      // The write is committed and its marks stay: the next drain (or the periodic job) derives them.
      console.error('[registry] deriving buckets failed:', err instanceof Error ? err.message : err);
      await this.refreshVersion();
    }
  }

  private clear(): void {
    this.cache.clear();
    this.cachedBytes = 0;
  }

  private forget(prefix: string): void {
    const hit = this.cache.get(prefix);
    if (!hit) return;
    this.cache.delete(prefix);
    this.cachedBytes -= hit.body.length;
  }

  etag(prefix: string): string {
    return `"${this.derivationValue}-${prefix}"`;
  }

  /** The answer held in memory, if any, without touching the database (the hot path). */
  peek(prefix: string, now?: number): BucketBody | undefined {
    const hit = this.cache.get(prefix);
    if (hit === undefined) return undefined;
    if ((now ?? this.clock().getTime()) >= hit.validUntil) {
      this.forget(prefix);
      return undefined;
    }
    // Least recently used goes first: a hit moves to the end of the Map's order.
    this.cache.delete(prefix);
    this.cache.set(prefix, hit);
    return hit;
  }

  /** Buckets held in memory: only ever MIN_PREFIX_LENGTH-hex ones, so at most 16^4 of them. */
  get cacheEntries(): number {
    return this.cache.size;
  }

  /** Bytes of the padded buckets held in memory (bounded by `options.cacheBytes`). */
  get cacheBytes(): number {
    return this.cachedBytes;
  }

  /** The prefixes whose answers are held in memory, least recently used first (a copy). */
  get cachedPrefixes(): string[] {
    return [...this.cache.keys()];
  }

  /** The answer for a prefix: from memory, or one primary-key read. */
  async get(prefix: string): Promise<BucketBody> {
    return (await this.getMany([prefix]))[0] as BucketBody;
  }

  /**
   * The answers for several prefixes, in order: those in memory, and every other in ONE query
   * (`WHERE prefix IN (…)`). A longer prefix is cut out of its 4-hex bucket and not kept.
   */
  async getMany(prefixes: readonly string[]): Promise<BucketBody[]> {
    const now = this.clock().getTime();
    const out: (BucketBody | undefined)[] = new Array(prefixes.length);
    const missing = new Set<string>();
    for (let i = 0; i < prefixes.length; i++) {
      const p = prefixes[i] as string;
      const base = p.length > MIN_PREFIX_LENGTH ? p.slice(0, MIN_PREFIX_LENGTH) : p;
      const hit = this.peek(base, now);
      if (hit) out[i] = hit;
      else missing.add(base);
    }
    if (missing.size > 0) {
      const version = this.derivationValue;
      // Prefixes no seller key ever hashed into have no row: answered without asking.
      const stored = [...missing].filter((p) => this.present[Number.parseInt(p, 16)] === 1);
      const rows = stored.length > 0 ? await this.read(stored) : [];
      const found = new Map<string, CachedBucket>();
      for (const row of rows) {
        const validUntil = row.valid_until === null ? Number.POSITIVE_INFINITY : Date.parse(row.valid_until);
        const answer: CachedBucket = {
          body: this.pad(row.prefix, Number(row.version), row.entries),
          etag: `"${version}-${row.prefix}"`,
          validUntil,
        };
        found.set(row.prefix, answer);
        // A write seen while we read must not leave an older answer in memory; an expired row is
        // served (the refresh job is on its way) but not kept.
        if (version === this.derivationValue && now < validUntil) this.remember(row.prefix, answer);
        else if (now >= validUntil) void this.refreshExpired().catch(() => {});
      }
      for (let i = 0; i < prefixes.length; i++) {
        if (out[i] !== undefined) continue;
        const p = prefixes[i] as string;
        const base = p.length > MIN_PREFIX_LENGTH ? p.slice(0, MIN_PREFIX_LENGTH) : p;
        // No row: no seller key has ever hashed into this prefix; its answer is the empty bucket.
        out[i] = found.get(base) ?? { body: this.emptyAnswer(base, version), etag: `"${version}-${base}"` };
      }
    }
    for (let i = 0; i < prefixes.length; i++) {
      const p = prefixes[i] as string;
      if (p.length > MIN_PREFIX_LENGTH) out[i] = this.narrow(p, out[i] as BucketBody);
    }
    return out as BucketBody[];
  }

  private narrow(prefix: string, base: BucketBody): BucketBody {
    const parsed = JSON.parse(base.body.toString('utf8')) as {
      dataVersion: number;
      entries: { hash: string; record: TrustRecord }[];
    };
    const entries = parsed.entries.filter((e) => e.hash.startsWith(prefix));
    const body = this.serialise(prefix, parsed.dataVersion, entries);
    return { body, etag: `"${this.derivationValue}-${prefix}"` };
  }

  private remember(prefix: string, answer: CachedBucket): void {
    this.forget(prefix);
    this.cache.set(prefix, answer);
    this.cachedBytes += answer.body.length;
    // Least recently used first: Map iteration follows insertion order, and a hit re-inserts.
    for (const [k, v] of this.cache) {
      if (this.cachedBytes <= this.options.cacheBytes) break;
      this.cache.delete(k);
      this.cachedBytes -= v.body.length;
    }
  }

  /**
   * Pads the answer with spaces inside the `padding` string up to the next multiple of
   * `padBlockBytes`, so that every bucket of the same size class has exactly the same length
   * whichever sellers it holds (and the asked-for seller's presence cannot be read off the size).
   * Spaces compress to nothing, so answers must be sent uncompressed (documented for proxies).
   */
  serialise(prefix: string, dataVersion: number, entries: { hash: string; record: TrustRecord }[]): Buffer {
    return this.pad(prefix, dataVersion, JSON.stringify(entries));
  }

  private emptyTemplate: { version: number; body: Buffer; prefixAt: number } | null = null;

  /**
   * The padded empty bucket of a 4-hex prefix: a copy of one template per version with the prefix
   * written in (most buckets are empty in a registry of fewer than ~100,000 keys, and a listing's
   * batch asks for dozens of them).
   */
  private emptyAnswer(prefix: string, version: number): Buffer {
    let t = this.emptyTemplate;
    if (t === null || t.version !== version) {
      const body = this.pad('0000', version, '[]');
      t = { version, body, prefixAt: body.indexOf('"prefix":"0000"') + 10 };
      this.emptyTemplate = t;
    }
    const out = Buffer.allocUnsafe(t.body.length);
    t.body.copy(out);
    out.write(prefix, t.prefixAt, 'latin1');
    return out;
  }

  /** The padded answer around a stored entries array (`entriesJson`). */
  pad(prefix: string, dataVersion: number, entriesJson: string): Buffer {
    const head = `{"prefix":${JSON.stringify(prefix)},"dataVersion":${dataVersion},"entries":${entriesJson}`;
    const unpadded = Buffer.byteLength(head) + PADDING_FIELD.length + 2; // `"}` appended
    const block = this.options.padBlockBytes;
    const target = Math.max(block, Math.ceil(unpadded / block) * block);
    const fill = target - unpadded;
    const out = Buffer.allocUnsafe(target);
    let at = out.write(head, 0, 'utf8');
    at += out.write(PADDING_FIELD, at, 'latin1');
    out.fill(0x20, at, at + fill);
    at += fill;
    out.write('"}', at, 'latin1');
    return out;
  }
}
