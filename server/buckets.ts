import type { Kysely } from 'kysely';
import type { TrustRecord } from '../lib/registry/schemas';
import { MIN_PREFIX_LENGTH } from '../lib/registry/seller-key';
import type { Database } from './db/schema';
import { loadTrustRecords } from './trust/records';

export interface BucketBody {
  /** The serialised, padded `BucketAnswer`. */
  body: Buffer;
  etag: string;
}

export interface BucketServiceOptions {
  /** Answers are padded up to a multiple of this many bytes (size classes), see `pad`. */
  padBlockBytes: number;
  /** Upper bound of the memory the serialised buckets may take. */
  cacheBytes: number;
  /** How often the shared data version is re-read (other nodes' writes); the stated staleness. */
  stalenessSeconds: number;
}

const PADDING_FIELD = ',"padding":"';

/**
 * The k-anonymous read path. A bucket is every seller key whose hash starts with a prefix; its
 * answer is computed from the database once, serialised, padded and kept in memory until the data
 * version changes (a local write, or another node's write seen within `stalenessSeconds`) or the
 * day changes (levels depend on the date). Only shortest-prefix (MIN_PREFIX_LENGTH) answers are
 * kept, at most 16^4 of them within `cacheBytes`; a longer prefix is cut out of its cached
 * shortest-prefix bucket on each request, so what clients ask for cannot grow the cache. The ETag is derived from (version, day, prefix), so a
 * conditional request is answered without touching the database or even the cache.
 */
