/**
 * The always-on part of the extension on marketplace pages: it reads the URL only, by each
 * marketplace's own grammar, and once the page (or, in a single-page app, the page it navigates
 * to) is one of ours, asks the background once to bring in the content script proper. Nothing else:
 * no DOM work, no polyfill, no framework. A page that is none of ours (a cart, a help page) pays for
 * this file and one timer, about what a content script that does nothing costs.
 *
 * Imported only by entrypoints/loader.ts, whose bundle must stay tiny: import nothing here but the
 * marketplaces' pure `detect` functions and their host lists.
 */

import { detect as lazada } from '../marketplaces/lazada';
import { detect as sendo } from '../marketplaces/sendo';
import { detect as shopee } from '../marketplaces/shopee';
import { detect as tiki } from '../marketplaces/tiki';
import { detect as tiktok } from '../marketplaces/tiktok';
import type { Detection } from '../marketplaces/types';

const DETECTORS: readonly ((url: URL) => Detection)[] = [shopee, lazada, tiki, tiktok, sendo];

/** How often a single-page app's address is looked at, where the Navigation API is missing. */
export const POLL_MS = 500;

/** Whether an address is a page of ours: a product, shop, listing or order page of a marketplace. */
export function isOurPage(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  // Each detector answers `other` for any host but its marketplace's exact ones.
  return DETECTORS.some((detect) => detect(url).kind !== 'other');
}

interface LoaderWindow {
  location: { href: string };
  setInterval(handler: () => void, ms: number): number;
  clearInterval(id: number): void;
  navigation?: EventTarget;
}

/**
 * Watches the address until it is one of ours, then calls `load` once and stops watching (the
 * content script proper follows navigations itself from then on). `load` failing (the extension
 * was updated, the background refused) is swallowed: nothing of ours reaches the page's console.
 */
export function startLoader(win: LoaderWindow, load: () => Promise<unknown>): () => void {
  let done = false;
  let timer: number | undefined;
  const check = () => {
    if (done || !isOurPage(win.location.href)) return;
    stop();
    load().catch(() => {});
  };
  const stop = () => {
    done = true;
    win.navigation?.removeEventListener('currententrychange', check);
    if (timer !== undefined) win.clearInterval(timer);
  };
  check();
  if (!done) {
    // Chromium tells us of every same-document navigation (pushState included); elsewhere a cheap look at the address.
    if (win.navigation) win.navigation.addEventListener('currententrychange', check);
    else timer = win.setInterval(check, POLL_MS);
  }
  return stop;
}
