// Every marketplace, on our own fixture pages served under the real host names: the badge shows
// the level the registry holds for the page's seller. Sellers absent from the demo data are loaded
// the way real data is, through the admin CSV import.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningRegistry } from '../../server/serve';
import { type Browser, type E2E, type FixtureServer, importCsv, ownFixture, startE2E } from './harness';
import { seen } from './seen';

const REGISTRATIONS = `business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store
Công ty TNHH Âm Thanh Thử Nghiệm (e2e),0312000001,registered,2023-01-10,E2E-1,shopee,395295057,edifier.official,EDIFIER Official,true
Công ty TNHH Thời Trang Teelab (e2e),0312000002,notified,2022-06-01,E2E-2,lazada,,teelab,Teelab,false
Công ty TNHH Goli (e2e),0312000003,registered,2021-03-03,E2E-3,tiktok,7495794203056835079,goli-nutrition,Goli Nutrition,false
`;
const SANCTIONS = `platform,seller_id,slug,authority,decision,date,summary,url
lazada,100099887,,Cục Quản lý thị trường TP. Hồ Chí Minh (e2e),77/QĐ-XPHC,2026-05-02,Kinh doanh hàng không rõ nguồn gốc (dữ liệu thử nghiệm),
tiktok,7494111111111111111,,Sở Công Thương Hà Nội (e2e),12/QĐ-XPHC,2019-04-04,Không niêm yết giá (dữ liệu thử nghiệm),
`;

/** What the registry says of a seller key: the level a badge must show. */
async function registryLevel(key: string): Promise<string> {
  const [platform, id] = key.split(':') as [string, string];
  const res = await fetch(`${registry.url}/v1/sellers/${platform}/${encodeURIComponent(id)}`);
  if (res.status === 404) return 'unknown';
  return ((await res.json()) as { level: string }).level;
}

let e2e: E2E;
let registry: RunningRegistry;
let pages: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'), async (r) => {
    await importCsv(r.url, 'registrations', REGISTRATIONS);
    await importCsv(r.url, 'sanctions', SANCTIONS);
  });
  ({ registry, pages, browser } = e2e);
});

afterAll(async () => {
  await e2e?.close();
});

interface Case {
  url: string;
  fixture: string;
  /** Seller keys the page shows, in badge order. */
  sellers: string[];
  /** The level we seeded, so that the test shows more than "some level". */
  seeded?: string;
}

const CASES: Case[] = [
  {
    url: 'http://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711',
    fixture: 'shopee-product-vn.html',
    sellers: ['shopee:395295057'],
    seeded: 'trusted',
  },
  {
    url: 'http://www.lazada.vn/products/tai-nghe-bluetooth-pamu-slide-mini-i456096674.html',
    fixture: 'lazada-product.html',
    sellers: ['lazada:100099887'],
    seeded: 'danger',
  },
  {
    url: 'http://www.lazada.vn/shop/teelab/',
    fixture: 'lazada-shop.html',
    sellers: ['lazada:@teelab'],
    seeded: 'trusted',
  },
  {
    url: 'http://www.lazada.vn/catalog/?q=iphone',
    fixture: 'lazada-listing.html',
    sellers: ['lazada:100099887', 'lazada:6548'],
  },
  { url: 'http://tiki.vn/cua-hang/tiki-trading', fixture: 'tiki-shop.html', sellers: ['tiki:@tiki-trading'] },
  {
    url: 'http://tiki.vn/search?q=tai+nghe',
    fixture: 'tiki-listing.html',
    sellers: ['tiki:161348', 'tiki:1'],
  },
  {
    url: 'http://shop.tiktok.com/vn/pdp/1729449578219344482',
    fixture: 'tiktok-product.html',
    sellers: ['tiktok:7495794203056835079'],
    seeded: 'trusted',
  },
  {
    url: 'http://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079',
    fixture: 'tiktok-shop.html',
    sellers: ['tiktok:7495794203056835079'],
  },
  {
    url: 'http://www.tiktok.com/shop/s/tai-nghe-bluetooth',
    fixture: 'tiktok-listing.html',
    sellers: ['tiktok:7494111111111111111', 'tiktok:7494222222222222222'],
  },
  {
    url: 'http://www.sendo.vn/cap-sac-iphone-ipad-sac-nhanh-24a-34406369.html',
    fixture: 'sendo-product-dom.html',
    sellers: ['sendo:@vivan-official-store'],
  },
  {
    url: 'http://www.sendo.vn/tim-kiem?q=c%C3%A1p%20s%E1%BA%A1c',
    fixture: 'sendo-listing.html',
    sellers: ['sendo:717078', 'sendo:880011'],
  },
];

describe('badges on every marketplace', () => {
  for (const c of CASES) {
    it(`${c.fixture}: the registry's level for ${c.sellers.join(', ')}`, async () => {
      pages.set(c.url, { html: ownFixture(c.fixture) });
      const expected = await Promise.all(c.sellers.map(registryLevel));
      if (c.seeded) expect(expected[0]).toBe(c.seeded);
      const page = await browser.context.newPage();
      await page.goto(c.url);
      const badges = page.locator('antam-badge[data-antam="badge"]');
      await expect
        .poll(() => badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))), {
          timeout: 15_000,
        })
        .toEqual(expected);
      await page.close();
    });
  }

  it('an accusing level shows its word beside the icon, not colour alone', async () => {
    const c = CASES[1] as Case;
    pages.set(c.url, { html: ownFixture(c.fixture) });
    const page = await browser.context.newPage();
    await page.goto(c.url);
    // What the shopper reads inside the badge (its shadow root is closed: read through CDP).
    const danger = async () =>
      (await seen(page, 'antam-badge')).find((b) => b.host['data-level'] === 'danger')?.text ?? '';
    await expect.poll(danger, { timeout: 15_000 }).toMatch(/✖\s*Rủi ro cao/);
    await page.close();
  });
});
