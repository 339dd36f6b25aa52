import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningRegistry } from '../../server/serve';
import {
  type Browser,
  FixtureServer,
  launchBrowser,
  realFixture,
  RegistryProxy,
  startDemoRegistry,
} from './harness';

let registry: RunningRegistry;
let proxy: RegistryProxy;
let pages: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  registry = await startDemoRegistry();
  proxy = new RegistryProxy(inject('proxyPort'));
  proxy.target = registry.url;
  await proxy.start();
  pages = new FixtureServer();
  await pages.start();
  browser = await launchBrowser(inject('extensionDir'), pages.port);
});

afterAll(async () => {
  await browser?.close();
  await pages?.stop();
  await proxy?.stop();
  await registry?.close();
});

describe('real saved pages', () => {
  it('shows the trusted badge beside the seller of the real Shopee product page', async () => {
    const url = pages.set(
      'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336',
      { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') },
    );
    const page = await browser.context.newPage();
    await page.goto(url);
    const badge = page.locator('antam-badge[data-antam="badge"]');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('trusted');
    expect(await badge.count()).toBe(1);
    await page.close();
  });
});
