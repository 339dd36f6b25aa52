// The always-on loader (lib/content/loader.ts): it asks for the content script proper once, and
// only on pages of ours — at once, or when a single-page app navigates to one.
import { describe, expect, it, vi } from 'vitest';
import { isOurPage, POLL_MS, startLoader } from '../../lib/content/loader';
import { fakeWindow } from './fake-window';

describe('isOurPage', () => {
  it.each([
    'https://shopee.vn/Tai-nghe-i.672907573.19445913336',
    'https://shopee.vn/search?keyword=tai%20nghe',
    'https://shopee.vn/user/purchase/order/123456789',
    'https://tiki.vn/cua-hang/vivan',
    'https://www.lazada.vn/products/tai-nghe-i123456-s789.html',
    'https://www.sendo.vn/tim-kiem',
    'https://shop.tiktok.com/view/product/1729384756',
  ])('%s is ours', (href) => expect(isOurPage(href)).toBe(true));

  it.each([
    'https://shopee.vn/cart',
    'https://shopee.vn/checkout',
    'https://tiki.vn/',
    'https://shopee.vn.evil.example/Tai-nghe-i.672907573.19445913336',
    'chrome://extensions',
    'not a url',
  ])('%s is not', (href) => expect(isOurPage(href)).toBe(false));
});

describe('startLoader', () => {
  it('loads at once on a page of ours, and only once', async () => {
    const win = fakeWindow('https://shopee.vn/search', true);
    const load = vi.fn(async () => ({ loaded: true }));
    startLoader(win, load);
    win.navigate('https://shopee.vn/Ao-i.1.2');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('waits on a page that is none of ours, and loads when the app navigates to one', () => {
    const win = fakeWindow('https://shopee.vn/cart', true);
    const load = vi.fn(async () => ({ loaded: true }));
    startLoader(win, load);
    expect(load).not.toHaveBeenCalled();
    win.navigate('https://shopee.vn/checkout');
    expect(load).not.toHaveBeenCalled();
    win.navigate('https://shopee.vn/Ao-i.1.2');
    win.navigate('https://shopee.vn/search');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it(`without the Navigation API, looks at the address every ${POLL_MS} ms, then stops`, () => {
    const win = fakeWindow('https://tiki.vn/', false);
    const load = vi.fn(async () => ({ loaded: true }));
    startLoader(win, load);
    expect(win.timers.size).toBe(1);
    win.tick();
    expect(load).not.toHaveBeenCalled();
    win.location.href = 'https://tiki.vn/cua-hang/vivan';
    win.tick();
    expect(load).toHaveBeenCalledTimes(1);
    expect(win.timers.size).toBe(0);
  });

  it('swallows a refused load: nothing reaches the page', async () => {
    const win = fakeWindow('https://shopee.vn/search', true);
    const rejected = Promise.reject(new Error('Extension context invalidated.'));
    const load = vi.fn(() => rejected);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    startLoader(win, load);
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', unhandled);
    expect(load).toHaveBeenCalledTimes(1);
    expect(unhandled).not.toHaveBeenCalled();
  });
});
