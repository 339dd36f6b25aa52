/**
 * Site rules applied to the marketplace modules (lib/marketplaces/rules.ts) on our fixtures: a
 * module or a page kind switched off, a reader that overrides the built-in one, a reader that
 * extends it where it finds nothing (the redesigned Tiki page), URL grammars, and rules that are
 * wrong for the page: they find nothing and never throw. The rules go through the registry's
 * schema first, as the background parses them before any content script sees them.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ContentMarketplaceRules, RULE_INPUT_CAP, withRules } from '../../../lib/marketplaces/rules';
import { sendo } from '../../../lib/marketplaces/sendo';
import { shopee } from '../../../lib/marketplaces/shopee';
import { tiki } from '../../../lib/marketplaces/tiki';
import type { Request, ScanResult } from '../../../lib/messaging';
import type { TrustRecord } from '../../../lib/registry/schemas';
import { MarketplaceRules } from '../../../lib/registry/site-rules';
import { startController } from './content-harness';
import { ownPage, parse } from './pages';

/** Rules as the background hands them over: parsed by the schema. */
const rules = (input: unknown): ContentMarketplaceRules => MarketplaceRules.parse(input);

const SHOPEE_PRODUCT =
  'https://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711';
const TIKI_CHANGED = 'https://tiki.vn/sua-bot-nhap-khau-ngoc-chau-800g-p275010.html';
const SENDO_PRODUCT = 'https://www.sendo.vn/cap-sac-iphone-ipad-sac-nhanh-24a-34406369.html';

const MERCHANT_CARD = {
  from: 'css',
  selector: '[data-merchant-ref]',
  attribute: 'data-merchant-ref',
  pattern: '^merchant:(?<id>\\d{1,20})$',
  name: '.merchant-card__title',
  anchor: '.merchant-card__title',
};

describe('switching off', () => {
  it('a module switched off recognises no page and reads no seller', () => {
    const off = withRules(shopee, rules({ enabled: false }));
    const url = new URL(SHOPEE_PRODUCT);
    expect(shopee.detect(url).kind).toBe('product');
    expect(off.detect(url)).toEqual({ kind: 'other' });
    expect(off.extract(ownPage('shopee-product-vn.html'), url)).toEqual({ kind: 'unknown' });
  });

  it('a page kind switched off leaves the other kinds working', () => {
    const noShop = withRules(sendo, rules({ pages: { shop: { enabled: false } } }));
    expect(
      noShop.extract(ownPage('sendo-shop.html'), new URL('https://www.sendo.vn/shop/vivan-official-store')),
    ).toEqual({
      kind: 'unknown',
    });
    expect(noShop.extract(ownPage('sendo-product-dom.html'), new URL(SENDO_PRODUCT))).toMatchObject({
      kind: 'product',
      seller: { key: 'sendo:@vivan-official-store' },
    });
  });

  it('no rules, or rules for nothing in particular: the built-in module as it is', () => {
    expect(withRules(shopee, null)).toBe(shopee);
    const same = withRules(shopee, rules({}));
    const doc = ownPage('shopee-product-vn.html');
    expect(same.extract(doc, new URL(SHOPEE_PRODUCT))).toEqual(shopee.extract(doc, new URL(SHOPEE_PRODUCT)));
  });
});

describe('a page whose markup changed (the redesigned Tiki product page)', () => {
  const doc = ownPage('tiki-product-changed.html');
  const url = new URL(TIKI_CHANGED);

  it('the built-in reader finds no seller on it', () => {
    expect(tiki.detect(url)).toEqual({ kind: 'product', productId: '275010' });
    expect(tiki.extract(doc, url)).toEqual({ kind: 'unknown' });
  });

  it('an extending CSS reader names the seller from the new card, with the badge beside its name', () => {
    const x = withRules(
      tiki,
      rules({ pages: { product: { sellers: [{ ...MERCHANT_CARD, use: 'extend' }] } } }),
    ).extract(doc, url);
    expect(x).toMatchObject({
      kind: 'product',
      seller: { key: 'tiki:9900005', name: 'Sữa Nhập Khẩu Ngọc Châu' },
      product: {
        id: '275010',
        title: 'Sữa bột nhập khẩu Ngọc Châu 800g',
        url: 'https://tiki.vn/sua-bot-nhap-khau-ngoc-chau-800g-p275010.html',
      },
    });
    expect(x.kind === 'product' && x.anchor?.textContent).toBe('Sữa Nhập Khẩu Ngọc Châu');
  });

  it('a JSON reader reads a script the page embeds, by path', () => {
    const withJson = parse(
      `<html><head><script id="pdp-state" type="application/json">{"pdp":{"seller":[{"sid":9900005,"title":"Ngọc Châu"}]}}</script></head><body><div class="seller">Ngọc Châu</div></body></html>`,
    );
    const reader = {
      from: 'json',
      use: 'extend',
      script: 'script#pdp-state',
      id: ['pdp', 'seller', 0, 'sid'],
      name: ['pdp', 'seller', 0, 'title'],
      anchor: '.seller',
    };
    expect(
      withRules(tiki, rules({ pages: { product: { sellers: [reader] } } })).extract(withJson, url),
    ).toMatchObject({
      kind: 'product',
      seller: { key: 'tiki:9900005', name: 'Ngọc Châu' },
    });
  });
});

