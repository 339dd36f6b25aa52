// The badge's panel as a shopper meets it (issue 11, items 6 and 8), in Chromium with the built
// extension: opened from the badge by keyboard, focus goes into the panel (to the seller's name);
// Escape closes it and gives focus back to the badge; a press elsewhere on the page closes it; in
// a window narrower than the panel it still fits on screen; and the seller is called by the name
// the page shows (as text, even when that name is markup) when the registry has none or is down.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './axe';
import {
  type Browser,
  type E2E,
  type FixtureServer,
  ownFixture,
  type RegistryProxy,
  startE2E,
} from './harness';
import { panelFrame } from './panel-frame';

let e2e: E2E;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

// A seller the demo registry does not know; the page calls it "<img src=x onerror=alert(1)>".
const PRODUCT = 'http://shopee.vn/Tai-Nghe-Bluetooth-Chup-Tai-EDIFIER-W830NB-i.395295057.29704866711';
const PAGE_NAME = '<img src=x onerror=alert(1)>';

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ proxy, pages, browser } = e2e);
  pages.set(PRODUCT, { html: ownFixture('shopee-product-vn.html') });
});
afterAll(async () => {
  await e2e?.close();
});

/** The element that has focus, as the page sees it (our hosts, since their roots are closed). */
const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.localName ?? null);

/** Where the panel's frame is on screen, or null when no panel is shown. */
const panelBox = (page: Page) =>
  page
    .locator('antam-panel')
    .boundingBox({ timeout: 1_000 })
    .catch(() => null);

async function tabToBadge(page: Page): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await focusedTag(page)) === 'antam-badge') return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the badge');
}

describe('the badge panel', () => {
  it('opens by keyboard with focus inside, closes on Escape back to the badge, and on a press outside', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(PRODUCT);
    await page.locator('antam-badge[data-antam="badge"]').waitFor({ timeout: 15_000 });

    await tabToBadge(page);
    await page.keyboard.press('Enter');
    const frame = await panelFrame(page);
    // Focus is in the panel, on its heading: the seller's name as the page shows it, as text.
    await expect.poll(() => focusedTag(page), { timeout: 10_000 }).toBe('antam-panel');
    await expect
      .poll(() => frame.evaluate(() => document.activeElement?.localName ?? null), { timeout: 10_000 })
      .toBe('h1');
    expect(await frame.locator('h1').innerText()).toBe(PAGE_NAME);
    expect(await frame.locator('main img').count()).toBe(0);
    // axe-core on the panel's own document (the marketplace page is not ours to judge).
    expect(await seriousViolations(frame)).toEqual([]);

    // Tab moves through the panel's own controls; Escape closes it and focus is back on the badge.
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement !== document.body)).toBe(true);
    // The page hears nothing of that Escape, neither the press nor the release: both were ours.
    await page.evaluate(() => {
      const w = window as unknown as { escapeKeys: string[] };
      w.escapeKeys = [];
      for (const type of ['keydown', 'keyup'])
        document.addEventListener(
          type,
          (e) => (e as KeyboardEvent).key === 'Escape' && w.escapeKeys.push(type),
          true,
        );
    });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('antam-panel').count()).toBe(0);
    expect(await focusedTag(page)).toBe('antam-badge');
    expect(await page.evaluate(() => (window as unknown as { escapeKeys: string[] }).escapeKeys)).toEqual([]);

    // Opened again by the keyboard, then a press on the page elsewhere closes it.
    await page.keyboard.press('Enter');
    await expect.poll(() => panelBox(page)).not.toBeNull();
    await page.mouse.click(20, 400);
    await expect.poll(() => page.locator('antam-panel').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-sized window', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(PRODUCT);
    const badge = page.locator('antam-badge[data-antam="badge"]');
    await badge.waitFor({ timeout: 15_000 });
    await badge.click();
    await panelFrame(page);
    await expect.poll(() => panelBox(page)).not.toBeNull();
    // The host is exactly the frame's size (its closed shadow root holds only the iframe).
    const host = await panelBox(page);
    expect(host).not.toBeNull();
    if (!host) return;
    expect(host.x).toBeGreaterThanOrEqual(0);
    expect(host.x + host.width).toBeLessThanOrEqual(360);
    expect(host.y + host.height).toBeLessThanOrEqual(640);
    await page.close();
  });

  it('calls the seller by the name the page shows while the registry is down', async () => {
    const target = proxy.target;
    proxy.target = null;
    try {
      const page = await browser.context.newPage();
      await page.goto(`${PRODUCT}?down=1`);
      const badge = page.locator('antam-badge[data-antam="badge"]');
      await badge.waitFor({ timeout: 15_000 });
      await badge.click();
      const frame = await panelFrame(page);
      await expect.poll(() => frame.locator('h1').innerText(), { timeout: 15_000 }).toBe(PAGE_NAME);
      expect(await frame.locator('main').innerText()).not.toMatch(/Người bán 395295057/);
      await page.close();
    } finally {
      proxy.target = target;
    }
  });
});
