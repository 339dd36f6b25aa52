/**
 * The content script's own life on a page, in place of WXT's content-script context: that context
 * brings the webextension polyfill and WXT's wrapper into the page, which cost every product page
 * more script time than all our own work there (issue 13). What the content script needs of it:
 * - one signal, aborted when a newer copy of the content script starts in the same page (the
 *   background ran it again, or the extension was updated) or when the extension context is gone;
 * - a call when a single-page app changes the address.
 * Pure DOM and the browser's own runtime object (lib/messaging.ts `nativeRuntime`).
 */
import { nativeRuntime } from '../messaging';

/** Where the running copy keeps its controller: our isolated world's global, out of the page's reach. */
const CURRENT = Symbol.for('antam.page-context');

/** How often the address is looked at where the Navigation API is missing (Firefox before 147). */
export const LOCATION_POLL_MS = 1000;

interface ContextWindow {
  location: { href: string };
  setInterval(handler: () => void, ms: number): number;
  clearInterval(id: number): void;
  navigation?: EventTarget;
}

export interface PageContext {
  readonly signal: AbortSignal;
  /** Ends this copy: its signal aborts and every feature tied to it leaves the page. */
  end(): void;
  /** Calls `listener` after each same-document change of the address, for this copy's life. */
  onLocationChange(listener: () => void): void;
}

export function startPageContext(
  win: ContextWindow,
  holder: Record<symbol, unknown> = globalThis as unknown as Record<symbol, unknown>,
): PageContext {
  // The copy already on the page, if any, gives way: badges, observers and listeners go with it.
  const previous = holder[CURRENT];
  if (previous instanceof AbortController) previous.abort();
  const controller = new AbortController();
  holder[CURRENT] = controller;
  const { signal } = controller;
  return {
    signal,
    end: () => controller.abort(),
    onLocationChange(listener) {
      let last = win.location.href;
      const check = () => {
        if (signal.aborted || win.location.href === last) return;
        last = win.location.href;
        listener();
      };
      if (win.navigation) {
        // After the address has changed (pushState, replaceState, back and forward in the app).
        win.navigation.addEventListener('currententrychange', check, { signal });
      } else {
        const id = win.setInterval(check, LOCATION_POLL_MS);
        signal.addEventListener('abort', () => win.clearInterval(id), { once: true });
      }
    },
  };
}

/**
 * Whether the extension this copy belongs to is still there: after an update or removal the
 * runtime loses its id, and nothing of ours should act on the page any more.
 */
export function extensionAlive(): boolean {
  try {
    return Boolean(nativeRuntime().id);
  } catch {
    return false;
  }
}