describe('override and extend', () => {
  const doc = ownPage('shopee-product-vn.html');
  const url = new URL(SHOPEE_PRODUCT);
  /** The fixture's shop block, given a card of the kind a redesign might add. */
  const withCard = () => {
    const copy = ownPage('shopee-product-vn.html');
    const card = copy.createElement('div');
    card.setAttribute('data-merchant-ref', 'merchant:88201679');
    card.innerHTML = '<span class="merchant-card__title">Teelab Official</span>';
    copy.body.append(card);
    return copy;
  };

  it('an override is tried first: its seller replaces the built-in one, the product read stays', () => {
    const x = withRules(
      shopee,
      rules({ pages: { product: { sellers: [{ ...MERCHANT_CARD, use: 'override' }] } } }),
    ).extract(withCard(), url);
    expect(x).toMatchObject({
      kind: 'product',
      seller: { key: 'shopee:88201679', name: 'Teelab Official' },
      product: { id: '29704866711', title: 'Tai Nghe Bluetooth Chụp Tai EDIFIER W830NB', price: 1290000 },
    });
  });

  it('an extension is not used where the built-in reader finds the seller', () => {
    const x = withRules(
      shopee,
      rules({ pages: { product: { sellers: [{ ...MERCHANT_CARD, use: 'extend' }] } } }),
    ).extract(withCard(), url);
    expect(x).toMatchObject({ kind: 'product', seller: { key: 'shopee:395295057' } });
  });

  it('an override that finds nothing falls back to the built-in reader', () => {
    const x = withRules(
      shopee,
      rules({ pages: { product: { sellers: [{ ...MERCHANT_CARD, use: 'override' }] } } }),
    ).extract(doc, url);
    expect(x).toMatchObject({ kind: 'product', seller: { key: 'shopee:395295057' } });
  });
});

describe('URL grammars', () => {
  it('recognise a product URL the built-in grammar does not know, and read its seller from the URL', () => {
    const url = new URL('https://shopee.vn/p/29704866711/s/395295057');
    expect(shopee.detect(url).kind).toBe('other');
    const ruled = withRules(
      shopee,
      rules({
        pages: {
          product: {
            urls: [{ use: 'extend', pattern: '^/p/(?<productId>\\d+)/s/(?<sellerId>\\d+)$' }],
            sellers: [
              {
                from: 'url',
                use: 'extend',
                pattern: '^/p/\\d+/s/(?<id>\\d+)$',
                anchor: '.page-product__shop',
              },
            ],
          },
        },
      }),
    );
    expect(ruled.detect(url)).toEqual({ kind: 'product', productId: '29704866711', sellerId: '395295057' });
    expect(ruled.extract(ownPage('shopee-product-vn.html'), url)).toMatchObject({
      kind: 'product',
      seller: { key: 'shopee:395295057' },
      product: { id: '29704866711', url: 'https://shopee.vn/p/29704866711/s/395295057' },
    });
  });
});

