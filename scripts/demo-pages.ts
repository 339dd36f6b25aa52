// Marketplace pages for the demo browser and the end-to-end tests: our own demo pages of every
// marketplace and page kind (scripts/demo), the real saved pages of ../shared/fixtures/real, served under the marketplaces' real host names
// (the browser maps those names to this server with --host-resolver-rules).
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { PageKind } from '../lib/marketplaces/types';
import type { Platform } from '../lib/registry/seller-key';
import { MARKET_NAMES } from './demo/html';
import { ownDemoPages } from './demo/pages';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHARED = process.env.ANTAM_SHARED_DIR ?? resolve(ROOT, '../shared');

export function realFixture(path: string): string {
  const file = join(SHARED, 'fixtures/real', path);
  if (!existsSync(file)) {
    throw new Error(`missing ${file}: check out shared/ beside the repository, or set ANTAM_SHARED_DIR`);
  }
  return readFileSync(file, 'utf8');
}

export function ownFixture(name: string): string {
  return readFileSync(join(ROOT, 'tests/fixtures/marketplaces', name), 'utf8');
}

export interface Page {
  html: string;
  /** Saved third-party pages run no scripts of their own here (they would call the live site). */
  scripts?: boolean;
}

/** Serves pages by Host header and path; unknown paths answer 404 (the page then has no badge). */
export class FixtureServer {
  readonly pages = new Map<string, Page>();
  private server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const page = this.pages.get(`${host}${path}`);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(page.scripts ? {} : { 'content-security-policy': "script-src 'none'" }),
    });
    res.end(page.html);
  });
  port = 0;

  set(url: string, page: Page): string {
    const u = new URL(url);
    this.pages.set(`${u.hostname}${decodeURIComponent(u.pathname)}`, page);
    return url;
  }

  async start(port = 0): Promise<void> {
    await new Promise<void>((ok) => this.server.listen(port, '127.0.0.1', ok));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}

/**
 * The real saved pages the demo shows beside its own (they prove real pages work): served as
 * saved, without their scripts, and labelled "trang thật đã lưu" in the index.
 */
export const REAL_DEMO_PAGES: {
  url: string;
  title: string;
  platform: Platform;
  kind: PageKind;
  real: string;
}[] = [
  {
    url: 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336',
    title: 'Shopee — trang sản phẩm (shopee.sg, tiếng Anh)',
    platform: 'shopee',
    kind: 'product',
    real: 'shopee/shpsg-shopee-sg-product_detail_sample.html',
  },
  {
    url: 'http://shopee.vn/search',
    title: 'Shopee — trang tìm kiếm, 60 sản phẩm (shopee.sg)',
    platform: 'shopee',
    kind: 'listing',
    real: 'shopee/shpsg-shopee-sg-keyword_search_result_sample.html',
  },
  {
    url: 'http://shopee.vn/nobistar.sg',
    title: 'Shopee — trang shop (shopee.sg)',
    platform: 'shopee',
    kind: 'shop',
    real: 'shopee/shpsg-shopee-sg-shop_sample.html',
  },
  {
    url: 'http://www.lazada.vn/products/nha-gia-kim-tai-ban-2017-paulo-coelho-i132621522-s133154361.html',
    title: 'Lazada — trang sản phẩm năm 2018',
    platform: 'lazada',
    kind: 'product',
    real: 'lazada/chuhieu311-2018-lazada-pdp-nha-gia-kim.html',
  },
];

export interface DemoEntry {
  url: string;
  title: string;
  platform: Platform;
  kind: PageKind;
  /** Path under fixtures/real of a real saved page; absent for the demo's own pages. */
  real?: string;
}

const KIND_WORDS: Record<PageKind, string> = {
  product: 'Trang sản phẩm',
  shop: 'Trang shop',
  listing: 'Danh sách, tìm kiếm',
  order: 'Chi tiết đơn hàng',
  other: 'Khác',
};

