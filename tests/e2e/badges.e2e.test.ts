import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Browser,
  type E2E,
  type FixtureServer,
  type RegistryProxy,
  realFixture,
  startE2E,
} from './harness';
import { seenText } from './seen';

let e2e: E2E;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ proxy, pages, browser } = e2e);
});

afterAll(async () => {
  await e2e?.close();
});

describe('real saved pages', () => {
  it('shows the trusted badge beside the seller of the real Shopee product page', async () => {
    const url = pages.set('http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336', {
      html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html'),
    });
    const page = await browser.context.newPage();
    await page.goto(url);
    const badge = page.locator('antam-badge[data-antam="badge"]');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('trusted');
    expect(await badge.count()).toBe(1);
    await page.close();
  });
});

describe('listings', () => {
  it('gives all 60 cards of the real Shopee search page a badge from ONE registry request', async () => {
    const url = pages.set('http://shopee.vn/search', {
      html: realFixture('shopee/shpsg-shopee-sg-keyword_search_result_sample.html'),
    });
    proxy.requests = [];
    const page = await browser.context.newPage();
    await page.goto(`${url}?keyword=tai%20nghe`);
    const badges = page.locator('li[data-sqe="item"] antam-badge[data-antam="badge"]');
    await expect.poll(() => badges.count(), { timeout: 15_000 }).toBe(60);
    await expect
      .poll(
        async () =>
          (await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-level')))).filter(
            (l) => l === 'loading',
          ).length,
        { timeout: 15_000 },
      )
      .toBe(0);
    const levels = await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    expect(levels.every((l) => ['trusted', 'ok', 'caution', 'danger', 'unknown'].includes(l ?? ''))).toBe(
      true,
    );
    expect(new Set(levels).size).toBeGreaterThan(1);
    const lookups = proxy.requests.filter(
      (r) => r.url.startsWith('/v1/lookup') || r.url.startsWith('/v1/buckets'),
    );
    expect(lookups).toHaveLength(1);
    // Only hash prefixes leave the browser: no seller id appears in what the registry received.
    expect(JSON.stringify(lookups)).not.toMatch(/shopee:|1253883447/);

    // A second visit is answered from the extension's cache: no request at all.
    proxy.requests = [];
    await page.reload();
    await expect.poll(() => badges.count(), { timeout: 15_000 }).toBe(60);
    await page.waitForTimeout(500);
    expect(proxy.requests.filter((r) => r.url.startsWith('/v1/'))).toHaveLength(0);
    await page.close();
  });
});

describe('single-page navigation', () => {
  it('replaces the badge when a pushState shows another seller', async () => {
    const html = readFileSync(join(import.meta.dirname, 'pages/spa-shopee.html'), 'utf8');
    const url = pages.set('http://shopee.vn/Ao-Thun-Demo-i.672907573.19445913336', { html, scripts: true });
    pages.set('http://shopee.vn/Tai-Nghe-Demo-i.9900000008.22220000001', { html, scripts: true });
    const page = await browser.context.newPage();
    await page.goto(url);
    const badge = page.locator('antam-badge[data-antam="badge"]');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('trusted');
    await page.click('#next');
    await expect.poll(() => page.url()).toContain('i.9900000008.');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('danger');
    expect(await badge.count()).toBe(1);
    await page.close();
  });
});

describe('the loader', () => {
  it('brings in nothing on a page none of ours, and the badge when the app navigates to a product', async () => {
    // The SPA page served at Shopee's cart: its markup has a shop block, but the address is none
    // of ours, so only the loader runs there (no badge), until the app pushes a product's address.
    const html = readFileSync(join(import.meta.dirname, 'pages/spa-shopee.html'), 'utf8');
    pages.set('http://shopee.vn/cart', { html, scripts: true });
    pages.set('http://shopee.vn/Tai-Nghe-Demo-i.9900000008.22220000001', { html, scripts: true });
    const page = await browser.context.newPage();
    await page.goto('http://shopee.vn/cart');
    await page.waitForTimeout(1500);
    expect(await page.locator('antam-badge').count()).toBe(0);
    await page.click('#next');
    const badge = page.locator('antam-badge[data-antam="badge"]');
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => badge.getAttribute('data-level', { timeout: 1000 }), { timeout: 15_000 })
      .toBe('danger');
    expect(await badge.isVisible()).toBe(true);
    expect(await seenText(page, 'antam-badge')).toContain('Rủi ro cao');
    await page.close();
  });
});

describe('lookalike hosts', () => {
  it('never shows a badge on a lookalike of a marketplace host', async () => {
    const url = pages.set('http://shopee.vn.example.com/Nobistar-Sample-Product-i.672907573.19445913336', {
      html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html'),
    });
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(1500);
    expect(await page.locator('antam-badge').count()).toBe(0);
    await page.close();
  });
});
