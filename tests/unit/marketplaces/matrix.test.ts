import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKETPLACES, MATCHES, marketplaceForUrl } from '../../../lib/marketplaces';
import type { Marketplace, PageKind } from '../../../lib/marketplaces/types';
import { PLATFORMS } from '../../../lib/registry/seller-key';
import { TEST_URLS } from './urls';

const KINDS: PageKind[] = ['product', 'shop', 'listing', 'order', 'other'];

/** Pages the marketplace does not have on the web (or that public sources never showed). */
const NO_SUCH_PAGE: Record<string, readonly PageKind[]> = {
  // Sendo buyer order-detail URLs were not found in any public code or page.
  sendo: ['order'],
};

function urlsOf(m: Marketplace): { kind: PageKind; url: string }[] {
  return KINDS.flatMap((kind) => TEST_URLS[m.platform][kind].map((url) => ({ kind, url })));
}

/** Does a Chrome match pattern (`*://host/*`) cover this host? */
function patternCovers(pattern: string, host: string): boolean {
  const m = /^\*:\/\/([^/]+)\/\*$/.exec(pattern);
  return m?.[1] === host;
}

describe('cross matrix', () => {
  for (const m of MARKETPLACES) {
    describe(m.platform, () => {
      for (const kind of KINDS) {
        for (const url of TEST_URLS[m.platform][kind]) {
          it(`detects ${kind}: ${url}`, () => {
            expect(m.detect(new URL(url)).kind).toBe(kind);
            expect(marketplaceForUrl(new URL(url))).toBe(m);
          });
        }
      }

      it("claims none of the other marketplaces' URLs", () => {
        const foreign = MARKETPLACES.filter((o) => o !== m).flatMap(urlsOf);
        expect(foreign.length).toBeGreaterThan(40);
        for (const { url } of foreign) {
          expect(m.detect(new URL(url)), url).toEqual({ kind: 'other' });
          expect(marketplaceForUrl(new URL(url)), url).not.toBe(m);
        }
      });
    });
  }

  it('reads the ids the URLs carry', () => {
    const [shopee, lazada, tiki, tiktok] = MARKETPLACES;
    expect(
      shopee?.detect(new URL('https://shopee.vn/S%C3%A1ch-%C3%94ng-Gi%C3%A0-i.62069215.1909369068?sp_atk=1')),
    ).toEqual({
      kind: 'product',
      sellerId: '62069215',
      productId: '1909369068',
    });
    expect(shopee?.detect(new URL('https://shopee.vn/product/395295057/29704866711'))).toMatchObject({
      sellerId: '395295057',
    });
    expect(shopee?.detect(new URL('https://shopee.vn/Teelab_Official'))).toEqual({
      kind: 'shop',
      slug: 'teelab_official',
    });
    expect(shopee?.detect(new URL('https://shopee.vn/shop/1241697056/search'))).toEqual({
      kind: 'shop',
      sellerId: '1241697056',
    });
    expect(shopee?.detect(new URL('https://shopee.vn/user/purchase/order/118651414207583?type=3'))).toEqual({
      kind: 'order',
      orderId: '118651414207583',
    });
    expect(lazada?.detect(new URL('https://www.lazada.vn/products/pdp-i3261102356-s123.html'))).toEqual({
      kind: 'product',
      productId: '3261102356',
    });
    expect(lazada?.detect(new URL('https://www.lazada.vn/shop/Tan-Viet-Shop/'))).toEqual({
      kind: 'shop',
      slug: 'tan-viet-shop',
    });
    expect(
      lazada?.detect(new URL('https://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185')),
    ).toEqual({
      kind: 'order',
      orderId: '256012377261185',
    });
    expect(tiki?.detect(new URL('https://tiki.vn/product-p276614493.html?spid=276615090'))).toEqual({
      kind: 'product',
      productId: '276614493',
    });
    expect(tiki?.detect(new URL('https://tiki.vn/sales/order/view/329752040'))).toEqual({
      kind: 'order',
      orderId: '329752040',
    });
    expect(
      tiktok?.detect(new URL('https://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079')),
    ).toEqual({
      kind: 'shop',
      sellerId: '7495794203056835079',
      slug: 'goli-nutrition',
    });
    expect(
      tiktok?.detect(
        new URL('https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317&x=1'),
      ),
    ).toEqual({
      kind: 'order',
      orderId: '577312748349657317',
    });
  });

  it('treats bot walls, login pages and reserved Shopee words as other pages', () => {
    const other = [
      'https://shopee.vn/verify/traffic/error?next=https%3A%2F%2Fshopee.vn%2Fi-i.1.2&type=4',
      'https://shopee.vn/buyer/login',
      'https://shopee.vn/search',
      'https://shopee.vn/user',
      'https://shopee.vn/cart/',
      'https://shopee.vn/daily_discover',
      'https://www.lazada.vn/_____tmd_____/punish?x5secdata=x',
      'https://www.lazada.vn/products/x-i1.html/_____tmd_____/punish',
    ];
    for (const url of other) {
      const m = marketplaceForUrl(new URL(url));
      const kind = m?.detect(new URL(url)).kind;
      // `/search` is Shopee's search listing, the one reserved word that is a page kind of its own.
      expect(kind, url).toBe(url.endsWith('/search') ? 'listing' : 'other');
    }
  });
});

