// Issue 12, end to end: pages shaped like real ones the readers were not written against, in
// Chromium with the built extension and the real registry. A complaint starts from a TikTok Shop
// order page with no product or shop links, English labels and dollars; the form shows what the
// page shows (the dollars as dollars, never as đồng), the shopper completes the seller by pasting
// the shop's link, and the registry gets the complaint. A Shopee product page as the server sends
// it before the app renders, and a Tiki product page whose seller is only a shop link, get a
// visible badge.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ComplaintView } from '../../lib/registry/cases';
import type { RunningRegistry } from '../../server/serve';
import { seriousViolations } from './axe';
import {
  type Browser,
  type E2E,
  type FixtureServer,
  ownFixture,
  type RegistryProxy,
  startE2E,
} from './harness';
import { seenText } from './seen';

let e2e: E2E;
let registry: RunningRegistry;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

const STORE = 'http://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079';
const ORDER = 'http://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317';
const SHOP_LINK = 'https://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079';
const SHOPEE_SERVER =
  'http://shopee.vn/B%C3%ACnh-gi%E1%BB%AF-nhi%E1%BB%87t-inox-304-LocknLock-500ml-i.161702853.22950428921';
const TIKI_LINK_ONLY = 'http://tiki.vn/dac-nhan-tam-bia-cung-p74021317.html';

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ registry, proxy, pages, browser } = e2e);
  pages.set(STORE, { html: ownFixture('tiktok-shop.html') });
  pages.set(ORDER, { html: ownFixture('tiktok-order-en.html') });
  pages.set(SHOPEE_SERVER, { html: ownFixture('shopee-product-server-html.html') });
  pages.set(TIKI_LINK_ONLY, { html: ownFixture('tiki-product-link-only.html') });
});

afterAll(async () => {
  await e2e?.close();
});

/**
 * The page's own noise, not ours: its CDN loads fail here, the fixture server's CSP blocks its app
 * scripts (so that it stays server HTML), and its web manifest is not served.
 */
const PAGE_OWN = /^Failed to load resource|Content Security Policy|^Manifest fetch from/;

/** Errors and warnings the marketplace page's console shows (its own noise aside). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if ((m.type() === 'error' || m.type() === 'warning') && !PAGE_OWN.test(text)) {
      errors.push(text);
    }
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The one badge of the page once it shows a level, visible to the shopper. */
async function visibleBadge(page: Page) {
  const badge = page.locator('antam-badge[data-antam="badge"]');
  await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(1);
  await expect
    .poll(() => badge.evaluateAll((els) => els.map((el) => el.getAttribute('data-level')).join()), {
      timeout: 15_000,
    })
    .toMatch(/^(trusted|ok|caution|danger|unknown)$/);
  expect(await badge.isVisible()).toBe(true);
  const box = await badge.boundingBox();
  expect(box?.width).toBeGreaterThan(10);
  expect(box?.height).toBeGreaterThan(10);
  return badge;
}

