// The demo a newcomer sees first (`npm start`): every page of ours, on every marketplace and page
// kind, shows the badge of each seller it names, in words the shopper reads, at the level the
// demo registry gives; the demo index links every page. Real Chromium, the built extension, the
// real registry with demo data.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BADGE_WORDS } from '../../lib/i18n/badge';
import { type DemoPage, ownDemoPages } from '../../scripts/demo/pages';
import { demoIndexHtml, demoServer } from '../../scripts/demo-pages';
import { type Browser, type E2E, type FixtureServer, startE2E } from './harness';
import { seen, seenText } from './seen';

let e2e: E2E;
let pages: FixtureServer;
let browser: Browser;
const own = ownDemoPages();
const INDEX = 'http://demo.antam.test/';

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ pages, browser } = e2e);
  for (const p of own) pages.set(p.url, { html: p.html, scripts: true });
});

afterAll(async () => {
  await e2e?.close();
});

/** The levels of the page's badges in document order, once none is still loading. */
async function settledLevels(page: Page, count: number): Promise<(string | null)[]> {
  const badges = page.locator('antam-badge');
  const levels = () => badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
  await expect.poll(() => badges.count(), { timeout: 15_000 }).toBe(count);
  await expect
    .poll(async () => (await levels()).filter((l) => l === 'loading').length, { timeout: 15_000 })
    .toBe(0);
  return levels();
}

describe('demo pages of every marketplace and kind', () => {
  it.each(own.map((p) => [`${p.platform} ${p.kind}`, p] as [string, DemoPage]))(
    '%s: every seller named on the page has its badge, in words, at its level',
    async (_, demo) => {
      const page = await browser.context.newPage();
      await page.goto(demo.url);
      const levels = await settledLevels(page, demo.badges.length);
      expect(levels).toEqual(demo.badges.map((b) => b.level));
      // What the shopper reads: the level's word on each badge, and the badge on screen.
      const words = (await seen(page, 'antam-badge')).map((b) => b.text);
      expect(words).toHaveLength(demo.badges.length);
      demo.badges.forEach((b, i) => {
        expect(words[i]).toContain(BADGE_WORDS.vi[b.level].label);
      });
      const shown = await page.locator('antam-badge').evaluateAll(
        (els) =>
          els.filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
          }).length,
      );
      expect(shown).toBe(demo.badges.length);
      if (demo.kind === 'order') {
        await expect.poll(() => seenText(page, 'antam-complain'), { timeout: 10_000 }).toContain('Khiếu nại');
      }
      await page.close();
    },
  );
});

describe('demo index', () => {
  it('links every demo page, by marketplace, and labels the real saved pages', async () => {
    const demo = demoServer();
    pages.set(INDEX, { html: demoIndexHtml(demo.pages) });
    const page = await browser.context.newPage();
    await page.goto(INDEX);
    const links = await page
      .locator('a[href]')
      .evaluateAll((els) =>
        els.map((a) => ({ href: a.getAttribute('href'), item: a.closest('li')?.textContent ?? '' })),
      );
    for (const p of own) expect(links.map((l) => l.href)).toContain(p.url);
    const real = demo.pages.filter((p) => p.real);
    expect(real.length).toBeGreaterThan(0);
    for (const r of real) expect(links.find((l) => l.href === r.url)?.item).toContain('trang thật đã lưu');
    const headings = await page.locator('h2').allInnerTexts();
    expect(headings).toEqual(['Shopee', 'Lazada', 'Tiki', 'TikTok Shop', 'Sendo']);
    // A link followed from the index lands on a page with its badge.
    const first = own[0];
    if (!first) throw new Error('no demo page');
    await page.locator(`a[href="${first.url}"]`).click();
    await settledLevels(page, first.badges.length);
    await page.close();
  });
});
