import { defineContentScript } from 'wxt/utils/define-content-script';
import { answerCaptureRequests } from '../../lib/content/capture';
import { PageController } from '../../lib/content/controller';
import { guarded } from '../../lib/content/lifecycle';
import { MATCHES } from '../../lib/marketplaces';
import { sendToBackground } from '../../lib/messaging';

// ONE content script for every marketplace (WXT cannot split content scripts): thin wiring of
// lib/content to the page's lifecycle. Not in the manifest: the loader (entrypoints/loader.ts)
// asks the background to run it only on pages of ours (lib/background/page-script.ts). Every feature's life derives from ctx.signal (aborted when
// the extension is updated or removed) and ends on navigation; every error is caught.
export default defineContentScript({
  matches: [...MATCHES],
  registration: 'runtime',
  main(ctx) {
    const controller = new PageController(
      document,
      () => new URL(location.href),
      sendToBackground,
      ctx.signal,
    );
    ctx.addEventListener(
      window,
      'wxt:locationchange',
      guarded(() => controller.onLocationChange()),
    );
    // The background's 'bg:capture': the order or listing block as evidence for a case. Not a
    // feature of one page: it answers for whichever page is shown, for the content script's life.
    answerCaptureRequests(() => controller.capture(), ctx.signal);
    controller.start().catch(() => {});
  },
});
