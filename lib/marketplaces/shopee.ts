/**
 * Shopee (shopee.vn). The seller is the shop id: product URLs carry it (`-i.{shopid}.{itemid}`,
 * `/product/{shopid}/{itemid}`), and so do listing cards and order items. Shop pages by username
 * show only the username, unless the shop's own products on the page all name one shop id.
 */

import { MARKETPLACE_HOSTS } from '../registry/hosts';
import { aliasKey } from '../registry/seller-key';
import {
  cleanText,
  get,
  idOf,
  isHost,
  jsonLd,
  links,
  meta,
  numericKey,
  OTHER,
  parseVnd,
  ref,
  safely,
  slugKey,
  toUrl,
  UNKNOWN,
  unanimous,
} from './common';
import { readOrder } from './order';
import type { Detection, Extraction, ListingCard, Marketplace } from './types';

const HOSTS = MARKETPLACE_HOSTS.shopee;

/** First path segments that are Shopee's own pages, never shop usernames. */
const RESERVED = new Set(
  (
    'search user buyer cart checkout mall m flash_sale daily_discover product shop verify ' +
    'universal-link find_similar_products top_products live video affiliate event events promotion ' +
    'coins vouchers login signup register seller help legal docs blog notifications account me web ' +
    'api addons shopee-coins flash-sale deals campaign bundle-deal add-on-deal play game feed chat'
  ).split(' '),
);
const FILE_NAME = /\.(?:html?|txt|xml|json|js|css|ico|png|jpe?g|svg|webmanifest)$/i;

const PRODUCT_SLUG = /^\/[^/]+-i\.(\d+)\.(\d+)\/?$/;
const PRODUCT_CANON = /^\/product\/(\d+)\/(\d+)\/?$/;
const SHOP_ID = /^\/shop\/(\d+)(?:\/|$)/;
const USERNAME = /^\/([A-Za-z0-9][A-Za-z0-9._-]*)\/?$/;
const CATEGORY = /^\/[^/]+-cat\.\d+(?:\.\d+){0,2}\/?$/;
const ORDER = /^\/user\/purchase\/order\/(\d+)\/?$/;

function productIds(path: string): { shopId: string; itemId: string } | null {
  const m = PRODUCT_SLUG.exec(path) ?? PRODUCT_CANON.exec(path);
  const shopId = idOf(m?.[1]);
  const itemId = idOf(m?.[2]);
  return shopId && itemId ? { shopId, itemId } : null;
}

function username(path: string): string | null {
  const name = USERNAME.exec(path)?.[1];
  return name && !RESERVED.has(name.toLowerCase()) && !FILE_NAME.test(name) ? name.toLowerCase() : null;
}

export function detect(url: URL): Detection {
  if (!isHost(url, HOSTS)) return OTHER;
  const path = url.pathname;
  const p = productIds(path);
  if (p) return { kind: 'product', sellerId: p.shopId, productId: p.itemId };
  const order = ORDER.exec(path)?.[1];
  if (order) return { kind: 'order', orderId: order };
  const shopId = idOf(SHOP_ID.exec(path)?.[1]);
  if (shopId) return { kind: 'shop', sellerId: shopId };
  if (/^\/search\/?$/.test(path) || CATEGORY.test(path)) return { kind: 'listing' };
  const slug = username(path);
  return slug ? { kind: 'shop', slug } : OTHER;
}

