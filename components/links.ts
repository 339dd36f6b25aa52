import { safeHttpUrl } from '../lib/safe-url';

/**
 * The registry's public page for one seller (server/web: `/s/{platform}/{id}`), a page for people
 * rather than the JSON record, in the extension's language (Vietnamese is the page's default).
 */
/** The registry's page that explains every level and the facts that produce it (`/levels`). */
export function levelsUrl(registryBase: string, lang: 'vi' | 'en' = 'vi'): string | null {
  return safeHttpUrl(`${registryBase}/levels${lang === 'en' ? '?lang=en' : ''}`);
}

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
