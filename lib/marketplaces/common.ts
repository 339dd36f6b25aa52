/**
 * Small helpers shared by the marketplace modules. They run in the content script, so they stay
 * dependency-free and tolerant: every reader returns null/undefined on anything unexpected and
 * never throws, because page data is untrusted and changes without notice.
 */
import {
  aliasKey,
  isNumericSellerId,
  normaliseSlug,
  type Platform,
  type SellerKey,
  sellerKey,
} from '../registry/seller-key';
import type { Detection, Extraction, SellerRef } from './types';

export type JsonObject = { [key: string]: unknown };

export const UNKNOWN: Extraction = { kind: 'unknown' };
export const OTHER: Detection = { kind: 'other' };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Safe property path lookup on parsed JSON. */
export function get(value: unknown, ...path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (!isObject(at)) return undefined;
    at = at[key];
  }
  return at;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A platform id given as number or string, validated as a numeric id (no guessing, no coercion). */
export function idOf(value: unknown): string | null {
  const s = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof s === 'string' && isNumericSellerId(s.trim()) ? s.trim() : null;
}

/** Collapses whitespace and caps length; the result is only ever used as text, never as markup. */
export function cleanText(value: unknown, max = 200): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value)
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s ? s.slice(0, max) : null;
}

export function numericKey(platform: Platform, id: unknown): SellerKey | null {
  const n = idOf(id);
  return n ? sellerKey(platform, n) : null;
}

export function slugKey(platform: Platform, slug: string | null | undefined): SellerKey | null {
  return slug && normaliseSlug(slug) ? aliasKey(platform, slug) : null;
}

export function ref(key: SellerKey, name: unknown): SellerRef {
  return { key, name: cleanText(name) };
}

export function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function jsonScript(doc: Document, selector: string): unknown {
  return parseJson(doc.querySelector(selector)?.textContent);
}

/** Every JSON-LD object of the page, arrays and `@graph` flattened. */
export function jsonLd(doc: Document): JsonObject[] {
  const out: JsonObject[] = [];
  const add = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(add);
    else if (isObject(v)) {
      out.push(v);
      if (Array.isArray(v['@graph'])) v['@graph'].forEach(add);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    add(parseJson(s.textContent));
  }
  return out;
}

export function meta(doc: Document, property: string): string | null {
  const el = doc.querySelector(`meta[property="${property}"], meta[name="${property}"]`);
  return cleanText(el?.getAttribute('content'), 2000);
}

/** The first element matching the selectors in priority order (not in document order). */
export function firstOf(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const sel of selectors) {
    const el = root.querySelector(sel);
    if (el) return el;
  }
  return null;
}

export function inlineScripts(doc: Document): string[] {
  return Array.from(doc.querySelectorAll('script:not([src])'), (s) => s.textContent ?? '');
}

/**
 * The object literal that follows `marker` in script text (`var x = {…}`, `app.run({…})`), cut by
 * brace matching that skips string contents: a lazy regex would stop at the first `};` inside a
 * string. Parsed as JSON; anything else gives undefined.
 */
export function objectAfter(text: string, marker: string): unknown {
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    const start = text.indexOf('{', at + marker.length);
    if (start < 0) return undefined;
    if (!/^[\s=(]*$/.test(text.slice(at + marker.length, start))) continue; // a mention, not the assignment
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return parseJson(text.slice(start, i + 1));
    }
    return undefined;
  }
  return undefined;
}