function product(doc: Document, url: URL, shopId: string, itemId: string): Extraction {
  const ld = jsonLd(doc).find((o) => o['@type'] === 'Product');
  // After an in-app navigation the previous product's JSON-LD can linger: trust it only when it
  // describes this item, and wait (unknown) when it describes another one.
  const ldItem = ld ? (idOf(ld.productID) ?? productIds(toUrl(ld.url, url)?.pathname ?? '')?.itemId) : null;
  if (ldItem && ldItem !== itemId) return UNKNOWN;
  const shopBlock = doc.querySelector('.page-product__shop');
  // The server's HTML before the app renders has neither the shop block nor the product's
  // JSON-LD, but its canonical metadata names the same ids by Shopee's grammar: facts.
  if (!shopBlock && !ldItem && !canonicalNames(doc, url, shopId, itemId)) return UNKNOWN;
  const key = numericKey('shopee', shopId);
  if (!key) return UNKNOWN;
  const offers = ldItem ? get(ld, 'offers') : undefined;
  // The seller link inside the shop block is `/{username}?…&entryPoint=ShopByPDP`; reviewers'
  // `/shop/{id}` links elsewhere on the page are never read.
  const sellerLink = shopBlock ? links(shopBlock, url).find((l) => username(l.url.pathname)) : undefined;
  const name = get(offers, 'seller', 'name') ?? (sellerLink ? username(sellerLink.url.pathname) : null);
  const title = (ldItem ? ld?.name : null) ?? meta(doc, 'og:title')?.replace(/\s*\|\s*Shopee.*$/, '');
  const currency = get(offers, 'priceCurrency');
  return {
    kind: 'product',
    seller: ref(key, name),
    // Before the app renders there is no shop block: the title, if any (else a fixed spot).
    anchor: shopBlock ?? doc.querySelector('h1'),
    product: {
      id: itemId,
      title: cleanText(title, 300),
      price: currency === undefined || currency === 'VND' ? parseVnd(get(offers, 'price')) : null,
      url: `${url.origin}${url.pathname}`,
    },
  };
}

/**
 * The product URLs the page's canonical metadata gives: `og:url`, `<link rel=canonical>` and the
 * breadcrumb's items (JSON-LD `BreadcrumbList`), each read by Shopee's own URL grammar.
 */
function canonicalProducts(doc: Document, url: URL): { shopId: string; itemId: string }[] {
  const hrefs: unknown[] = [
    meta(doc, 'og:url'),
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
  ];
  for (const o of jsonLd(doc)) {
    if (o['@type'] !== 'BreadcrumbList') continue;
    for (const el of Array.isArray(o.itemListElement) ? o.itemListElement : []) {
      hrefs.push(get(el, 'item', '@id'), get(el, 'item'), get(el, '@id'), get(el, 'url'));
    }
  }
  const out: { shopId: string; itemId: string }[] = [];
  for (const href of hrefs) {
    const u = typeof href === 'string' ? toUrl(href, url) : null;
    const ids = u && isHost(u, HOSTS) ? productIds(u.pathname) : null;
    if (ids) out.push(ids);
  }
  return out;
}

/**
 * True when the canonical metadata names this product, and names no other: after an in-app
 * navigation the previous product's metadata can linger until the app swaps it.
 */
function canonicalNames(doc: Document, url: URL, shopId: string, itemId: string): boolean {
  const named = canonicalProducts(doc, url);
  return named.length > 0 && named.every((p) => p.shopId === shopId && p.itemId === itemId);
}

function shop(doc: Document, url: URL, d: Detection): Extraction {
  const info = doc.querySelector('.shop-page__info');
  const ld = jsonLd(doc);
  const org = ld.find((o) => o['@type'] === 'Organization');
  if (!info && !org) {
    // A `/shop/{id}` page before the app renders: its id is a fact when the canonical URL agrees.
    const canonical = [meta(doc, 'og:url'), doc.querySelector('link[rel="canonical"]')?.getAttribute('href')]
      .map((h) => toUrl(h, url))
      .filter((u): u is URL => u !== null && isHost(u, HOSTS));
    const ids = canonical.map((u) => idOf(SHOP_ID.exec(u.pathname)?.[1]));
    const key =
      d.sellerId && ids.length && ids.every((id) => id === d.sellerId)
        ? numericKey('shopee', d.sellerId)
        : null;
    const heading = doc.querySelector('h1');
    return key ? { kind: 'shop', seller: ref(key, heading?.textContent ?? null), anchor: heading } : UNKNOWN;
  }
  const orgName = username(toUrl(org?.url, url)?.pathname ?? '');
  if (d.slug && orgName && orgName !== d.slug) return UNKNOWN; // previous shop's data, still swapping
  const heading = doc.querySelector('.section-seller-overview-horizontal__portrait-name');
  const name = heading?.textContent ?? org?.name ?? d.slug;
  let key = numericKey('shopee', d.sellerId);
  if (!key && d.slug) {
    // A username page names its numeric id only through the shop's own products (structured data
    // and product links) and its `/shop/{id}/…` links: take the id when there is at least one
    // product and every one of them agrees, and keep the alias otherwise.
    const page = doc.querySelector('.shop-page') ?? info;
    const urls = [
      ...ld.filter((o) => o['@type'] === 'Product').map((o) => toUrl(o.url, url)),
      ...(page ? links(page, url).map((l) => l.url) : []),
    ];
    const fromProducts = urls.map((u) => productIds(u?.pathname ?? '')?.shopId ?? null);
    const fromShops = urls.map((u) => idOf(SHOP_ID.exec(u?.pathname ?? '')?.[1]));
    const id = fromProducts.some((x) => x) ? unanimous([...fromProducts, ...fromShops]) : null;
    key = numericKey('shopee', id) ?? slugKey('shopee', d.slug);
  }
  if (!key) return UNKNOWN;
  return { kind: 'shop', seller: ref(key, name), anchor: heading ?? info };
}

