/**
 * Tiki (tiki.vn), a Next.js site. The seller of a product is the offer's `current_seller` in
 * `__NEXT_DATA__` (the top-level `seller` is null); listing items carry `seller_id`. Shop pages are
 * addressed by slug (`/cua-hang/{slug}`). After client-side navigation `__NEXT_DATA__` still
 * describes the first page, so every read checks that the data is about the page in the URL.
 */

import { MARKETPLACE_HOSTS } from '../registry/hosts';
import type { SellerKey } from '../registry/seller-key';
import {
  asArray,
  cleanText,
  firstOf,
  get,
  idOf,
  isHost,
  isObject,
  jsonScript,
  links,
  linkUrl,
  meta,
  numericKey,
  OTHER,
  parseJson,
  positiveVnd,
  ref,
  safely,
  slugKey,
  toUrl,
  UNKNOWN,
  unanimous,
} from './common';
import { readOrder } from './order';
import type { Detection, Extraction, ListingCard, Marketplace } from './types';

const HOSTS = MARKETPLACE_HOSTS.tiki;
const PRODUCT = /^\/(?:[^/]+-)?p(\d+)\.html\/?$/;
const SHOP = /^\/cua-hang\/([^/]+)\/?/;
const CATEGORY = /^\/[^/]+\/c(\d+)\/?$/;
const ORDER = /^\/sales\/order\/view\/(\d+)\/?$/;

function shopSlug(url: URL): string | null {
  return isHost(url, HOSTS) ? (SHOP.exec(url.pathname)?.[1]?.toLowerCase() ?? null) : null;
}

export function detect(url: URL): Detection {
  if (!isHost(url, HOSTS)) return OTHER;
  const path = url.pathname;
  const productId = idOf(PRODUCT.exec(path)?.[1]);
  if (productId) return { kind: 'product', productId };
  const slug = shopSlug(url);
  if (slug) return { kind: 'shop', slug };
  if (/^\/search\/?$/.test(path) || CATEGORY.test(path)) return { kind: 'listing' };
  const orderId = idOf(ORDER.exec(path)?.[1]);
  return orderId ? { kind: 'order', orderId } : OTHER;
}

function nextData(doc: Document): unknown {
  return get(jsonScript(doc, 'script#__NEXT_DATA__'), 'props', 'initialState');
}

/** The seller offering the product: `current_seller`, or the other seller whose offer `spid` names. */
function offerSeller(data: unknown, spid: string | null): unknown {
  const current = get(data, 'current_seller');
  if (!spid || idOf(get(current, 'product_id')) === spid) return current;
  return asArray(get(data, 'other_sellers')).find((s) => idOf(get(s, 'product_id')) === spid);
}

function product(doc: Document, url: URL, productId: string): Extraction {
  const spid = idOf(url.searchParams.get('spid'));
  const anchor = doc.querySelector('[data-view-id="pdp_store_seller.view"]');
  const data = get(nextData(doc), 'productv2', 'productData', 'response', 'data');
  const matches = idOf(get(data, 'id')) === productId || idOf(get(data, 'master_id')) === productId;
  const seller = matches ? offerSeller(data, spid) : undefined;
  let key = numericKey('tiki', get(seller, 'id'));
  let name = get(seller, 'name');
  let at: Element | null = anchor;
  if (!key && anchor) {
    // Without matching page data, the seller block's `/cua-hang/{slug}` link still names the shop.
    const link = links(anchor.parentElement ?? anchor, url).find((l) => shopSlug(l.url));
    key = link ? slugKey('tiki', shopSlug(link.url)) : null;
    name = link?.el.textContent ?? null;
  }
  if (!key && (!data || matches) && !otherProduct(doc, url, productId)) {
    // No page data at all (an older page, or markup the app changed): the seller as the page shows it.
    const found = currentSeller(doc) ?? linkedShop(doc, url);
    if (found) ({ key, name, anchor: at } = found);
  }
  if (!key) return UNKNOWN;
  const title = matches ? get(data, 'name') : meta(doc, 'og:title');
  return {
    kind: 'product',
    seller: ref(key, name),
    anchor: at,
    product: {
      id: productId,
      title: cleanText(title, 300),
      price: matches ? positiveVnd(get(seller, 'price') ?? get(data, 'price')) : null,
      url: `${url.origin}${url.pathname}${spid ? `?spid=${spid}` : ''}`,
    },
  };
}

interface PageSeller {
  key: SellerKey;
  name: unknown;
  anchor: Element | null;
}

/** True when the page's canonical metadata is about another product (the previous one, still shown). */
function otherProduct(doc: Document, url: URL, productId: string): boolean {
  const hrefs = [meta(doc, 'og:url'), doc.querySelector('link[rel="canonical"]')?.getAttribute('href')];
  return hrefs.some((h) => {
    const u = toUrl(h, url);
    const id = u && isHost(u, HOSTS) ? idOf(PRODUCT.exec(u.pathname)?.[1]) : null;
    return id !== null && id !== productId;
  });
}

/** Attributes that carry the seller's id on older pages' `current-seller` element. */
const SELLER_ID_ATTR = /^(?:data-)?(?:seller[-_]?id|current[-_]?seller[-_]?id|id[-_]?seller)$|^data-id$/i;

/**
 * Older product pages: the offer's seller in a `current-seller` element, its numeric id in an
 * attribute (`data-id` on the pages seen; `data-seller-id` alike), its name in `.name .text`.
 */
