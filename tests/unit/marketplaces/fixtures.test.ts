/**
 * Extraction on the project's own small pages (tests/fixtures/marketplaces): every page kind of
 * every marketplace, order pages read from their Vietnamese labels, and broken pages.
 */
import { describe, expect, it } from 'vitest';
import { MARKETPLACES } from '../../../lib/marketplaces';
import { lazada } from '../../../lib/marketplaces/lazada';
import { sendo } from '../../../lib/marketplaces/sendo';
import { shopee } from '../../../lib/marketplaces/shopee';
import { tiki } from '../../../lib/marketplaces/tiki';
import { tiktok } from '../../../lib/marketplaces/tiktok';
import type { Extraction, ListingCard, Marketplace } from '../../../lib/marketplaces/types';
import { ownPage, parse } from './pages';
import { TEST_URLS } from './urls';

const at = (m: Marketplace, url: string, page: string): Extraction => m.extract(ownPage(page), new URL(url));

const summary = (cards: ListingCard[]) =>
  cards.map((c) => ({
    key: c.seller.key,
    name: c.seller.name,
    productId: c.productId,
    tag: c.element.tagName,
  }));

describe('Shopee', () => {
  it('reads a VN product page: seller from the URL, price in VND, reviewers ignored, name as text', () => {
    const x = at(
      shopee,
      'https://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711?sp_atk=1&xptdk=2',
      'shopee-product-vn.html',
    );
    expect(x).toMatchObject({
      kind: 'product',
      seller: { key: 'shopee:395295057', name: '<img src=x onerror=alert(1)>' },
      product: {
        id: '29704866711',
        title: 'Tai Nghe Bluetooth Chụp Tai EDIFIER W830NB',
        price: 1290000,
        url: 'https://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711',
      },
    });
    if (x.kind !== 'product') return;
    expect(x.anchor?.classList.contains('page-product__shop')).toBe(true);
    // The markup in the name stayed text: the page gained no element from it.
    expect(x.anchor?.querySelector('img[onerror]')).toBeNull();
  });

  it('reads an order: code, date, shop from the items, lines, total, status', () => {
    const x = at(shopee, 'https://shopee.vn/user/purchase/order/118651414207583?type=3', 'shopee-order.html');
    expect(x.kind).toBe('order');
    if (x.kind !== 'order') return;
    expect(x.order).toEqual({
      orderCode: '240305ABCD1234',
      date: '2024-03-05T14:32',
      seller: { key: 'shopee:88201679', name: 'Teelab Official' },
      items: [
        {
          title: 'Áo thun nam nữ Teelab Local Brand Unisex cotton 100% form rộng TS199',
          productId: '21350227183',
          variant: 'Đen,XL',
          quantity: 2,
          unitPrice: 149000,
        },
        // "x2" and "99.000đ" in a title are neither the quantity nor the price.
        {
          title: 'Combo x2 quần short kaki Teelab 99.000đ',
          productId: '23456789012',
          variant: 'Be,L',
          quantity: 1,
          unitPrice: 50000,
        },
      ],
      total: 328000,
      status: 'ĐƠN HÀNG ĐÃ HOÀN THÀNH',
      currency: 'VND',
    });
    expect(x.anchor?.textContent).toBe('Teelab Official');
  });

  it('waits (unknown) while the order page shows no order number yet', () => {
    const doc = ownPage('shopee-order.html');
    for (const el of Array.from(doc.querySelectorAll('span'))) {
      if (el.textContent?.startsWith('MÃ ĐƠN HÀNG')) el.remove();
    }
    expect(shopee.extract(doc, new URL('https://shopee.vn/user/purchase/order/118651414207583'))).toEqual({
      kind: 'unknown',
    });
  });
});

