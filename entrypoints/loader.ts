import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startLoader } from '../lib/content/loader';
import { sendToBackground } from '../lib/messaging';

// The manifest's only content script (wxt.config.ts adds it): see lib/content/loader.ts. It sends
// through the browser's own runtime (lib/messaging.ts `nativeRuntime`), not the polyfill:
// evaluating the polyfill on every marketplace page was most of what the extension cost pages
// that are none of ours.
export default defineUnlistedScript(() => {
  try {
    startLoader(window as never, () => sendToBackground('content:load', {}));
  } catch {
    // Never into the page's console.
  }
});