export class BucketService {
  private cache = new Map<string, BucketBody>();
  private cachedBytes = 0;
  private cacheDay = '';
  private versionValue = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly paddingSource: string;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    readonly options: BucketServiceOptions,
  ) {
    this.paddingSource = ' '.repeat(options.padBlockBytes);
  }

  get version(): number {
    return this.versionValue;
  }

  /** Reads the current data version; call once before serving, then `startPolling`. */
  async init(): Promise<void> {
    await this.refreshVersion();
  }

  startPolling(): void {
    this.stopPolling();
    this.timer = setInterval(() => {
      this.refreshVersion().catch(() => {
        // The database being briefly unreachable must not stop polling; requests report it.
      });
    }, this.options.stalenessSeconds * 1000);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async refreshVersion(): Promise<number> {
    const row = await this.db
      .selectFrom('registry_state')
      .select('data_version')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    this.setVersion(Number(row.data_version));
    return this.versionValue;
  }

  private setVersion(v: number): void {
    if (v !== this.versionValue) {
      this.versionValue = v;
      this.clear();
    }
  }

  private clear(): void {
    this.cache.clear();
    this.cachedBytes = 0;
  }

  private dayStart = 0;
  private dayEnd = 0;
  private dayText = '';

  /**
   * Today's UTC date, recomputed only when the clock leaves the cached day (it is on the hot path).
   * `now` lets the hot path read the clock once per request for both this and the rate limiter.
   */
  private today(now?: number): string {
    const t = now ?? this.clock().getTime();
    if (t < this.dayStart || t >= this.dayEnd) {
      this.dayStart = t - (t % 86_400_000);
      this.dayEnd = this.dayStart + 86_400_000;
      this.dayText = new Date(this.dayStart).toISOString().slice(0, 10);
    }
    return this.dayText;
  }

  etag(prefix: string, now?: number): string {
    return `"${this.versionValue}-${this.today(now)}-${prefix}"`;
  }

  /** The cached answer, if any, without touching the database (the hot path). */
  peek(prefix: string, now?: number): BucketBody | undefined {
    const day = this.today(now);
    if (day !== this.cacheDay) {
      this.cacheDay = day;
      this.clear();
      return undefined;
    }
    return this.cache.get(prefix);
  }

  /** Buckets held in memory: only ever MIN_PREFIX_LENGTH-hex ones, so at most 16^4 of them. */
  get cacheEntries(): number {
    return this.cache.size;
  }

  /** Bytes of the serialised buckets held in memory (bounded by `options.cacheBytes`). */
  get cacheBytes(): number {
    return this.cachedBytes;
  }

  /** The prefixes whose answers are held in memory, oldest first (a copy). */
  get cachedPrefixes(): string[] {
    return [...this.cache.keys()];
  }

  /**
   * The answer for a prefix. Only answers for the shortest prefix (the one the extension asks
   * for) are cached: a longer prefix is answered by filtering its cached shortest-prefix bucket,
   * and never cached itself, so no client can fill the cache with answers nobody else asks for
   * (100 random 8-hex prefixes per lookup used to add 100 padded entries each time).
   */
  async get(prefix: string): Promise<BucketBody> {
    if (prefix.length > MIN_PREFIX_LENGTH) return this.narrow(prefix);
    const hit = this.peek(prefix);
    if (hit) return hit;
    const version = this.versionValue;
    const entries = await this.loadEntries(prefix);
    const body = this.serialise(prefix, version, entries);
    const answer: BucketBody = { body, etag: `"${version}-${this.cacheDay}-${prefix}"` };
    // A write that landed while we read must not leave an older answer cached under the new version.
    if (version === this.versionValue) this.remember(prefix, answer);
    return answer;
  }

  private async narrow(prefix: string): Promise<BucketBody> {
    const base =
      this.peek(prefix.slice(0, MIN_PREFIX_LENGTH)) ?? (await this.get(prefix.slice(0, MIN_PREFIX_LENGTH)));
    const parsed = JSON.parse(base.body.toString('utf8')) as {
      dataVersion: number;
      entries: { hash: string; record: TrustRecord }[];
    };
    const entries = parsed.entries.filter((e) => e.hash.startsWith(prefix));
    const body = this.serialise(prefix, parsed.dataVersion, entries);
    return { body, etag: `"${parsed.dataVersion}-${this.cacheDay}-${prefix}"` };
  }

  private remember(prefix: string, answer: BucketBody): void {
    this.cache.set(prefix, answer);
    this.cachedBytes += answer.body.length;
    // Oldest first: Map iteration follows insertion order.
    for (const [k, v] of this.cache) {
      if (this.cachedBytes <= this.options.cacheBytes) break;
      this.cache.delete(k);
      this.cachedBytes -= v.body.length;
    }
  }

  private async loadEntries(prefix: string): Promise<{ hash: string; record: TrustRecord }[]> {
    const keys = await this.db
      .selectFrom('seller_keys')
      .select(['hash', 'seller_id'])
      .where('bucket', '=', prefix)
      .orderBy('hash')
      .execute();
    const records = await loadTrustRecords(
      this.db,
      keys.map((k) => k.seller_id),
      this.clock(),
    );
    const out: { hash: string; record: TrustRecord }[] = [];
    for (const k of keys) {
      const record = records.get(k.seller_id);
      if (record) out.push({ hash: k.hash, record });
    }
    return out;
  }

  /**
   * Pads the answer with spaces inside the `padding` string up to the next multiple of
   * `padBlockBytes`, so that every bucket of the same size class has exactly the same length
   * whichever sellers it holds (and the asked-for seller's presence cannot be read off the size).
   * Spaces compress to nothing, so answers must be sent uncompressed (documented for proxies).
   */
  serialise(prefix: string, dataVersion: number, entries: { hash: string; record: TrustRecord }[]): Buffer {
    const head = JSON.stringify({ prefix, dataVersion, entries });
    const unpadded = Buffer.byteLength(head) - 1 + PADDING_FIELD.length + 2; // `}` replaced, `"}` appended
    const block = this.options.padBlockBytes;
    const target = Math.max(block, Math.ceil(unpadded / block) * block);
    const fill = target - unpadded;
    let padding = '';
    for (let left = fill; left > 0; left -= this.paddingSource.length) {
      padding += this.paddingSource.slice(0, Math.min(left, this.paddingSource.length));
    }
    return Buffer.from(`${head.slice(0, -1)}${PADDING_FIELD}${padding}"}`);
  }
}