/** The index at http://demo.antam.test/: our pages by marketplace and kind, then the real saved pages. */
export function demoIndexHtml(entries: readonly DemoEntry[]): string {
  const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const item = (e: DemoEntry) =>
    `<li><a href="${escapeHtml(e.url)}">${escapeHtml(e.title)}</a>${e.real ? ' <span class="real">trang thật đã lưu</span>' : ''}<div class="url">${escapeHtml(e.url)}</div></li>`;
  const sections = (Object.keys(MARKET_NAMES) as Platform[])
    .map((platform) => {
      const own = entries.filter((e) => e.platform === platform && !e.real);
      const real = entries.filter((e) => e.platform === platform && e.real);
      const kinds = (['product', 'shop', 'listing', 'order'] as PageKind[])
        .map((k) => {
          const list = own.filter((e) => e.kind === k);
          return list.length ? `<h3>${KIND_WORDS[k]}</h3><ul>${list.map(item).join('')}</ul>` : '';
        })
        .join('');
      const saved = real.length
        ? `<h3>Trang thật đã lưu <small>(lưu từ trang thật của sàn, không kèm kiểu dáng và script)</small></h3><ul>${real.map(item).join('')}</ul>`
        : '';
      return `<section><h2>${MARKET_NAMES[platform]}</h2>${kinds}${saved}</section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>An Tâm — trang demo</title>
<style>
body{font:16px/1.5 system-ui,"Segoe UI",Roboto,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2125}
h1{margin-bottom:.25rem}section{border-top:1px solid #ddd;margin-top:1.5rem}h2{margin:.8rem 0 .2rem}h3{font-size:1rem;margin:.8rem 0 .2rem;color:#444}
ul{margin:0;padding-left:1.2rem}li{margin:.3rem 0}.url{font-size:.8rem;color:#666}a{color:#0b57d0}
.real{font-size:.8rem;background:#eef3ea;color:#2d5b1f;border:1px solid #b9d3ac;border-radius:1rem;padding:0 .5rem;margin-left:.3rem}
</style></head>
<body><h1>An Tâm — trang demo</h1>
<p>Các trang sàn thương mại điện tử dưới đây được phục vụ từ máy của bạn, dưới đúng tên miền của sàn, để xem
huy hiệu An Tâm bên cạnh người bán (dữ liệu mẫu, không mô tả người bán thật). Trang mô phỏng là của An Tâm;
trang có nhãn “trang thật đã lưu” là trang thật của sàn đã được lưu lại.</p>
${sections}
</body></html>`;
}

/** Every demo page: our own of every marketplace and kind, then the real saved pages. */
export function demoEntries(): (DemoEntry & { html: () => string })[] {
  return [
    ...ownDemoPages().map((p) => ({ ...p, html: () => p.html })),
    ...REAL_DEMO_PAGES.map((p) => ({ ...p, html: () => realFixture(p.real) })),
  ];
}

export const DEMO_HOSTS = [
  'shopee.vn',
  'www.lazada.vn',
  'my.lazada.vn',
  'tiki.vn',
  'shop.tiktok.com',
  'www.tiktok.com',
  'shop-vn.tiktok.com',
  'www.sendo.vn',
  'demo.antam.test',
];

/** Serves the demo pages and an index at http://demo.antam.test/; real pages it cannot find are left out. */
export function demoServer(): { server: FixtureServer; index: string; pages: DemoEntry[] } {
  const server = new FixtureServer();
  const served: DemoEntry[] = [];
  for (const { html, ...entry } of demoEntries()) {
    try {
      // Our own pages run no script of their own but carry their data in script elements; the
      // saved real pages run none (they would call the live site).
      server.set(entry.url, { html: html(), scripts: !entry.real });
      served.push(entry);
    } catch {
      // A real saved page missing from ../shared: the index leaves it out.
    }
  }
  const index = 'http://demo.antam.test/';
  server.set(index, { html: demoIndexHtml(served) });
  return { server, index, pages: served };
}
