import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PanelApp, sellerKeyFromHash } from '../../../entrypoints/panel/App';
import type { LookupResult } from '../../../lib/messaging';
import {
  cleanup,
  flush,
  fullRecord,
  render,
  storeSettings,
  stubBackground,
  user,
  waitFor,
  XSS,
} from './helpers';

const KEY = 'shopee:672907573';

function found(snoozed = false, record = fullRecord()): LookupResult {
  return { status: 'found', record, fetchedAt: 0, snoozed };
}

beforeEach(() => {
  fakeBrowser.reset();
  window.location.hash = `#key=${encodeURIComponent(KEY)}`;
});

// happy-dom's own `parent`, put back after the test that pretends to be framed.
const ownParent = Object.getOwnPropertyDescriptor(window, 'parent');

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  if (ownParent) Object.defineProperty(window, 'parent', ownParent);
  else Reflect.deleteProperty(window, 'parent');
});

describe('sellerKeyFromHash', () => {
  it('reads a valid key and refuses anything else', () => {
    expect(sellerKeyFromHash('#key=shopee%3A672907573')).toBe(KEY);
    expect(sellerKeyFromHash('#key=lazada%3A%40some-shop')).toBe('lazada:@some-shop');
    expect(sellerKeyFromHash('#key=evil%3A1')).toBeNull();
    expect(sellerKeyFromHash('')).toBeNull();
  });
});

describe('panel page', () => {
  it('asks the background for the record and shows it in the chosen language', async () => {
    await storeSettings({ language: 'en' });
    const received = stubBackground({ 'page:record': () => found() });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Nobi Star (dữ liệu mẫu)'));
    expect(received).toEqual([{ type: 'page:record', data: { key: KEY } }]);
    expect(container.textContent).toContain('Why this level');
    expect(document.documentElement.lang).toBe('en');
    const link = [...container.querySelectorAll('a')].find((a) => a.textContent?.includes('public record'));
    expect(link?.getAttribute('href')).toBe('http://127.0.0.1:8787/s/shopee/672907573?lang=en');
  });

  it('defaults to Vietnamese and uses the registry chosen in settings', async () => {
    await storeSettings({ registryUrl: 'https://registry.example.org' });
    stubBackground({ 'page:record': () => found() });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.textContent).toContain('Căn cứ xếp mức'));
    expect(document.documentElement.lang).toBe('vi');
    const link = [...container.querySelectorAll('a')].find((a) => a.textContent?.includes('hồ sơ công khai'));
    expect(link?.getAttribute('href')).toBe('https://registry.example.org/s/shopee/672907573');
  });

  it('snoozes the seller through the background, and can undo it', async () => {
    const received = stubBackground({
      'page:record': () => found(false),
      'page:snooze': () => ({ ok: true }),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.querySelector('input[type=checkbox]')).not.toBeNull());
    const toggle = container.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(container.querySelector(`label[for="${toggle.id}"]`)?.textContent).toBe(
      'Tạm ẩn huy hiệu của người bán này cho đến khi hồ sơ thay đổi',
    );
    expect(toggle.checked).toBe(false);
    await user(() => toggle.click());
    await waitFor(() => {
      expect(container.textContent).toContain('Đã tạm ẩn.');
      // Disabled while the background has not confirmed.
      expect(toggle.disabled).toBe(false);
    });
    await user(() => toggle.click());
    await flush();
    expect(received.filter((m) => m.type === 'page:snooze').map((m) => m.data)).toEqual([
      { key: KEY, snoozed: true },
      { key: KEY, snoozed: false },
    ]);
  });

  it('shows "unavailable" when the background cannot answer, and retries', async () => {
    // No listener at all: sendMessage rejects, as when the background is not there.
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.textContent).toContain('Chưa kết nối được cơ sở dữ liệu tín nhiệm'));
    stubBackground({ 'page:record': () => ({ status: 'absent', fetchedAt: 0 }) });
    await user(() => container.querySelector<HTMLButtonElement>('.trust button')!.click());
    await waitFor(() =>
      expect(container.textContent).toContain('An Tâm chưa có hồ sơ nào về người bán này.'),
    );
  });

  it('says so when the hash names no valid seller', async () => {
    window.location.hash = '#key=<script>';
    const { container } = await render(<PanelApp />);
    await flush();
    expect(container.textContent).toContain('Không xác định được người bán cần hiển thị.');
  });

  it('follows a new seller when the content script changes the hash', async () => {
    stubBackground({
      'page:record': ({ key }) =>
        found(false, fullRecord({ name: key === KEY ? 'First' : 'Second', sellerId: '2' })),
    });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('First'));
    await user(() => {
      window.location.hash = '#key=shopee%3A2';
      window.dispatchEvent(new Event('hashchange'));
    });
    await waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Second'));
  });

  it('in an iframe, the close button and Escape ask the parent page to close it', async () => {
    const postMessage = vi.fn();
    Object.defineProperty(window, 'parent', { value: { postMessage }, configurable: true });
    stubBackground({ 'page:record': () => found() });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.querySelector('h1')).not.toBeNull());
    const close = container.querySelector<HTMLButtonElement>('.panel__close')!;
    expect(close.getAttribute('aria-label')).toBe('Đóng bảng thông tin người bán');
    await user(() => close.click());
    await user(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));
    // Not yet: it closes when Escape is released, so no release is left for the page or a gone frame.
    expect(postMessage.mock.calls).toHaveLength(1);
    await user(() => window.dispatchEvent(new KeyboardEvent('keyup', { key: 'Escape' })));
    // A release without its press (the press went to the page) does nothing.
    await user(() => window.dispatchEvent(new KeyboardEvent('keyup', { key: 'Escape' })));
    expect(postMessage.mock.calls).toEqual([
      [{ antam: 'close-panel' }, '*'],
      [{ antam: 'close-panel' }, '*'],
    ]);
  });

  it('opened as a tab of its own, it has no close button', async () => {
    stubBackground({ 'page:record': () => found() });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.querySelector('h1')).not.toBeNull());
    expect(container.querySelector('.panel__close')).toBeNull();
  });

  it('shows a hostile seller name as text', async () => {
    stubBackground({ 'page:record': () => found(false, fullRecord({ name: XSS })) });
    const { container } = await render(<PanelApp />);
    await waitFor(() => expect(container.querySelector('h1')?.textContent).toBe(XSS));
    expect(container.querySelector('img')).toBeNull();
  });
});
