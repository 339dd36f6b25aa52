// npm run screenshots: the store screenshots (1280×800 PNG, docs/screenshots/), taken in real
// Chromium with the extension built against a demo registry, on the demo's own marketplace pages
// (scripts/demo/pages.ts): a badge on a product page, the open panel, a listing, the complaint
// form, and the popup. Run again after a visible change and look at the pictures before committing.
import '../server/production';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  buildExtension,
  closeWelcome,
  freePort,
  launchBrowser,
  RegistryProxy,
  startDemoRegistry,
} from '../tests/e2e/harness';
import { type DemoPage, ownDemoPages } from './demo/pages';
import { FixtureServer } from './demo-pages';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'docs/screenshots');
const SIZE = { width: 1280, height: 800 };

function find(pages: DemoPage[], platform: DemoPage['platform'], kind: DemoPage['kind']): DemoPage {
  const p = pages.find((x) => x.platform === platform && x.kind === kind);
  if (!p) throw new Error(`no demo ${platform} ${kind} page`);
  return p;
}

async function until(what: string, test: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await test().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Opens a demo page and waits until each of its badges shows its level. */
async function open(page: Page, demo: DemoPage): Promise<void> {
  await page.setViewportSize(SIZE);
  await page.goto(demo.url);
  await until(`the badges of ${demo.url}`, async () => {
    const levels = await page
      .locator('antam-badge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    return levels.length === demo.badges.length && !levels.includes('loading');
  });
}

async function panelFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await until('the panel', async () => {
    frame = page.frames().find((f) => f.url().includes('/panel.html'));
    return frame !== undefined && (await frame.locator('h2, h1').count()) > 0;
  });
  return frame as Frame;
}

const registry = await startDemoRegistry();
// The extension talks to the registry URL it was built with: a proxy on a port known before the build.
const proxy = new RegistryProxy(await freePort());
proxy.target = registry.url;
await proxy.start();
console.log('Building the extension against a demo registry…');
const extensionDir = buildExtension(proxy.url, mkdtempSync(join(tmpdir(), 'antam-shots-ext-')));
const server = new FixtureServer();
const demo = ownDemoPages();
for (const p of demo) server.set(p.url, { html: p.html, scripts: true });
await server.start();
const browser = await launchBrowser(extensionDir, server.port, undefined, 'vi-VN');
mkdirSync(OUT, { recursive: true });
const shots: string[] = [];
const shoot = async (page: Page, name: string) => {
  console.log(`  ${name}`);
  const file = join(OUT, name);
  rmSync(file, { force: true });
  await page.screenshot({ path: file });
  shots.push(file);
};

try {
  await closeWelcome(browser);
  const page = await browser.context.newPage();

  // 1. A badge on a product page (Shopee, a trusted seller).
  const product = find(demo, 'shopee', 'product');
  await open(page, product);
  await shoot(page, '1-product-badge.png');

  // 2. The open panel (Lazada, a high-risk seller: the reasons say why).
  await open(page, find(demo, 'lazada', 'product'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('antam-badge').first().click({ timeout: 10_000 });
  const frame = await panelFrame(page);
  await until('the panel text', async () => (await frame.locator('body').innerText()).includes('Rủi ro cao'));
  await page.waitForTimeout(400); // its opening transition
  await shoot(page, '2-panel.png');
  await page.close();

  // 3. A listing: every card with its seller's badge (TikTok Shop search, every level).
  const listing = await browser.context.newPage();
  await open(listing, find(demo, 'tiktok', 'listing'));
  // Both rows of cards in view, so that every level shows.
  await listing.evaluate(() => window.scrollTo(0, 300));
  await shoot(listing, '3-listing.png');
  await listing.close();

  // 4. The complaint form, prefilled from a Shopee order page by one click on "Khiếu nại".
  const order = await browser.context.newPage();
  await open(order, find(demo, 'shopee', 'order'));
  await until('the Khiếu nại button', async () => (await order.locator('antam-complain').count()) === 1);
  const opened = browser.context.waitForEvent('page', { timeout: 20_000 });
  await order.locator('antam-complain').click({ timeout: 10_000 });
  const form = await opened;
  await form.setViewportSize(SIZE);
  await form.waitForURL(/\/complaint\.html#draft=/, { timeout: 20_000 });
  await form.locator('#f-order-orderCode').waitFor({ timeout: 20_000 });
  await form.waitForTimeout(300);
  await shoot(form, '4-complaint-form.png');
  await form.close();
  await order.close();

  // 5. The popup over the page it describes: Chrome draws popups outside the page, where no
  //    screenshot reaches, so the popup is rendered at its own size and placed under the toolbar.
  const sendo = await browser.context.newPage();
  await open(sendo, find(demo, 'sendo', 'product'));
  const popup = await browser.context.newPage();
  await sendo.bringToFront();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await until('the popup', async () => (await popup.locator('body').innerText()).includes('Đáng tin cậy'));
  await popup.waitForTimeout(300);
  const height = Math.min(
    600,
    await popup.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
  );
  const popupPng = await popup.screenshot({ clip: { x: 0, y: 0, width: 380, height } });
  const pagePng = await sendo.screenshot();
  await popup.close();
  const board = await browser.context.newPage();
  await board.setViewportSize(SIZE);
  await board.setContent(`<!doctype html><html><body style="margin:0;width:1280px;height:800px;overflow:hidden;position:relative;font:13px system-ui,sans-serif">
<img alt="" src="data:image/png;base64,${pagePng.toString('base64')}" style="position:absolute;inset:0;filter:brightness(.92)">
<img alt="" src="data:image/png;base64,${popupPng.toString('base64')}" style="position:absolute;top:8px;right:16px;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)">
</body></html>`);
  await board.waitForTimeout(200);
  await shoot(board, '5-popup.png');
  await board.close();
  console.log(`Screenshots (${SIZE.width}×${SIZE.height}):\n${shots.map((s) => `  ${s}`).join('\n')}`);
} finally {
  await browser.close();
  await server.stop();
  await proxy.stop();
  await registry.close();
}