describe('Lazada', () => {
  it('reads a current PDP from __moduleData__, not from the JSON-LD (price 0, empty seller)', () => {
    const x = at(
      lazada,
      'https://www.lazada.vn/products/tai-nghe-bluetooth-pamu-slide-mini-i456096674.html?spm=x',
      'lazada-product.html',
    );
    expect(x).toMatchObject({
      kind: 'product',
      seller: { key: 'lazada:100099887', name: 'Padmate Official Store' },
      product: { id: '456096674', title: 'Tai nghe Bluetooth Pamu Slide Mini', price: 2490000 },
    });
    if (x.kind === 'product') expect(x.anchor?.className).toBe('seller-name-v2__detail-name');
  });

  it('falls back to the seller block slug when the page has no module data', () => {
    const doc = ownPage('lazada-product.html');
    for (const s of Array.from(doc.querySelectorAll('script:not([type])'))) s.remove();
    const x = lazada.extract(
      doc,
      new URL('https://www.lazada.vn/products/tai-nghe-bluetooth-pamu-slide-mini-i456096674.html'),
    );
    expect(x).toMatchObject({
      kind: 'product',
      seller: { key: 'lazada:@padmate-official-store' },
      product: { price: null },
    });
  });

  it('reads a shop page by slug', () => {
    expect(at(lazada, 'https://www.lazada.vn/shop/teelab/?spm=a2o4n', 'lazada-shop.html')).toMatchObject({
      kind: 'shop',
      seller: { key: 'lazada:@teelab', name: 'Teelab' },
    });
  });

  it('reads listing cards with the sellers of window.pageData, skipping cards it has no data for', () => {
    const x = at(lazada, 'https://www.lazada.vn/catalog/?q=iphone', 'lazada-listing.html');
    expect(x.kind).toBe('listing');
    if (x.kind !== 'listing') return;
    expect(summary(x.cards)).toEqual([
      { key: 'lazada:100099887', name: 'Padmate Official Store', productId: '456096674', tag: 'DIV' },
      { key: 'lazada:6548', name: 'sachbanchay-vn', productId: '132621522', tag: 'DIV' },
    ]);
  });

  it('reads an order', () => {
    const x = at(
      lazada,
      'https://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185',
      'lazada-order.html',
    );
    expect(x.kind).toBe('order');
    if (x.kind !== 'order') return;
    expect(x.order).toEqual({
      orderCode: '256012377261185',
      date: '2025-03-05T14:32:10',
      seller: { key: 'lazada:@tan-viet-shop', name: 'sachbanchay-vn' },
      items: [
        {
          title: 'Nhà Giả Kim (Tái Bản 2017) - Paulo Coelho',
          productId: '132621522',
          variant: null,
          quantity: 2,
          unitPrice: 58000,
        },
        {
          title: 'Đắc Nhân Tâm (Bìa Cứng)',
          productId: '300111222',
          variant: 'Bìa cứng',
          quantity: 3,
          unitPrice: 96000,
        },
      ],
      total: 384000,
      status: 'Đã giao hàng',
      currency: 'VND',
    });
  });
});

describe('Tiki', () => {
  it('reads a shop page by slug', () => {
    expect(at(tiki, 'https://tiki.vn/cua-hang/tiki-trading?t=product', 'tiki-shop.html')).toMatchObject({
      kind: 'shop',
      seller: { key: 'tiki:@tiki-trading', name: 'Tiki Trading' },
    });
  });

  it('reads listing cards whose seller is in the data and skips the sponsored one', () => {
    const x = at(tiki, 'https://tiki.vn/search?q=tai+nghe', 'tiki-listing.html');
    expect(x.kind).toBe('listing');
    if (x.kind !== 'listing') return;
    expect(summary(x.cards)).toEqual([
      { key: 'tiki:161348', name: 'Sony Official Store', productId: '198765432', tag: 'A' },
      { key: 'tiki:1', name: 'Tiki Trading', productId: '276614493', tag: 'A' },
    ]);
  });

  it('reads an order', () => {
    const x = at(tiki, 'https://tiki.vn/sales/order/view/329752040', 'tiki-order.html');
    expect(x.kind).toBe('order');
    if (x.kind !== 'order') return;
    expect(x.order).toEqual({
      orderCode: '329752040',
      date: '2025-01-12T10:15',
      seller: { key: 'tiki:@tiki-trading', name: 'Tiki Trading' },
      items: [
        {
          title: 'Điện Thoại Samsung Galaxy A16 LTE (4GB/128GB) - Hàng Chính Hãng',
          productId: '276614493',
          variant: null,
          quantity: 1,
          unitPrice: 3110000,
        },
      ],
      total: 3110000,
      status: 'Giao hàng thành công',
      currency: 'VND',
    });
  });
});

describe('TikTok Shop', () => {
  it('reads a product whose data names the seller', () => {
    const x = at(tiktok, 'https://shop.tiktok.com/vn/pdp/1729449578219344482', 'tiktok-product.html');
    expect(x).toMatchObject({
      kind: 'product',
      seller: { key: 'tiktok:7495794203056835079', name: 'Goli Nutrition VN' },
      product: { id: '1729449578219344482', title: 'Kẹo dẻo Goli giấm táo 60 viên', price: 289000 },
    });
    if (x.kind === 'product') expect(x.anchor?.tagName).toBe('A');
  });

  it('reads a store page: the seller id is in the URL', () => {
    expect(
      at(tiktok, 'https://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079', 'tiktok-shop.html'),
    ).toMatchObject({
      kind: 'shop',
      seller: { key: 'tiktok:7495794203056835079', name: 'Goli Nutrition VN' },
    });
  });

  it('reads search cards whose product data names a seller', () => {
    const x = at(tiktok, 'https://www.tiktok.com/shop/s/tai-nghe-bluetooth', 'tiktok-listing.html');
    expect(x.kind).toBe('listing');
    if (x.kind !== 'listing') return;
    expect(summary(x.cards)).toEqual([
      { key: 'tiktok:7494111111111111111', name: 'Phụ Kiện K29', productId: '1734403691296490661', tag: 'A' },
      { key: 'tiktok:7494222222222222222', name: 'Audio Pro VN', productId: '1733978849145751137', tag: 'A' },
    ]);
  });

  it('reads an order', () => {
    const x = at(
      tiktok,
      'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317',
      'tiktok-order.html',
    );
    expect(x.kind).toBe('order');
    if (x.kind !== 'order') return;
    expect(x.order).toEqual({
      orderCode: '577312748349657317',
      date: '2026-03-17T11:15',
      seller: { key: 'tiktok:7495794203056835079', name: 'Goli Nutrition VN' },
      items: [
        {
          title: 'Kẹo dẻo Goli giấm táo Apple Cider Vinegar 60 viên',
          productId: '1729449578219344482',
          variant: null,
          quantity: 2,
          unitPrice: 289000,
        },
      ],
      total: 578000,
      status: 'Đã giao',
      currency: 'VND',
    });
  });
});

