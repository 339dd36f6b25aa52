import { Hono } from 'hono';
import { sql } from 'kysely';
import {
  HashPrefix,
  LookupRequest,
  MAX_LOOKUP_PREFIXES,
  type Meta,
  type TrustRecord,
} from '../../lib/registry/schemas';
import {
  isNumericSellerId,
  isPlatform,
  MAX_PREFIX_LENGTH,
  MIN_PREFIX_LENGTH,
  normaliseSlug,
} from '../../lib/registry/seller-key';
import type { Deps, Env } from '../context';
import { readJson } from '../http/body';
import { ApiError, isDatabaseUnavailable } from '../http/errors';
import { loadTrustRecords } from '../trust/records';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A view of a Node buffer as the body type Hono accepts, without copying it. */
function asBody(b: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);
}

export function publicRoutes(deps: Deps) {
  const { db, buckets, config } = deps;
  // no-transform: a proxy or CDN must not compress answers, which would shrink the padding and give
  // a bucket's content away by its size. (Content-Encoding: identity, which said the same, is not
  // to be sent per RFC 9110 §8.4.1, and cost the hot path measurably: README, "Benchmarks".)
  const bucketCacheControl = `public, max-age=${config.bucketMaxAgeSeconds}, no-transform`;

  return new Hono<Env>()
    .get('/health', async (c) => {
      try {
        await sql`select 1`.execute(db);
        return c.json({ status: 'ok', database: 'ok' } as const);
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        return c.json({ status: 'degraded', database: 'unavailable' } as const, 503);
      }
    })
    .get('/meta', (c) => {
      const meta: Meta = {
        name: 'An Tâm trust registry',
        apiVersion: 1,
        prefixLength: config.prefixLength,
        minPrefixLength: MIN_PREFIX_LENGTH,
        maxPrefixLength: MAX_PREFIX_LENGTH,
        maxLookupPrefixes: MAX_LOOKUP_PREFIXES,
        maxBodyBytes: config.maxBodyBytes,
        rateLimit: config.rateLimit,
        bucketStalenessSeconds: buckets.options.stalenessSeconds,
        dataVersion: buckets.version,
        demoData: config.demoData,
      };
      return c.json(meta);
    })
    .get('/buckets/:prefix', async (c) => {
      const parsed = HashPrefix.safeParse(c.req.param('prefix'));
      if (!parsed.success) {
        throw new ApiError(
          400,
          'invalid_prefix',
          `prefix must be ${MIN_PREFIX_LENGTH}–${MAX_PREFIX_LENGTH} lowercase hex characters`,
        );
      }
      const prefix = parsed.data;
      const etag = buckets.etag(prefix);
      c.header('ETag', etag);
      c.header('Cache-Control', bucketCacheControl);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      const answer = buckets.peek(prefix) ?? (await buckets.get(prefix));
      c.header('Content-Type', JSON_TYPE);
      return c.body(asBody(answer.body));
    })
    .post('/lookup', async (c) => {
      const body = LookupRequest.safeParse(await readJson(c, config.maxBodyBytes));
      if (!body.success) {
        const tooMany = body.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'prefixes');
        if (tooMany) {
          throw new ApiError(400, 'too_many_prefixes', `at most ${MAX_LOOKUP_PREFIXES} prefixes per lookup`);
        }
        const badPrefix = body.error.issues.some((i) => i.path[0] === 'prefixes' && i.path.length === 2);
        if (badPrefix) {
          throw new ApiError(
            400,
            'invalid_prefix',
            `every prefix must be ${MIN_PREFIX_LENGTH}–${MAX_PREFIX_LENGTH} lowercase hex characters`,
          );
        }
        throw new ApiError(400, 'bad_request', 'expected { "prefixes": ["<hex prefix>", …] }');
      }
      const prefixes = [...new Set(body.data.prefixes)];
      const parts: Buffer[] = [];
      for (const p of prefixes) parts.push((buckets.peek(p) ?? (await buckets.get(p))).body);
      const joined = Buffer.concat([
        Buffer.from(`{"dataVersion":${buckets.version},"buckets":[`),
        ...parts.flatMap((b, i) => (i === 0 ? [b] : [Buffer.from(','), b])),
        Buffer.from(']}'),
      ]);
      c.header('Cache-Control', 'no-store, no-transform');
      c.header('Content-Type', JSON_TYPE);
      return c.body(asBody(joined));
    })
    .get('/sellers/:platform/:sellerId', async (c) => {
      const platform = c.req.param('platform');
      if (!isPlatform(platform)) {
        throw new ApiError(
          400,
          'unknown_platform',
          'platform must be one of shopee, lazada, tiki, tiktok, sendo',
        );
      }
      const raw = c.req.param('sellerId');
      let key: string;
      if (raw.startsWith('@')) {
        const slug = normaliseSlug(raw);
        if (!slug) throw new ApiError(400, 'invalid_seller_id', 'not a valid shop slug');
        key = `${platform}:@${slug}`;
      } else {
        if (!isNumericSellerId(raw)) {
          throw new ApiError(400, 'invalid_seller_id', 'seller id must be numeric, or @slug for a shop name');
        }
        key = `${platform}:${raw}`;
      }
      const row = await db
        .selectFrom('seller_keys')
        .select('seller_id')
        .where('key', '=', key)
        .executeTakeFirst();
      const record = row
        ? (await loadTrustRecords(db, [row.seller_id], deps.clock())).get(row.seller_id)
        : undefined;
      if (!record) throw new ApiError(404, 'not_found', 'no record for this seller');
      c.header('Cache-Control', bucketCacheControl);
      return c.json(record satisfies TrustRecord);
    });
}
