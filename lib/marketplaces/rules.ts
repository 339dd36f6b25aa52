/**
 * Site rules applied to a marketplace module: the ONE point where the registry's signed rules
 * (lib/registry/site-rules.ts, verified and validated by the background) meet the built-in
 * extractors. `withRules(market, rules)` is the module as the rules say: off, a page kind off,
 * readers tried before the built-in ones (`override`) or when they find nothing (`extend`), URL
 * grammars that recognise pages. Data only: selectors, JSON paths and patterns read by this code.
 *
 * Runs in the content script: no zod (the background sent only validated rules), and nothing
 * here throws into the page: selectors the browser refuses find nothing, patterns are compiled in
 * a try/catch and see at most RULE_INPUT_CAP characters (lib/registry/site-rules-safety.ts says how
 * that and the background's checks keep them from backtracking catastrophically).
 */
import { cleanText, get, meta, numericKey, OTHER, ref, slugKey, UNKNOWN } from './common';
import type { Detection, Extraction, Marketplace, PageKind, SellerRef } from './types';

/*
 * The rules for one marketplace, as the background sends them (the zod schema's output; the
 * background checks at compile time that the two agree).
 */
type Use = 'override' | 'extend';
export type ContentSellerReader =
  | {
      from: 'css';
      use: Use;
      selector: string;
      attribute?: string | undefined;
      pattern?: string | undefined;
      name?: string | undefined;
      anchor?: string | undefined;
    }
  | {
      from: 'json';
      use: Use;
      script: string;
      id?: (string | number)[] | undefined;
      slug?: (string | number)[] | undefined;
      name?: (string | number)[] | undefined;
      anchor?: string | undefined;
    }
  | {
      from: 'url';
      use: Use;
      pattern: string;
      name?: string | undefined;
      anchor?: string | undefined;
    };

export interface ContentUrlRule {
  use: Use;
  pattern: string;
}

export interface ContentPageRules {
  enabled: boolean;
  urls: ContentUrlRule[];
  sellers?: ContentSellerReader[];
}

export interface ContentMarketplaceRules {
  enabled: boolean;
  pages: Partial<Record<Exclude<PageKind, 'other'>, ContentPageRules>>;
}

const KINDS = ['product', 'shop', 'listing', 'order'] as const;

/**
 * What any rule pattern is ever run on, at most (an attribute, a text, a URL's path and query):
 * with the registry's pattern checks (lib/registry/site-rules-safety.ts) this bounds a match's work.
 */
export const RULE_INPUT_CAP = 300;

const compiled = new Map<string, RegExp | null>();

/** A rule's pattern, compiled once; null when the engine refuses it (never thrown). */
function regex(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = null;
    }
    compiled.set(source, re);
  }
  return re;
}