describe('Sendo', () => {
  it('reads a product page without payload through its seller block slug', () => {
    expect(
      at(
        sendo,
        'https://www.sendo.vn/cap-sac-iphone-ipad-sac-nhanh-24a-34406369.html',
        'sendo-product-dom.html',
      ),
    ).toMatchObject({
      kind: 'product',
      seller: { key: 'sendo:@vivan-official-store', name: 'VIVAN Official Store' },
      product: { id: '34406369', title: 'Cáp sạc iPhone iPad sạc nhanh 2.4A', price: null },
    });
  });

  it('reads a shop page by slug', () => {
    expect(at(sendo, 'https://www.sendo.vn/shop/vivan-official-store', 'sendo-shop.html')).toMatchObject({
      kind: 'shop',
      seller: { key: 'sendo:@vivan-official-store', name: 'VIVAN Official Store' },
    });
  });

  it('reads search cards whose item names its shop_id and skips the others', () => {
    const x = at(sendo, 'https://www.sendo.vn/tim-kiem?q=c%C3%A1p%20s%E1%BA%A1c', 'sendo-listing.html');
    expect(x.kind).toBe('listing');
    if (x.kind !== 'listing') return;
    expect(summary(x.cards)).toEqual([
      { key: 'sendo:717078', name: 'VIVAN Official Store', productId: '34406369', tag: 'A' },
      { key: 'sendo:880011', name: 'Phụ kiện Minh Anh', productId: '55501234', tag: 'A' },
    ]);
  });
});

describe('broken and foreign pages', () => {
  const broken: Record<string, string> = {
    'an empty document': '',
    'an empty body': '<html><head></head><body></body></html>',
    'broken JSON in every known script': `
      <script type="application/ld+json">{"@type":"Product",</script>
      <script id="__NEXT_DATA__" type="application/json">{"props":{"initialState":</script>
      <script id="__MODERN_ROUTER_DATA__" type="application/json">{"loaderData":[}</script>
      <script type="application/json">not json</script>
      <script>var __moduleData__ = {"data":{"root":{"fields":{"seller":{"sellerId":"1"</script>
      <script>window.pageData = {"mods":{"listItems":[{"itemId":"1","sellerId":"2"}</script>
      <script>var pdpTrackingData = "{\\"supplier_id\\":";</script>
      <script>window.__INITIAL_STATE__ = {"x":</script>`,
    'a page without markers':
      '<div id="main"><p>Trang bạn tìm không tồn tại. Quay lại trang chủ.</p><a href="/">Trang chủ</a></div>',
    'markers of the wrong shape': `
      <script id="__NEXT_DATA__" type="application/json">[1,2,3]</script>
      <script id="__MODERN_ROUTER_DATA__" type="application/json">"text"</script>
      <script>var __moduleData__ = {"data":{"root":{"fields":{"seller":{"sellerId":"not-a-number"}}}}};</script>
      <script type="application/ld+json">{"@type":"Product","productID":{"nested":true},"offers":"none"}</script>`,
  };

  for (const m of MARKETPLACES) {
    for (const [what, html] of Object.entries(broken)) {
      it(`${m.platform}: ${what} is unknown on every kind of page`, () => {
        for (const kind of ['product', 'shop', 'listing', 'order', 'other'] as const) {
          for (const url of TEST_URLS[m.platform][kind]) {
            expect(() => m.extract(parse(html), new URL(url))).not.toThrow();
            expect(m.extract(parse(html), new URL(url)), `${kind} ${url}`).toEqual({ kind: 'unknown' });
          }
        }
      });
    }
  }

  it("never reads a marketplace's page under another marketplace's URL", () => {
    const own: [Marketplace, string][] = [
      [shopee, 'shopee-order.html'],
      [lazada, 'lazada-listing.html'],
      [tiki, 'tiki-listing.html'],
      [tiktok, 'tiktok-product.html'],
      [sendo, 'sendo-listing.html'],
    ];
    for (const [owner, page] of own) {
      for (const m of MARKETPLACES.filter((o) => o !== owner)) {
        for (const url of Object.values(TEST_URLS[owner.platform]).flat()) {
          expect(m.extract(ownPage(page), new URL(url)), `${m.platform} ${url}`).toEqual({ kind: 'unknown' });
        }
      }
    }
  });
});
