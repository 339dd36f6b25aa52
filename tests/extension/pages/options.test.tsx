import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../../entrypoints/options/App';
import { checkRegistryUrl } from '../../../entrypoints/options/registry-url';
import { loadSettings } from '../../../lib/settings';
import {
  cleanup,
  connectBackground,
  type Handlers,
  render,
  setValue,
  storeSettings,
  user,
  waitFor,
} from './helpers';

let request: ReturnType<typeof vi.fn<(p: { origins?: string[] }) => Promise<boolean>>>;

beforeEach(() => {
  fakeBrowser.reset();
  request = vi.fn(async () => true);
  fakeBrowser.permissions.request = request as typeof fakeBrowser.permissions.request;
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The options page, with the real background writing settings (unless there is none). */
async function renderOptions(stubs: Handlers | 'no background' = {}) {
  const bg = stubs === 'no background' ? null : connectBackground(null, stubs);
  const rendered = await render(<OptionsApp />);
  await waitFor(() => expect(rendered.container.querySelector('h1')).not.toBeNull());
  const { container } = rendered;
  const input = () => container.querySelector<HTMLInputElement>('input[name=registryUrl]')!;
  const button = (text: string) =>
    [...container.querySelectorAll('button')].find((b) => b.textContent === text)!;
  const status = () =>
    input()
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)!)[1]!;
  return { container, input, button, status, received: bg?.received ?? [] };
}

describe('checkRegistryUrl', () => {
  it('accepts https anywhere and http only on this machine', () => {
    expect(checkRegistryUrl('https://registry.example.org/')).toEqual({
      ok: true,
      url: 'https://registry.example.org',
      permission: 'https://registry.example.org/*',
    });
    expect(checkRegistryUrl(' http://localhost:8787 ')).toMatchObject({
      ok: true,
      url: 'http://localhost:8787',
      permission: 'http://localhost/*',
    });
    expect(checkRegistryUrl('http://127.0.0.1:8787/antam/')).toMatchObject({
      ok: true,
      url: 'http://127.0.0.1:8787/antam',
    });
    expect(checkRegistryUrl('http://registry.example.org')).toEqual({
      ok: false,
      error: 'options.registry.httpsRequired',
    });
    expect(checkRegistryUrl('http://127.0.0.2')).toEqual({
      ok: false,
      error: 'options.registry.httpsRequired',
    });
    expect(checkRegistryUrl('registry.example.org')).toEqual({
      ok: false,
      error: 'options.registry.invalid',
    });
    expect(checkRegistryUrl('javascript:alert(1)')).toEqual({ ok: false, error: 'options.registry.invalid' });
    expect(checkRegistryUrl('ftp://registry.example.org')).toEqual({
      ok: false,
      error: 'options.registry.invalid',
    });
    expect(checkRegistryUrl('https://user:pw@registry.example.org')).toEqual({
      ok: false,
      error: 'options.registry.notPlain',
    });
    expect(checkRegistryUrl('https://registry.example.org/?x=1')).toEqual({
      ok: false,
      error: 'options.registry.notPlain',
    });
  });
});

