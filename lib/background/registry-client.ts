/**
 * The extension's client of the registry's k-anonymous read path (DESIGN.md, "Privacy"). Only
 * hash prefixes leave the browser: callers hand it prefixes, never seller keys or full hashes.
 * Requests carry nothing about the shopper — no cookies, no credentials, no referrer, no id —
 * and every answer is parsed with the shared zod schemas before anyone sees it. Anything
 * unexpected is a RegistryError, which callers report as "unavailable".
 */
import { z } from 'zod';
import { BucketAnswer, HashPrefix, LookupAnswer, MAX_LOOKUP_PREFIXES } from '../registry/schemas';

export const REGISTRY_TIMEOUT_MS = 5_000;

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    message: string,
    /** The HTTP status, when the registry answered at all. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A bucket's new content, or the registry's word that the cached one (by ETag) still holds. */
export type BucketFetch = { answer: BucketAnswer; etag: string | null } | 'not-modified';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface RegistryClientOptions {
  /** e.g. `https://registry.example` (a trailing slash is ignored). */
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const Prefixes = z.array(HashPrefix);

export class RegistryClient {
  readonly baseUrl: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;

  constructor(options: RegistryClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // Wrapped so that the platform fetch is never called as a method of another object
    // ("Illegal invocation" in browsers).
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? REGISTRY_TIMEOUT_MS;
  }

  /**
   * One prefix: `GET /v1/buckets/{p}`, conditional when its ETag is known. Several: one
   * `POST /v1/lookup` (one per MAX_LOOKUP_PREFIXES), which has no per-bucket ETags. Every asked
   * prefix is in the result, or the whole call throws.
   */
  async fetchBuckets(
    prefixes: readonly string[],
    etags?: ReadonlyMap<string, string>,
    options: { fresh?: boolean } = {},
  ): Promise<Map<string, BucketFetch>> {
    const checked = Prefixes.safeParse([...new Set(prefixes)]);
    if (!checked.success) throw new RegistryError('refusing to send a malformed hash prefix');
    const unique = checked.data;
    if (unique.length === 0) return new Map();
    const [only] = unique;
    if (unique.length === 1 && only !== undefined) {
      return new Map([[only, await this.getBucket(only, etags?.get(only), options.fresh === true)]]);
    }
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_LOOKUP_PREFIXES) {
      chunks.push(unique.slice(i, i + MAX_LOOKUP_PREFIXES));
    }
    const answers = await Promise.all(chunks.map((chunk) => this.postLookup(chunk)));
    return new Map(answers.flatMap((m) => [...m]));
  }

  private async getBucket(prefix: string, etag: string | undefined, fresh: boolean): Promise<BucketFetch> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // A conditional request bypasses the browser's HTTP cache by itself (Fetch standard); without
    // an ETag, `fresh` asks for the same: the caller knows the bucket just changed.
    if (etag) headers['if-none-match'] = etag;
    const init: RequestInit = { method: 'GET', headers };
    if (fresh && !etag) init.cache = 'no-cache';
    const res = await this.send(`/v1/buckets/${prefix}`, init);
    if (res.status === 304) {
      // A 304 to a request that named no ETag would leave nothing to answer from.
      if (!etag) throw new RegistryError('304 without a conditional request', 304);
      return 'not-modified';
    }
    const answer = parseWith(BucketAnswer, await readJson(res));
    checkBucket(answer, prefix);
    return { answer, etag: res.headers.get('etag') };
  }

  private async postLookup(prefixes: string[]): Promise<Map<string, BucketFetch>> {
    const res = await this.send('/v1/lookup', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ prefixes }),
    });
    const answer = parseWith(LookupAnswer, await readJson(res));
    const asked = new Set(prefixes);
    const out = new Map<string, BucketFetch>();
    for (const bucket of answer.buckets) {
      if (!asked.has(bucket.prefix)) throw new RegistryError(`answer holds a bucket not asked for`);
      if (out.has(bucket.prefix)) throw new RegistryError(`answer holds a bucket twice`);
      checkBucket(bucket, bucket.prefix);
      out.set(bucket.prefix, { answer: bucket, etag: null });
    }
    if (out.size !== asked.size) throw new RegistryError('answer lacks a bucket that was asked for');
    return out;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}`, {
        ...init,
        // Nothing about the shopper goes with a lookup (DESIGN.md, "Privacy").
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new RegistryError('registry unreachable', undefined, { cause: err });
    }
    if (res.status !== 200 && res.status !== 304) {
      // Drain so that the connection can be reused; the body itself says nothing we need.
      await res.body?.cancel().catch(() => undefined);
      throw new RegistryError(`registry answered HTTP ${res.status}`, res.status);
    }
    return res;
  }
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return JSON.parse(await res.text());
  } catch (err) {
    throw new RegistryError('registry answer is not JSON', res.status, { cause: err });
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new RegistryError('registry answer has the wrong shape', 200, { cause: parsed.error });
  }
  return parsed.data;
}

/** A bucket must be the one asked for, and hold only hashes inside it. */
function checkBucket(answer: BucketAnswer, prefix: string): void {
  if (answer.prefix !== prefix) throw new RegistryError('answer is for another bucket');
  for (const entry of answer.entries) {
    if (!entry.hash.startsWith(prefix)) throw new RegistryError('bucket holds a hash outside its prefix');
  }
}
