/**
 * The marketplaces An Tâm knows, in one typed list. The content script asks `marketplaceForUrl`
 * which module owns the current page; hosts match exactly, so lookalike domains
 * (`shopee.vn.evil.com`, `shopee-vn.com`, punycode twins) never get a badge.
 */
import { lazada } from './lazada';
import { sendo } from './sendo';
import { shopee } from './shopee';
import { tiki } from './tiki';
import { tiktok } from './tiktok';
import type { Marketplace } from './types';

export type * from './types';

export const MARKETPLACES: readonly Marketplace[] = [shopee, lazada, tiki, tiktok, sendo];

export function marketplaceForUrl(url: URL): Marketplace | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return MARKETPLACES.find((m) => m.hosts.includes(url.hostname)) ?? null;
}

/** Every content-script match pattern, for the manifest. */
export const MATCHES: readonly string[] = MARKETPLACES.flatMap((m) => m.matches);
