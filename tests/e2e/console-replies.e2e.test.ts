// Sellers' public replies in Chromium, against the running demo registry: a seller signs into the
// console and, by keyboard alone, replies to the confirmed counterfeit on its demo record; the
// public page then shows the reply beside that fact, as text. The seller edits and withdraws a
// reply to a sanction; a moderator hides the counterfeit reply and it leaves the page.
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import type { RunningRegistry } from '../../server/serve';
import { seriousViolations } from './axe';
import { CHROMIUM, startDemoRegistry } from './harness';

// Demo sellers (server/demo/data.ts): one with a confirmed counterfeit, one with a recent sanction.
const COUNTERFEIT_SHOP = 'shopee:9900000005';
const SANCTION_SHOP = 'shopee:9900000008';
const REPLY = 'Lô hàng đó do nhà cung cấp giao nhầm; <b>chúng tôi</b> đã hoàn tiền cho mọi người mua.';

let registry: RunningRegistry;
let browser: Awaited<ReturnType<typeof chromium.launch>>;

async function newKey(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${registry.url}/v1/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_ADMIN_KEY}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`key: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${registry.url}/console/`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('key');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
}

/** Presses Tab until the focused element is the one `matches` names (in the page), or fails. */
async function tabTo(page: Page, matches: string, arg: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(
      ([source, a]) => {
        const test = new Function('el', 'arg', `return (${source})(el, arg)`) as (
          el: Element | null,
          arg: string,
        ) => boolean;
        return test(document.activeElement, a ?? '');
      },
      [matches, arg],
    );
    if (found) return;
  }
  throw new Error(`Tab never reached ${arg}`);
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

/**
 * The reply shown in a section of the public page, by the section's heading id, as a visitor who
 * has not seen the page before reads it (the page is cacheable for a minute: a fresh context).
 */
async function publicReply(shop: string, section: string) {
  const [platform, id] = shop.split(':');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${registry.url}/s/${platform}/${id}`);
    const figure = page.locator(`section[aria-labelledby="${section}"] figure`);
    if ((await figure.count()) === 0) return null;
    return {
      label: (await figure.locator('figcaption').textContent()) ?? '',
      text: (await figure.locator('blockquote').textContent()) ?? '',
      markup: await page.locator(`section[aria-labelledby="${section}"] blockquote *`).count(),
      violations: await seriousViolations(page),
    };
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  registry = await startDemoRegistry();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  await registry?.close();
});

describe("the sellers' public replies", () => {
  it('lets a seller reply by keyboard alone and shows the reply beside the fact on the public page', async () => {
    const sellerKey = await newKey({
      role: 'seller',
      label: 'Chuỗi cửa hàng mẫu',
      sellers: [COUNTERFEIT_SHOP, SANCTION_SHOP],
    });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    // Keyboard only: sign in, the menu, the form of the counterfeit fact, the button.
    await signIn(page, sellerKey);
    await expect.poll(() => page.locator('[data-role]').textContent()).toContain('Người bán');
    await tabTo(page, '(el, name) => el?.tagName === "A" && el.textContent === name', 'Phản hồi công khai');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedText(page)).toBe('Phản hồi công khai');
    const fact = page.locator('li[data-fact="counterfeit"]');
    await expect
      .poll(() => fact.locator('h3').textContent())
      .toMatch(/^Hàng giả được kiểm duyệt viên xác nhận: 1 lần, gần nhất ngày \d\d\/\d\d\/\d{4}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(
      page,
      '(el) => el?.tagName === "TEXTAREA" && el.closest("[data-fact]")?.getAttribute("data-fact") === "counterfeit"',
      'the counterfeit reply',
    );
    await page.keyboard.type(REPLY);
    // What is left of the limit is read out with the field, and counts down as one types.
    expect(await fact.locator('p[id$="-limit"]').textContent()).toBe(
      `Văn bản thuần, tối đa 1000 ký tự. Còn ${1000 - REPLY.length} ký tự.`,
    );
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Đăng phản hồi');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/^Đã đăng phản hồi về: Hàng giả được kiểm duyệt viên xác nhận/);
    await expect.poll(() => fact.locator('.reply .message').textContent()).toBe(REPLY);
    expect(await fact.getByRole('button', { name: 'Lưu chỉnh sửa' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The public page: the reply beside the counterfeit fact, its markup as text.
    const shown = await publicReply(COUNTERFEIT_SHOP, 'counterfeit');
    expect(shown?.label).toMatch(/^Phản hồi của người bán · \d\d\/\d\d\/\d{4}$/);
    expect(shown?.text).toBe(REPLY);
    expect(shown?.markup).toBe(0);
    expect(shown?.violations).toEqual([]);

    // A reply to a sanction, edited, then withdrawn.
    const sanction = page.locator('li[data-fact^="sanction-"]');
    await expect.poll(() => sanction.locator('h3').textContent()).toContain('1187/QĐ-XPHC');
    await sanction.getByLabel('Nội dung phản hồi').fill('Chúng tôi đã nộp phạt.');
    await sanction.getByRole('button', { name: 'Đăng phản hồi' }).click();
    await expect.poll(() => sanction.locator('.reply .message').textContent()).toBe('Chúng tôi đã nộp phạt.');
    await sanction.getByLabel('Nội dung phản hồi').fill('Chúng tôi đã nộp phạt và tiêu hủy toàn bộ lô hàng.');
    await sanction.getByRole('button', { name: 'Lưu chỉnh sửa' }).click();
    await expect
      .poll(() => sanction.locator('.reply .message').textContent())
      .toBe('Chúng tôi đã nộp phạt và tiêu hủy toàn bộ lô hàng.');
    expect((await publicReply(SANCTION_SHOP, 'sanctions'))?.text).toBe(
      'Chúng tôi đã nộp phạt và tiêu hủy toàn bộ lô hàng.',
    );
    await expect.poll(() => sanction.locator('.reply').count()).toBe(1);
    await sanction.getByRole('button', { name: 'Rút phản hồi' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Đã rút phản hồi về: Xử phạt/);
    await expect.poll(() => sanction.locator('.reply').count()).toBe(0);
    // Focus stays in the form whose button went away.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await publicReply(SANCTION_SHOP, 'sanctions')).toBeNull();

    // English.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Public replies');
    expect(await fact.locator('h3').textContent()).toMatch(/^Counterfeits confirmed by a moderator: 1/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a moderator hide a reply with a reason, and the public page drops it', async () => {
    const moderatorKey = await newKey({ role: 'moderator', label: 'Kiểm duyệt viên' });
    const page = await browser.newPage();
    await signIn(page, moderatorKey);
    await expect.poll(() => page.locator('[data-role]').textContent()).toContain('Kiểm duyệt viên');
    await page.goto(`${registry.url}/console/#/reply-moderation`);
    const item = page.locator('li[data-reply]').filter({ hasText: REPLY });
    await expect.poll(() => item.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await item.getByLabel('Lý do ẩn').fill('Thử nghiệm kiểm duyệt');
    await item.getByRole('button', { name: 'Ẩn phản hồi' }).click();
    await expect.poll(() => item.textContent()).toContain('Thử nghiệm kiểm duyệt');
    expect(await publicReply(COUNTERFEIT_SHOP, 'counterfeit')).toBeNull();
    await item.getByRole('button', { name: 'Hiện lại' }).click();
    await expect.poll(() => item.getByRole('button', { name: 'Ẩn phản hồi' }).count()).toBe(1);
    expect((await publicReply(COUNTERFEIT_SHOP, 'counterfeit'))?.text).toBe(REPLY);
    await page.close();
  });
});
