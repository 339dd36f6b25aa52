/**
 * What each tab shows, as its content script last reported it. In memory only: a service worker
 * that restarts forgets, and the content script reports again on its next navigation.
 */
import type { LookupResult, PageReport } from '../messaging';

export interface TabPage {
  page: PageReport;
  /** The origin the report came from, to notice a tab that left the marketplace since. */
  origin: string | null;
  /** The seller's trust as last looked up for the toolbar. */
  result: LookupResult | null;
}

/** A seller a tab's pages showed (product, shop or order pages), for the complaint form. */
export interface SeenSeller {
  key: string;
  name: string | null;
}

/** How many sellers a tab remembers, most recent first. */
export const MAX_SEEN_SELLERS = 10;

export class TabPages {
  private readonly tabs = new Map<number, TabPage>();
  /**
   * The sellers each tab's pages showed, so that a complaint from an order page that names its
   * shop only as text can offer them. In memory only, never sent: the tab closes, they go.
   */
  private readonly seenSellers = new Map<number, SeenSeller[]>();

  /** Records the tab's new page; the returned object identifies this report (see `isCurrent`). */
  remember(tabId: number, page: PageReport, url: string | undefined): TabPage {
    const entry: TabPage = { page, origin: originOf(url), result: null };
    this.tabs.set(tabId, entry);
    if (page.sellerKey) {
      const key = page.sellerKey;
      const earlier = (this.seenSellers.get(tabId) ?? []).filter((s) => s.key !== key);
      this.seenSellers.set(tabId, [{ key, name: page.sellerName }, ...earlier].slice(0, MAX_SEEN_SELLERS));
    }
    return entry;
  }

  /** The sellers this tab showed, most recent first. */
  seen(tabId: number): SeenSeller[] {
    return [...(this.seenSellers.get(tabId) ?? [])];
  }

  /** The tab is gone: its page and the sellers it showed. */
  close(tabId: number): void {
    this.tabs.delete(tabId);
    this.seenSellers.delete(tabId);
  }

  get(tabId: number): TabPage | undefined {
    return this.tabs.get(tabId);
  }

  /** False once a newer report (or a navigation away) replaced `entry`: its lookup is outdated. */
  isCurrent(tabId: number, entry: TabPage): boolean {
    return this.tabs.get(tabId) === entry;
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }

  get size(): number {
    return this.tabs.size;
  }
}

export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
