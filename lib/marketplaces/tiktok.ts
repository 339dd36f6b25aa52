/**
 * TikTok Shop Vietnam: product pages on shop.tiktok.com/vn, www.tiktok.com/shop and
 * shop-vn.tiktok.com; stores, searches and orders on www.tiktok.com/shop. Pages are Modern.js SSR:
 * the product sits in `script#__MODERN_ROUTER_DATA__` under `…components_map[].component_data
 * .product_info`. The seller id is the one in store URLs (`/shop/store/{slug}/{sellerId}`); where
 * the product data names no seller id (the saved real page names none), the product yields unknown.
 */

import { MARKETPLACE_HOSTS } from '../registry/hosts';
import {
  cleanText,
  findDeep,
  get,
  idOf,
  isHost,
  isObject,
  type JsonObject,
  links,
  meta,
  numericKey,
  OTHER,
  parseJson,
  positiveVnd,
  ref,
  safely,
  toUrl,
  UNKNOWN,
  unanimous,
} from './common';
import { readOrder } from './order';
import type { Detection, Extraction, ListingCard, Marketplace, SellerRef } from './types';

const [SHOP_HOST, WWW, VN_HOST] = MARKETPLACE_HOSTS.tiktok;
const HOSTS = MARKETPLACE_HOSTS.tiktok;

const PRODUCT_BY_HOST: Record<string, RegExp[]> = {
  [SHOP_HOST]: [/^\/view\/product\/(\d+)\/?$/, /^\/vn\/pdp\/(?:[^/]+\/)?(\d+)\/?$/],
  [WWW]: [/^\/view\/product\/(\d+)\/?$/, /^\/shop\/(?:vn\/)?pdp\/(?:[^/]+\/)?(\d+)\/?$/],
  [VN_HOST]: [/^\/view\/product\/(\d+)\/?$/, /^\/pdp\/(?:[^/]+\/)?(\d+)\/?$/],
};
const STORE = /^\/shop\/store\/([^/]+)\/(\d+)\/?$/;
/** Search and category pages of the web shop (unverified in saved pages; seen in public URLs). */
const LISTING = [/^\/shop\/s\/[^/]+\/?$/, /^\/shop\/c\/[^/]+\/\d+\/?$/];

function productId(url: URL): string | null {
  if (!isHost(url, HOSTS)) return null;
  const path = url.pathname;
  for (const re of PRODUCT_BY_HOST[url.hostname] ?? []) {
    const id = idOf(re.exec(path)?.[1]);
    if (id) return id;
  }
  return null;
}

function storeId(url: URL): string | null {
  return url.hostname === WWW ? idOf(STORE.exec(url.pathname)?.[2]) : null;
}

export function detect(url: URL): Detection {
  if (!isHost(url, HOSTS)) return OTHER;
  const id = productId(url);
  if (id) return { kind: 'product', productId: id };
  if (url.hostname !== WWW) return OTHER;
  const path = url.pathname;
  const store = STORE.exec(path);
  const sellerId = idOf(store?.[2]);
  if (sellerId) return { kind: 'shop', sellerId, slug: store?.[1]?.toLowerCase() };
  if (LISTING.some((re) => re.test(path))) return { kind: 'listing' };
  // The order id is in the URL when the list opened the detail, and on the page in any case.
  if (!/^\/shop\/order_detail\/?$/.test(path)) return OTHER;
  const orderId = idOf(url.searchParams.get('main_order_id'));
  return orderId ? { kind: 'order', orderId } : { kind: 'order' };
}

/** Parsed SSR data: the router data script first, then any JSON script (its id is not stable). */
function pageData(doc: Document): unknown[] {
  const scripts = Array.from(
    doc.querySelectorAll('script#__MODERN_ROUTER_DATA__, script[type="application/json"]'),
  );
  return [...new Set(scripts)].map((s) => parseJson(s.textContent)).filter(isObject);
}

function sellerOf(info: unknown): SellerRef | null {
  for (const field of ['seller_model', 'seller', 'seller_info', 'shop_info']) {
    const s = get(info, field);
    const key = numericKey('tiktok', get(s, 'seller_id'));
    if (key) return ref(key, get(s, 'shop_name') ?? get(s, 'name'));
  }
  return null;
}

export interface TiktokProduct {
  id: string;
  title: string | null;
  price: number | null;
  seller: SellerRef | null;
}

/** The product the page shows, when its data is about the product in the URL. */
export function readTiktokProduct(doc: Document, url: URL): TiktokProduct | null {
  const id = productId(url);
  if (!id) return null;
  // An unresolved product keeps the literal placeholder in its description.
  if ((meta(doc, 'og:description') ?? '').includes('{product_name}')) return null;
  const og = toUrl(meta(doc, 'og:url'), url);
  const ogId = og ? productId(og) : null;
  if (ogId && ogId !== id) return null; // the previous product, before the page swapped
  let info: JsonObject | null = null;
  for (const data of pageData(doc)) {
    info = findDeep(data, (o) => isObject(o.product_info) && isObject(get(o.product_info, 'product_model')));
    if (info) break;
  }
  const product = get(info, 'product_info');
  const model = get(product, 'product_model');
  if (!model) return null;
  const modelId = idOf(get(model, 'product_id'));
  if (modelId && modelId !== id) return null;
  const price = get(product, 'promotion_model', 'promotion_product_price', 'min_price');
  return {
    id,
    title: cleanText(get(model, 'name'), 300),
    price: positiveVnd(get(price, 'sale_price_decimal')) ?? positiveVnd(get(price, 'sale_price_format')),
    seller: sellerOf(product) ?? storeLinkSeller(doc, url),
  };
}

