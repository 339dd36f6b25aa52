// The content script's own context (lib/content/page-context.ts): one copy per page, the older
// giving way, and a call after each same-document change of the address.
import { describe, expect, it, vi } from 'vitest';
import { LOCATION_POLL_MS, startPageContext } from '../../lib/content/page-context';
import { fakeWindow } from './fake-window';

describe('startPageContext', () => {
  it('ends the copy already on the page when another starts, and keeps the newest', () => {
    const holder: Record<symbol, unknown> = {};
    const win = fakeWindow('https://shopee.vn/search', true);
    const first = startPageContext(win, holder);
    const second = startPageContext(win, holder);
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    second.end();
    expect(second.signal.aborted).toBe(true);
  });

  it('calls back after each change of the address, not for an unchanged one, and not once ended', () => {
    const win = fakeWindow('https://shopee.vn/search', true);
    const ctx = startPageContext(win, {});
    const changed = vi.fn();
    ctx.onLocationChange(changed);
    win.navigate('https://shopee.vn/Ao-i.1.2');
    win.navigate('https://shopee.vn/Ao-i.1.2');
    expect(changed).toHaveBeenCalledTimes(1);
    ctx.end();
    win.navigate('https://shopee.vn/search');
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it(`without the Navigation API, looks every ${LOCATION_POLL_MS} ms, and stops with the copy`, () => {
    const win = fakeWindow('https://tiki.vn/search', false);
    const ctx = startPageContext(win, {});
    const changed = vi.fn();
    ctx.onLocationChange(changed);
    win.tick();
    expect(changed).not.toHaveBeenCalled();
    win.location.href = 'https://tiki.vn/cua-hang/vivan';
    win.tick();
    expect(changed).toHaveBeenCalledTimes(1);
    ctx.end();
    expect(win.timers.size).toBe(0);
  });
});
