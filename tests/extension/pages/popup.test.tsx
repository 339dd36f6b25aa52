import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../../entrypoints/popup/App';
import type { PageReport, TabState } from '../../../lib/messaging';
import { cleanup, fullRecord, render, storeSettings, stubBackground, user, waitFor, XSS } from './helpers';

let tabId: number;

beforeEach(async () => {
  fakeBrowser.reset();
  // fakeBrowser has no current window until one is focused.
  const win = await fakeBrowser.windows.create({ focused: true });
  const tab = await fakeBrowser.tabs.create({
    url: 'https://shopee.vn/product/672907573/1',
    active: true,
    windowId: win?.id,
  });
  tabId = tab.id!;
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const productPage: PageReport = {
  platform: 'shopee',
  kind: 'product',
  sellerKey: 'shopee:672907573',
  sellerName: 'Tên trên trang',
};

async function renderWith(state: TabState) {
  const received = stubBackground({ 'page:tab-state': () => state, 'page:snooze': () => ({ ok: true }) });
  const rendered = await render(<PopupApp />);
  await waitFor(() => expect(rendered.container.textContent).not.toContain('Đang tải'));
  return { ...rendered, received };
}

describe('popup', () => {
  it('says clearly when the tab is not a supported marketplace page', async () => {
    const { container, received } = await renderWith({ page: null, result: null });
    expect(received[0]).toEqual({ type: 'page:tab-state', data: { tabId } });
    expect(container.textContent).toContain('Đây không phải trang của sàn thương mại điện tử được hỗ trợ');
    expect(container.textContent).toContain('Shopee, Lazada, Tiki, TikTok Shop và Sendo');
    expect(container.querySelector('.level-badge')).toBeNull();
  });

  it('says it in English when the settings say English', async () => {
    await storeSettings({ language: 'en' });
    const { container } = await renderWith({ page: null, result: null });
    expect(container.textContent).toContain('This is not a page of a supported marketplace');
    expect(document.documentElement.lang).toBe('en');
  });

  it('explains listing pages, and says when listing badges are off', async () => {
    const listing: TabState = {
      page: { platform: 'tiki', kind: 'listing', sellerKey: null, sellerName: null },
      result: null,
    };
    const on = await renderWith(listing);
    expect(on.container.textContent).toContain('Trang danh sách: huy hiệu hiển thị trên từng sản phẩm');
    expect(on.container.textContent).not.toContain('đang tắt');
    cleanup();
    fakeBrowser.runtime.onMessage.removeAllListeners();
    await storeSettings({ listingBadges: false });
    const off = await renderWith(listing);
    expect(off.container.textContent).toContain('Huy hiệu trên trang danh sách đang tắt');
  });

  it('summarises the seller: name, level, top reasons, details link, snooze', async () => {
    const { container, received } = await renderWith({
      page: productPage,
      result: { status: 'found', record: fullRecord(), fetchedAt: 0, snoozed: false },
    });
    expect(container.querySelector('h2')?.textContent).toBe('Nobi Star (dữ liệu mẫu)');
    expect(container.querySelector('.level-badge')?.textContent).toContain('Rủi ro cao');
    const reasons = [...container.querySelectorAll('.reason')].map((r) => r.textContent);
    expect(reasons).toHaveLength(3);
    expect(reasons[0]).toContain('Bị xử phạt: Cục QLTT Hà Nội, 01/06/2026');
    expect(container.textContent).toContain('Dữ liệu mẫu');
    const details = [...container.querySelectorAll('a')].find((a) => a.textContent === 'Xem đầy đủ chi tiết');
    expect(details?.getAttribute('href')).toBe(
      `${fakeBrowser.runtime.getURL('/panel.html')}#key=${encodeURIComponent('shopee:672907573')}`,
    );
    const snooze = container.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    await user(() => snooze.click());
    await waitFor(() =>
      expect(received.at(-1)).toEqual({
        type: 'page:snooze',
        data: { key: 'shopee:672907573', snoozed: true },
      }),
    );
  });

  it('falls back to the page name and stays neutral when the registry has no record', async () => {
    const { container } = await renderWith({ page: productPage, result: { status: 'absent', fetchedAt: 0 } });
    expect(container.querySelector('h2')?.textContent).toBe('Tên trên trang');
    expect(container.querySelector('.level-badge')?.textContent).toContain('Chưa có dữ liệu');
    expect(container.textContent).toContain('An Tâm chưa có hồ sơ nào về người bán này.');
    // Nothing to snooze until there is a record.
    expect(container.querySelector('input[type=checkbox]')).toBeNull();
  });

  it('shows hostile names as text', async () => {
    const { container } = await renderWith({
      page: { ...productPage, sellerName: XSS },
      result: { status: 'absent', fetchedAt: 0 },
    });
    expect(container.querySelector('h2')?.textContent).toBe(XSS);
    expect(container.querySelector('img')).toBeNull();
  });

  it('says the registry is unreachable when the background does not answer', async () => {
    const { container } = await render(<PopupApp />);
    await waitFor(() => expect(container.textContent).toContain('Chưa kết nối được cơ sở dữ liệu tín nhiệm'));
  });

  it('opens the options page', async () => {
    const open = vi.fn(async () => {});
    fakeBrowser.runtime.openOptionsPage = open;
    const { container } = await renderWith({ page: null, result: null });
    const settings = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Cài đặt')!;
    await user(() => settings.click());
    expect(open).toHaveBeenCalledOnce();
  });
});
