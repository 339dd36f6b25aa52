// The badge panel framed by someone else (issue 9): panel.html is web-accessible, so a script on a
// marketplace page can frame it, invisibly, and steer one real click onto its snooze or report
// button. Framed, the panel acts only with a token our content script got from the background;
// without one the shopper sees the record and a note saying why there is nothing to press.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp, tokenFromHash } from '../../../entrypoints/panel/App';
import type { LookupResult } from '../../../lib/messaging';
import { cleanup, flush, fullRecord, render, stubBackground, waitFor } from './helpers';

const KEY = 'shopee:672907573';
const OTHER = 'shopee:9900000007';
const ownParent = Object.getOwnPropertyDescriptor(window, 'parent');
const found: LookupResult = { status: 'found', record: fullRecord(), fetchedAt: 0, snoozed: false };
const READ_ONLY = 'Chỉ xem: bảng này không được mở từ huy hiệu An Tâm';

function framed(): void {
  Object.defineProperty(window, 'parent', { value: { postMessage: vi.fn() }, configurable: true });
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  if (ownParent) Object.defineProperty(window, 'parent', ownParent);
  else Reflect.deleteProperty(window, 'parent');
});

/** What the shopper can press or read in the panel. */
function seen(c: HTMLElement) {
  return {
    snooze: c.querySelector('input[type=checkbox]'),
    report: c.querySelector('[data-view=report] button'),
    note: c.querySelector('[data-view=read-only]')?.textContent ?? null,
    title: c.querySelector('h1')?.textContent ?? null,
  };
}

describe('panel: who may act', () => {
  it('reads the token from the hash, and nothing that is not one', () => {
    expect(tokenFromHash('#key=shopee%3A1&t=abc_-1')).toBe('abc_-1');
    expect(tokenFromHash('#key=shopee%3A1')).toBeNull();
    expect(tokenFromHash('#t=')).toBeNull();
    expect(tokenFromHash(`#t=${'a'.repeat(65)}`)).toBeNull();
  });

  it('framed without a token (a page framed it): the record, read-only, with a note', async () => {
    framed();
    window.location.hash = `#key=${encodeURIComponent(KEY)}&product=1`;
    const received = stubBackground({ 'page:record': () => found, 'page:snooze': () => ({ ok: true }) });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(seen(container).title).toBe('Nobi Star (dữ liệu mẫu)'));
    expect(seen(container)).toMatchObject({ snooze: null, report: null });
    expect(seen(container).note).toContain(READ_ONLY);
    expect(received.map((m) => m.type)).toEqual(['page:record']);
  });

  it('framed with a token the background refuses (forged, replayed, another tab): read-only', async () => {
    framed();
    window.location.hash = `#key=${encodeURIComponent(KEY)}&product=1&t=forged`;
    const received = stubBackground({
      'page:record': () => found,
      'page:redeem-panel-token': () => ({ granted: false }),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(seen(container).note).toContain(READ_ONLY));
    expect(seen(container)).toMatchObject({ snooze: null, report: null, title: 'Nobi Star (dữ liệu mẫu)' });
    expect(received).toContainEqual({ type: 'page:redeem-panel-token', data: { token: 'forged', key: KEY } });
  });

  it('framed with a granted token: snooze and report, and no note', async () => {
    framed();
    window.location.hash = `#key=${encodeURIComponent(KEY)}&product=1&t=good`;
    stubBackground({
      'page:record': () => found,
      'page:redeem-panel-token': () => ({ granted: true, product: true, name: null }),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(seen(container).snooze).not.toBeNull());
    expect(seen(container).report).not.toBeNull();
    expect(seen(container).note).toBeNull();
  });

  it('offers no report when the token was issued for a page that is not a product page', async () => {
    framed();
    // The page cannot add `&product=1` to our frame's hash, but if it could, the grant decides.
    window.location.hash = `#key=${encodeURIComponent(KEY)}&product=1&t=good-shop`;
    stubBackground({
      'page:record': () => found,
      'page:redeem-panel-token': () => ({ granted: true, product: false, name: null }),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(seen(container).snooze).not.toBeNull());
    expect(seen(container).report).toBeNull();
  });

  it('a hash moved to another seller (the page navigated our frame) is read-only for that seller', async () => {
    framed();
    window.location.hash = `#key=${encodeURIComponent(KEY)}&t=good-moved`;
    const spent = new Set<string>();
    const received = stubBackground({
      'page:record': () => found,
      // As the background does: once per token, for the seller it was issued for.
      'page:redeem-panel-token': ({ token, key }) => {
        const first = !spent.has(token);
        spent.add(token);
        return first && token === 'good-moved' && key === KEY
          ? { granted: true, product: false, name: null }
          : { granted: false };
      },
      'page:snooze': () => ({ ok: true }),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(seen(container).snooze).not.toBeNull());
    window.location.hash = `#key=${encodeURIComponent(OTHER)}&t=good-moved`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(seen(container).note).toContain(READ_ONLY));
    await flush();
    expect(seen(container).snooze).toBeNull();
    expect(received.filter((m) => m.type === 'page:snooze')).toEqual([]);
  });

  it('opened as a tab of its own (from the popup), it cannot be framed: it acts without a token', async () => {
    window.location.hash = `#key=${encodeURIComponent(KEY)}`;
    const received = stubBackground({ 'page:record': () => found });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(seen(container).snooze).not.toBeNull());
    expect(seen(container).note).toBeNull();
    expect(received.map((m) => m.type)).toEqual(['page:record']);
  });
});