function listing(doc: Document, url: URL): Extraction {
  const cards = Array.from(doc.querySelectorAll('li[data-sqe="item"]'));
  const marked =
    cards.length > 0 ||
    doc.querySelector('.shopee-search-item-result') !== null ||
    jsonLd(doc).some((o) => o['@type'] === 'ItemList');
  if (!marked) return UNKNOWN;
  const out: ListingCard[] = [];
  for (const element of cards) {
    const ids = links(element, url)
      .map((l) => productIds(l.url.pathname))
      .find((p) => p !== null);
    const key = ids ? numericKey('shopee', ids.shopId) : null;
    if (ids && key) out.push({ element, seller: { key, name: null }, productId: ids.itemId });
  }
  return { kind: 'listing', cards: out };
}

/** Order statuses as the page prints them, for pages that show no "Trạng thái" label. */
const STATUSES = (
  'Đơn hàng đã hoàn thành|Hoàn thành|Giao hàng thành công|Đã giao|Đã hủy|Đã huỷ|Chờ xác nhận|' +
  'Chờ lấy hàng|Chờ giao hàng|Đang giao|Trả hàng/Hoàn tiền|Chờ thanh toán'
).split('|');

function order(doc: Document, url: URL): Extraction {
  const found = readOrder(
    doc,
    url,
    {
      platform: 'shopee',
      product: (u) => {
        const p = productIds(u.pathname);
        return p ? { productId: p.itemId, sellerId: p.shopId } : null;
      },
      shop: (u) => {
        const path = u.pathname;
        const id = idOf(SHOP_ID.exec(path)?.[1]);
        if (id) return numericKey('shopee', id);
        const name = username(path);
        return name ? aliasKey('shopee', name) : null;
      },
      // The buyer sees `order_sn` ("240305ABCD1234"), not the numeric order_id of the URL.
      codeLabels: ['Mã đơn hàng'],
      code: /^[0-9A-Z]{8,20}$/,
      totalLabels: ['Thành tiền', 'Tổng thanh toán', 'Tổng số tiền'],
      dateLabels: ['Thời gian đặt hàng', 'Ngày đặt hàng'],
      dateSelector: '.stepper__step-date',
      linePrice: 'last',
      statusPhrases: STATUSES,
    },
    undefined, // the URL's order_id is not the order_sn the buyer sees
  );
  return found ? { kind: 'order', ...found } : UNKNOWN;
}

export const shopee: Marketplace = {
  platform: 'shopee',
  hosts: HOSTS,
  matches: ['*://shopee.vn/*'],
  detect,
  extract: (doc, url) =>
    safely(() => {
      const d = detect(url);
      if (d.kind === 'product' && d.sellerId && d.productId)
        return product(doc, url, d.sellerId, d.productId);
      if (d.kind === 'shop') return shop(doc, url, d);
      if (d.kind === 'listing') return listing(doc, url);
      if (d.kind === 'order') return order(doc, url);
      return UNKNOWN;
    }),
};
