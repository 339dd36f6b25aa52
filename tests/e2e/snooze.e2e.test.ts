// Snooze as the shopper sees it (issue 11, item 3): snoozed from the panel on a product page, the
// seller's badge is out of sight on that page AND on a listing page's card of the same shop, other
// sellers' badges stay; and when the seller's record changes (a new sanction), the badge comes back
// everywhere. (That a shop page's slug and a card's number are one snooze is
// tests/extension/background/router.test.ts, against the real registry.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type E2E, type FixtureServer, importCsv, startE2E } from './harness';
import { panelFrame } from './panel-frame';

let e2e: E2E;
let pages: FixtureServer;
let browser: Browser;

const PRODUCT = 'http://shopee.vn/Tai-Nghe-Demo-i.9900000008.22220000001';
const LISTING = 'http://shopee.vn/search';
const LISTING_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tìm kiếm | Shopee Việt Nam</title></head>
<body><ul class="shopee-search-item-result">
<li data-sqe="item" id="snoozed-shop"><a href="/Kem-Duong-Demo-i.9900000008.22220000002">Kem dưỡng demo</a></li>
<li data-sqe="item" id="other-shop"><a href="/Ao-Thun-Demo-i.672907573.19445913336">Áo thun demo</a></li>
</ul></body></html>`;

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ pages, browser } = e2e);
  const spa = readFileSync(join(import.meta.dirname, 'pages/spa-shopee.html'), 'utf8');
  pages.set(PRODUCT, { html: spa, scripts: true });
  pages.set(LISTING, { html: LISTING_HTML });
});
afterAll(async () => {
  await e2e?.close();
});

async function snoozedKeys(): Promise<string[]> {
  return browser.worker.evaluate(async () =>
    Object.keys((await chrome.storage.local.get('settings')).settings?.snoozed ?? {}),
  );
}

/** Whether each card's badge is on screen: present, and visible to the eye. */
async function cardBadgesSeen(page: Page): Promise<Record<string, boolean>> {
  const seen: Record<string, boolean> = {};
  for (const id of ['snoozed-shop', 'other-shop']) {
    const badge = page.locator(`#${id} antam-badge`);
    seen[id] = (await badge.count()) === 1 && (await badge.isVisible());
  }
  return seen;
}

describe('snooze', () => {
  it('hides the seller on its product page and on listing cards, and wakes when its record changes', async () => {
    const page = await browser.context.newPage();
    await page.goto(PRODUCT);
    const badge = page.locator('antam-badge[data-antam="badge"]');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('danger');
    await badge.click();
    const frame = await panelFrame(page);
    const toggle = frame.getByRole('checkbox');
    await toggle.waitFor({ timeout: 10_000 });
    await toggle.click();
    await expect.poll(snoozedKeys).toEqual(['shopee:9900000008']);
    await page.keyboard.press('Escape');

    await page.reload();
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => badge.isVisible(), { timeout: 10_000 }).toBe(false);

    // The same shop on a listing card: out of sight too; another seller's card keeps its badge.
    const listing = await browser.context.newPage();
    await listing.goto(LISTING);
    await expect.poll(() => listing.locator('antam-badge').count(), { timeout: 15_000 }).toBe(2);
    await expect
      .poll(() => cardBadgesSeen(listing), { timeout: 10_000 })
      .toEqual({
        'snoozed-shop': false,
        'other-shop': true,
      });

    // The record changes: an authority's new decision. Once the extension asks again (its
    // 10-minute cache brought forward, as the alarms are in other tests), the badge is back.
    await importCsv(
      e2e.registry.url,
      'sanctions',
      `platform,seller_id,slug,authority,decision,date,summary,url
shopee,9900000008,,Cục Quản lý thị trường TP.HCM,2024/QĐ-XPHC,2026-11-30,Kinh doanh mỹ phẩm giả,https://example.org/qd/2024
`,
    );
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await ext.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('antam');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('buckets', 'readwrite');
            tx.objectStore('buckets').clear();
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await ext.close();
    await listing.reload();
    await expect
      .poll(() => cardBadgesSeen(listing), { timeout: 15_000 })
      .toEqual({
        'snoozed-shop': true,
        'other-shop': true,
      });
    await page.reload();
    await expect.poll(() => badge.isVisible(), { timeout: 15_000 }).toBe(true);
    await listing.close();
    await page.close();
  });
});
