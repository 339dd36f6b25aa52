/**
 * Lazada (www.lazada.vn, orders on my.lazada.vn). The seller is the numeric `sellerId`, found in the
 * PDP's module data (`__moduleData__`, or the `app.run({...})` payload of older pages) and in the
 * listing's `window.pageData`. JSON-LD is not used for the seller: newer pages carry an empty seller
 * and price 0 there. Shop pages are addressed by slug, which differs from the seller's name
 * (`/shop/tan-viet-shop/` sells as "sachbanchay-vn").
 */

import { MARKETPLACE_HOSTS } from '../registry/hosts';
import {
  cleanText,
  firstOf,
  get,
  idOf,
  inlineScripts,
  isHost,
  jsonLd,
  links,
  meta,
  numericKey,
  OTHER,
  parseJson,
  positiveVnd,
  ref,
  safely,
  scriptObject,
  slugKey,
  toUrl,
  UNKNOWN,
  unanimous,
} from './common';
import { readOrder } from './order';
import type { Detection, Extraction, ListingCard, Marketplace } from './types';

const [WWW, MY] = MARKETPLACE_HOSTS.lazada;
const HOSTS = MARKETPLACE_HOSTS.lazada;

const PRODUCT = /^\/products\/(?:[^/]*-)?i(\d+)(?:-s(\d+))?\.html\/?$/;
const SHOP = /^\/shop\/([^/]+)\/?/;
/** Category and store-listing pages are bare slugs (`/dien-thoai-di-dong/`); page data confirms. */
const BARE_SLUG = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/;
const NOT_LISTINGS = new Set(
  'products shop catalog customer cart checkout helpcenter wow user member'.split(' '),
);
const WALL = /\/_____tmd_____\/|\/captcha(?:\/|$)|\/(?:user|member)\/login/;

function productId(path: string): string | null {
  return idOf(PRODUCT.exec(path)?.[1]);
}

export function detect(url: URL): Detection {
  if (!isHost(url, HOSTS)) return OTHER;
  const path = url.pathname;
  if (WALL.test(path)) return OTHER;
  if (url.hostname === MY) {
    const id = idOf(url.searchParams.get('tradeOrderId'));
    return /^\/customer\/order\/view\/?$/.test(path) && id ? { kind: 'order', orderId: id } : OTHER;
  }
  const item = productId(path);
  if (item) return { kind: 'product', productId: item };
  const slug = SHOP.exec(path)?.[1];
  if (slug) return { kind: 'shop', slug: slug.toLowerCase() };
  if (/^\/catalog\/?$/.test(path) || /^\/tag\/[^/]+\/?$/.test(path)) return { kind: 'listing' };
  const bare = BARE_SLUG.exec(path)?.[1];
  return bare && !NOT_LISTINGS.has(bare) ? { kind: 'listing' } : OTHER;
}

/** The PDP's module data: `data.root.fields` of `__moduleData__` or of the older `app.run(...)`. */
function moduleFields(doc: Document): unknown {
  return get(scriptObject(doc, ['__moduleData__', 'app.run(']), 'data', 'root', 'fields');
}

/** `var pdpTrackingData = "{…}"`: JSON inside a JS string literal, so it is decoded twice. */
function trackingData(doc: Document): unknown {
  for (const text of inlineScripts(doc)) {
    const m = /pdpTrackingData\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(text);
    if (m) return parseJson(String(parseJson(`"${m[1]}"`) ?? ''));
  }
  return undefined;
}

function product(doc: Document, url: URL, itemId: string): Extraction {
  const fields = moduleFields(doc);
  const anchor = firstOf(doc, [
    '.seller-name__detail',
    '.seller-name-v2__detail-name',
    '#module_seller_info',
  ]);
  let key = null;
  let name: unknown = null;
  const fieldsItem = idOf(get(fields, 'primaryKey', 'itemId'));
  if (fields && (!fieldsItem || fieldsItem === itemId)) {
    key = numericKey('lazada', get(fields, 'seller', 'sellerId') ?? get(fields, 'primaryKey', 'sellerId'));
    name = get(fields, 'seller', 'name');
  }
  if (!key) {
    const t = trackingData(doc);
    if (idOf(get(t, 'pdt_sku')) === itemId) {
      key = numericKey('lazada', get(t, 'supplier_id'));
      name = get(t, 'seller_name');
    }
  }
  if (!key && anchor) {
    // Last resort: the slug of the seller block's own shop link (never other shop links).
    const slug = links(anchor.parentElement ?? anchor, url)
      .map((l) => SHOP.exec(l.url.pathname)?.[1])
      .find((s) => s);
    key = slugKey('lazada', slug);
    name = anchor.textContent;
  }
  if (!key) return UNKNOWN;
  const ld = jsonLd(doc).find((o) => o['@type'] === 'Product');
  const skuId = String(get(fields, 'primaryKey', 'skuId') ?? get(fields, 'primaryKey', 'defaultSkuId') ?? '');
  const price =
    positiveVnd(get(fields, 'skuInfos', skuId, 'price', 'salePrice', 'value')) ??
    positiveVnd(get(ld, 'offers', 'price')) ??
    positiveVnd(get(ld, 'offers', 'lowPrice'));
  const title =
    get(fields, 'product', 'title') ?? ld?.name ?? meta(doc, 'og:title')?.replace(/\s*\|\s*Lazada.*$/, '');
  return {
    kind: 'product',
    seller: ref(key, name),
    anchor,
    product: { id: itemId, title: cleanText(title, 300), price, url: `${url.origin}${url.pathname}` },
  };
}

