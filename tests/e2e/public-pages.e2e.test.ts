// The registry's pages for people in a real browser: the extension panel's "public record" link
// opens the seller's page (not the JSON record), the page renders under its strict CSP, and
// axe-core finds no serious or critical accessibility violation on it, on a 404 page or on /levels.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import {
  type Browser,
  type E2E,
  type FixtureServer,
  importCsv,
  type RegistryProxy,
  realFixture,
  startE2E,
} from './harness';
import { panelFrame } from './panel-frame';

let e2e: E2E;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

const PRODUCT = 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336';

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'), async (r) => {
    await importCsv(
      r.url,
      'registrations',
      `business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store
Công ty TNHH Rủi Ro,0312000088,registered,2024-01-01,https://online.gov.vn/TB-88,lazada,8800000088,,Rủi Ro Store,false
`,
    );
    await importCsv(
      r.url,
      'sanctions',
      `platform,seller_id,slug,authority,decision,date,summary,url
lazada,8800000088,,Cục Quản lý thị trường Hà Nội,88/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả,https://example.org/qd/88
`,
    );
  });
  ({ proxy, pages, browser } = e2e);
  pages.set(PRODUCT, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
});

afterAll(async () => {
  await e2e?.close();
});

describe('public record pages', () => {
  it("opens the seller's page for people from the panel's public-record link", async () => {
    const page = await browser.context.newPage();
    await page.goto(PRODUCT);
    await expect
      .poll(() => page.locator('antam-badge').getAttribute('data-level'), { timeout: 15_000 })
      .not.toMatch(/^(loading|null)$/);
    await page.locator('antam-badge').click();
    const frame = await panelFrame(page);
    const link = frame.getByRole('link', { name: /hồ sơ công khai/i });
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    expect(await link.getAttribute('href')).toBe(`${proxy.url}/s/shopee/672907573`);

    const [record] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
    await record.waitForLoadState('load');
    expect(record.url()).toBe(`${proxy.url}/s/shopee/672907573`);
    expect(await record.locator('html').getAttribute('lang')).toBe('vi');
    expect(await record.locator('h1').innerText()).toMatch(/nobistar/i);
    expect(await record.locator('.level').innerText()).toContain('Đáng tin cậy');
    // The hashed stylesheet applies under the CSP: the level pill has its colour.
    const background = await record.locator('.level').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(22, 121, 74)');

    expect(await seriousViolations(record)).toEqual([]);
    await record.close();
    await page.close();
  });

  it('a high-risk record, its English version, a 404 page and /levels pass axe-core', async () => {
    const page = await browser.context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));

    for (const [path, heading] of [
      ['/s/lazada/8800000088', 'Rủi Ro Store'],
      ['/s/lazada/8800000088?lang=en', 'Rủi Ro Store'],
      ['/s/shopee/999', 'Chưa có dữ liệu về người bán này'],
      ['/s/amazon/1', 'Địa chỉ không hợp lệ'],
      ['/levels', 'Các mức tín nhiệm và cách xác định'],
      ['/levels?lang=en', 'Trust levels and how they are decided'],
    ] as const) {
      await page.goto(`${proxy.url}${path}`);
      expect(await page.locator('h1').innerText(), path).toBe(heading);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    const danger = await page.goto(`${proxy.url}/s/lazada/8800000088`);
    expect(danger?.status()).toBe(200);
    expect(await page.locator('.headline').innerText()).toBe(
      'Rủi ro cao: bị cơ quan nhà nước xử phạt trong 24 tháng qua',
    );
    // Nothing on the pages was refused by the CSP (no script, no style, no image outside it).
    expect(messages.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    await page.goto(`${proxy.url}/levels`);

    // The check itself can fail: an image without a text alternative is a critical finding.
    await page.evaluate(() =>
      document.body.append(Object.assign(document.createElement('img'), { src: 'data:,' })),
    );
    expect((await seriousViolations(page)).join('\n')).toContain('image-alt (critical)');
    await page.close();
  });
});