function currentSeller(doc: Document): PageSeller | null {
  const el = doc.querySelector(
    '.current-seller, #current-seller, [data-view-id="current_seller"], [data-view-id="pdp_current_seller"]',
  );
  if (!el) return null;
  const ids = Array.from(el.attributes)
    .filter((a) => SELLER_ID_ATTR.test(a.name))
    .map((a) => idOf(a.value));
  const key = numericKey('tiki', unanimous(ids));
  if (!key || ids.some((id) => id === null)) return null;
  // The name, not the promise line beside it (`.text-small`, "Cam kết chính hiệu 100%").
  const nameEl = firstOf(el, [
    '.name .text > span',
    '.name .text > a',
    '.seller-name .text',
    '.seller-name',
    '[class*="seller-name"]',
    'a:not(.view-shop)',
    'strong',
  ]);
  return { key, name: nameEl?.textContent ?? null, anchor: nameEl ?? el };
}

/** Words of a shop link that are a button, not the shop's name. */
const BUTTON_WORDS = /^(xem shop|ghé shop|vào shop|xem cửa hàng|vào cửa hàng|theo dõi|chat|chat ngay)$/i;

/**
 * The seller as a link to its shop page (`/cua-hang/{slug}`), wherever the page puts it: taken
 * only when every shop link of the page names the same shop.
 */
function linkedShop(doc: Document, url: URL): PageSeller | null {
  const shops = links(doc, url).flatMap(({ el, url: u }) => {
    const slug = shopSlug(u);
    return slug ? [{ el, slug }] : [];
  });
  const key = slugKey('tiki', unanimous(shops.map((s) => s.slug)));
  if (!key) return null;
  const named = shops.find((s) => {
    const t = cleanText(s.el.textContent);
    return t !== null && !BUTTON_WORDS.test(t);
  });
  return { key, name: named?.el.textContent ?? null, anchor: named?.el ?? shops[0]?.el ?? null };
}

function shop(doc: Document, slug: string): Extraction {
  // Tiki shop pages name the store by slug; the numeric seller id is not reliably on the page.
  // A rendered Next.js page (not a wall or an error page) or Tiki's store header.
  const rendered = isObject(get(jsonScript(doc, 'script#__NEXT_DATA__'), 'props'));
  if (!rendered && !doc.querySelector('[data-view-id^="store"]')) return UNKNOWN;
  const key = slugKey('tiki', slug);
  if (!key) return UNKNOWN;
  const heading = doc.querySelector('h1');
  return { kind: 'shop', seller: ref(key, heading?.textContent ?? null), anchor: heading };
}

function cardIds(card: Element, url: URL): { id: string | null; spid: string | null } {
  const click = get(parseJson(card.getAttribute('data-view-content')), 'click_data');
  const link = links(card, url)[0]?.url ?? linkUrl(card, url);
  return {
    id: idOf(get(click, 'id')) ?? (link ? idOf(PRODUCT.exec(link.pathname)?.[1]) : null),
    spid: idOf(get(click, 'spid')) ?? (link ? idOf(link.searchParams.get('spid')) : null),
  };
}

function listing(doc: Document, url: URL): Extraction {
  const state = nextData(doc);
  const items = asArray(get(state, 'catalog', 'data'));
  const cards = Array.from(doc.querySelectorAll('.product-item'));
  if (!cards.length && state === undefined) return UNKNOWN;
  const out: ListingCard[] = [];
  for (const element of cards) {
    const { id, spid } = cardIds(element, url);
    // Cards the data does not describe (sponsored, or loaded after the first page) are skipped:
    // their seller is not on the page, and it is never guessed.
    const item = items.find(
      (it) =>
        idOf(get(it, 'id')) === id &&
        (!spid || !idOf(get(it, 'seller_product_id')) || idOf(get(it, 'seller_product_id')) === spid),
    );
    const key = numericKey('tiki', get(item, 'seller_id'));
    if (id && key) out.push({ element, seller: ref(key, get(item, 'seller_name')), productId: id });
  }
  return { kind: 'listing', cards: out };
}

/** Order statuses as the page prints them, for pages that show no "Trạng thái" label. */
const STATUSES = 'Giao hàng thành công|Đã giao|Đã hủy|Đã huỷ|Đang xử lý|Đang vận chuyển|Chờ thanh toán'.split(
  '|',
);

function order(doc: Document, url: URL): Extraction {
  const found = readOrder(
    doc,
    url,
    {
      platform: 'tiki',
      product: (u) => {
        const id = isHost(u, HOSTS) ? idOf(PRODUCT.exec(u.pathname)?.[1]) : null;
        return id ? { productId: id } : null;
      },
      shop: (u) => slugKey('tiki', shopSlug(u)),
      codeLabels: ['Mã đơn hàng', 'Chi tiết đơn hàng #', 'Chi tiết đơn hàng'],
      code: /^\d{6,20}$/,
      totalLabels: ['Tổng cộng', 'Tổng tiền', 'Thành tiền'],
      dateLabels: ['Ngày đặt hàng', 'Thời gian đặt hàng'],
      linePrice: 'first',
      statusPhrases: STATUSES,
    },
    undefined, // the URL's id is not known to be the code the buyer sees
  );
  return found ? { kind: 'order', ...found } : UNKNOWN;
}

export const tiki: Marketplace = {
  platform: 'tiki',
  hosts: HOSTS,
  matches: ['*://tiki.vn/*'],
  detect,
  extract: (doc, url) =>
    safely(() => {
      const d = detect(url);
      if (d.kind === 'product' && d.productId) return product(doc, url, d.productId);
      if (d.kind === 'shop' && d.slug) return shop(doc, d.slug);
      if (d.kind === 'listing') return listing(doc, url);
      if (d.kind === 'order') return order(doc, url);
      return UNKNOWN;
    }),
};
