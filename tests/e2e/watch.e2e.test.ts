// Issue 11 end to end, in Chromium with the built extension: the first-run page opens once (not
// again when the browser starts with the same profile) and passes axe-core; the sellers of the
// order pages the shopper opens are remembered; when one's record worsens on the registry (a
// sanction imported through the admin API) the daily re-check, brought forward, shows a
// notification saying what changed, while the unchanged seller stays silent; the re-check sends
// bucket prefixes only; options list the sellers, remove one by keyboard, and pass axe-core.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import {
  type Browser,
  type E2E,
  type FixtureServer,
  importCsv,
  launchBrowser,
  ownFixture,
  type RegistryProxy,
  startE2E,
} from './harness';

const REGISTRATIONS = `business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store
Công ty TNHH Teelab (e2e),0312000101,registered,2023-01-10,E2E-W1,shopee,88201679,,Teelab Official,false
Công ty TNHH Sách Bán Chạy (e2e),0312000102,registered,2022-06-01,E2E-W2,lazada,6548,tan-viet-shop,sachbanchay-vn,false
`;
const SANCTION = `platform,seller_id,slug,authority,decision,date,summary,url
shopee,88201679,,Cục Quản lý thị trường TP. Hà Nội (e2e),31/QĐ-XPHC,2026-11-20,Kinh doanh hàng giả mạo nhãn hiệu (dữ liệu thử nghiệm),
`;

const SHOPEE_ORDER = 'http://shopee.vn/user/purchase/order/118651414207583';
const LAZADA_ORDER = 'http://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185';
const CHANGED = 'shopee:88201679';
const UNCHANGED = 'lazada:@tan-viet-shop'; // the order page links the shop by its slug

let e2e: E2E;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  e2e = await startE2E(
    inject('extensionDir'),
    inject('proxyPort'),
    (r) => importCsv(r.url, 'registrations', REGISTRATIONS),
    { keepWelcome: true },
  );
  ({ proxy, pages, browser } = e2e);
  pages.set(SHOPEE_ORDER, { html: ownFixture('shopee-order.html') });
  pages.set(LAZADA_ORDER, { html: ownFixture('lazada-order.html') });
});

afterAll(async () => {
  await e2e?.close();
});

function welcomePages(b: Browser): Page[] {
  return b.context.pages().filter((p) => p.url().endsWith('/welcome.html'));
}

async function openOptions(b: Browser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  await page.getByRole('heading', { name: 'Người bán tôi đã mua' }).waitFor();
  return page;
}

async function notificationIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } };
    };
    return Object.keys(await chrome.notifications.getAll());
  });
}

describe('the first-run page', () => {
  it('opens once on install, explains the levels and what leaves the browser, and passes axe-core', async () => {
    await expect.poll(() => welcomePages(browser).length, { timeout: 15_000 }).toBe(1);
    const welcome = welcomePages(browser)[0]!;
    await welcome.getByRole('heading', { name: 'Chào mừng bạn đến với An Tâm' }).waitFor();
    const danger = welcome.locator('li[data-level="danger"]');
    expect(await danger.textContent()).toContain('✖Rủi ro cao');
    expect(await danger.textContent()).toContain('bị cơ quan nhà nước xử phạt trong 24 tháng qua');
    expect(await welcome.locator('[data-section="privacy"]').textContent()).toContain(
      'chỉ gửi 4 ký tự đầu của mã băm',
    );
    // Chromium grants the marketplaces at install: nothing to ask for.
    expect(await welcome.getByRole('button', { name: 'Cho phép trên các sàn' }).count()).toBe(0);
    expect(await seriousViolations(welcome)).toEqual([]);
    // English through the extension's language setting.
    await welcome.getByLabel('Ngôn ngữ hiển thị').selectOption('en');
    await welcome.getByRole('heading', { name: 'Welcome to An Tâm' }).waitFor();
    expect(await seriousViolations(welcome)).toEqual([]);
    await welcome.getByLabel('Display language').selectOption('vi');
    await welcome.getByRole('heading', { name: 'Chào mừng bạn đến với An Tâm' }).waitFor();
  });

  it('does not open again when the browser starts again with the same profile', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'antam-welcome-'));
    const first = await launchBrowser(inject('extensionDir'), pages.port, profile);
    try {
      await expect.poll(() => welcomePages(first).length, { timeout: 15_000 }).toBe(1);
    } finally {
      await first.close();
    }
    const again = await launchBrowser(inject('extensionDir'), pages.port, profile);
    try {
      // The background answers the options page: its worker has started and seen no install.
      await openOptions(again);
      expect(welcomePages(again)).toEqual([]);
    } finally {
      await again.close();
    }
  });
});