describe('rules that are wrong for the page', () => {
  const doc = ownPage('tiki-product-changed.html');
  const url = new URL(TIKI_CHANGED);

  it('find nothing, never throw, and never name a seller from a value that is not an id', () => {
    const wrong = withRules(
      tiki,
      rules({
        pages: {
          product: {
            sellers: [
              // A selector this browser refuses, a missing element, a text that is not an id.
              { from: 'css', use: 'override', selector: 'div:has(>>>', attribute: 'x' },
              { from: 'css', use: 'override', selector: '.no-such-card' },
              { from: 'css', use: 'override', selector: '.merchant-card__title' },
              { from: 'json', use: 'override', script: 'script#none', id: ['a'] },
              { from: 'url', use: 'override', pattern: '^/shop/(?<id>\\d+)' },
            ],
          },
        },
      }),
    );
    expect(wrong.extract(doc, url)).toEqual({ kind: 'unknown' });
  });

  it('run their patterns on at most RULE_INPUT_CAP characters', () => {
    const long = parse(
      `<html><body><div data-merchant-ref="${'x'.repeat(RULE_INPUT_CAP)}merchant:9900005"></div></body></html>`,
    );
    const loose = withRules(
      tiki,
      rules({
        pages: {
          product: { sellers: [{ ...MERCHANT_CARD, pattern: 'merchant:(?<id>\\d+)', use: 'extend' }] },
        },
      }),
    );
    expect(loose.extract(long, url)).toEqual({ kind: 'unknown' });
    const short = parse('<html><body><div data-merchant-ref="xx merchant:9900005"></div></body></html>');
    expect(loose.extract(short, url)).toMatchObject({ seller: { key: 'tiki:9900005' } });
  });
});

describe('the content script with site rules from the background', () => {
  const badgesOf = (doc: Document) => [...doc.querySelectorAll('antam-badge[data-antam="badge"]')];
  const trusted = (type: string, data: unknown): ScanResult | undefined =>
    type === 'content:scan'
      ? {
          config: { language: 'vi', listingBadges: true, rulesVersion: 8 },
          results: Object.fromEntries(
            (data as Request<'content:scan'>).keys.map((k) => [
              k,
              { status: 'found', record: { level: 'danger' } as TrustRecord, fetchedAt: 1, snoozed: false },
            ]),
          ),
        }
      : undefined;
  let abort: AbortController;
  afterEach(() => abort.abort());
  beforeAll(() => {
    // The page watcher observes the document, as in a browser.
    (globalThis as { MutationObserver?: unknown }).MutationObserver = new Window().MutationObserver;
  });

  it('reads a redesigned page by the rules it is given, and asks for them once', async () => {
    abort = new AbortController();
    const run = startController('tiki-product-changed.html', TIKI_CHANGED, trusted, abort.signal, () => ({
      version: 8,
      rules: rules({ pages: { product: { sellers: [{ ...MERCHANT_CARD, use: 'extend' }] } } }),
    }));
    await run.controller.start();
    expect(run.rulesAsked).toEqual(['tiki']);
    expect(run.sent).toEqual([
      {
        type: 'content:scan',
        data: expect.objectContaining({
          page: expect.objectContaining({ kind: 'product', sellerKey: 'tiki:9900005' }),
          keys: ['tiki:9900005'],
        }),
      },
    ]);
    expect(badgesOf(run.doc).map((b) => b.getAttribute('data-level'))).toEqual(['danger']);
  });

  it('a module switched off: no seller is read or asked about, the page is told as none of ours', async () => {
    abort = new AbortController();
    const run = startController('shopee-product-vn.html', SHOPEE_PRODUCT, trusted, abort.signal, () => ({
      version: 8,
      rules: rules({ enabled: false }),
    }));
    await run.controller.start();
    expect(run.sent).toEqual([{ type: 'content:scan', data: { page: null, keys: [] } }]);
    expect(badgesOf(run.doc)).toEqual([]);
  });

  it('a background with other rules in force than the page holds: asked again, once, and read again', async () => {
    abort = new AbortController();
    let version = 7;
    const run = startController('tiki-product-changed.html', TIKI_CHANGED, trusted, abort.signal, () =>
      version++ === 7
        ? { version: 7, rules: null }
        : {
            version: 8,
            rules: rules({ pages: { product: { sellers: [{ ...MERCHANT_CARD, use: 'extend' }] } } }),
          },
    );
    await run.controller.start();
    // The first read found no seller (version 7 had no rule); the answer said 8 is in force.
    await expect.poll(() => badgesOf(run.doc).length).toBe(1);
    expect(run.rulesAsked).toEqual(['tiki', 'tiki']);
  });
});
