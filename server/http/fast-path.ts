import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HashPrefix } from '../../lib/registry/schemas';
import type { Deps } from '../context';
import { errorBody } from './errors';

const BUCKET_PATH = /^\/v1\/buckets\/([^/?#]+)$/;
const RATE_LIMITED = Buffer.from(
  JSON.stringify(errorBody('rate_limited', 'too many requests; try again later')),
);

/**
 * The hot read path in front of the Hono app: a GET of a bucket that is already serialised in
 * memory is answered straight from the node:http request, which is what lets lookups run near a
 * bare server's speed. Everything else — a cache miss, a malformed prefix, any other route — falls
 * through (returns false) to the Hono app, which applies the same rules and fills the cache. The
 * answer is byte-for-byte the one the app gives (tested over HTTP).
 */
export function createBucketFastPath(deps: Deps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { buckets, limiter, config } = deps;
  const cacheControl = `public, max-age=${config.bucketMaxAgeSeconds}`;
  // Hashing the address once per connection, not per request: keep-alive clients send many.
  const socketKeys = new WeakMap<Socket, string>();

  const clientKey = (req: IncomingMessage): string => {
    if (config.trustProxy) {
      const fwd = req.headers['x-forwarded-for'];
      const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
      if (first) return limiter.hashIp(first);
    }
    const socket = req.socket;
    let key = socketKeys.get(socket);
    if (key === undefined) {
      key = limiter.hashIp(socket.remoteAddress ?? 'unknown');
      socketKeys.set(socket, key);
    }
    return key;
  };

  // The headers every answer of a cached bucket shares, as [name, value] pairs.
  const common: [string, string][] = [
    ['cache-control', cacheControl],
    ['content-encoding', 'identity'],
    ['x-content-type-options', 'nosniff'],
  ];

  return (req, res) => {
    if (req.method !== 'GET' || !req.url) return false;
    const m = BUCKET_PATH.exec(req.url);
    const raw = m?.[1];
    if (!raw) return false;
    // Only prefixes that passed HashPrefix (zod) when their answer was built are in the cache, so
    // a hit needs no second validation; anything else is validated here or by the app.
    const hit = buckets.peek(raw);
    let etag: string;
    if (hit) {
      etag = hit.etag;
    } else {
      const parsed = HashPrefix.safeParse(raw);
      if (!parsed.success) return false;
      etag = buckets.etag(parsed.data);
    }
    const notModified = req.headers['if-none-match'] === etag;
    if (!notModified && !hit) return false;

    const decision = limiter.checkKey(clientKey(req));
    if (!decision.allowed) {
      res.writeHead(429, [
        ['content-type', 'application/json; charset=utf-8'],
        ['content-length', String(RATE_LIMITED.length)],
        ['retry-after', String(decision.retryAfterSeconds)],
        ['x-content-type-options', 'nosniff'],
      ]);
      res.end(RATE_LIMITED);
      return true;
    }
    if (notModified || !hit) {
      res.writeHead(304, [['etag', etag], ...common]);
      res.end();
      return true;
    }
    res.writeHead(200, [
      ['etag', etag],
      ...common,
      ['content-type', 'application/json; charset=utf-8'],
      ['content-length', String(hit.body.length)],
    ]);
    res.end(hit.body);
    return true;
  };
}