/** A seller named by the page's store links, when every one of them names the same store. */
function storeLinkSeller(doc: Document, url: URL): SellerRef | null {
  const stores = links(doc, url).map((l) => ({ id: storeId(l.url), el: l.el }));
  const key = numericKey('tiktok', unanimous(stores.map((s) => s.id)));
  return key ? ref(key, stores.find((s) => s.id)?.el.textContent ?? null) : null;
}

function product(doc: Document, url: URL): Extraction {
  const p = readTiktokProduct(doc, url);
  if (!p?.seller) return UNKNOWN;
  const anchor =
    links(doc, url).find((l) => numericKey('tiktok', storeId(l.url)) === p.seller?.key)?.el ?? null;
  return {
    kind: 'product',
    seller: p.seller,
    anchor,
    product: { id: p.id, title: p.title, price: p.price, url: `${url.origin}${url.pathname}` },
  };
}

function shop(doc: Document, url: URL, sellerId: string): Extraction {
  const data = pageData(doc);
  const og = toUrl(meta(doc, 'og:url'), url);
  if (!data.length && (!og || storeId(og) !== sellerId)) return UNKNOWN;
  const key = numericKey('tiktok', sellerId);
  if (!key) return UNKNOWN;
  let seller: unknown = null;
  for (const d of data) {
    seller = findDeep(
      d,
      (o) =>
        idOf(o.seller_id) === sellerId && (typeof o.shop_name === 'string' || typeof o.name === 'string'),
    );
    if (seller) break;
  }
  const heading = doc.querySelector('h1');
  const name = get(seller, 'shop_name') ?? get(seller, 'name') ?? heading?.textContent ?? null;
  return { kind: 'shop', seller: ref(key, name), anchor: heading };
}

function listing(doc: Document, url: URL): Extraction {
  const data = pageData(doc);
  const cardLinks = links(doc, url).filter((l) => productId(l.url));
  if (!cardLinks.length) return UNKNOWN; // not rendered yet
  // Search results carry `seller_info.seller_id` per product; collect them once.
  const sellers = new Map<string, SellerRef>();
  for (const d of data) {
    findDeep(d, (o) => {
      const id = idOf(o.product_id);
      const s = sellerOf(o);
      if (id && s) sellers.set(id, s);
      return false;
    });
  }
  const out: ListingCard[] = [];
  const seen = new Set<string>();
  for (const { el, url: u } of cardLinks) {
    const id = productId(u);
    const seller = id ? sellers.get(id) : undefined;
    if (!id || !seller || seen.has(id)) continue;
    seen.add(id);
    out.push({ element: el, seller, productId: id });
  }
  return { kind: 'listing', cards: out };
}

/** Order statuses as the page prints them, for pages that show no "Trạng thái" label. */
const STATUSES = (
  'Đơn hàng đã hoàn tất|Đã hoàn tất|Đã giao|Đã giao hàng|Đã hủy|Đã huỷ|Đang vận chuyển|' +
  'Chờ vận chuyển|Chờ thanh toán|Chờ giao hàng'
).split('|');

function order(doc: Document, url: URL, orderId: string | undefined): Extraction {
  const found = readOrder(
    doc,
    url,
    {
      platform: 'tiktok',
      product: (u) => {
        const id = productId(u);
        return id ? { productId: id } : null;
      },
      shop: (u) => numericKey('tiktok', storeId(u)),
      codeLabels: ['Mã đơn hàng', 'ID đơn hàng'],
      code: /^\d{10,25}$/,
      totalLabels: ['Tổng thanh toán', 'Tổng cộng', 'Tổng tiền', 'Thành tiền'],
      dateLabels: ['Đặt hàng vào', 'Thời gian đặt hàng', 'Ngày đặt hàng'],
      linePrice: 'last',
      statusPhrases: STATUSES,
    },
    orderId,
  );
  return found ? { kind: 'order', ...found } : UNKNOWN;
}

export const tiktok: Marketplace = {
  platform: 'tiktok',
  hosts: HOSTS,
  // www.tiktok.com as a whole: the shop is reached by in-app navigation from any TikTok page.
  matches: ['*://shop.tiktok.com/*', '*://www.tiktok.com/*', '*://shop-vn.tiktok.com/*'],
  detect,
  extract: (doc, url) =>
    safely(() => {
      const d = detect(url);
      if (d.kind === 'product') return product(doc, url);
      if (d.kind === 'shop' && d.sellerId) return shop(doc, url, d.sellerId);
      if (d.kind === 'listing') return listing(doc, url);
      if (d.kind === 'order') return order(doc, url, d.orderId);
      return UNKNOWN;
    }),
};
