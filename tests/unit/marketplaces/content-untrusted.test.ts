/**
 * What a page script can do to our badge and order button (issue 9), in happy-dom: the shadow
 * roots are closed (the page's `host.shadowRoot` is null), and even a script that got hold of the
 * button, or dispatches events on our elements, starts nothing: only a person's click (isTrusted,
 * set by the browser on real input) opens the panel or starts a complaint.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inside, personClick, personKey, startController } from './content-harness';

const ORDER_URL = 'https://shopee.vn/user/purchase/order/118651414207583?type=3';

beforeAll(() => {
  const w = new Window();
  (globalThis as { MutationObserver?: unknown }).MutationObserver = w.MutationObserver;
});

let abort: AbortController;
afterEach(() => {
  abort?.abort();
  delete (globalThis as { chrome?: unknown }).chrome;
});

async function orderPage() {
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: { getURL: (path: string) => `chrome-extension://antam${path}` },
  };
  abort = new AbortController();
  const started = startController(
    'shopee-order.html',
    ORDER_URL,
    (type) => {
      if (type === 'content:scan') return { config: { language: 'vi', listingBadges: true }, results: {} };
      if (type === 'content:panel-token') return { token: 'tok' };
      return { draftId: 'draft-1' };
    },
    abort.signal,
  );
  await started.controller.start();
  const badge = started.doc.querySelector('antam-badge');
  const complain = started.doc.querySelector('antam-complain');
  if (!badge || !complain) throw new Error('no badge or order button');
  return { ...started, badge, complain };
}

const actions = (sent: { type: string }[]) => sent.filter((s) => s.type !== 'content:scan');

describe('page scripts against our elements', () => {
  it('find no shadow root to reach into', async () => {
    const { badge, complain } = await orderPage();
    expect(badge.shadowRoot).toBeNull();
    expect(complain.shadowRoot).toBeNull();
    expect(inside(badge, 'button')).not.toBeNull();
  });

  it('start nothing with .click() on our buttons or synthetic events on our elements', async () => {
    const { doc, sent, badge, complain } = await orderPage();
    inside(badge, 'button')?.click();
    inside(complain, 'button')?.click();
    const view = doc.defaultView as unknown as typeof globalThis;
    for (const host of [badge, complain]) {
      host.dispatchEvent(new view.MouseEvent('click', { bubbles: true, composed: true }));
      host.dispatchEvent(new view.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      (host as HTMLElement).click();
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(doc.querySelector('antam-panel')).toBeNull();
    expect(actions(sent)).toEqual([]);
  });

  it("do not close the shopper's panel with a synthetic Escape; the shopper's Escape does", async () => {
    const { doc, badge } = await orderPage();
    personClick(inside(badge, 'button'));
    expect(doc.querySelector('antam-panel')).not.toBeNull();
    expect(doc.querySelector('antam-panel')?.shadowRoot).toBeNull();
    const view = doc.defaultView as unknown as typeof globalThis;
    doc.dispatchEvent(new view.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(doc.querySelector('antam-panel')).not.toBeNull();
    personKey(doc, 'Escape');
    expect(doc.querySelector('antam-panel')).toBeNull();
  });

  it("a person's clicks still open the panel with a token and start the complaint", async () => {
    const { doc, sent, badge, complain } = await orderPage();
    personClick(inside(badge, 'button'));
    await expect
      .poll(() => inside(doc.querySelector('antam-panel'), 'iframe')?.getAttribute('src'))
      .toBe('chrome-extension://antam/panel.html#key=shopee%3A88201679&t=tok');
    personClick(inside(complain, 'button'));
    await expect
      .poll(() => actions(sent).map((s) => s.type))
      .toEqual(['content:panel-token', 'content:start-complaint']);
  });
});