describe('options page', () => {
  it('refuses an invalid address with a clear message, in Vietnamese by default', async () => {
    const { input, button, status } = await renderOptions();
    expect(document.documentElement.lang).toBe('vi');
    await user(() => setValue(input(), 'khong phai dia chi'));
    await user(() => button('Lưu địa chỉ').click());
    await waitFor(() => expect(status().textContent).toContain('Địa chỉ không hợp lệ'));
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(request).not.toHaveBeenCalled();
    expect((await loadSettings()).registryUrl).toBeNull();
  });

  it('refuses plain http to another machine', async () => {
    const { input, button, status } = await renderOptions();
    await user(() => setValue(input(), 'http://registry.example.org'));
    await user(() => button('Lưu địa chỉ').click());
    await waitFor(() => expect(status().textContent).toContain('Cần dùng https://'));
    expect(request).not.toHaveBeenCalled();
    expect((await loadSettings()).registryUrl).toBeNull();
  });

  it('asks for the host permission, then saves and confirms', async () => {
    const { input, button, status } = await renderOptions();
    await user(() => setValue(input(), 'https://registry.example.org/'));
    await user(() => button('Lưu địa chỉ').click());
    await waitFor(() => expect(status().textContent).toBe('Đã lưu địa chỉ máy chủ.'));
    expect(request).toHaveBeenCalledWith({ origins: ['https://registry.example.org/*'] });
    expect((await loadSettings()).registryUrl).toBe('https://registry.example.org');
    expect(input().value).toBe('https://registry.example.org');
  });

  it('does not save when the permission is refused', async () => {
    request.mockResolvedValue(false);
    const { input, button, status } = await renderOptions();
    await user(() => setValue(input(), 'http://localhost:9000'));
    await user(() => button('Lưu địa chỉ').click());
    await waitFor(() => expect(status().textContent).toContain('chưa cấp quyền'));
    expect(request).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    expect((await loadSettings()).registryUrl).toBeNull();
  });

  it('resets the registry to the default', async () => {
    await storeSettings({ registryUrl: 'https://registry.example.org' });
    const { input, button, status } = await renderOptions();
    expect(input().value).toBe('https://registry.example.org');
    await user(() => button('Khôi phục mặc định').click());
    await waitFor(() => expect(status().textContent).toBe('Đã khôi phục địa chỉ mặc định.'));
    expect((await loadSettings()).registryUrl).toBeNull();
    expect(input().value).toBe('');
  });

  it('switches language at once and keeps the choice', async () => {
    const { container, input, button, status } = await renderOptions();
    expect(container.querySelector('h1')?.textContent).toBe('Cài đặt An Tâm');
    // An error shown before the switch follows it into the new language.
    await user(() => setValue(input(), 'nope'));
    await user(() => button('Lưu địa chỉ').click());
    await waitFor(() => expect(status().textContent).toContain('Địa chỉ không hợp lệ'));

    const select = container.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Tiếng Việt', 'English']);
    await user(() => setValue(select, 'en'));
    expect(container.querySelector('h1')?.textContent).toBe('An Tâm settings');
    expect(status().textContent).toContain('This is not a valid address');
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    await waitFor(async () => expect((await loadSettings()).language).toBe('en'));
    expect(container.textContent).toContain('Saved.');
  });

  it('turns badges on listings off', async () => {
    const { container } = await renderOptions();
    const checkbox = container.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(checkbox.checked).toBe(true);
    await user(() => checkbox.click());
    await waitFor(() => expect(container.textContent).toContain('Đã lưu.'));
    expect((await loadSettings()).listingBadges).toBe(false);
  });

  it('lists snoozed sellers and un-snoozes them through the background', async () => {
    await storeSettings({
      snoozed: {
        'shopee:672907573': '2026-06-10T12:00:00Z',
        'lazada:@some-shop': '2026-05-01T12:00:00Z',
        'sendo:9001': '2026-04-01T12:00:00Z',
      },
      // The seller's name, not a technical key, wherever one is known (issue 11, item 3).
      snoozedNames: { 'sendo:9001': 'Vivan Official Store' },
    });
    // The real background drops the key; the page sees it through storage.
    const { container, received } = await renderOptions();
    const items = () => [...container.querySelectorAll('.snoozed li')];
    expect(items().map((li) => li.querySelector('.snoozed__seller')?.textContent)).toEqual([
      'Lazada · @some-shop',
      'Sendo · Vivan Official Store',
      'Shopee · 672907573',
    ]);
    expect(items()[1]!.querySelector('button')!.getAttribute('aria-label')).toBe(
      'Hiện lại huy hiệu của người bán Sendo · Vivan Official Store',
    );
    expect(items()[2]?.textContent).toContain('10/06/2026');
    const unsnooze = items()[2]!.querySelector('button')!;
    expect(unsnooze.getAttribute('aria-label')).toBe('Hiện lại huy hiệu của người bán Shopee · 672907573');
    await user(() => unsnooze.click());
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(received.filter((m) => m.type !== 'page:watch-list' && m.type !== 'page:site-rules')).toEqual([
      { type: 'page:snooze', data: { key: 'shopee:672907573', snoozed: false } },
    ]);
  });

  // rules (issue 12)
  it('says which site rules read the pages: the built-ins, or the version in force and when it came', async () => {
    const { container } = await renderOptions();
    const line = () => container.querySelector('[data-view="site-rules"] p')?.textContent;
    await waitFor(() =>
      expect(line()).toBe('Quy tắc trang: có sẵn trong tiện ích (chưa nhận bản cập nhật nào)'),
    );
    cleanup();
    const appliedAt = new Date(2026, 11, 1, 9, 5).getTime();
    const ruled = await renderOptions({
      'page:site-rules': () => ({ version: 12, appliedAt, expiresAt: '2026-12-31T00:00:00Z' }),
    });
    const ruledLine = () => ruled.container.querySelector('[data-view="site-rules"] p')?.textContent;
    await waitFor(() =>
      expect(ruledLine()).toBe('Quy tắc trang: phiên bản 12, cập nhật lúc 09:05 01/12/2026'),
    );
    const select = ruled.container.querySelector('select')!;
    await user(() => setValue(select, 'en'));
    await waitFor(() => expect(ruledLine()).toBe('Site rules: version 12, updated 1 Dec 2026, 09:05'));
  });

  it('says so and changes nothing when the background does not answer (only it writes settings)', async () => {
    await storeSettings({ snoozed: { 'tiki:1': '2026-06-10T12:00:00Z' } });
    const { container } = await renderOptions('no background');
    await user(() => container.querySelector<HTMLButtonElement>('.snoozed button')!.click());
    await waitFor(() => expect(container.textContent).toContain('Không lưu được cài đặt. Vui lòng thử lại.'));
    expect(container.textContent).toContain('Tiki · 1');
    expect((await loadSettings()).snoozed).toEqual({ 'tiki:1': '2026-06-10T12:00:00Z' });
  });

  it('saves nothing itself: a change the background refuses is not stored', async () => {
    const { container } = await renderOptions({
      'page:save-settings': () => Promise.reject(new Error('refused')),
    });
    const checkbox = container.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    await user(() => checkbox.click());
    await waitFor(() => expect(container.textContent).toContain('Không lưu được cài đặt. Vui lòng thử lại.'));
    expect((await loadSettings()).listingBadges).toBe(true);
  });
});
