/**
 * The listing a URL names, for "one report per reporter per listing": host and path only, so that
 * tracking parameters (`?sp_atk=…`, `#reviews`) or a trailing slash do not make a second listing.
 * Shared: the registry's unique index uses it, and the extension's report form uses it to know
 * before sending that this install already reported the listing.
 */
export function listingKey(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.hostname.toLowerCase()}${path}`;
}

/** The same, or null for a URL that does not parse (a draft's field is only checked on review). */
export function listingKeyOrNull(url: string): string | null {
  try {
    return listingKey(url);
  } catch {
    return null;
  }
}
