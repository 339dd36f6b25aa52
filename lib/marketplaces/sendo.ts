/**
 * Sendo (www.sendo.vn), a client-rendered SPA fed by `detail-api.sendo.vn`. The seller is the
 * product payload's `shop_info.shop_id` (`shop_info.customer_id` is the owner's account, not the
 * shop). Where the page holds no such payload, the seller block's `/shop/{slug}` link gives the
 * shop's alias. Buyer order pages were not found in public code, so this module has none.
 */

import { MARKETPLACE_HOSTS } from '../registry/hosts';
import {
  cleanText,
  findDeep,
  get,
  idOf,
  inlineScripts,
  isHost,
  isObject,
  type JsonObject,
  links,
  meta,
  numericKey,
  OTHER,
  objectAfter,
  parseJson,
  positiveVnd,
  ref,
  safely,
  slugKey,
  toUrl,
  UNKNOWN,
  unanimous,
} from './common';
import type { Detection, Extraction, ListingCard, Marketplace, SellerRef } from './types';

const HOSTS = MARKETPLACE_HOSTS.sendo;
const PRODUCT = /^\/(?:[^/]+-)?(\d+)\.html\/?$/;
const SHOP = /^\/shop\/([^/]+)/;
/** Globals a server-rendered state could sit in (unverified for Sendo; read only when present). */
const STATE_MARKERS = ['window.__INITIAL_STATE__', 'window.__PRELOADED_STATE__', 'window.__STATE__'];

function productId(url: URL): string | null {
  return isHost(url, HOSTS) ? idOf(PRODUCT.exec(url.pathname)?.[1]) : null;
}

function shopSlug(url: URL): string | null {
  return isHost(url, HOSTS) ? (SHOP.exec(url.pathname)?.[1]?.toLowerCase() ?? null) : null;
}

export function detect(url: URL): Detection {
  if (!isHost(url, HOSTS)) return OTHER;
  const id = productId(url);
  if (id) return { kind: 'product', productId: id };
  const slug = shopSlug(url);
  if (slug) return { kind: 'shop', slug };
  return /^\/tim-kiem\/?$/.test(url.pathname) ? { kind: 'listing' } : OTHER;
}

/** Every JSON state the page embeds: JSON scripts and `window.__…STATE__ = {…}` assignments. */
function states(doc: Document): unknown[] {
  const out: unknown[] = Array.from(doc.querySelectorAll('script[type="application/json"]'), (s) =>
    parseJson(s.textContent),
  );
  for (const text of inlineScripts(doc)) {
    for (const m of STATE_MARKERS) if (text.includes(m)) out.push(objectAfter(text, m));
  }
  return out.filter(isObject);
}

function find(doc: Document, test: (o: JsonObject) => boolean): JsonObject | null {
  for (const s of states(doc)) {
    const found = findDeep(s, test);
    if (found) return found;
  }
  return null;
}

function shopOf(o: unknown): SellerRef | null {
  const info = get(o, 'shop_info');
  const key = numericKey('sendo', get(info, 'shop_id'));
  return key ? ref(key, get(info, 'shop_name')) : null;
}

/** The page's `/shop/{slug}` links, when they all name one shop (the seller block's). */
function linkedShop(root: ParentNode, url: URL): { seller: SellerRef; el: Element } | null {
  const shops = links(root, url).map((l) => ({ slug: shopSlug(l.url), el: l.el }));
  const key = slugKey('sendo', unanimous(shops.map((s) => s.slug)));
  const el = shops.find((s) => s.slug)?.el;
  return key && el ? { seller: ref(key, el.textContent), el } : null;
}

function product(doc: Document, url: URL, id: string): Extraction {
  const data = find(doc, (o) => idOf(o.id) === id && get(o, 'shop_info') !== undefined);
  const marked = doc.querySelector('#id-media-block') !== null || data !== null;
  const linked = marked ? linkedShop(doc, url) : null;
  const seller = shopOf(data) ?? linked?.seller;
  if (!seller) return UNKNOWN;
  // With a payload, the badge goes beside the link to the payload's own shop.
  const shopUrl = get(data, 'shop_info', 'shop_url');
  const own = typeof shopUrl === 'string' ? toUrl(`/${shopUrl.replace(/^\/+/, '')}`, url) : null;
  const ownSlug = own ? shopSlug(own) : null;
  const anchor = ownSlug
    ? (links(doc, url).find((l) => shopSlug(l.url) === ownSlug)?.el ?? null)
    : (linked?.el ?? null);
  return {
    kind: 'product',
    seller,
    anchor,
    product: {
      id,
      title: cleanText(get(data, 'name') ?? meta(doc, 'og:title'), 300),
      price: positiveVnd(get(data, 'final_price')) ?? positiveVnd(get(data, 'price')),
      url: `${url.origin}${url.pathname}`,
    },
  };
}

function shop(doc: Document, slug: string): Extraction {
  const info = find(doc, (o) => {
    const u = get(o, 'shop_url');
    return (
      idOf(o.shop_id) !== null && typeof u === 'string' && u.replace(/\/+$/, '').endsWith(`shop/${slug}`)
    );
  });
  const heading = doc.querySelector('h1');
  if (!info && !heading) return UNKNOWN;
  const key = numericKey('sendo', get(info, 'shop_id')) ?? slugKey('sendo', slug);
  if (!key) return UNKNOWN;
  return {
    kind: 'shop',
    seller: ref(key, get(info, 'shop_name') ?? heading?.textContent ?? null),
    anchor: heading,
  };
}

function listing(doc: Document, url: URL): Extraction {
  const all = states(doc);
  const cardLinks = links(doc, url).filter((l) => productId(l.url));
  if (!cardLinks.length) return UNKNOWN; // not rendered yet
  // Only items that carry `shop_info.shop_id` name their shop; other ids in listing data
  // (`admin_id`, `shop_external_id`) are not known to be the shop id and are not used.
  const sellers = new Map<string, SellerRef>();
  for (const s of all) {
    findDeep(s, (o) => {
      const id = idOf(o.product_id) ?? idOf(o.id);
      const seller = shopOf(o);
      if (id && seller) sellers.set(id, seller);
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

export const sendo: Marketplace = {
  platform: 'sendo',
  hosts: HOSTS,
  matches: ['*://www.sendo.vn/*'],
  detect,
  extract: (doc, url) =>
    safely(() => {
      const d = detect(url);
      if (d.kind === 'product' && d.productId) return product(doc, url, d.productId);
      if (d.kind === 'shop' && d.slug) return shop(doc, d.slug);
      if (d.kind === 'listing') return listing(doc, url);
      return UNKNOWN;
    }),
};
