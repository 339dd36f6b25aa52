import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startLoader } from '../lib/content/loader';

// The manifest's only content script (wxt.config.ts adds it): see lib/content/loader.ts. It uses
// the browser's own API object, not the polyfill: evaluating the polyfill on every marketplace
// page was most of what the extension cost pages that are none of ours. Firefox's `browser`
// answers with promises; Chromium's `chrome` does too in MV3.
type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> | undefined } };
declare const chrome: Runtime;

export default defineUnlistedScript(() => {
  try {
    const api = (globalThis as { browser?: Runtime }).browser ?? chrome;
    startLoader(window as never, async () => api.runtime.sendMessage({ type: 'content:load', data: {} }));
  } catch {
    // Never into the page's console.
  }
});