/** The named groups of a match on at most RULE_INPUT_CAP characters of `input`. */
function groups(source: string, input: string | null | undefined): Record<string, string> | null {
  const re = regex(source);
  if (!re || typeof input !== 'string') return null;
  const m = re.exec(input.slice(0, RULE_INPUT_CAP));
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

function query(doc: ParentNode, selector: string | undefined): Element | null {
  if (!selector) return null;
  try {
    return doc.querySelector(selector);
  } catch {
    return null; // a selector this browser does not understand
  }
}

function path(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** `{ sellerId, slug, productId, orderId }` from a URL rule's groups, as a detection of `kind`. */
function detection(kind: Detection['kind'], g: Record<string, string>): Detection {
  const d: Detection = { kind };
  if (g.sellerId) d.sellerId = g.sellerId;
  if (g.slug) d.slug = g.slug;
  if (g.productId && /^\d{1,30}$/.test(g.productId)) d.productId = g.productId;
  if (g.orderId) d.orderId = g.orderId;
  return d;
}

function keyOf(market: Marketplace, id: unknown, slug: unknown): SellerRef['key'] | null {
  return (
    numericKey(market.platform, id) ?? (typeof slug === 'string' ? slugKey(market.platform, slug) : null)
  );
}

interface Found {
  seller: SellerRef;
  anchor: Element | null;
}

function jsonAt(value: unknown, keys: readonly (string | number)[] | undefined): unknown {
  if (!keys) return undefined;
  let at = value;
  for (const k of keys) {
    if (typeof k === 'number') at = Array.isArray(at) ? at[k] : undefined;
    else at = get(at, k);
  }
  return at;
}

function readSeller(market: Marketplace, r: ContentSellerReader, doc: Document, url: URL): Found | null {
  if (r.from === 'css') {
    const el = query(doc, r.selector);
    if (!el) return null;
    const value = r.attribute ? el.getAttribute(r.attribute) : el.textContent;
    const g = r.pattern ? groups(r.pattern, value) : { id: (value ?? '').trim() };
    if (!g) return null;
    const key = keyOf(market, g.id, g.slug);
    if (!key) return null;
    const name = r.name ? query(doc, r.name)?.textContent : r.attribute ? el.textContent : null;
    return { seller: ref(key, name), anchor: r.anchor ? query(doc, r.anchor) : el };
  }
  if (r.from === 'json') {
    const text = query(doc, r.script)?.textContent;
    if (!text) return null;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return null;
    }
    const key = keyOf(market, jsonAt(data, r.id), jsonAt(data, r.slug));
    if (!key) return null;
    return { seller: ref(key, jsonAt(data, r.name)), anchor: query(doc, r.anchor) };
  }
  const g = groups(r.pattern, path(url));
  const key = g ? keyOf(market, g.id, g.slug) : null;
  if (!key) return null;
  return { seller: ref(key, query(doc, r.name)?.textContent), anchor: query(doc, r.anchor) };
}

/** The extraction a reader's seller makes of the page, keeping what the built-ins read of it. */
function withSeller(found: Found, d: Detection, builtIn: Extraction, doc: Document, url: URL): Extraction {
  if (d.kind === 'shop') {
    return {
      kind: 'shop',
      seller: found.seller,
      anchor: found.anchor ?? (builtIn.kind === 'shop' ? builtIn.anchor : null),
    };
  }
  if (d.kind !== 'product') return UNKNOWN;
  if (builtIn.kind === 'product') {
    return { ...builtIn, seller: found.seller, anchor: found.anchor ?? builtIn.anchor };
  }
  if (!d.productId) return UNKNOWN;
  return {
    kind: 'product',
    seller: found.seller,
    anchor: found.anchor,
    product: {
      id: d.productId,
      title: cleanText(meta(doc, 'og:title'), 300),
      price: null,
      url: `${url.origin}${url.pathname}`,
    },
  };
}

/** The marketplace module as the rules say; the module itself when there are none. */
export function withRules(market: Marketplace, rules: ContentMarketplaceRules | null): Marketplace {
  if (!rules) return market;

  function detect(url: URL): Detection {
    if (!rules?.enabled) return OTHER;
    let base: Detection;
    try {
      base = market.detect(url);
    } catch {
      base = OTHER;
    }
    // URL grammars: overrides first, then the built-in detection, then the extensions.
    let found: Detection | null = null;
    for (const use of ['override', 'extend'] as const) {
      if (use === 'extend' && base.kind !== 'other') break;
      for (const kind of KINDS) {
        for (const u of rules.pages[kind]?.urls ?? []) {
          if (u.use !== use) continue;
          const g = groups(u.pattern, path(url));
          if (g) {
            found = detection(kind, g);
            break;
          }
        }
        if (found) break;
      }
      if (found) break;
    }
    const d = found ?? base;
    return d.kind !== 'other' && rules.pages[d.kind]?.enabled === false ? OTHER : d;
  }

  function extract(doc: Document, url: URL): Extraction {
    try {
      const d = detect(url);
      if (d.kind === 'other') return UNKNOWN;
      const readers = rules?.pages[d.kind]?.sellers ?? [];
      const read = (use: Use, builtIn: () => Extraction): Extraction | null => {
        for (const r of readers) {
          if (r.use !== use) continue;
          const found = readSeller(market, r, doc, url);
          if (found) {
            const x = withSeller(found, d, builtIn(), doc, url);
            if (x.kind !== 'unknown') return x;
          }
        }
        return null;
      };
      let builtIn: Extraction | null = null;
      const builtInOnce = (): Extraction => {
        builtIn ??= market.extract(doc, url);
        return builtIn;
      };
      return (
        read('override', builtInOnce) ??
        (builtInOnce().kind !== 'unknown' ? builtInOnce() : (read('extend', builtInOnce) ?? UNKNOWN))
      );
    } catch {
      return UNKNOWN;
    }
  }

  return { ...market, detect, extract };
}
