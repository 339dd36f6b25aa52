/**
 * A content-script controller (lib/content/controller.ts) over one of our fixture pages in
 * happy-dom, with a fake background: `answer` replies to each message, `sent` records them all,
 * and `navigate` moves the page's URL as an SPA navigation does.
 */
import { PageController, type Send } from '../../../lib/content/controller';
import { ownShadowRoot } from '../../../lib/content/pill';
import type { ContentSiteRules } from '../../../lib/messaging';
import { ownPage } from './pages';

export interface Sent {
  type: string;
  data: unknown;
}

export function startController(
  page: string,
  url: string,
  answer: (type: string, data: unknown) => unknown,
  signal: AbortSignal,
  /** rules (issue 12): what the background answers `content:site-rules` (kept apart from `sent`). */
  siteRules: (platform: string) => ContentSiteRules = () => ({ version: null, rules: null }),
) {
  const doc = ownPage(page);
  const sent: Sent[] = [];
  const rulesAsked: string[] = [];
  let current = new URL(url);
  const send = (async (type: string, data: unknown) => {
    if (type === 'content:site-rules') {
      const { platform } = data as { platform: string };
      rulesAsked.push(platform);
      return siteRules(platform);
    }
    sent.push({ type, data });
    return answer(type, data);
  }) as Send;
  const controller = new PageController(doc, () => current, send, signal);
  return {
    doc,
    sent,
    rulesAsked,
    controller,
    navigate(to: string) {
      current = new URL(to);
      controller.onLocationChange();
    },
  };
}

/**
 * What is inside one of our elements (badge, order button, panel): their shadow roots are closed,
 * so the page cannot reach them; our own code, and these tests, reach them through the content
 * script's module scope, which the page's world never sees.
 */
export function inside<E extends Element = HTMLElement>(
  host: Element | null | undefined,
  selector: string,
): E | null {
  return host ? (ownShadowRoot(host)?.querySelector<E>(selector) ?? null) : null;
}

/**
 * A person's click on `el`. Browsers set `isTrusted` on events made from real input, as an
 * unforgeable own property (a page script cannot define it); happy-dom has none, so the test
 * stands in for the browser here. `el.click()` stays what a page script can do: untrusted.
 */
export function personClick(el: Element | null | undefined): void {
  if (!el) throw new Error('nothing to click');
  const view = el.ownerDocument.defaultView as unknown as typeof globalThis;
  const event = new view.MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  el.dispatchEvent(event);
}

/** A person pressing `key` in the page (see personClick). */
export function personKey(doc: Document, key: string): void {
  const view = doc.defaultView as unknown as typeof globalThis;
  const event = new view.KeyboardEvent('keydown', { key, bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  doc.dispatchEvent(event);
}
