// The first-run page and options' watch list as the shopper sees them: each level's badge (icon and
// word) beside the rule that produces it, what leaves the browser, the permission request only
// where the browser has not granted the marketplaces, English through the extension's setting;
// the watch list's sellers by name, removed through the background with focus kept in the list,
// and the switch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../../entrypoints/options/App';
import { WelcomeApp } from '../../../entrypoints/welcome/App';
import type { WatchedSellerView } from '../../../lib/messaging';
import { loadSettings } from '../../../lib/settings';
import { cleanup, connectBackground, render, storeSettings, user, waitFor } from './helpers';

let contains: ReturnType<typeof vi.fn<() => Promise<boolean>>>;
let request: ReturnType<typeof vi.fn<() => Promise<boolean>>>;

beforeEach(() => {
  fakeBrowser.reset();
  contains = vi.fn(async () => true);
  request = vi.fn(async () => false);
  fakeBrowser.permissions.contains = contains as unknown as typeof fakeBrowser.permissions.contains;
  fakeBrowser.permissions.request = request as unknown as typeof fakeBrowser.permissions.request;
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function renderWelcome() {
  connectBackground(null);
  const rendered = await render(<WelcomeApp />);
  await waitFor(() => expect(rendered.container.querySelector('h1')).not.toBeNull());
  return rendered.container;
}

describe('the first-run page', () => {
  it('shows each level as its badge, icon and word, with the rule that produces it, in Vietnamese', async () => {
    const page = await renderWelcome();
    expect(page.querySelector('h1')?.textContent).toBe('Chào mừng bạn đến với An Tâm');
    const level = (l: string) => page.querySelector(`li[data-level="${l}"]`)?.textContent ?? '';
    expect(level('danger')).toContain('✖Rủi ro cao');
    expect(level('danger')).toContain('bị cơ quan nhà nước xử phạt trong 24 tháng qua');
    expect(level('danger')).toContain('có từ 3 lần hàng giả trở lên được kiểm duyệt viên xác nhận');
    expect(level('caution')).toContain('▲Cần lưu ý');
    expect(level('trusted')).toContain('✔Đáng tin cậy');
    expect(level('trusted')).toContain('Khi có đủ tất cả các điều sau:');
    expect(level('ok')).toContain('●Bình thường');
    expect(level('unknown')).toContain('?Chưa có dữ liệu');
    expect(level('unavailable')).toContain('Không tải được');
    const privacy = page.querySelector('[data-section="privacy"]')?.textContent ?? '';
    expect(privacy).toContain('chỉ gửi 4 ký tự đầu của mã băm');
    expect(privacy).toContain('Chỉ khi bạn gửi một khiếu nại hoặc một báo cáo hàng giả');
    const links = [...page.querySelectorAll('[data-section="links"] a')].map((a) => a.textContent);
    expect(links).toEqual([
      'Mở cài đặt An Tâm',
      'Quy tắc tính mức tín nhiệm trên trang của cơ sở dữ liệu (127.0.0.1:8787)',
    ]);
    // Granted at install (Chromium): nothing to ask for.
    expect(page.querySelector('[data-section="permission"]')).toBeNull();
    expect(page.textContent).not.toContain('Cho phép trên các sàn');
  });

  it('in English when the extension is set so, with the registry’s English rules page', async () => {
    await storeSettings({ language: 'en', registryUrl: 'https://antam.example.vn' });
    const page = await renderWelcome();
    await waitFor(() => expect(page.querySelector('h1')?.textContent).toBe('Welcome to An Tâm'));
    expect(page.querySelector('li[data-level="danger"]')?.textContent).toContain('✖High risk');
    const levels = [...page.querySelectorAll<HTMLAnchorElement>('[data-section="links"] a')][1];
    expect(levels?.href).toBe('https://antam.example.vn/levels?lang=en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('asks for the marketplaces where the browser has not granted them, and says what happens without', async () => {
    contains.mockResolvedValue(false);
    const page = await renderWelcome();
    await waitFor(() => expect(page.querySelector('[data-section="permission"]')).not.toBeNull());
    const section = page.querySelector('[data-section="permission"]')!;
    expect(section.textContent).toContain('An Tâm không hiện huy hiệu và nút “Khiếu nại”');
    const button = [...section.querySelectorAll('button')].find(
      (b) => b.textContent === 'Cho phép trên các sàn',
    )!;
    await user(() => button.click());
    await waitFor(() =>
      expect(section.querySelector('[role=status]')?.textContent).toContain('Bạn chưa cho phép'),
    );
    const asked = request.mock.calls[0] as unknown as [{ origins: string[] }];
    expect(asked[0].origins).toContain('*://shopee.vn/*');

    request.mockResolvedValue(true);
    await user(() => button.click());
    await waitFor(() =>
      expect(section.querySelector('[role=status]')?.textContent).toBe(
        'Đã cho phép. Huy hiệu sẽ hiện khi bạn mở trang của các sàn.',
      ),
    );
    expect(section.querySelector('button')).toBeNull();
  });
});

describe('options: the sellers I bought from', () => {
  const SELLERS: WatchedSellerView[] = [
    {
      key: 'shopee:88201679',
      name: 'Teelab Official',
      platform: 'shopee',
      addedAt: Date.UTC(2026, 10, 20),
      lastNotice: {
        at: Date.UTC(2026, 11, 1),
        text: 'Người bán Teelab Official: có quyết định xử phạt mới',
      },
    },
    {
      key: 'lazada:6548',
      name: 'sachbanchay-vn',
      platform: 'lazada',
      addedAt: Date.UTC(2026, 10, 2),
      lastNotice: null,
    },
  ];

  async function renderOptions() {
    let sellers = [...SELLERS];
    const bg = connectBackground(null, {
      'page:watch-list': () => ({ sellers }),
      'page:watch-remove': ({ key }) => {
        sellers = sellers.filter((s) => s.key !== key);
        return { ok: true };
      },
    });
    const { container } = await render(<OptionsApp />);
    await waitFor(() => expect(container.querySelectorAll('[data-watched]')).toHaveLength(2));
    const section = container.querySelector('[data-section="watch"]')!;
    return { section, received: bg.received };
  }

  it('lists them by the name the page showed, with marketplace, date and the last change', async () => {
    const { section } = await renderOptions();
    const rows = [...section.querySelectorAll('[data-watched]')].map((li) => li.textContent);
    expect(rows[0]).toContain('Teelab Official · Shopee');
    expect(rows[0]).toContain('Thêm ngày 20/11/2026');
    expect(rows[0]).toContain(
      'Thay đổi gần nhất (01/12/2026): Người bán Teelab Official: có quyết định xử phạt mới',
    );
    expect(rows[1]).toContain('sachbanchay-vn · Lazada');
    expect(section.textContent).toContain('tối đa 500 người bán');
  });

  it('removes one through the background and keeps focus in the list', async () => {
    const { section, received } = await renderOptions();
    const first = section.querySelector<HTMLButtonElement>('[data-watched] button')!;
    expect(first.getAttribute('aria-label')).toBe('Bỏ theo dõi người bán Teelab Official');
    first.focus();
    await user(() => first.click());
    await waitFor(() => expect(section.querySelectorAll('[data-watched]')).toHaveLength(1));
    expect(received).toContainEqual({ type: 'page:watch-remove', data: { key: 'shopee:88201679' } });
    expect(section.querySelector('[role=status]')?.textContent).toBe('Đã bỏ theo dõi Teelab Official.');
    // Focus moved to the row that took its place, not back to the page's start.
    await waitFor(() =>
      expect(document.activeElement?.getAttribute('aria-label')).toBe('Bỏ theo dõi người bán sachbanchay-vn'),
    );
    await user(() => (document.activeElement as HTMLButtonElement).click());
    await waitFor(() => expect(section.textContent).toContain('Chưa có người bán nào.'));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Người bán tôi đã mua'));
  });

  it('turns watching off through the background and says what that means', async () => {
    const { section } = await renderOptions();
    const toggle = section.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(toggle.checked).toBe(true);
    expect(section.textContent).not.toContain('Đang tắt');
    await user(() => toggle.click());
    await waitFor(() =>
      expect(section.textContent).toContain('Đang tắt: An Tâm không ghi nhớ thêm người bán'),
    );
    await waitFor(async () => expect((await loadSettings()).watchSellers).toBe(false));
  });
});
