/**
 * Which webhook URLs the registry may call. A webhook is a request the registry makes on a
 * seller's behalf, so a URL pointing into the registry's own network (the cloud metadata service,
 * a database, the loopback interface) would let a seller key probe it: such hosts are refused, at
 * registration and again when each delivery connects (a name may resolve elsewhere later: DNS
 * rebinding; see ./http.ts).
 *
 * Addresses are classified with ipaddr.js, by allow-list rather than by listing what to refuse:
 *
 * - IPv4: only ipaddr.js's `unicast` range, i.e. none of this-network 0/8, private, loopback,
 *   link-local, carrier-grade NAT 100.64/10, the IETF and documentation blocks (192.0.0/24,
 *   192.0.2/24, 198.51.100/24, 203.0.113/24), benchmarking 198.18/15, 6to4 relay anycast,
 *   multicast 224/4, reserved 240/4 and broadcast, AS112 and AMT;
 * - IPv6 that carries an IPv4 address — IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, SIIT
 *   ::ffff:0:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16 — is judged by that IPv4 address (a
 *   translator or tunnel delivers the packets there); Teredo 2001::/32 (whose client address is
 *   obfuscated and whose relays nobody here controls) and the local-use NAT64 64:ff9b:1::/48 are
 *   refused outright;
 * - other IPv6: only global unicast, 2000::/3, outside every special range ipaddr.js knows
 *   (documentation, benchmarking, ORCHID, …).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** The IPv4 address of 32 bits taken from two 16-bit IPv6 groups. */
function v4From(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
}

const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const SIIT = ipaddr.parseCIDR('::ffff:0:0:0/96');
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * The IPv4 address an IPv6 address stands for, when it is one of the forms that embed one; null
 * for an ordinary IPv6 address; 'refuse' for forms that are never a webhook's address.
 */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null | 'refuse' {
  const p = v6.parts as [number, number, number, number, number, number, number, number];
  const range = v6.range();
  if (range === 'ipv4Mapped') return v4From(p[6], p[7]);
  if (v6.match(SIIT)) return v4From(p[6], p[7]);
  if (v6.match(NAT64_WELL_KNOWN)) return v4From(p[6], p[7]);
  if (range === 'rfc6052') return 'refuse'; // 64:ff9b:1::/48: a local translator
  if (range === '6to4') return v4From(p[1], p[2]);
  if (range === 'teredo') return 'refuse';
  // IPv4-compatible ::a.b.c.d (deprecated, but some stacks still route it to a.b.c.d). :: and ::1
  // fall here too and are judged as 0.0.0.0 and 0.0.0.1: refused.
  if (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) {
    return v4From(p[6], p[7]);
  }
  return null;
}

function isPublicIPv4(v4: ipaddr.IPv4): boolean {
  return v4.range() === 'unicast';
}

/**
 * True when the address (IPv4 or IPv6 text) is not a public unicast address the registry may
 * connect to (see above); also true for text that is no address at all.
 */
export function isPrivateAddress(address: string): boolean {
  // A zone id (fe80::1%eth0) is only meaningful on link-local addresses: refused anyway.
  if (address.includes('%')) return true;
  // Only the canonical forms URL and DNS produce: ipaddr.js also reads "127.1" or "0x7f.1", which
  // are never what a lookup returns, so they are refused rather than interpreted.
  if (!ipaddr.IPv6.isValid(address) && !ipaddr.IPv4.isValidFourPartDecimal(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return !isPublicIPv4(parsed as ipaddr.IPv4);
  const v6 = parsed as ipaddr.IPv6;
  const v4 = embeddedIPv4(v6);
  if (v4 === 'refuse') return true;
  if (v4) return !isPublicIPv4(v4);
  return !(v6.match(GLOBAL_UNICAST) && v6.range() === 'unicast');
}

export type LookupAll = (host: string) => Promise<string[]>;

const systemLookup: LookupAll = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Checks a webhook URL: http(s) only, no credentials in it, and (unless `allowPrivate`, which is
 * for tests and closed networks) a host whose every address is public.
 */
export async function checkWebhookUrl(
  raw: string,
  options: { allowPrivate: boolean; lookup?: LookupAll },
): Promise<UrlCheck> {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, reason: 'the URL is too long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'only http and https URLs can receive webhooks' };
  }
  // Credentials would be sent along with every delivery and shown in every listing.
  if (url.username || url.password) return { ok: false, reason: 'the URL must not contain credentials' };
  if (options.allowPrivate) return { ok: true, url };
  // URL keeps IPv6 literals in brackets, and writes every IPv4 literal ("0x7f.1", "2130706433")
  // as four decimals.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      return { ok: false, reason: `the host ${host} does not resolve` };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: `the host ${host} does not resolve` };
  // Every address: a name with one public and one private address could be steered to the latter.
  if (addresses.some(isPrivateAddress)) {
    return { ok: false, reason: 'the URL points to a private, loopback, link-local or reserved address' };
  }
  return { ok: true, url };
}
