import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { answerCaptureRequests } from '../lib/content/capture';
import { PageController, type Send } from '../lib/content/controller';
import { guarded } from '../lib/content/lifecycle';
import { extensionAlive, startPageContext } from '../lib/content/page-context';
import { sendToBackground } from '../lib/messaging';

// The content script proper, for every marketplace: thin wiring of lib/content to the page's
// lifecycle. Not in the manifest: the loader (entrypoints/loader.ts) asks the background to run it
// only on pages of ours (lib/background/page-script.ts). An unlisted script, not a WXT content
// script: no polyfill and no WXT wrapper reach the page (lib/content/page-context.ts). Every
// feature's life derives from the context's signal and ends on navigation; every error is caught.
export default defineUnlistedScript(() => {
  try {
    const ctx = startPageContext(window as never);
    // A message that fails because the extension is gone (updated, removed) ends this copy.
    const send: Send = (type, data) =>
      sendToBackground(type, data).catch((err: unknown) => {
        if (!extensionAlive()) ctx.end();
        throw err;
      });
    const controller = new PageController(document, () => new URL(location.href), send, ctx.signal);
    ctx.onLocationChange(guarded(() => controller.onLocationChange()));
    // The background's 'bg:capture': the order or listing block as evidence for a case. Not a
    // feature of one page: it answers for whichever page is shown, for the content script's life.
    answerCaptureRequests(() => controller.capture(), ctx.signal);
    controller.start().catch(() => {});
  } catch {
    // Never into the page's console.
  }
});
