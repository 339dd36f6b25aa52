/**
 * Validation of the registry address typed in options. The extension sends lookups there, so
 * plain http is refused except to this machine (a registry in development): on any other host a
 * network attacker could rewrite every badge.
 */
import type { MessageKey } from '../../lib/i18n';

export type RegistryUrlCheck =
  | {
      ok: true;
      /** Normalised base URL, without a trailing slash. */
      url: string;
      /** The match pattern to ask host permission for. */
      permission: string;
    }
  | { ok: false; error: MessageKey };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

export function checkRegistryUrl(input: string): RegistryUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: 'options.registry.invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, error: 'options.registry.invalid' };
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return { ok: false, error: 'options.registry.httpsRequired' };
  }
  // Credentials would be sent with every lookup; a query or fragment cannot be a base to append to.
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, error: 'options.registry.notPlain' };
  }
  return {
    ok: true,
    url: `${url.origin}${url.pathname}`.replace(/\/+$/, ''),
    // No port in the pattern: Firefox rejects match patterns with a port, and Chrome's portless
    // pattern covers every port of the host (wxt.config.ts asks for the build's registry the same way).
    permission: `${url.protocol}//${url.hostname}/*`,
  };
}