describe('a complaint from an order page with no product or shop links, in English and dollars', () => {
  it('is prefilled with what the page shows, completed with the pasted shop link, and reaches the registry', async () => {
    const page = await browser.context.newPage();
    const errors = consoleErrors(page);
    // The shopper looked at the store in this tab before opening the order.
    await page.goto(STORE);
    await visibleBadge(page);
    await page.goto(ORDER);

    const button = page.locator('antam-complain[data-antam="complain"]');
    await expect.poll(() => button.count(), { timeout: 15_000 }).toBe(1);
    expect(await seenText(page, 'antam-complain')).toContain('Khiếu nại');
    // Beside the shop's name, which the page prints as text only.
    expect(await button.evaluate((el) => (el.previousElementSibling?.textContent ?? '').trim())).toBe(
      'Goli Nutrition',
    );
    const opened = page.context().waitForEvent('page', { timeout: 15_000 });
    await button.click();
    const form = await opened;
    await form.waitForURL(/\/complaint\.html#draft=/, { timeout: 15_000 });
    await form.locator('#f-order-orderCode').waitFor({ timeout: 15_000 });

    const value = (id: string) => form.locator(`#${id}`).inputValue({ timeout: 1000 });
    expect({
      orderCode: await value('f-order-orderCode'),
      orderDate: await value('f-order-orderDate'),
      total: await value('f-order-total'),
      title: await value('f-order-items-0-title'),
      quantity: await value('f-order-items-0-quantity'),
      unitPrice: await value('f-order-items-0-unitPrice'),
      items: await form.locator('fieldset.item').count(),
    }).toEqual({
      orderCode: '577312748349657317',
      orderDate: '17/03/2026',
      // Dollars are not đồng: the đồng fields stay empty, the page's total is shown as printed.
      total: '',
      title: 'Goli Apple Cider Vinegar Gummies, 60 Count',
      quantity: '2',
      unitPrice: '',
      items: 1,
    });
    const currency = form.locator('[data-view="page-currency"]');
    expect(await currency.isVisible()).toBe(true);
    expect(await currency.innerText({ timeout: 1000 })).toContain('USD');
    expect(await currency.innerText({ timeout: 1000 })).toContain('$28.06');

    // The seller is to be completed: the shop's name from the page, the sellers this tab showed.
    const picker = form.locator('[data-view="seller-picker"]');
    expect(await picker.isVisible()).toBe(true);
    expect(await picker.innerText({ timeout: 1000 })).toContain('Goli Nutrition');
    expect(await picker.getByRole('button', { name: /^Chọn / }).count()).toBe(1);
    expect(await seriousViolations(form)).toEqual([]);

    // A link to another marketplace is refused, with words that say why.
    await form.locator('#f-seller').fill('https://shopee.vn/shop/88201679');
    await picker.getByRole('button', { name: 'Dùng liên kết này' }).click();
    await expect
      .poll(() => picker.locator('.field-error').innerText({ timeout: 1000 }))
      .toContain('không thuộc TikTok Shop');

    // The shop's own link, pasted: its id by TikTok Shop's URL grammar.
    await form.locator('#f-seller').fill(SHOP_LINK);
    await form.locator('#f-seller').press('Tab');
    await form.keyboard.press('Enter');
    await expect.poll(() => picker.count()).toBe(0);
    const facts = form.locator('.facts');
    expect(await facts.innerText({ timeout: 1000 })).toContain('Goli Nutrition trên TikTok Shop');
    // Focus stays on the form: on the button that undoes the choice.
    expect(await form.evaluate(() => document.activeElement?.textContent)).toBe('Đổi người bán');

    await form.selectOption('#f-category', 'not_as_described');
    await form.selectOption('#f-desiredOutcome', 'refund');
    await form.fill(
      '#f-description',
      'Kẹo nhận được đã hết hạn sử dụng từ tháng trước, hộp bị móp. Tôi đã nhắn shop nhưng chưa được trả lời.',
    );
    await form.check('#f-consent-shareWithSeller');
    proxy.requests = [];
    await form.locator('form.case-form button[type="submit"]').click();
    const review = form.locator('[data-view="review"]');
    await review.waitFor({ timeout: 10_000 });
    await review.getByRole('button', { name: 'Gửi', exact: true }).click();
    await form.waitForURL(/\/complaint\.html#case=/, { timeout: 15_000 });

    const tracking = form.locator('[data-view="case"] code[data-tracking]');
    await expect.poll(() => tracking.count(), { timeout: 20_000 }).toBe(1);
    const code = (await tracking.getAttribute('data-tracking', { timeout: 1000 })) ?? '';
    const caseId = decodeURIComponent(new URL(form.url()).hash.replace(/^#case=/, ''));
    const token = await form.evaluate(
      (id) =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('antam');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('cases').objectStore('cases').get(id);
            get.onsuccess = () => resolve((get.result as { token: string }).token);
            get.onerror = () => reject(get.error);
          };
        }),
      caseId,
    );
    expect(proxy.requests.filter((r) => r.method === 'POST' && r.url === '/v1/complaints')).toHaveLength(1);

    const res = await fetch(`${registry.url}/v1/complaints/${code}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const view = (await res.json()) as ComplaintView;
    expect(view).toMatchObject({
      trackingCode: code,
      seller: 'tiktok:7495794203056835079',
      category: 'not_as_described',
      order: { orderCode: '577312748349657317', orderDate: '2026-03-17', total: null, currency: 'VND' },
    });
    expect(view.content?.items).toEqual([
      {
        title: 'Goli Apple Cider Vinegar Gummies, 60 Count',
        productId: null,
        variant: null,
        quantity: 2,
        unitPrice: null,
      },
    ]);
    expect(errors).toEqual([]);
    await form.close();
    await page.close();
  }, 120_000);
});

describe('product pages that show their seller another way', () => {
  it('badges a Shopee product page as the server sends it, before the app renders', async () => {
    const page = await browser.context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${SHOPEE_SERVER}?sp_atk=9f`);
    const badge = await visibleBadge(page);
    // Nothing on the page to stand beside: a fixed spot of the window.
    expect(await badge.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(await seenText(page, 'antam-badge')).not.toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('badges a Tiki product page whose seller is only a link to its shop, beside the shop name', async () => {
    const page = await browser.context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${TIKI_LINK_ONLY}?spid=74021318`);
    const badge = await visibleBadge(page);
    expect(await badge.evaluate((el) => (el.previousElementSibling?.textContent ?? '').trim())).toBe(
      'Nhà Sách Phương Nam',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
