// Marketplace pages for the demo browser and the end-to-end tests: the real saved pages of
// ../shared/fixtures/real and our own fixtures, served under the marketplaces' real host names
// (the browser maps those names to this server with --host-resolver-rules).
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

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

/** The demo: real saved pages where they exist, and our own page of every kind elsewhere. */
export const DEMO_PAGES: { url: string; title: string; real?: string; own?: string }[] = [
  {
    url: 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336',
    title: 'Shopee — trang sản phẩm thật (đã lưu)',
    real: 'shopee/shpsg-shopee-sg-product_detail_sample.html',
  },
  {
    url: 'http://shopee.vn/search',
    title: 'Shopee — trang tìm kiếm thật, 60 sản phẩm (đã lưu)',
    real: 'shopee/shpsg-shopee-sg-keyword_search_result_sample.html',
  },
  {
    url: 'http://shopee.vn/nobistar.sg',
    title: 'Shopee — trang shop thật (đã lưu)',
    real: 'shopee/shpsg-shopee-sg-shop_sample.html',
  },
  {
    url: 'http://www.lazada.vn/products/nha-gia-kim-tai-ban-2017-paulo-coelho-i132621522-s133154361.html',
    title: 'Lazada — trang sản phẩm thật năm 2018 (đã lưu)',
    real: 'lazada/chuhieu311-2018-lazada-pdp-nha-gia-kim.html',
  },
  { url: 'http://www.lazada.vn/catalog/?q=iphone', title: 'Lazada — danh sách', own: 'lazada-listing.html' },
  { url: 'http://tiki.vn/search?q=tai+nghe', title: 'Tiki — danh sách', own: 'tiki-listing.html' },
  {
    url: 'http://www.tiktok.com/shop/s/tai-nghe-bluetooth',
    title: 'TikTok Shop — danh sách',
    own: 'tiktok-listing.html',
  },
  {
    url: 'http://www.sendo.vn/tim-kiem?q=c%C3%A1p%20s%E1%BA%A1c',
    title: 'Sendo — danh sách',
    own: 'sendo-listing.html',
  },
  // Order pages (our own, hand-written after the real ones: the real ones need a login), each
  // with the "Khiếu nại" button beside the order.
  {
    url: 'http://shopee.vn/user/purchase/order/118651414207583?type=3',
    title: 'Shopee — chi tiết đơn hàng (khiếu nại)',
    own: 'shopee-order.html',
  },
  {
    url: 'http://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185',
    title: 'Lazada — chi tiết đơn hàng (khiếu nại)',
    own: 'lazada-order.html',
  },
  {
    url: 'http://tiki.vn/sales/order/view/329752040',
    title: 'Tiki — chi tiết đơn hàng (khiếu nại)',
    own: 'tiki-order.html',
  },
  {
    url: 'http://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317',
    title: 'TikTok Shop — chi tiết đơn hàng (khiếu nại)',
    own: 'tiktok-order.html',
  },
];

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

/** Serves the demo pages and an index at http://demo.antam.test/; pages it cannot find are left out. */
export function demoServer(): { server: FixtureServer; index: string; pages: typeof DEMO_PAGES } {
  const server = new FixtureServer();
  const served = DEMO_PAGES.filter((p) => {
    try {
      server.set(p.url, { html: p.real ? realFixture(p.real) : ownFixture(p.own ?? '') });
      return true;
    } catch {
      return false;
    }
  });
  const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const links = served
    .map((p) => `<li><a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a></li>`)
    .join('\n');
  const index = 'http://demo.antam.test/';
  server.set(index, {
    html: `<!doctype html><html lang="vi"><meta charset="utf-8"><title>An Tâm — trang demo</title>
<body style="font:16px system-ui;max-width:44rem;margin:2rem auto"><h1>An Tâm — trang demo</h1>
<p>Các trang sàn thương mại điện tử dưới đây được phục vụ từ máy của bạn, dưới đúng tên miền của sàn,
để xem huy hiệu An Tâm với dữ liệu mẫu (dữ liệu mẫu, không mô tả người bán thật).</p><ul>${links}</ul></body></html>`,
  });
  return { server, index, pages: served };
}
