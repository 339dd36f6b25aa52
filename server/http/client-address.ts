/**
 * The client address the rate limits key on, from the socket and, behind trusted proxies, from
 * X-Forwarded-For. One pure function, used by the Hono app (server/app.ts) and by the hot bucket
 * path (./fast-path.ts), so that both see the same client.
 *
 * X-Forwarded-For is a list each proxy appends to: `<what the client sent>, <hop 1>, …`. Only the
 * entries the registry's own proxies appended can be believed; everything to their left was
 * written by the client. With `hops` trusted proxies in front (TRUST_PROXY=<hops>), the client is
 * the `hops`-th entry from the right: the address the outermost trusted proxy saw connect to it.
 * A header with fewer entries than that did not pass through every trusted proxy, so nothing in
 * it is believed: the socket's address is used (at worst every client of a proxy shares a limit,
 * never one client gets many).
 *
 * Entries are validated with node:net (native, on the hot path) and IPv6 ones normalised with
 * ipaddr.js: an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, what a dual-stack socket reports) is
 * that IPv4 address, and an IPv6 address stands for its /64, the block one subscriber is given
 * (otherwise a single home line has 2^64 addresses to rotate).
 */
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Most proxies the registry can be told to trust (a larger value is a configuration mistake). */
export const MAX_PROXY_HOPS = 10;

/** The configured trust: `true` (the old boolean spelling) is one proxy, `false`/0 none. */
export function proxyHops(trustProxy: boolean | number): number {
  if (trustProxy === true) return 1;
  if (trustProxy === false) return 0;
  return Math.max(0, Math.min(MAX_PROXY_HOPS, Math.floor(trustProxy)));
}

/** Splits an address off a port some proxies append (`1.2.3.4:5678`, `[2001:db8::1]:443`). */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) return bracketed[1];
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  if (v4port?.[1]) return v4port[1];
  return entry;
}

/**
 * The rate-limit key of an address: the normalised IPv4 address, or the /64 network of an IPv6
 * one (`2001:db8:1:2::/64`); null when the text is no IP address. Runs per request on the hot
 * path behind a proxy, so the common case (a plain IPv4 address) is node's native check only.
 */
export function addressKey(text: string): string | null {
  const trimmed = text.trim();
  // Four decimals without leading zeros: already the canonical spelling.
  if (isIPv4(trimmed)) return trimmed;
  const raw = withoutPort(trimmed);
  if (raw !== trimmed && isIPv4(raw)) return raw;
  // A zone (fe80::1%eth0) names an interface, not a client: keep the address only.
  const bare = raw.replace(/%.*$/, '');
  if (!isIPv6(bare)) return null;
  let key = v6Keys.get(bare);
  if (key === undefined) {
    const v6 = ipaddr.IPv6.parse(bare);
    const p = v6.parts;
    key = v6.isIPv4MappedAddress()
      ? v6.toIPv4Address().toString()
      : `${new ipaddr.IPv6([p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 0, 0, 0, 0, 0]).toString()}/64`;
    // Parsing IPv6 costs microseconds; clients come back. Bounded: emptied when full.
    if (v6Keys.size >= V6_KEY_CACHE) v6Keys.clear();
    v6Keys.set(bare, key);
  }
  return key;
}

const V6_KEY_CACHE = 10_000;
const v6Keys = new Map<string, string>();

/** The `hops`-th comma-separated entry from the right, trimmed; null when there are fewer. */
function entryFromRight(header: string, hops: number): string | null {
  let end = header.length;
  for (let n = 1; ; n++) {
    const comma = header.lastIndexOf(',', end - 1);
    if (n === hops) return header.slice(comma + 1, end).trim();
    if (comma < 0) return null;
    end = comma;
  }
}

/**
 * The client's rate-limit key (see `addressKey`). `forwardedFor` is the X-Forwarded-For header as
 * received (repeated headers joined or as a list), `socketAddress` the peer of the TCP connection.
 */
export function clientAddress(
  forwardedFor: string | readonly string[] | undefined,
  socketAddress: string | undefined,
  hops: number,
): string {
  const fromSocket = () => (socketAddress && addressKey(socketAddress)) || 'unknown';
  if (hops <= 0 || forwardedFor === undefined) return fromSocket();
  const header = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(',');
  const chosen = entryFromRight(header, hops);
  if (chosen === null) return fromSocket();
  // A trusted proxy wrote it, so garbage (or nothing) means a misconfigured proxy, or a request
  // that did not come through it: the socket is still sure.
  return addressKey(chosen) ?? fromSocket();
}
