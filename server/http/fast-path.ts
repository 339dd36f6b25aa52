import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HashPrefix, LookupRequest } from '../../lib/registry/schemas';
import type { BucketBody } from '../buckets';
import type { Deps } from '../context';
import { joinLookupAnswer } from '../routes/public';
import { clientAddress, proxyHops } from './client-address';
import { errorBody } from './errors';

const BUCKET_PATH_START = '/v1/buckets/';
const LOOKUP_PATH = '/v1/lookup';
const JSON_TYPE = /^application\/json\b/i;
const RATE_LIMITED = Buffer.from(
  JSON.stringify(errorBody('rate_limited', 'too many requests; try again later')),
);
const RATE_LIMITED_LENGTH = String(RATE_LIMITED.length);

/**
 * The If-None-Match value, read from the raw header list: `req.headers` would build an object of
 * every header on first access, which the hot path otherwise never needs. Repeated headers are
 * joined with ", " as `req.headers` and the app's Request do, so they match no single ETag there
 * either.
 */
function ifNoneMatch(raw: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 13 && name.toLowerCase() === 'if-none-match') {
      const v = raw[i + 1] as string;
      value = value === undefined ? v : `${value}, ${v}`;
    }
  }
  return value;
}

/** X-Forwarded-For from the raw header list, repeated headers joined as `req.headers` does. */
function forwardedFor(raw: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 15 && name.toLowerCase() === 'x-forwarded-for') {
      const v = raw[i + 1] as string;
      value = value === undefined ? v : `${value}, ${v}`;
    }
  }
  return value;
}

/**
 * The hot read path in front of the Hono app: a GET of a bucket that is already serialised in
 * memory is answered straight from the node:http request, which is what lets lookups run near a
 * bare server's speed. Everything else — a cache miss, a malformed prefix, any other route — falls
 * through (returns false) to the Hono app, which applies the same rules and fills the cache. The
 * answer is byte-for-byte the one the app gives (tested over HTTP).
 *
 * Per request this does only what the answer needs: one clock read shared by the bucket cache
 * (day check) and the rate limiter, a Map lookup, and a header list built once per cached bucket.
 * The profile of the benchmark (README, "Benchmarks") showed the rest of a request's cost is
 * node:http itself and the socket write, which the bare server pays too.
 */
/**
 * What the fast path hands back to the app: a request it did not read (`slow`), and one whose body
 * it read but will not answer itself (`replay`: a lookup the app refuses, with its own error).
 */
export interface FastPathFallback {
  slow(req: IncomingMessage, res: ServerResponse): void;
  replay(req: IncomingMessage, res: ServerResponse, body: Buffer): void;
}

