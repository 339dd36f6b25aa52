/**
 * The dispatcher's default HTTP client: a POST over node:http(s) whose connection goes only to
 * the addresses it checked. Checking a name and then letting `fetch` resolve it again leaves a
 * window for DNS rebinding (public at the check, private at the connection); here the check runs
 * inside the socket's own `lookup`, so the address connected to is the address judged.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './address';
import type { FetchLike } from './dispatcher';

/** Answers of more than this are cut off: only the status matters. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Resolves a name to all its addresses, as `dns.lookup(name, { all: true })` does. */
export type ResolveAll = (
  hostname: string,
  options: { family?: number | 'IPv4' | 'IPv6'; hints?: number },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: ResolveAll = (hostname, options, callback) =>
  dnsLookup(hostname, { ...options, all: true }, callback);

function guardedLookup(allowPrivate: boolean, resolve: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, hints: options.hints }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = Array.isArray(addresses) ? addresses : [];
      if (!allowPrivate && (list.length === 0 || list.some((a) => isPrivateAddress(a.address)))) {
        return callback(new Error(`${hostname} resolves to a private address`), '', 0);
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} does not resolve`), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * A FetchLike for POSTs with a string body; never follows redirects. `resolve` replaces the
 * system resolver (tests: a name that resolves to a chosen address).
 */
export function createGuardedFetch(options: { allowPrivate: boolean; resolve?: ResolveAll }): FetchLike {
  const lookup = guardedLookup(options.allowPrivate, options.resolve ?? systemResolve);
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      // An address literal connects without any lookup: judge it here.
      const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (!options.allowPrivate && isIP(literal) && isPrivateAddress(literal)) {
        reject(new Error(`${literal} is a private address`));
        return;
      }
      const body = typeof init.body === 'string' ? init.body : '';
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => {
        headers[key] = value;
      });
      headers['content-length'] = String(Buffer.byteLength(body));
      const requestOptions: RequestOptions = {
        method: init.method ?? 'POST',
        headers,
        lookup,
        signal: init.signal ?? undefined,
        // A fresh connection each time: a pooled socket would skip the lookup above.
        agent: false,
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, requestOptions, (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) res.destroy();
        });
        // Response only takes 200–599: anything else is no success either.
        const status = res.statusCode ?? 0;
        const known = status >= 200 && status <= 599 ? status : 502;
        res.on('close', () => resolve(new Response(null, { status: known })));
        res.on('error', () => undefined); // the status is already known; a cut body changes nothing
      });
      req.on('error', reject);
      req.end(body);
    });
}
