import { defineContentScript } from 'wxt/utils/define-content-script';
import { answerCaptureRequests } from '../../lib/content/capture';
import { PageController } from '../../lib/content/controller';
import { MATCHES } from '../../lib/marketplaces';
import { sendToBackground } from '../../lib/messaging';

// ONE content script for every marketplace (WXT cannot split content scripts): thin wiring of
// lib/content to the page's lifecycle. Everything is tied to ctx.signal and every error is caught.
export default defineContentScript({
  matches: [...MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new PageController(
      document,
      () => new URL(location.href),
      sendToBackground,
      ctx.signal,
    );
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      try {
        controller.onLocationChange();
      } catch {
        // never let our errors reach the page
      }
    });
    // The background's 'bg:capture': the order or listing block as evidence for a case.
    answerCaptureRequests(() => controller.capture(), ctx.signal);
    controller.start().catch(() => {});
  },
});