describe('Người bán tôi đã mua', () => {
  let options: Page;

  it('remembers the sellers of the order pages I open, by the names the pages show', async () => {
    // Each order page as a shopper sees it: read once its "Khiếu nại" button is there.
    const shop = await browser.context.newPage();
    for (const order of [SHOPEE_ORDER, LAZADA_ORDER]) {
      await shop.goto(order);
      await expect.poll(() => shop.locator('antam-complain').count(), { timeout: 15_000 }).toBe(1);
    }
    await shop.close();
    options = await openOptions(browser);
    const rows = options.locator('[data-watched]');
    await expect
      .poll(
        async () => {
          if ((await rows.count()) < 2) await options.reload();
          return options
            .locator('[data-watched]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-watched')));
        },
        { timeout: 15_000 },
      )
      .toEqual([UNCHANGED, CHANGED]);
    expect(await options.locator(`[data-watched="${CHANGED}"]`).textContent()).toContain(
      'Teelab Official · Shopee',
    );
    expect(await options.locator(`[data-watched="${UNCHANGED}"]`).textContent()).toContain(
      'sachbanchay-vn · Lazada',
    );
  });

  it('tells me when a record worsens, with what changed; the unchanged seller stays silent; only prefixes leave', async () => {
    await importCsv(e2e.registry.url, 'sanctions', SANCTION);
    proxy.requests.length = 0;
    // The daily alarm, brought forward.
    await options.evaluate(() => {
      const { chrome } = globalThis as unknown as {
        chrome: { alarms: { create(name: string, info: { when: number }): Promise<void> } };
      };
      return chrome.alarms.create('antam-watch', { when: Date.now() });
    });
    await expect
      .poll(() => notificationIds(options), { timeout: 60_000 })
      .toContain(`antam-watch:${CHANGED}`);
    expect(await notificationIds(options)).not.toContain(`antam-watch:${UNCHANGED}`);

    // The words the notification said, as options keep them beside the seller.
    await options.reload();
    const notice = options.locator(`[data-watched="${CHANGED}"] [data-notice]`);
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(
      /^Thay đổi gần nhất \(\d\d\/\d\d\/\d{4}\): Người bán Teelab Official: mức tín nhiệm giảm từ “Đáng tin cậy” xuống “Rủi ro cao”; có quyết định xử phạt mới$/,
    );
    expect(await options.locator(`[data-watched="${UNCHANGED}"] [data-notice]`).count()).toBe(0);

    // What the re-check sent: hash prefixes, nothing else.
    expect(proxy.requests.length).toBeGreaterThan(0);
    for (const r of proxy.requests) {
      const prefixes =
        r.method === 'GET'
          ? [r.url.replace(/^\/v1\/buckets\//, '')]
          : (JSON.parse(r.body) as { prefixes: string[] }).prefixes;
      if (r.method === 'POST') expect(r.url).toBe('/v1/lookup');
      expect(Object.keys(r.method === 'POST' ? JSON.parse(r.body) : {})).toEqual(
        r.method === 'POST' ? ['prefixes'] : [],
      );
      for (const p of prefixes) expect(p).toMatch(/^[0-9a-f]{4}$/);
      expect(`${r.url}${r.body}`).not.toMatch(/88201679|6548|tan-viet|Teelab|sachbanchay/);
    }
  });

  it('options: remove a seller by keyboard alone, and no serious axe-core finding', async () => {
    expect(await seriousViolations(options)).toEqual([]);
    const remove = options.getByRole('button', { name: 'Bỏ theo dõi người bán sachbanchay-vn' });
    await remove.focus();
    await options.keyboard.press('Enter');
    await expect.poll(() => options.locator('[data-watched]').count()).toBe(1);
    expect(await options.getByRole('status').filter({ hasText: 'Đã bỏ theo dõi' }).textContent()).toBe(
      'Đã bỏ theo dõi sachbanchay-vn.',
    );
    // Focus stays in the list: on the remaining seller's button.
    await expect
      .poll(() => options.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Bỏ theo dõi người bán Teelab Official');
    await options.reload();
    await options.locator(`[data-watched="${CHANGED}"]`).waitFor();
    expect(await options.locator('[data-watched]').count()).toBe(1);
  });
});
