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

export class TabPages {
  private readonly tabs = new Map<number, TabPage>();

  /** Records the tab's new page; the returned object identifies this report (see `isCurrent`). */
  remember(tabId: number, page: PageReport, url: string | undefined): TabPage {
    const entry: TabPage = { page, origin: originOf(url), result: null };
    this.tabs.set(tabId, entry);
    return entry;
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