describe('meta', () => {
  it('lists one module per platform', () => {
    expect(MARKETPLACES.map((m) => m.platform).sort()).toEqual([...PLATFORMS].sort());
  });

  for (const m of MARKETPLACES) {
    it(`${m.platform} has test URLs for every page kind it has`, () => {
      for (const kind of KINDS) {
        const exempt = NO_SUCH_PAGE[m.platform]?.includes(kind) ?? false;
        expect(TEST_URLS[m.platform][kind].length > 0, `${m.platform} ${kind}`).toBe(!exempt);
      }
    });

    it(`${m.platform} hosts are all covered by its match patterns, and nothing else is`, () => {
      for (const host of m.hosts)
        expect(
          m.matches.some((p) => patternCovers(p, host)),
          host,
        ).toBe(true);
      for (const p of m.matches)
        expect(
          m.hosts.some((h) => patternCovers(p, h)),
          p,
        ).toBe(true);
      expect(MATCHES).toEqual(expect.arrayContaining([...m.matches]));
    });

    it(`${m.platform} test URLs all sit on its hosts`, () => {
      for (const { url } of urlsOf(m)) expect(m.hosts).toContain(new URL(url).hostname);
    });
  }

  it('modules import nothing but each other and the dependency-free seller-key and hosts modules', () => {
    // The content script must stay small: the registry barrel pulls zod in.
    const dir = path.resolve(import.meta.dirname, '../../../lib/marketplaces');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const [, from] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
        expect(
          from === '../registry/seller-key' ||
            from === '../registry/hosts' ||
            /^\.\/[a-z-]+$/.test(from ?? ''),
          `${file}: ${from}`,
        ).toBe(true);
      }
    }
  });

  it('rejects lookalike hosts and other schemes', () => {
    const lookalikes = [
      'https://shopee.vn.evil.com/Tai-Nghe-i.395295057.29704866711',
      'https://shopee-vn.com/Tai-Nghe-i.395295057.29704866711',
      'https://xn--shope-6ta.vn/Tai-Nghe-i.395295057.29704866711',
      'https://shopeee.vn/shop/1',
      'https://sshopee.vn/shop/1',
      'https://evil.com/shopee.vn/shop/1',
      'https://shopee.vn@evil.com/shop/1',
      'https://shopee.vn./shop/1',
      'https://m.shopee.vn/shop/1',
      'https://lazada.vn/products/pdp-i3261102356.html',
      'https://www.lazada.vn.co/products/pdp-i3261102356.html',
      'https://www.lazada.com.my/products/pdp-i3261102356.html',
      'https://tiki.vn.shop/cua-hang/tiki-trading',
      'https://www.tiki.vn/cua-hang/tiki-trading',
      'https://shop.tiktok.com.evil.io/vn/pdp/1734403691296490661',
      'https://tiktok.com/shop/store/a/7495794203056835079',
      'https://sendo.vn/shop/vivan-official-store',
      'https://www.sendo.vn.xyz/shop/vivan-official-store',
      'ftp://shopee.vn/shop/1',
      'file:///shopee.vn/shop/1',
    ];
    for (const url of lookalikes) {
      const u = new URL(url);
      expect(marketplaceForUrl(u), url).toBeNull();
      for (const m of MARKETPLACES) expect(m.detect(u), `${m.platform} ${url}`).toEqual({ kind: 'other' });
    }
  });

  it('matches genuine hosts whatever the case or port (the pattern ignores both)', () => {
    expect(marketplaceForUrl(new URL('HTTPS://SHOPEE.VN/shop/1'))?.platform).toBe('shopee');
    expect(marketplaceForUrl(new URL('http://tiki.vn:8080/cua-hang/tiki-trading'))?.platform).toBe('tiki');
  });
});