/** First object found after any of the markers in the page's inline scripts. */
export function scriptObject(doc: Document, markers: readonly string[]): unknown {
  for (const text of inlineScripts(doc)) {
    for (const m of markers) {
      if (!text.includes(m)) continue;
      const found = objectAfter(text, m);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Depth-first search of parsed JSON for the first object that satisfies `test`, within a budget. */
export function findDeep(
  root: unknown,
  test: (o: JsonObject) => boolean,
  budget = 50_000,
): JsonObject | null {
  const stack: unknown[] = [root];
  let seen = 0;
  while (stack.length && seen++ < budget) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (isObject(v)) {
      if (test(v)) return v;
      const values = Object.values(v);
      for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
    }
  }
  return null;
}

/** The one value every entry agrees on, or null when there is none or they disagree. */
export function unanimous(values: readonly (string | null)[]): string | null {
  const set = new Set(values.filter((v): v is string => v !== null));
  return set.size === 1 ? ([...set][0] ?? null) : null;
}

export function isHost(url: URL, hosts: readonly string[]): boolean {
  return (url.protocol === 'https:' || url.protocol === 'http:') && hosts.includes(url.hostname);
}

/** A URL from page data resolved against the page URL; null when missing or unparsable. */
export function toUrl(href: unknown, base: URL): URL | null {
  if (typeof href !== 'string' || !href) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/** An element's href resolved against the page URL; null for missing or unparsable links. */
export function linkUrl(el: Element, base: URL): URL | null {
  return toUrl(el.getAttribute('href'), base);
}

export function links(root: ParentNode, base: URL): { el: Element; url: URL }[] {
  const out: { el: Element; url: URL }[] = [];
  for (const el of Array.from(root.querySelectorAll('a[href]'))) {
    const url = linkUrl(el, base);
    if (url) out.push({ el, url });
  }
  return out;
}

/**
 * VND amounts as marketplaces print them: "₫1.234.000", "1.234.000 ₫", "1.234.000đ", "₫58,000",
 * "478000.00", a number, or a range (the lower bound). VND has no minor unit, so dots and commas
 * between groups of three digits are thousands separators.
 */
export function parseVnd(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const first = value.split(/\s[-–]\s|[–~]/)[0] ?? '';
  const s = first.replace(/vnđ|vnd|[₫đĐ\s]/gi, '');
  if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  if (/^\d+(\.\d{1,2})?$/.test(s)) return Math.round(Number(s));
  return null;
}

/** A positive VND amount; zero means "not given" in Lazada's newer JSON-LD. */
export function positiveVnd(value: unknown): number | null {
  const n = parseVnd(value);
  return n !== null && n > 0 ? n : null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const MONTH_NAMES = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const MONTHS = MONTH_NAMES.join('|');

/**
 * Currencies other than đồng as order pages print them, by symbol or code. Longer symbols first,
 * so that "S$" and "US$" are not read as "$".
 */
const FOREIGN: readonly [RegExp, string][] = [
  [/US\$|\bUSD\b/, 'USD'],
  [/S\$|\bSGD\b/, 'SGD'],
  [/\bRM\b|\bMYR\b/, 'MYR'],
  [/₱|\bPHP\b/, 'PHP'],
  [/฿|\bTHB\b/, 'THB'],
  [/\bRp\b|\bIDR\b/, 'IDR'],
  [/€|\bEUR\b/, 'EUR'],
  [/£|\bGBP\b/, 'GBP'],
  [/\$/, 'USD'],
];

/** An amount in another currency, kept as the page printed it: never turned into đồng. */
export interface ForeignAmount {
  currency: string;
  text: string;
}

/**
 * The foreign currency a printed amount is in ("$25.98", "RM 12.50", "25,98 €"), or null for
 * đồng or anything that is not one amount.
 */
export function foreignAmount(value: unknown): ForeignAmount | null {
  const text = cleanText(value, 60);
  if (!text || /₫|vnđ|vnd|\dđ|\d\sđ/i.test(text)) return null;
  if (!/^[^\d]{0,4}\d[\d.,\s]*[^\d]{0,4}$/.test(text)) return null;
  for (const [re, currency] of FOREIGN) if (re.test(text)) return { currency, text };
  return null;
}

/**
 * Dates as Vietnamese pages print them ("14:32 05-03-2025", "05/03/2025 14:32", "Đặt ngày 5 thg 3
 * 2025 14:32:10", "5 tháng 3, 2025") to ISO local time; null when no valid date is found.
 */
export function parseViDate(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  const dmy = /(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/.exec(text);
  const words = /(\d{1,2})\s+(?:thg|tháng)\s+(\d{1,2}),?\s+(\d{4})/i.exec(text);
  // English pages: "Mar 17, 2026 11:15AM", "17 March 2026".
  const mdy = new RegExp(`\\b(${MONTHS})[a-z]*\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'i').exec(text);
  const dmyWords = new RegExp(`(\\d{1,2})\\s+(${MONTHS})[a-z]*\\.?,?\\s+(\\d{4})`, 'i').exec(text);
  const month = (name: string | undefined) => String(MONTH_NAMES.indexOf((name ?? '').toLowerCase()) + 1);
  const parts = iso
    ? [iso[3], iso[2], iso[1]]
    : dmy
      ? [dmy[1], dmy[2], dmy[3]]
      : words
        ? [words[1], words[2], words[3]]
        : mdy
          ? [mdy[2], month(mdy[1]), mdy[3]]
          : dmyWords
            ? [dmyWords[1], month(dmyWords[2]), dmyWords[3]]
            : null;
  if (!parts) return null;
  const [d, m, y] = parts.map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 2000 || y > 2100) return null;
  let out = `${y}-${pad(m)}-${pad(d)}`;
  const t = /(?:^|\D)(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)(\s?[ap]\.?m\b\.?)?/i.exec(text);
  if (t) {
    let hh = Number(t[1]);
    const [mm, ss] = [Number(t[2]), t[3] === undefined ? null : Number(t[3])];
    // 12-hour clocks: 12:05AM is 00:05, 11:15PM is 23:15.
    const half = t[4]?.trim().toLowerCase()[0];
    if (half && (hh < 1 || hh > 12)) return out;
    if (half) hh = (hh % 12) + (half === 'p' ? 12 : 0);
    if (hh < 24 && mm < 60 && (ss === null || ss < 60))
      out += `T${pad(hh)}:${pad(mm)}${ss === null ? '' : `:${pad(ss)}`}`;
  }
  return out;
}

/** Runs an extractor so that no page, however broken, makes it throw. */
export function safely(run: () => Extraction): Extraction {
  try {
    return run();
  } catch {
    return UNKNOWN;
  }
}
