import { safeHttpUrl } from '../lib/safe-url';

/**
 * The registry's public page for one seller (server/web: `/s/{platform}/{id}`), a page for people
 * rather than the JSON record, in the extension's language (Vietnamese is the page's default).
 */
export function publicRecordUrl(
  registryBase: string,
  platform: string,
  sellerId: string,
  lang: 'vi' | 'en' = 'vi',
): string | null {
  // encodeURIComponent escapes '@', which slug ids start with; the route expects it literally.
  const id = encodeURIComponent(sellerId).replace(/^%40/, '@');
  const query = lang === 'en' ? '?lang=en' : '';
  return safeHttpUrl(`${registryBase}/s/${encodeURIComponent(platform)}/${id}${query}`);
}