interface ListItem {
  itemId: string;
  sellerId: string | null;
  sellerName: unknown;
}

function listItems(doc: Document): ListItem[] | null {
  const data = scriptObject(doc, ['window.pageData', 'pageData =']);
  const items = get(data, 'mods', 'listItems');
  if (!Array.isArray(items)) return null;
  return items.flatMap((it) => {
    const itemId = idOf(get(it, 'itemId')) ?? idOf(get(it, 'nid'));
    return itemId ? [{ itemId, sellerId: idOf(get(it, 'sellerId')), sellerName: get(it, 'sellerName') }] : [];
  });
}

function cardItemId(card: Element, url: URL): string | null {
  return (
    idOf(card.getAttribute('data-item-id')) ??
    links(card, url)
      .map((l) => productId(l.url.pathname))
      .find((id) => id) ??
    null
  );
}

function listing(doc: Document, url: URL): Extraction {
  const items = listItems(doc);
  const cards = Array.from(doc.querySelectorAll('[data-qa-locator="product-item"], [data-item-id]')).filter(
    (el, _, all) => !all.some((other) => other !== el && other.contains(el)),
  );
  if (!items && !cards.length) return UNKNOWN;
  const byItem = new Map((items ?? []).map((it) => [it.itemId, it]));
  const out: ListingCard[] = [];
  for (const element of cards) {
    const id = cardItemId(element, url);
    const it = id ? byItem.get(id) : undefined;
    const key = numericKey('lazada', it?.sellerId);
    if (id && key) out.push({ element, seller: ref(key, it?.sellerName), productId: id });
  }
  return { kind: 'listing', cards: out };
}

function shop(doc: Document, url: URL, slug: string): Extraction {
  const items = listItems(doc);
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, 'og:url');
  const samePage = SHOP.exec(toUrl(canonical, url)?.pathname ?? '')?.[1]?.toLowerCase() === slug;
  if (!items && !samePage) return UNKNOWN;
  // The store's own listing names its seller id when every item agrees; else the slug stays.
  const sellerId = items?.length ? unanimous(items.map((i) => i.sellerId)) : null;
  const single = sellerId !== null && items?.every((i) => i.sellerId === sellerId);
  const key = (single ? numericKey('lazada', sellerId) : null) ?? slugKey('lazada', slug);
  if (!key) return UNKNOWN;
  const heading = doc.querySelector('h1');
  const name = single ? items?.[0]?.sellerName : (heading?.textContent ?? null);
  return { kind: 'shop', seller: ref(key, name), anchor: heading };
}

/** Order statuses as the page prints them, for pages that show no "Trạng thái" label. */
const STATUSES = (
  'Đã giao hàng|Đã giao|Giao hàng thành công|Đã hủy|Đã huỷ|Đang xử lý|Đang giao hàng|' +
  'Chờ thanh toán|Đang vận chuyển|Đã nhận hàng|Trả hàng'
).split('|');

function order(doc: Document, url: URL, orderId: string | undefined): Extraction {
  const found = readOrder(
    doc,
    url,
    {
      platform: 'lazada',
      product: (u) => {
        const id = productId(u.pathname);
        return id ? { productId: id } : null;
      },
      shop: (u) => (u.hostname === WWW ? slugKey('lazada', SHOP.exec(u.pathname)?.[1]) : null),
      codeLabels: ['Mã đơn hàng', 'Đơn hàng'],
      code: /^\d{6,20}$/,
      totalLabels: ['Tổng cộng', 'Tổng thanh toán', 'Tổng tiền', 'Thành tiền'],
      dateLabels: ['Đặt ngày', 'Ngày đặt hàng', 'Thời gian đặt hàng'],
      linePrice: 'last',
      statusPhrases: STATUSES,
    },
    orderId,
  );
  return found ? { kind: 'order', ...found } : UNKNOWN;
}

export const lazada: Marketplace = {
  platform: 'lazada',
  hosts: HOSTS,
  matches: ['*://www.lazada.vn/*', '*://my.lazada.vn/*'],
  detect,
  extract: (doc, url) =>
    safely(() => {
      const d = detect(url);
      if (d.kind === 'product' && d.productId) return product(doc, url, d.productId);
      if (d.kind === 'shop' && d.slug) return shop(doc, url, d.slug);
      if (d.kind === 'listing') return listing(doc, url);
      if (d.kind === 'order') return order(doc, url, d.orderId);
      return UNKNOWN;
    }),
};
