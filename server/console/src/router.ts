/**
 * The console's addresses: `#/{screen}/{param…}`, so that every screen and every case has a URL a
 * person can bookmark, share with a colleague or type. Addresses decide nothing about access: the
 * registry answers each request for the signed-in key alone (a seller typing another seller's case
 * code gets the same "not found" as for a code that does not exist).
 */
import { useEffect, useState } from 'react';

export interface Route {
  /** The first path segment: which screen. Empty for the role's home. */
  screen: string;
  /** The rest, decoded. */
  params: string[];
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [screen = '', ...params] = path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return { screen, params: params.filter((p) => p !== '') };
}

export function href(screen: string, ...params: string[]): string {
  return `#/${[screen, ...params].map(encodeURIComponent).join('/')}`;
}

export function navigate(screen: string, ...params: string[]): void {
  window.location.hash = href(screen, ...params);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
