/**
 * The genuine hosts of each marketplace, in one tiny module without dependencies: the extension's
 * page readers (lib/marketplaces) recognise pages by them, and the registry's contract checks that
 * a reported listing is on one of them, without the registry depending on the page readers.
 * Hosts match exactly, so lookalike domains (`shopee.vn.evil.com`, punycode twins) never match.
 */
import type { Platform } from './seller-key';

export const MARKETPLACE_HOSTS = {
  shopee: ['shopee.vn'],
  lazada: ['www.lazada.vn', 'my.lazada.vn'],
  tiki: ['tiki.vn'],
  tiktok: ['shop.tiktok.com', 'www.tiktok.com', 'shop-vn.tiktok.com'],
  sendo: ['www.sendo.vn'],
} as const satisfies Record<Platform, readonly string[]>;

/** The marketplace an http(s) URL belongs to by its exact host, or null. */
export function platformOfUrl(url: URL): Platform | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  for (const [platform, hosts] of Object.entries(MARKETPLACE_HOSTS) as [Platform, readonly string[]][]) {
    if (hosts.includes(url.hostname)) return platform;
  }
  return null;
}