export function createBucketFastPath(
  deps: Deps,
  fallback?: FastPathFallback,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { buckets, limiter, config, clock } = deps;
  // The same Cache-Control as the app's route (no-transform: no compression by intermediaries).
  const cacheControl = `public, max-age=${config.bucketMaxAgeSeconds}, no-transform`;
  // Hashing the address once per connection, not per request: keep-alive clients send many.
  const socketKeys = new WeakMap<Socket, string>();
  // The 200 headers of a cached bucket, built when it is first served from here: its ETag and
  // length are fixed for as long as it stays cached. Weak, so a bucket dropped from the cache
  // (data version or day changed, size bound) takes its headers with it.
  const okHeaders = new WeakMap<BucketBody, string[]>();

  const hops = proxyHops(config.trustProxy);
  // The same client address as the app's (server/http/client-address.ts).
  const clientKey = (req: IncomingMessage): string => {
    if (hops > 0) {
      return limiter.hashIp(clientAddress(forwardedFor(req.rawHeaders), req.socket.remoteAddress, hops));
    }
    const socket = req.socket;
    let key = socketKeys.get(socket);
    if (key === undefined) {
      key = limiter.hashIp(clientAddress(undefined, socket.remoteAddress, 0));
      socketKeys.set(socket, key);
    }
    return key;
  };

  // Flat [name, value, name, value, …] lists: node:http takes them without building an object.
  const headersOf = (hit: BucketBody): string[] => {
    let headers = okHeaders.get(hit);
    if (headers === undefined) {
      headers = [
        'etag',
        hit.etag,
        'cache-control',
        cacheControl,
        'x-content-type-options',
        'nosniff',
        'content-type',
        'application/json; charset=utf-8',
        'content-length',
        String(hit.body.length),
      ];
      okHeaders.set(hit, headers);
    }
    return headers;
  };

  const rateLimited = (res: ServerResponse, retryAfterSeconds: number) => {
    res.writeHead(429, [
      'content-type',
      'application/json; charset=utf-8',
      'content-length',
      RATE_LIMITED_LENGTH,
      'retry-after',
      String(retryAfterSeconds),
      'x-content-type-options',
      'nosniff',
    ]);
    res.end(RATE_LIMITED);
  };

  /**
   * POST /v1/lookup: the body read once into one Buffer, every bucket fetched from memory or in
   * one query, one answer written. Only a plain, well-formed request is answered here; anything
   * else (no Content-Length, a credential, a body the schema refuses…) goes to the app.
   */
  const lookup = (req: IncomingMessage, res: ServerResponse, fb: FastPathFallback): boolean => {
    const headers = req.headers;
    const declared = Number(headers['content-length']);
    if (
      !Number.isInteger(declared) ||
      declared <= 0 ||
      declared > config.maxBodyBytes ||
      headers.authorization !== undefined ||
      headers['transfer-encoding'] !== undefined ||
      !JSON_TYPE.test(headers['content-type'] ?? '')
    ) {
      return false;
    }
    const decision = limiter.checkKey(clientKey(req), clock().getTime());
    if (!decision.allowed) {
      rateLimited(res, decision.retryAfterSeconds);
      req.resume();
      return true;
    }
    const body = Buffer.allocUnsafe(declared);
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (size + chunk.length > declared) {
        failed = true;
        return;
      }
      size += chunk.copy(body, size);
    });
    req.on('error', () => {
      failed = true;
    });
    req.on('end', () => {
      if (failed || size !== declared) {
        // The app answers a body that does not match its length with its own error.
        fb.replay(req, res, body.subarray(0, size));
        return;
      }
      let parsed: ReturnType<typeof LookupRequest.safeParse>;
      try {
        parsed = LookupRequest.safeParse(JSON.parse(body.toString('latin1', 0, size)));
      } catch {
        fb.replay(req, res, body);
        return;
      }
      if (!parsed.success) {
        fb.replay(req, res, body);
        return;
      }
      const prefixes = [...new Set(parsed.data.prefixes)];
      buckets.getMany(prefixes).then(
        (parts) => {
          const joined = joinLookupAnswer(buckets.version, parts, config.maxLookupAnswerBytes);
          if (joined === null) {
            fb.replay(req, res, body);
            return;
          }
          res.writeHead(200, [
            'cache-control',
            'no-store, no-transform',
            'content-type',
            'application/json; charset=utf-8',
            'content-length',
            String(joined.length),
            'x-content-type-options',
            'nosniff',
          ]);
          res.end(joined);
        },
        () => fb.replay(req, res, body),
      );
    });
    return true;
  };

  return (req, res) => {
    const url = req.url;
    if (req.method === 'POST' && url === LOOKUP_PATH && fallback) return lookup(req, res, fallback);
    if (req.method !== 'GET' || url === undefined || !url.startsWith(BUCKET_PATH_START)) return false;
    // Anything after the prefix (a query, another segment) is the app's business.
    const raw = url.slice(BUCKET_PATH_START.length);
    if (raw.length === 0) return false;
    const now = clock().getTime();
    // Only prefixes that passed HashPrefix (zod) when their answer was built are in the cache, so
    // a hit needs no second validation; anything else is validated here or by the app.
    const hit = buckets.peek(raw, now);
    let etag: string;
    if (hit) {
      etag = hit.etag;
    } else {
      const parsed = HashPrefix.safeParse(raw);
      if (!parsed.success) return false;
      etag = buckets.etag(parsed.data);
    }
    const notModified = ifNoneMatch(req.rawHeaders) === etag;
    // A bucket not in memory is one primary-key read away; with no fallback (tests of this module
    // alone) the app reads it.
    if (!notModified && !hit && !fallback) return false;

    const decision = limiter.checkKey(clientKey(req), now);
    if (!decision.allowed) {
      rateLimited(res, decision.retryAfterSeconds);
      return true;
    }
    if (notModified) {
      res.writeHead(304, ['etag', etag, 'cache-control', cacheControl, 'x-content-type-options', 'nosniff']);
      res.end();
      return true;
    }
    if (hit) {
      res.writeHead(200, headersOf(hit));
      res.end(hit.body);
      return true;
    }
    buckets.get(raw).then(
      (answer) => {
        res.writeHead(200, [
          'etag',
          answer.etag,
          'cache-control',
          cacheControl,
          'x-content-type-options',
          'nosniff',
          'content-type',
          'application/json; charset=utf-8',
          'content-length',
          String(answer.body.length),
        ]);
        res.end(answer.body);
      },
      // The database unreachable, say: the app gives its documented error (503).
      () => fallback?.slow(req, res),
    );
    return true;
  };
}
