// The shopper's side beyond the badge: the detail panel, the popup, options, the toolbar, hostile
// seller names, and a registry that goes away. Real Chromium, the built extension, real registry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningRegistry } from '../../server/serve';
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
import { seenText } from './seen';

let e2e: E2E;
let registry: RunningRegistry;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

const PRODUCT = 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336';
const HOSTILE_NAME = '<img src=x onerror="window.__antamPwned=1">Shop "An" & Co';

beforeAll(async () => {
  const csv = `business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store
"${HOSTILE_NAME.replaceAll('"', '""')}",0312000099,registered,2024-01-01,E2E-XSS,shopee,9900000777,,"${HOSTILE_NAME.replaceAll('"', '""')}",false
`;
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'), (r) =>
    importCsv(r.url, 'registrations', csv),
  );
  ({ registry, proxy, pages, browser } = e2e);
  pages.set(PRODUCT, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
});

afterAll(async () => {
  await e2e?.close();
});

function extensionUrl(path: string): string {
  return `chrome-extension://${browser.extensionId}/${path}`;
}

async function openProduct(url = PRODUCT): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await expect
    .poll(() => page.locator('antam-badge').getAttribute('data-level'), { timeout: 15_000 })
    .not.toMatch(/^(loading|null)$/);
  return page;
}

describe('detail panel', () => {
  it('opens from the badge with the reasons, counts and registration, and closes', async () => {
    const page = await openProduct();
    await page.locator('antam-badge').click();
    const frame = await panelFrame(page);
    await expect.poll(() => frame.locator('body').innerText(), { timeout: 10_000 }).toContain('Đáng tin cậy');
    const text = await frame.locator('body').innerText();
    expect(text).toMatch(/nobistar/i);
    expect(text).toContain('(dữ liệu mẫu)'); // the registered business of the demo record
    expect(text).toMatch(/Khiếu nại/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('antam-panel').count()).toBe(0);
    await page.close();
  });

  it('shows a hostile seller name as text and runs none of it', async () => {
    const url = 'http://shopee.vn/Hostile-Name-i.9900000777.19445913336';
    pages.set(url, {
      html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html').replaceAll(
        '672907573',
        '9900000777',
      ),
    });
    const page = await openProduct(url);
    await page.locator('antam-badge').click();
    const frame = await panelFrame(page);
    await expect
      .poll(() => frame.locator('body').innerText(), { timeout: 10_000 })
      .toContain('<img src=x onerror=');
    expect(await frame.locator('img[src="x"]').count()).toBe(0);
    expect(
      await frame.evaluate(() => (window as unknown as { __antamPwned?: number }).__antamPwned),
    ).toBeUndefined();
    expect(
      await page.evaluate(() => (window as unknown as { __antamPwned?: number }).__antamPwned),
    ).toBeUndefined();
    await page.close();
  });
});

describe('toolbar and popup', () => {
  it('sets the toolbar badge for the tab and summarises the seller in the popup', async () => {
    const page = await openProduct();
    const badgeText = await browser.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: '*://shopee.vn/*Nobistar*' });
      return tab?.id === undefined ? null : chrome.action.getBadgeText({ tabId: tab.id });
    });
    expect(badgeText).toBe('✔');

    // The popup reads the active tab of its window: open it in a background tab of the same
    // window, bring the marketplace tab to the front, then load it.
    const popup = await browser.context.newPage();
    await page.bringToFront();
    await popup.goto(extensionUrl('popup.html'));
    await expect.poll(() => popup.locator('body').innerText(), { timeout: 10_000 }).toContain('Đáng tin cậy');
    expect(await popup.locator('body').innerText()).toMatch(/nobistar/i);
    await popup.close();
    await page.close();
  });

  it('says clearly when the tab is not a marketplace page', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(extensionUrl('popup.html'));
    await expect
      .poll(() => popup.locator('body').innerText(), { timeout: 10_000 })
      .toContain('Đây không phải trang của sàn thương mại điện tử được hỗ trợ');
    await popup.close();
  });
});

describe('options', () => {
  it('refuses an invalid registry URL and switches the language everywhere', async () => {
    const options = await browser.context.newPage();
    await options.goto(extensionUrl('options.html'));
    const url = options.locator('input[type="url"], input[inputmode="url"]').first();
    await url.fill('http://registry.example.com');
    await options.locator('form button[type="submit"]').click();
    await expect.poll(() => options.locator('body').innerText()).toMatch(/https/);
    expect(
      await browser.worker.evaluate(
        async () => (await chrome.storage.local.get('settings')).settings?.registryUrl ?? null,
      ),
    ).toBeNull();

    await options.locator('select').selectOption('en');
    await expect.poll(() => options.locator('h1').innerText()).toMatch(/settings/i);
    const page = await openProduct();
    await expect.poll(() => seenText(page, 'antam-badge'), { timeout: 10_000 }).toContain('Trusted');
    await page.close();
    await options.locator('select').selectOption('vi');
    await options.close();
  });

  it('turns listing badges off and on', async () => {
    const listing = 'http://shopee.vn/search';
    pages.set(listing, { html: realFixture('shopee/shpsg-shopee-sg-keyword_search_result_sample.html') });
    const options = await browser.context.newPage();
    await options.goto(extensionUrl('options.html'));
    const toggle = options.locator('input[type="checkbox"]').first();
    await toggle.uncheck();
    await expect
      .poll(() =>
        browser.worker.evaluate(
          async () => (await chrome.storage.local.get('settings')).settings?.listingBadges,
        ),
      )
      .toBe(false);
    const page = await browser.context.newPage();
    await page.goto(listing);
    await page.waitForTimeout(1500);
    expect(await page.locator('antam-badge').count()).toBe(0);
    await toggle.check();
    await page.reload();
    await expect.poll(() => page.locator('antam-badge').count(), { timeout: 15_000 }).toBe(60);
    await page.close();
    await options.close();
  });
});

describe('registry unavailable', () => {
  it('leaves the page working, says "unavailable", and puts nothing of ours in the console', async () => {
    proxy.target = null; // every request to the registry now fails
    const html = readFileSync(join(import.meta.dirname, 'pages/spa-shopee.html'), 'utf8');
    // A seller no earlier test looked up, so no cache can answer.
    const url = 'http://shopee.vn/Ao-Thun-Demo-i.9900000005.19445913336';
    pages.set(url, { html: html.replaceAll('672907573', '9900000005'), scripts: true });
    const page = await browser.context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.text()} @ ${m.location().url}`);
    });
    page.on('pageerror', (e) => messages.push(`pageerror ${e.message}`));
    await page.goto(url);
    await expect
      .poll(() => page.locator('antam-badge').getAttribute('data-level'), { timeout: 15_000 })
      .toBe('unavailable');
    expect(await seenText(page, 'antam-badge')).toContain('Không tải được');
    // The page's own script still runs and navigates.
    expect(await page.locator('#alive').innerText()).toBe('page script ok');
    await page.click('#next');
    await expect.poll(() => page.url()).toContain('i.9900000008.');
    await page.waitForTimeout(500);
    expect(messages.filter((m) => /chrome-extension:|antam/i.test(m))).toEqual([]);
    await page.close();
    proxy.target = registry.url;
  });
});
