/**
 * URLs that end up in an `href` come from the registry or from settings, so they are checked here:
 * only http(s) may become a link (a `javascript:` or `data:` URL from a compromised registry must
 * never be clickable in an extension page, which has more privileges than the marketplace page).
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

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
