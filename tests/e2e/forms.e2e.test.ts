// Issue 11 in real Chromium with the built extension: a second report of the same listing is said
// in Vietnamese and never sent (counted at the registry's proxy); the order date reads
// day/month/year in an English browser; the popup fits Chrome's 600 px; a complaint is filed by
// keyboard alone with errors focused; axe-core finds nothing serious on the popup, options, the
// complaint form (empty, with errors, review), the case page and the report form.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import {
  type Browser,
  type E2E,
  type FixtureServer,
  launchBrowser,
  ownFixture,
  type RegistryProxy,
  startE2E,
} from './harness';

let e2e: E2E;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

const SHOPEE_ORDER = 'http://shopee.vn/user/purchase/order/118651414207583';
const PRODUCT = 'http://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711';

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ proxy, pages, browser } = e2e);
  pages.set(SHOPEE_ORDER, { html: ownFixture('shopee-order.html') });
  pages.set(PRODUCT, { html: ownFixture('shopee-product-vn.html') });
});

afterAll(async () => {
  await e2e?.close();
});

function extensionUrl(b: Browser, path: string): string {
  return `chrome-extension://${b.extensionId}/${path}`;
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), where).toEqual([]);
}

/** Opens the badge's panel on a product page and clicks its report button: the report form. */
async function reportFrom(page: Page): Promise<Page> {
  const badge = page.locator('antam-badge[data-antam="badge"]');
  await badge.waitFor({ timeout: 15_000 });
  await badge.click();
  let frame: Frame | undefined;
  await expect
    .poll(
      () => {
        frame = page.frames().find((f) => f.url().includes('/panel.html'));
        return frame?.url() ?? '';
      },
      { timeout: 10_000 },
    )
    .toContain('&product=1');
  if (!frame) throw new Error('no panel');
  const report = frame.getByRole('button', { name: 'Báo hàng giả nghi vấn' });
  await report.waitFor({ timeout: 10_000 });
  const opened = page.context().waitForEvent('page', { timeout: 15_000 });
  await report.click();
  const form = await opened;
  await form.waitForURL(/\/complaint\.html#draft=/, { timeout: 15_000 });
  await form
    .locator('[data-view="report-form"], [data-view="duplicate-report"]')
    .first()
    .waitFor({ timeout: 15_000 });
  return form;
}

/** Clicks "Khiếu nại" beside the order: the complaint form it opens. */
async function complainFrom(page: Page): Promise<Page> {
  const button = page.locator('antam-complain[data-antam="complain"]');
  await expect.poll(() => button.count(), { timeout: 15_000 }).toBe(1);
  const opened = page.context().waitForEvent('page', { timeout: 15_000 });
  await button.click();
  const form = await opened;
  await form.waitForURL(/\/complaint\.html#draft=/, { timeout: 15_000 });
  await form.locator('#f-order-orderCode').waitFor({ timeout: 15_000 });
  return form;
}

async function delivery(extPage: Page, id: string): Promise<string | undefined> {
  return extPage.evaluate(
    (caseId) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('antam');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('cases').objectStore('cases').get(caseId);
          get.onsuccess = () => {
            resolve((get.result as { delivery?: string } | undefined)?.delivery);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
}

const reportPosts = () =>
  // The report itself, not its evidence files (POST /v1/reports/{code}/evidence follow it).
  proxy.requests.filter((r) => r.method === 'POST' && r.url.split('?')[0] === '/v1/reports');

describe('a counterfeit report of a listing already reported', () => {
  it('is said in Vietnamese with a link to the first report, and nothing is sent', async () => {
    const page = await browser.context.newPage();
    await page.goto(PRODUCT);
    const form = await reportFrom(page);
    await form.locator('[data-view="report-form"]').waitFor();
    await expectNoSeriousViolations(form, 'report form');
    expect(await form.locator('[data-view="required-legend"]').innerText()).toBe(
      'Các mục có dấu * là bắt buộc.',
    );

    await form.fill('#f-reason', 'Tem chống hàng giả in mờ, hộp không có mã QR của hãng.');
    await form.locator('form.case-form button[type="submit"]').click();
    const review = form.locator('[data-view="review"]');
    await review.waitFor({ timeout: 10_000 });
    await review.getByRole('button', { name: 'Gửi', exact: true }).click();
    await form.waitForURL(/\/complaint\.html#case=/, { timeout: 15_000 });
    const firstId = decodeURIComponent(new URL(form.url()).hash.replace(/^#case=/, ''));
    await expect.poll(() => delivery(form, firstId), { timeout: 20_000 }).toBe('delivered');
    // One submission (a slow answer may be retried with the same Idempotency-Key: still one case).
    const sentBefore = reportPosts().length;
    expect(sentBefore).toBeGreaterThanOrEqual(1);
    // The case page: one status, the registry's; no "waiting for the registry" placeholder.
    const status = form.locator('[data-status]');
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe('Đã nhận, chờ kiểm duyệt');
    expect(await form.locator('body').innerText()).not.toContain('Diễn biến hiện ra khi');
    await expectNoSeriousViolations(form, 'case page');
    await form.close();
    await page.close();

    // Again, from another tab of the same listing with a tracking parameter.
    const again = await browser.context.newPage();
    await again.goto(`${PRODUCT}?sp_atk=abc`);
    const second = await reportFrom(again);
    const notice = second.locator('[data-view="duplicate-report"] [role="alert"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.innerText()).toContain('Bạn đã báo cáo sản phẩm này ngày');
    expect(await notice.innerText()).toContain('báo cáo này sẽ không được gửi');
    expect(await second.getByRole('button', { name: 'Xem lại trước khi gửi' }).count()).toBe(0);
    await expectNoSeriousViolations(second, 'duplicate report notice');
    await second.getByRole('link', { name: 'Xem báo cáo đã gửi' }).click();
    await second.waitForURL(new RegExp(`#case=${encodeURIComponent(firstId)}$`), { timeout: 10_000 });
    await second.locator('[data-view="case"]').waitFor();
    expect(reportPosts()).toHaveLength(sentBefore);
    await second.close();
    await again.close();
  }, 120_000);
});

describe('the order date in an English browser', () => {
  it('shows and takes day/month/year, and sends the date the shopper meant', async () => {
    const english = await launchBrowser(
      inject('extensionDir'),
      pages.port,
      mkdtempSync(join(tmpdir(), 'antam-en-')),
      'en-US',
    );
    try {
      const page = await english.context.newPage();
      await page.goto(SHOPEE_ORDER);
      const form = await complainFrom(page);
      expect(await form.evaluate(() => navigator.language)).toBe('en-US');
      const date = form.locator('#f-order-orderDate');
      // The order page says 05/03/2024 (5 March): a native date input would show 03/05/2024 here.
      expect(await date.inputValue()).toBe('05/03/2024');
      expect(await form.locator('[data-field="order.orderDate"]').innerText()).toContain('ví dụ 05/03/2026');
      await date.fill('06/03/2024');
      await form.locator('#f-order-total').fill('328000');
      await form.locator('#f-category').focus();
      expect(await form.locator('#f-order-total').inputValue()).toBe('328.000 ₫');
      await form.selectOption('#f-category', 'not_as_described');
      await form.selectOption('#f-desiredOutcome', 'refund');
      await form.fill('#f-description', 'Áo sai màu so với ảnh, shop không trả lời tin nhắn.');
      await form.locator('form.case-form button[type="submit"]').click();
      const review = form.locator('[data-view="review"]');
      await review.waitFor({ timeout: 10_000 });
      const text = await review.innerText();
      expect(text).toContain('06/03/2024');
      expect(text).toContain('328.000 ₫');
      const json = JSON.parse((await review.locator('[data-review="json"]').textContent()) ?? '{}');
      expect(json.order).toMatchObject({ orderDate: '2024-03-06', total: 328000 });
      await form.close();
      await page.close();
    } finally {
      await english.close();
    }
  }, 90_000);
});

describe('the popup', () => {
  it('is at most 600 px tall at its natural size on a product page, and passes axe', async () => {
    const page = await browser.context.newPage();
    await page.goto(PRODUCT);
    await page.locator('antam-badge[data-antam="badge"]').waitFor({ timeout: 15_000 });
    const popup = await browser.context.newPage();
    // Tall enough that nothing but the popup's own layout decides its height.
    await popup.setViewportSize({ width: 360, height: 1200 });
    await page.bringToFront();
    await popup.goto(extensionUrl(browser, 'popup.html'));
    await popup.locator('[data-view="seller"]').waitFor({ timeout: 15_000 });
    await popup.locator('[data-view="start-complaint"]').waitFor();
    expect(await popup.getByRole('button', { name: 'Báo hàng giả nghi vấn' }).count()).toBe(1);
    const size = await popup.evaluate(() => {
      const body = document.querySelector('.popup__body') as HTMLElement;
      return {
        height: document.body.getBoundingClientRect().height,
        bodyScroll: body.scrollHeight,
        bodyClient: body.clientHeight,
      };
    });
    expect(size.height).toBeLessThanOrEqual(600);
    expect(size.height).toBeGreaterThan(200);
    expect(await popup.getByRole('button', { name: 'Dữ liệu của tôi' }).isVisible()).toBe(true);
    await expectNoSeriousViolations(popup, 'popup');
    console.info(`popup: ${size.height} px tall, body ${size.bodyScroll}/${size.bodyClient} px`);
    await popup.close();
    await page.close();
  }, 60_000);
});

describe('options', () => {
  it('links to my complaints and my data, and passes axe', async () => {
    const options = await browser.context.newPage();
    await options.goto(extensionUrl(browser, 'options.html'));
    const section = options.locator('[data-view="my-data-links"]');
    await section.waitFor({ timeout: 10_000 });
    const opened = browser.context.waitForEvent('page', { timeout: 10_000 });
    await section.getByRole('link', { name: /Dữ liệu của tôi/ }).click();
    const data = await opened;
    await data.waitForURL(/\/complaint\.html#data$/);
    await data.getByRole('heading', { name: 'Dữ liệu của tôi' }).waitFor({ timeout: 10_000 });
    await expectNoSeriousViolations(options, 'options');
    await data.close();
    await options.close();
  });
});

describe('a complaint by keyboard alone', () => {
  it('reaches every field, focuses the first error, reviews and sends, with focus always visible', async () => {
    const page = await browser.context.newPage();
    await page.goto(SHOPEE_ORDER);
    const form = await complainFrom(page);
    await expectNoSeriousViolations(form, 'complaint form, empty');

    const focused = () =>
      form.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          id: el?.id ?? '',
          text: el?.textContent?.trim() ?? '',
          outline: style ? style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0 : false,
        };
      });
    /** Tabs forward until the element with `id` (or the button saying `text`) has the focus. */
    const tabTo = async (target: { id?: string; text?: string }) => {
      for (let i = 0; i < 80; i++) {
        await form.keyboard.press('Tab');
        const f = await focused();
        if ((target.id && f.id === target.id) || (target.text && f.text === target.text)) {
          expect(f.outline, `focus visible on ${target.id ?? target.text}`).toBe(true);
          return;
        }
      }
      throw new Error(`never reached ${JSON.stringify(target)} with Tab`);
    };

    // Straight to review without the required choices: the first error gets the focus.
    await tabTo({ text: 'Xem lại trước khi gửi' });
    await form.keyboard.press('Enter');
    await form.locator('#form-errors').waitFor({ timeout: 10_000 });
    expect((await focused()).id).toBe('f-category');
    expect(await form.locator('#form-errors').getAttribute('role')).toBe('alert');
    expect(await form.locator('#form-errors').innerText()).toContain('Hãy chọn');
    await expectNoSeriousViolations(form, 'complaint form with errors');

    // A <select> takes its option from the keyboard; the text area from typing.
    await form.keyboard.press('ArrowDown');
    await tabTo({ id: 'f-desiredOutcome' });
    await form.keyboard.press('ArrowDown');
    await tabTo({ id: 'f-description' });
    await form.keyboard.type('Áo giao sai màu, người bán không trả lời tin nhắn của tôi.');
    await tabTo({ id: 'f-consent-shareWithSeller' });
    await form.keyboard.press('Space');
    await tabTo({ text: 'Xem lại trước khi gửi' });
    await form.keyboard.press('Enter');
    const review = form.locator('[data-view="review"]');
    await review.waitFor({ timeout: 10_000 });
    expect((await focused()).id).toBe('review-heading');
    await expectNoSeriousViolations(form, 'complaint review');
    await tabTo({ text: 'Gửi' });
    await form.keyboard.press('Enter');
    await form.waitForURL(/\/complaint\.html#case=/, { timeout: 15_000 });
    await form.locator('[data-view="case"]').waitFor();
    await form.close();
    await page.close();
  }, 90_000);
});
