/**
 * URLs that end up in an `href` come from the registry's data (imports, sellers' pages) or from
 * settings, so they are checked before they become links, in the extension's pages and in the
 * registry's pages for people alike: only http(s) may become a link (a `javascript:` or `data:` URL
 * from imported data or a compromised registry must never be clickable).
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
