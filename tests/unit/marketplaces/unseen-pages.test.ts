/**
 * Issue 12: pages shaped like real ones that the readers were not written against, by class
 * (tests/fixtures/marketplaces): a Shopee product page before its app renders (ids from the URL
 * and the canonical metadata by Shopee's grammar), Tiki product pages whose seller is only a shop
 * link or an older `current-seller` element, and a TikTok Shop order page with no links, English
 * labels and dollars. The content script then shows a badge, or the "Khiếu nại" button.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { foreignAmount, parseViDate } from '../../../lib/marketplaces/common';
import { lazada } from '../../../lib/marketplaces/lazada';
import { shopee } from '../../../lib/marketplaces/shopee';
import { tiki } from '../../../lib/marketplaces/tiki';
import { tiktok } from '../../../lib/marketplaces/tiktok';
import type { Extraction } from '../../../lib/marketplaces/types';
import type { LookupResult, Request, ScanResult } from '../../../lib/messaging';
import type { TrustRecord } from '../../../lib/registry/schemas';
import { inside, startController } from './content-harness';
import { ownPage, parse } from './pages';

const SHOPEE_SERVER =
  'https://shopee.vn/B%C3%ACnh-gi%E1%BB%AF-nhi%E1%BB%87t-inox-304-LocknLock-500ml-i.161702853.22950428921?sp_atk=9f&xptdk=9f';
const TIKI_LINK_ONLY = 'https://tiki.vn/dac-nhan-tam-bia-cung-p74021317.html?spid=74021318';
const TIKI_OLD = 'https://tiki.vn/binh-dun-sieu-toc-sunhouse-shd1182-p321456.html';
const TIKTOK_ORDER = 'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317';

function product(x: Extraction) {
  if (x.kind !== 'product') throw new Error(`expected a product, got ${x.kind}`);
  return x;
}

describe('Shopee: a product page before the app renders', () => {
  it('names the seller from the URL, confirmed by og:url, canonical and breadcrumb', () => {
    const x = product(shopee.extract(ownPage('shopee-product-server-html.html'), new URL(SHOPEE_SERVER)));
    expect(x.seller).toEqual({ key: 'shopee:161702853', name: null });
    expect(x.product).toEqual({
      id: '22950428921',
      title: 'Bình giữ nhiệt inox 304 LocknLock 500ml giữ nóng lạnh 24h',
      price: null,
      url: SHOPEE_SERVER.split('?')[0],
    });
    // Nothing on the page to stand beside: the content script uses a fixed spot (below).
    expect(x.anchor).toBeNull();
  });

  it('reads the same page under the canonical /product/{shopid}/{itemid} form of its URL', () => {
    const x = product(
      shopee.extract(
        ownPage('shopee-product-server-html.html'),
        new URL('https://shopee.vn/product/161702853/22950428921'),
      ),
    );
    expect(x.seller.key).toBe('shopee:161702853');
  });

  it('stands beside the title once the page has one', () => {
    const doc = ownPage('shopee-product-server-html.html');
    doc.getElementById('main')?.insertAdjacentHTML('beforeend', '<h1>Bình giữ nhiệt LocknLock</h1>');
    expect(product(shopee.extract(doc, new URL(SHOPEE_SERVER))).anchor?.textContent).toBe(
      'Bình giữ nhiệt LocknLock',
    );
  });

  it('waits (unknown) while any canonical metadata still names the previous product', () => {
    const html = readFixture('shopee-product-server-html.html').replace(
      /(property="og:url" content="[^"]*-i\.)161702853\.22950428921/,
      '$1161702853.11111111111',
    );
    expect(shopee.extract(parse(html), new URL(SHOPEE_SERVER))).toEqual({ kind: 'unknown' });
  });

  it('says nothing (unknown) on a page with neither rendered blocks nor canonical metadata', () => {
    const doc = parse('<html><head><title>Shopee</title></head><body><div id="main"></div></body></html>');
    expect(shopee.extract(doc, new URL(SHOPEE_SERVER))).toEqual({ kind: 'unknown' });
  });

  it('reads a /shop/{id} page before its app renders when the canonical URL names the same shop', () => {
    const page = (canonical: string) =>
      parse(
        `<html><head><meta property="og:url" content="${canonical}"><title>Shop | Shopee Việt Nam</title></head>` +
          '<body><div id="main"></div></body></html>',
      );
    const url = new URL('https://shopee.vn/shop/88201679');
    expect(shopee.extract(page('https://shopee.vn/shop/88201679'), url)).toMatchObject({
      kind: 'shop',
      seller: { key: 'shopee:88201679' },
    });
    expect(shopee.extract(page('https://shopee.vn/shop/5550001'), url)).toEqual({ kind: 'unknown' });
  });

  it('names no seller on a Lazada product page before it renders: its -i{item}-s{sku} grammar carries none', () => {
    const doc = parse(
      '<html><head><meta property="og:url" content="https://www.lazada.vn/products/binh-giu-nhiet-i2368451234-s11234567890.html">' +
        '</head><body><div id="root"></div></body></html>',
    );
    const url = new URL('https://www.lazada.vn/products/binh-giu-nhiet-i2368451234-s11234567890.html');
    expect(lazada.detect(url)).toEqual({ kind: 'product', productId: '2368451234' });
    expect(lazada.extract(doc, url)).toEqual({ kind: 'unknown' });
  });
});

describe('Tiki: a product page without app state', () => {
  it('reads the seller from its only trace, a link to /cua-hang/{slug} under another data-view-id', () => {
    const x = product(tiki.extract(ownPage('tiki-product-link-only.html'), new URL(TIKI_LINK_ONLY)));
    expect(x.seller).toEqual({ key: 'tiki:@nha-sach-phuong-nam', name: 'Nhà Sách Phương Nam' });
    // Beside the shop's name, not beside the "Xem shop" button that links there too.
    expect(x.anchor?.textContent).toBe('Nhà Sách Phương Nam');
    expect(x.product).toMatchObject({ id: '74021317', title: 'Sách - Đắc Nhân Tâm (Bìa Cứng)' });
  });

  it('names no seller when the page links to two different shops', () => {
    const html = readFixture('tiki-product-link-only.html').replace(
      '<h2>Sản phẩm tương tự</h2>',
      '<h2>Sản phẩm tương tự</h2><a href="https://tiki.vn/cua-hang/tiki-trading">Tiki Trading</a>',
    );
    expect(tiki.extract(parse(html), new URL(TIKI_LINK_ONLY))).toEqual({ kind: 'unknown' });
  });

  it('waits (unknown) while the canonical URL names another product (the previous page, still shown)', () => {
    expect(
      tiki.extract(
        ownPage('tiki-product-link-only.html'),
        new URL('https://tiki.vn/nha-gia-kim-p45876390.html'),
      ),
    ).toEqual({ kind: 'unknown' });
  });

  it('reads an older page whose current-seller element carries the seller id in an attribute', () => {
    const x = product(tiki.extract(ownPage('tiki-product-current-seller.html'), new URL(TIKI_OLD)));
    expect(x.seller).toEqual({ key: 'tiki:29567', name: 'Điện Máy Sài Gòn' });
    expect(x.anchor?.textContent).toBe('Điện Máy Sài Gòn');
  });

  it('names no seller when the current-seller id is not a plain numeric id', () => {
    const html = readFixture('tiki-product-current-seller.html').replace(
      'data-id="29567"',
      'data-id="29567abc"',
    );
    expect(tiki.extract(parse(html), new URL(TIKI_OLD))).toEqual({ kind: 'unknown' });
  });
});

describe('TikTok Shop: an order page with no links, English labels and dollars', () => {
  it('reads what the page shows; the shop stays a name, the total stays in dollars', () => {
    for (const url of [TIKTOK_ORDER, 'https://www.tiktok.com/shop/order_detail']) {
      const x = tiktok.extract(ownPage('tiktok-order-en.html'), new URL(url));
      if (x.kind !== 'order') throw new Error(`expected an order, got ${x.kind}`);
      expect(x.order).toEqual({
        orderCode: '577312748349657317',
        date: '2026-03-17T11:15',
        seller: null,
        shopName: 'Goli Nutrition',
        items: [
          {
            title: 'Goli Apple Cider Vinegar Gummies, 60 Count',
            productId: null,
            variant: null,
            quantity: 2,
            unitPrice: null,
          },
        ],
        total: null,
        printedTotal: '$28.06',
        currency: 'USD',
        status: 'Order completed',
      });
      expect(x.anchor?.textContent).toBe('Goli Nutrition');
    }
  });

  it('reads the same text-only page in Vietnamese and đồng, prices as đồng', () => {
    const html = readFixture('tiktok-order-en.html')
      .replace('Order completed', 'Đã giao')
      .replace('Order placed on Mar 17, 2026 11:15AM', 'Đặt hàng vào 17/03/2026 11:15')
      .replace('>Order ID<', '>Mã đơn hàng<')
      .replace('>Total<', '>Tổng thanh toán<')
      .replace('$12.99', '289.000₫')
      .replace('$28.06', '578.000₫');
    const x = tiktok.extract(parse(html), new URL(TIKTOK_ORDER));
    if (x.kind !== 'order') throw new Error(`expected an order, got ${x.kind}`);
    expect(x.order).toMatchObject({
      orderCode: '577312748349657317',
      date: '2026-03-17T11:15',
      shopName: 'Goli Nutrition',
      items: [{ title: 'Goli Apple Cider Vinegar Gummies, 60 Count', quantity: 2, unitPrice: 289000 }],
      total: 578000,
      currency: 'VND',
      status: 'Đã giao',
    });
    expect(x.order.printedTotal).toBeUndefined();
  });

  it('reads two lines as two items, each with its own quantity', () => {
    const doc = ownPage('tiktok-order-en.html');
    const line = doc.querySelector('.flex.gap-12 .flex.gap-12');
    const copy = line?.cloneNode(true) as Element;
    copy.querySelector('.P2-Semibold')!.textContent = 'Goli Ashwagandha Gummies';
    copy.querySelector('img')?.setAttribute('alt', 'Goli Ashwagandha Gummies');
    copy.querySelector('.text-color-UIText2.H4-Semibold')!.textContent = 'x1';
    line?.after(copy);
    const x = tiktok.extract(doc, new URL(TIKTOK_ORDER));
    if (x.kind !== 'order') throw new Error(`expected an order, got ${x.kind}`);
    expect(x.order.items.map((i) => [i.title, i.quantity])).toEqual([
      ['Goli Apple Cider Vinegar Gummies, 60 Count', 2],
      ['Goli Ashwagandha Gummies', 1],
    ]);
  });
});

describe('what the readers take for dates and money', () => {
  it.each([
    ['Mar 17, 2026 11:15AM', '2026-03-17T11:15'],
    ['Order placed on Mar 17, 2026 11:15 PM', '2026-03-17T23:15'],
    ['December 1, 2025 12:05AM', '2025-12-01T00:05'],
    ['17 March 2026', '2026-03-17'],
  ])('reads the English date %s', (text, iso) => {
    expect(parseViDate(text)).toBe(iso);
  });

  it.each([
    ['$28.06', 'USD'],
    ['US$ 1,028.06', 'USD'],
    ['S$12.90', 'SGD'],
    ['RM 45.00', 'MYR'],
    ['฿350', 'THB'],
  ])('keeps %s as %s, never as đồng', (text, currency) => {
    expect(foreignAmount(text)).toEqual({ currency, text });
  });

  it.each(['578.000₫', '578.000 đ', '578000 VND', 'Goli $ Gummies for you', ''])(
    '%s is no foreign amount',
    (text) => {
      expect(foreignAmount(text)).toBeNull();
    },
  );
});

describe('the content script on these pages', () => {
  let abort: AbortController;
  beforeAll(() => {
    // The controller watches the page with the DOM's own MutationObserver.
    (globalThis as { MutationObserver?: unknown }).MutationObserver = new Window().MutationObserver;
  });
  afterEach(() => abort?.abort());

  function start(page: string, url: string) {
    abort = new AbortController();
    return startController(
      page,
      url,
      (type, data) => {
        if (type !== 'content:scan') return { draftId: 'draft-1' };
        const results: Record<string, LookupResult> = {};
        for (const key of (data as Request<'content:scan'>).keys) {
          results[key] = {
            status: 'found',
            record: { level: 'caution' } as TrustRecord,
            fetchedAt: 1,
            snoozed: false,
          };
        }
        return { config: { language: 'vi', listingBadges: true }, results } satisfies ScanResult;
      },
      abort.signal,
    );
  }

  it('badges the Shopee server page at a fixed spot, then beside the shop block once the app renders it', async () => {
    const { doc, controller } = start('shopee-product-server-html.html', SHOPEE_SERVER);
    await controller.start();
    let shown = [...doc.querySelectorAll('antam-badge')] as HTMLElement[];
    expect(shown).toHaveLength(1);
    expect(shown[0]?.style.position).toBe('fixed');
    expect(shown[0]?.dataset.level).toBe('caution');
    expect(inside(shown[0], 'button .w')?.textContent).toBeTruthy();

    doc
      .getElementById('main')
      ?.insertAdjacentHTML(
        'beforeend',
        '<div id="sll2-pdp-product-shop"><section class="page-product__shop"><a href="/locknlock.official?entryPoint=ShopByPDP">LocknLock Official</a></section></div>',
      );
    await controller.scan();
    shown = [...doc.querySelectorAll('antam-badge')] as HTMLElement[];
    expect(shown).toHaveLength(1);
    expect(shown[0]?.style.position).toBe('');
    expect(shown[0]?.previousElementSibling?.classList.contains('page-product__shop')).toBe(true);
  });

  it('badges the Tiki link-only page beside the shop name', async () => {
    const { doc, controller } = start('tiki-product-link-only.html', TIKI_LINK_ONLY);
    await controller.start();
    const shown = [...doc.querySelectorAll('antam-badge')] as HTMLElement[];
    expect(shown.map((b) => b.previousElementSibling?.textContent)).toEqual(['Nhà Sách Phương Nam']);
  });

  it('shows "Khiếu nại" on the TikTok order page with no links, beside the shop name, and sends the order as read', async () => {
    const { doc, sent, controller } = start('tiktok-order-en.html', TIKTOK_ORDER);
    await controller.start();
    const button = doc.querySelector('antam-complain') as HTMLElement | null;
    expect(inside(button, 'button')?.textContent).toContain('Khiếu nại');
    expect(button?.previousElementSibling?.textContent).toBe('Goli Nutrition');
    expect(sent.find((s) => s.type === 'content:scan')?.data).toMatchObject({
      page: { platform: 'tiktok', kind: 'order', sellerKey: null },
      keys: [],
    });
  });
});

function readFixture(name: string): string {
  return ownPage(name).documentElement.outerHTML;
}
