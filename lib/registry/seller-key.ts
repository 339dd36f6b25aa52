/**
 * Seller identity (DESIGN.md, "Seller identity"): `<platform>:<numeric id>` for the platform's own
 * seller id, or `<platform>:@<slug>` where a page shows only a username or slug. Registries keep
 * aliases pointing at the canonical seller; both forms are hashed the same way, as the lowercase
 * hex SHA-256 of the key's UTF-8 bytes. This module has no dependencies so that the content script
 * can use it without pulling zod in.
 */

export const PLATFORMS = ['shopee', 'lazada', 'tiki', 'tiktok', 'sendo'] as const;
export type Platform = (typeof PLATFORMS)[number];

export type SellerKey = `${Platform}:${string}`;

export interface ParsedSellerKey {
  platform: Platform;
  /** The numeric seller id, or the slug (without `@`) when `alias` is true. */
  id: string;
  alias: boolean;
}

/** Numeric ids: digits only, no leading zero, at most 30 digits (TikTok ids have 19). */
const NUMERIC_ID = /^[1-9][0-9]{0,29}$/;
/** Slugs as marketplaces print them: letters, digits, dot, underscore, hyphen; 1–100 chars. */
const SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

export function isNumericSellerId(id: string): boolean {
  return NUMERIC_ID.test(id);
}

/** Slugs compare case-insensitively on every marketplace; the key uses the lowercase form. */
export function normaliseSlug(slug: string): string | null {
  const s = slug.trim().replace(/^@/, '').toLowerCase();
  return SLUG.test(s) ? s : null;
}

export function sellerKey(platform: Platform, id: string): SellerKey {
  if (!NUMERIC_ID.test(id)) throw new Error(`not a numeric seller id: ${JSON.stringify(id)}`);
  return `${platform}:${id}`;
}

export function aliasKey(platform: Platform, slug: string): SellerKey {
  const s = normaliseSlug(slug);
  if (s === null) throw new Error(`not a seller slug: ${JSON.stringify(slug)}`);
  return `${platform}:@${s}`;
}

/** Parses a key; returns null for anything that is not exactly a valid key. */
export function parseSellerKey(key: string): ParsedSellerKey | null {
  const colon = key.indexOf(':');
  if (colon < 0) return null;
  const platform = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  if (!isPlatform(platform)) return null;
  if (rest.startsWith('@')) {
    const slug = rest.slice(1);
    return SLUG.test(slug) ? { platform, id: slug, alias: true } : null;
  }
  return NUMERIC_ID.test(rest) ? { platform, id: rest, alias: false } : null;
}

function toHex(bytes: ArrayBuffer): string {
  let out = '';
  for (const b of new Uint8Array(bytes)) out += b.toString(16).padStart(2, '0');
  return out;
}

/** sha256(key) as lowercase hex, with Web Crypto (browser, service worker and Node alike). */
export async function hashSellerKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return toHex(digest);
}

export const DEFAULT_PREFIX_LENGTH = 4;
export const MIN_PREFIX_LENGTH = 4;
export const MAX_PREFIX_LENGTH = 8;

export function hashPrefix(hash: string, length = DEFAULT_PREFIX_LENGTH): string {
  return hash.slice(0, length);
}
