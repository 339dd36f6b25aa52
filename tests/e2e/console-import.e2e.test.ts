// The admin's CSV import in the web console, in Chromium against the running demo registry, by
// keyboard alone: a file with one bad row shows that line's error before anything is applied
// (checked through the public API and the public page), then the fixed file is previewed,
// confirmed, and the public page shows the new fact.
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrustRecord } from '../../lib/registry/schemas';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import type { RunningRegistry } from '../../server/serve';
import { seriousViolations } from './axe';
import { CHROMIUM, startDemoRegistry } from './harness';

const SHOP = { platform: 'shopee', id: '672907573' };
const NEW_SHOP = '990000777';
const HEADER = 'platform,seller_id,slug,authority,decision,date,summary,url';
const GOOD_ROW = `shopee,${SHOP.id},,Cục QLTT TP.HCM,E2E-77/QĐ-XPHC,2026-10-02,Kinh doanh nước hoa giả nhãn hiệu (kiểm thử),https://example.org/qd/77`;
const csv = (date: string) =>
  [
    HEADER,
    GOOD_ROW,
    `shopee,${NEW_SHOP},,Cục QLTT TP.HCM,E2E-78/QĐ-XPHC,${date},Không niêm yết giá (kiểm thử),`,
  ].join('\n');

let registry: RunningRegistry;
let browser: Awaited<ReturnType<typeof chromium.launch>>;

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

async function sanctionsOf(id: string): Promise<string[] | null> {
  const res = await fetch(`${registry.url}/v1/sellers/shopee/${id}`);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return TrustRecord.parse(await res.json()).sanctions.map((s) => s.decision);
}

async function publicPage(id: string): Promise<string> {
  return (await fetch(`${registry.url}/s/shopee/${id}`)).text();
}

/** Tabs forward (or back) until the focused element is the one described; fails after 40 presses. */
async function tabTo(page: Page, describe: string, matches: () => boolean, back = false): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate(matches)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`never reached ${describe} by keyboard`);
}

const focusedText = () => document.activeElement?.textContent?.trim() ?? '';

describe('the CSV import in the console', () => {
  it('an admin imports a CSV with one bad row and sees that line’s error before anything is applied', async () => {
    const before = await sanctionsOf(SHOP.id);
    expect(before).not.toContain('E2E-77/QĐ-XPHC');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Sign in by keyboard, then reach the import screen from the menu by keyboard.
    await page.goto(`${registry.url}/console/`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('key');
    await page.keyboard.type(DEMO_ADMIN_KEY);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Khóa API');
    await tabTo(page, 'the menu link', () => document.activeElement?.textContent?.trim() === 'Nhập CSV');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(focusedText)).toBe('Nhập dữ liệu từ tệp CSV');
    expect(await seriousViolations(page)).toEqual([]);

    // The kind, by keyboard.
    await tabTo(page, 'the kind', () => document.activeElement?.tagName === 'SELECT');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByLabel('Loại dữ liệu').inputValue()).toBe('sanctions');
    expect(await page.textContent('body')).toContain('Các cột: platform, seller_id, slug, authority');

    // The file: focused by keyboard, chosen with Playwright (a native file dialog is not a page).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('file');
    await page
      .locator(':focus')
      .setInputFiles({ name: 'xu-phat.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('2026-13-02')) });
    await tabTo(page, 'Xem trước', () => document.activeElement?.textContent?.trim() === 'Xem trước');
    await page.keyboard.press('Enter');

    // The preview: the bad line, its column and message; "Áp dụng" cannot be used.
    await expect.poll(() => page.evaluate(focusedText)).toBe('Xem trước: xu-phat.csv');
    const errorRow = page.getByRole('table', { name: 'Lỗi theo dòng' }).getByRole('row').nth(1);
    await expect.poll(() => errorRow.textContent()).toContain('date');
    expect(await errorRow.getByRole('cell').first().textContent()).toBe('3');
    expect(await errorRow.textContent()).toContain('is not a real calendar date');
    expect(await page.getByRole('table', { name: 'Lỗi theo dòng' }).getByRole('row').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Áp dụng' }).isDisabled()).toBe(true);
    expect(await page.textContent('[data-preview]')).toContain('Không thể áp dụng: tệp còn lỗi.');
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing was applied: not the good row, not the new shop.
    expect(await sanctionsOf(SHOP.id)).toEqual(before);
    expect(await sanctionsOf(NEW_SHOP)).toBeNull();
    expect(await publicPage(SHOP.id)).not.toContain('E2E-77/QĐ-XPHC');

    // The fixed file: back to the file field by keyboard, preview again.
    await tabTo(
      page,
      'the file field',
      () => (document.activeElement as HTMLInputElement).type === 'file',
      true,
    );
    await page.locator(':focus').setInputFiles({
      name: 'xu-phat-da-sua.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('2026-10-03')),
    });
    await expect.poll(() => page.locator('[data-preview]').count()).toBe(0);
    await tabTo(page, 'Xem trước', () => document.activeElement?.textContent?.trim() === 'Xem trước');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(focusedText)).toBe('Xem trước: xu-phat-da-sua.csv');
    const added = page.getByRole('table', { name: 'Sẽ thêm' });
    expect(await added.getByRole('row').count()).toBe(3);
    expect(await added.getByRole('row').nth(1).textContent()).toContain('E2E-77/QĐ-XPHC');
    expect(await added.getByRole('row').nth(2).textContent()).toContain(`shopee:${NEW_SHOP}`);
    expect(await page.textContent('[data-preview]')).toContain(`Dòng 3: shopee:${NEW_SHOP}`);
    expect(await seriousViolations(page)).toEqual([]);
    // Still nothing applied after the second preview.
    expect(await sanctionsOf(SHOP.id)).toEqual(before);

    // Apply, by keyboard.
    await tabTo(page, 'Áp dụng', () => document.activeElement?.textContent?.trim() === 'Áp dụng');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(focusedText)).toBe('Đã áp dụng');
    expect(await page.textContent('main')).toMatch(
      /Đã áp dụng 2 dòng: 2 thêm mới, 0 cập nhật, 0 không đổi\. Phiên bản dữ liệu mới: \d+\./,
    );
    expect(await seriousViolations(page)).toEqual([]);

    // The public record and page show the new fact.
    expect(await sanctionsOf(SHOP.id)).toContain('E2E-77/QĐ-XPHC');
    expect(await sanctionsOf(NEW_SHOP)).toEqual(['E2E-78/QĐ-XPHC']);
    expect(await publicPage(SHOP.id)).toContain('Kinh doanh nước hoa giả nhãn hiệu (kiểm thử)');

    // English is one switch away.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Import data from a CSV file');
    expect(await page.getByRole('button', { name: 'Preview' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
