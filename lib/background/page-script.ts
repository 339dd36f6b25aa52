/**
 * The content script proper (entrypoints/page.ts, an unlisted script: no polyfill, no WXT wrapper) is
 * not in the manifest: the manifest's one content script is the loader (entrypoints/loader.ts),
 * which costs a marketplace page next to nothing and asks for the rest only on pages of ours. This
 * runs it in the asking tab's top frame, in our isolated world, as a manifest content script would.
 */
import { browser } from 'wxt/browser';
import { marketplaceForUrl } from '../marketplaces';
import { withRules } from '../marketplaces/rules';
import type { SiteRulesService } from './site-rules';

/** Where WXT puts the unlisted script entrypoints/page.ts. */
export const PAGE_SCRIPT_FILE = '/page.js';

export async function loadPageScript(tabId: number): Promise<void> {
  if (browser.scripting) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [PAGE_SCRIPT_FILE] });
    return;
  }
  // Firefox's MV2 build without `scripting` (older than 102): the MV2 call does the same.
  await browser.tabs.executeScript(tabId, { file: PAGE_SCRIPT_FILE, frameId: 0 });
}

/**
 * Whether only the site rules make `href` a page of ours: the built-in URL grammar (all the loader
 * knows) says it is none of ours, a rule's URL pattern says it is. The background then runs the
 * content script itself when a tab shows such an address (loaded, or pushed by the app), so the
 * loader stays tiny and a rule can still teach the extension a new kind of address.
 */
export async function onlyRulesKnow(
  href: string,
  siteRules: Pick<SiteRulesService, 'forPlatform'>,
): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const market = marketplaceForUrl(url);
  if (market?.detect(url).kind !== 'other') return false; // none, or the loader's own
  const { rules } = await siteRules.forPlatform(market.platform);
  return rules !== null && withRules(market, rules).detect(url).kind !== 'other';
}
