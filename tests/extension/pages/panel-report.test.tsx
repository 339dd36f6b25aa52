import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isProductFromHash, PanelApp } from '../../../entrypoints/panel/App';
import type { LookupResult } from '../../../lib/messaging';
import { cleanup, fullRecord, render, storeSettings, stubBackground, user, waitFor } from './helpers';

const KEY = 'shopee:672907573';
const ownParent = Object.getOwnPropertyDescriptor(window, 'parent');

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

const found: LookupResult = { status: 'found', record: fullRecord(), fetchedAt: 0, snoozed: false };
const reportButton = (c: HTMLElement) => c.querySelector<HTMLButtonElement>('[data-view=report] button');

describe('panel: report suspected counterfeit', () => {
  it('reads the product flag from the hash', () => {
    expect(isProductFromHash(`#key=${encodeURIComponent(KEY)}&product=1`)).toBe(true);
    expect(isProductFromHash(`#key=${encodeURIComponent(KEY)}`)).toBe(false);
    expect(isProductFromHash('#product=0')).toBe(false);
  });

  it('on a product page, asks the background to open the report form for the sender tab', async () => {
    framed();
    window.location.hash = `#key=${encodeURIComponent(KEY)}&product=1&t=tok`;
    const received = stubBackground({
      'page:record': () => found,
      'page:redeem-panel-token': () => ({ granted: true, product: true, name: null }),
      'page:start-report': () => ({ draftId: 'r1' }),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(reportButton(container)).not.toBeNull());
    expect(reportButton(container)?.textContent).toBe('Báo hàng giả nghi vấn');
    await user(() => reportButton(container)!.click());
    // No tab id: the background uses the tab the panel is framed in.
    await waitFor(() => expect(received).toContainEqual({ type: 'page:start-report', data: {} }));
  });

  it('is there for a seller with no record too, in the chosen language', async () => {
    framed();
    await storeSettings({ language: 'en' });
    window.location.hash = `#key=${encodeURIComponent(KEY)}&product=1&t=tok`;
    stubBackground({
      'page:record': () => ({ status: 'absent', fetchedAt: 0 }),
      'page:redeem-panel-token': () => ({ granted: true, product: true, name: null }),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(reportButton(container)?.textContent).toBe('Report suspected counterfeit'));
    await user(() => reportButton(container)!.click());
    // The stub does not answer start-report: the shopper is told.
    await waitFor(() =>
      expect(container.querySelector('[data-view=report] [role=alert]')?.textContent).toBe(
        'Could not open the report form. Please try again.',
      ),
    );
  });

  it('is not offered away from a product page, nor outside the marketplace tab', async () => {
    framed();
    window.location.hash = `#key=${encodeURIComponent(KEY)}&t=tok`;
    stubBackground({
      'page:record': () => found,
      'page:redeem-panel-token': () => ({ granted: true, product: false, name: null }),
    });
    const shop = await render(<PanelApp />);
    await waitFor(() => expect(shop.container.querySelector('h1')).not.toBeNull());
    expect(reportButton(shop.container)).toBeNull();
    cleanup();
    if (ownParent) Object.defineProperty(window, 'parent', ownParent);
    window.location.hash = `#key=${encodeURIComponent(KEY)}&product=1`;
    const tab = await render(<PanelApp />);
    await waitFor(() => expect(tab.container.querySelector('h1')).not.toBeNull());
    expect(reportButton(tab.container)).toBeNull();
  });
});
