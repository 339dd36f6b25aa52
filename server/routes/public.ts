/**
 * The public lookups (no credential): health, meta, buckets by hash prefix (the k-anonymous
 * lookup; its hot path is also answered by server/http/fast-path.ts with the same bytes), several
 * buckets at once, and one record by seller id.
 */
import {
  BucketAnswer,
  HashPrefix,
  Health,
  LookupAnswer,
  LookupRequest,
  MAX_LOOKUP_PREFIXES,
  type Meta,
  Meta as MetaSchema,
  TrustRecord,
} from '../../lib/registry/schemas';
import {
  isNumericSellerId,
  MAX_PREFIX_LENGTH,
  MIN_PREFIX_LENGTH,
  normaliseSlug,
  PLATFORMS,
} from '../../lib/registry/seller-key';
import type { Deps } from '../context';
import { databaseAnswers } from '../db/connect';
import { ApiError, isDatabaseUnavailable } from '../http/errors';
import {
  defineRoute,
  errors,
  invalid,
  jsonBodyUnder,
  jsonContent,
  jsonRequest,
  router,
  z,
} from '../http/route';
import { prefixLengthFor, TARGET_K } from '../trust/buckets';
import { findTrustRecord } from '../trust/records';

/**
 * The prefix length from the registry's size, and the k it keeps (server/trust/buckets.ts). The
 * extension asks with 4 hex whatever this says (its privacy budget), which is never longer.
 */
