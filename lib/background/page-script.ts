/**
 * The content script proper (entrypoints/page.ts, an unlisted script: no polyfill, no WXT wrapper) is
 * not in the manifest: the manifest's one content script is the loader (entrypoints/loader.ts),
 * which costs a marketplace page next to nothing and asks for the rest only on pages of ours. This
 * runs it in the asking tab's top frame, in our isolated world, as a manifest content script would.
 */
import { browser } from 'wxt/browser';

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
