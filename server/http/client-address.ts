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
 * Addresses are parsed and normalised with ipaddr.js: an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`,
 * what a dual-stack socket reports) is that IPv4 address, and an IPv6 address stands for its /64,
 * the block one subscriber is given (otherwise a single home line has 2^64 addresses to rotate).
 */
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
 * one (`2001:db8:1:2::/64`); null when the text is no IP address.
 */
export function addressKey(text: string): string | null {
  const raw = withoutPort(text.trim());
  // A zone (fe80::1%eth0) names an interface, not a client: keep the address only.
  const bare = raw.replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return null;
  // Strict forms only: ipaddr.js also reads "127.1" or "0x7f.0.0.1", which no proxy writes.
  if (bare.includes('.') && !bare.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return null;
  const address = ipaddr.process(bare);
  if (address.kind() === 'ipv4') return address.toString();
  const v6 = address as ipaddr.IPv6;
  const network = new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${network.toString()}/64`;
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
  const fromSocket = (socketAddress && addressKey(socketAddress)) || 'unknown';
  if (hops <= 0 || forwardedFor === undefined) return fromSocket;
  const entries = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
    .flatMap((h) => h.split(','))
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length < hops) return fromSocket;
  const chosen = entries[entries.length - hops] as string;
  // A trusted proxy wrote it, so garbage means a misconfigured proxy: the socket is still sure.
  return addressKey(chosen) ?? fromSocket;
}