function anonymity(sellerKeys: number, minLength: number) {
  const prefixLength = prefixLengthFor(sellerKeys, TARGET_K, minLength, MAX_PREFIX_LENGTH);
  const keysPerBucket = sellerKeys / 16 ** prefixLength;
  return {
    prefixLength,
    anonymity: {
      sellerKeys,
      keysPerBucket: Math.round(keysPerBucket * 100) / 100,
      k: Math.floor(keysPerBucket),
      targetK: TARGET_K,
    },
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A view of a Node buffer as the body type Hono accepts, without copying it. */
function asBody(b: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);
}

const invalidPrefix = (what: string) =>
  new ApiError(
    400,
    'invalid_prefix',
    `${what} must be ${MIN_PREFIX_LENGTH}–${MAX_PREFIX_LENGTH} lowercase hex characters`,
  );

export const answerTooLarge = (max: number) =>
  new ApiError(
    400,
    'too_many_prefixes',
    `the answer would be larger than ${max} bytes: ask for fewer prefixes per lookup`,
  );

/**
 * One `POST /v1/lookup` answer around the padded buckets, copied once into one buffer (the bytes
 * of the buckets plus a few of JSON), or null when it would exceed `maxBytes`.
 */
export function joinLookupAnswer(
  dataVersion: number,
  parts: readonly { body: Buffer }[],
  maxBytes: number,
): Buffer | null {
  const head = `{"dataVersion":${dataVersion},"buckets":[`;
  let bytes = 0;
  for (const p of parts) {
    bytes += p.body.length;
    if (bytes > maxBytes) return null;
  }
  const out = Buffer.allocUnsafe(head.length + bytes + Math.max(0, parts.length - 1) + 2);
  let at = out.write(head, 0, 'latin1');
  parts.forEach((p, i) => {
    if (i > 0) out[at++] = 0x2c; // ,
    at += p.body.copy(out, at);
  });
  out.write(']}', at, 'latin1');
  return out;
}

const PrefixParams = z.object({
  prefix: HashPrefix,
});
const BucketHeaders = z.object({ 'If-None-Match': z.string().optional() });
const SellerParams = z.object({
  platform: z.enum(PLATFORMS).openapi({ param: { name: 'platform', in: 'path' } }),
  sellerId: z
    .string()
    .openapi({ param: { name: 'sellerId', in: 'path' }, description: 'Numeric id, or @slug' }),
});

export function publicRoutes(deps: Deps) {
  const { db, buckets, config } = deps;
  const app = router();
  // no-transform: a proxy or CDN must not compress answers, which would shrink the padding and give
  // a bucket's content away by its size. (Content-Encoding: identity, which said the same, is not
  // to be sent per RFC 9110 §8.4.1, and cost the hot path measurably: README, "Benchmarks".)
  const bucketCacheControl = `public, max-age=${config.bucketMaxAgeSeconds}, no-transform`;
  const tags = ['Lookups'];

  app.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/health',
      summary: 'Liveness and database reachability',
      responses: { 200: jsonContent(Health, 'Healthy'), 503: jsonContent(Health, 'Database unavailable') },
    }),
    async (c) => {
      try {
        await databaseAnswers(db);
        return c.json({ status: 'ok', database: 'ok' } as const, 200);
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        return c.json({ status: 'degraded', database: 'unavailable' } as const, 503);
      }
    },
  );

  app.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/meta',
      summary: 'Prefix length, limits and data version',
      responses: { 200: jsonContent(MetaSchema, 'Meta') },
    }),
    (c) => {
      const meta: Meta = {
        name: 'An Tâm trust registry',
        apiVersion: 1,
        minPrefixLength: MIN_PREFIX_LENGTH,
        maxPrefixLength: MAX_PREFIX_LENGTH,
        maxLookupPrefixes: MAX_LOOKUP_PREFIXES,
        maxBodyBytes: config.maxBodyBytes,
        rateLimit: config.rateLimit,
        bucketStalenessSeconds: buckets.options.stalenessSeconds,
        dataVersion: buckets.version,
        demoData: config.demoData,
        ...anonymity(buckets.sellerKeys, config.prefixLength),
      };
      return c.json(meta, 200);
    },
  );

  app.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/buckets/{prefix}',
      summary: 'Every trust record whose key hash starts with the prefix (k-anonymous lookup)',
      request: { params: PrefixParams, headers: BucketHeaders },
      responses: {
        200: jsonContent(BucketAnswer, 'The bucket, padded; ETag and Cache-Control set'),
        304: { description: 'Not modified' },
        ...errors(400),
      },
    }),
    async (c) => {
      const { prefix } = c.req.valid('param');
      const etag = buckets.etag(prefix);
      c.header('ETag', etag);
      c.header('Cache-Control', bucketCacheControl);
      if (c.req.header('if-none-match') === etag) return c.body(null, 304);
      const answer = await buckets.get(prefix);
      c.header('Content-Type', JSON_TYPE);
      // The serialised, padded bucket as it is cached: its bytes are the answer.
      return c.body(asBody(answer.body), 200) as never;
    },
    invalid({ param: () => invalidPrefix('prefix') }),
  );

  app.openapi(
    defineRoute({
      tags,
      method: 'post',
      path: '/lookup',
      summary: 'Several buckets in one request (a listing page)',
      middleware: [jsonBodyUnder(config.maxBodyBytes)] as const,
      request: { body: jsonRequest(LookupRequest) },
      responses: { 200: jsonContent(LookupAnswer, 'The buckets'), ...errors(400, 413, 415) },
    }),
    async (c) => {
      const prefixes = [...new Set(c.req.valid('json').prefixes)];
      const joined = joinLookupAnswer(
        buckets.version,
        await buckets.getMany(prefixes),
        config.maxLookupAnswerBytes,
      );
      if (joined === null) throw answerTooLarge(config.maxLookupAnswerBytes);
      c.header('Cache-Control', 'no-store, no-transform');
      c.header('Content-Type', JSON_TYPE);
      return c.body(asBody(joined), 200) as never;
    },
    invalid({
      json: (issues) => {
        if (issues.some((i) => i.code === 'too_big' && i.path[0] === 'prefixes')) {
          return new ApiError(400, 'too_many_prefixes', `at most ${MAX_LOOKUP_PREFIXES} prefixes per lookup`);
        }
        if (issues.some((i) => i.path[0] === 'prefixes' && i.path.length === 2)) {
          return invalidPrefix('every prefix');
        }
        return new ApiError(400, 'bad_request', 'expected { "prefixes": ["<hex prefix>", …] }');
      },
    }),
  );

  app.openapi(
    defineRoute({
      tags,
      method: 'get',
      path: '/sellers/{platform}/{sellerId}',
      summary: 'One public record by seller id (not private: the registry sees which seller is asked for)',
      request: { params: SellerParams },
      responses: { 200: jsonContent(TrustRecord, 'The record'), ...errors(400, 404) },
    }),
    async (c) => {
      const { platform, sellerId: raw } = c.req.valid('param');
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
      const record = await findTrustRecord(db, key, deps.clock());
      if (!record) throw new ApiError(404, 'not_found', 'no record for this seller');
      c.header('Cache-Control', bucketCacheControl);
      return c.json(record, 200);
    },
    invalid({
      param: () => new ApiError(400, 'unknown_platform', `platform must be one of ${PLATFORMS.join(', ')}`),
    }),
  );

  return app;
}
