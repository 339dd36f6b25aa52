/**
 * Makes a page capture inert before it is kept as evidence. The capture comes from a content
 * script running inside a marketplace page, which is hostile ground: even if the content script
 * stripped scripts, its output is not to be trusted. The service worker has no DOMParser, so this
 * is a small tokenizer that follows the HTML rules that matter here — quoted attribute values
 * (a `>` inside quotes does not end a tag), raw-text elements (a `<script>`'s content is not
 * markup), comments — and rebuilds every tag it keeps from scratch:
 *
 * - elements that run or load things are dropped with their content (script, iframe, object,
 *   embed, style, template, noscript, base, link, meta, frame, frameset, applet, portal);
 * - attributes: every `on*` handler, `srcdoc`, and `style` with anything that loads or runs, are
 *   dropped; URL attributes are kept only when literally `http(s)://…` (no javascript:, data:,
 *   or entity tricks);
 * - comments, processing instructions and CDATA are dropped; a stray `<` becomes `&lt;`.
 *
 * What is kept is re-serialised with double-quoted, escaped attribute values, so nothing the page
 * wrote can break out of an attribute either.
 */

/** Dropped together with everything up to their end tag. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'frame',
  'frameset',
  'applet',
  'portal',
  'noembed',
  'noframes',
  'xmp',
  'plaintext',
]);
/** Void elements with no content, dropped outright. */
const DROP_TAG = new Set(['base', 'link', 'meta', 'param']);
/** Raw text elements whose content is kept as text (it cannot contain markup). */
const RAW_TEXT_KEEP = new Set(['textarea', 'title']);

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'data',
  'poster',
  'background',
  'lowsrc',
  'dynsrc',
  'cite',
  'longdesc',
  'ping',
  'srcset',
  'manifest',
  'codebase',
  'archive',
  'usemap',
]);

const SAFE_URL = /^[\t\n\f\r ]*https?:\/\//i;
const RISKY_STYLE = /expression|javascript|behaviou?r|url\s*\(|@import|-moz-binding|\\/i;

function escapeAttribute(value: string): string {
  return value
    .replace(/&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f';
}

function keepAttribute(name: string, value: string): boolean {
  if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction' || name === 'is') return false;
  if (!/^[a-z_:][a-z0-9_.:-]*$/.test(name)) return false; // nothing a parser could read differently
  if (URL_ATTRIBUTES.has(name))
    // Literal characters only: entities or control characters before `//` cannot pass.
    return SAFE_URL.test(value);
  if (name === 'style') return !RISKY_STYLE.test(value);
  return true;
}

interface Tag {
  name: string;
  attributes: [string, string][];
  selfClosing: boolean;
  /** Index just after the tag's `>` (or the end of input). */
  end: number;
}

/** Reads a start tag at `at` (which holds `<` followed by a letter), per the HTML tokenizer. */
function readStartTag(html: string, at: number): Tag {
  let i = at + 1;
  let name = '';
  while (i < html.length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>') name += html[i++];
  const attributes: [string, string][] = [];
  let selfClosing = false;
  while (i < html.length) {
    while (isSpace(html[i])) i++;
    const ch = html[i];
    if (ch === undefined) break;
    if (ch === '>') {
      i++;
      return { name: name.toLowerCase(), attributes, selfClosing, end: i };
    }
    if (ch === '/') {
      selfClosing = html[i + 1] === '>';
      i++;
      continue;
    }
    let attrName = html[i] ?? '';
    i++;
    while (i < html.length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') {
      attrName += html[i++];
    }
    while (isSpace(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (isSpace(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const stop = close < 0 ? html.length : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        while (i < html.length && !isSpace(html[i]) && html[i] !== '>') value += html[i++];
      }
    }
    attributes.push([attrName.toLowerCase(), value]);
  }
  return { name: name.toLowerCase(), attributes, selfClosing, end: html.length };
}

/** The index just after the end tag `</name …>` from `from`, or the end of input. */
function skipPast(html: string, name: string, from: number): { contentEnd: number; end: number } {
  const lower = html.toLowerCase();
  let i = from;
  for (;;) {
    const found = lower.indexOf(`</${name}`, i);
    if (found < 0) return { contentEnd: html.length, end: html.length };
    const after = lower[found + 2 + name.length];
    if (after === undefined || after === '>' || after === '/' || isSpace(after)) {
      const close = html.indexOf('>', found);
      return { contentEnd: found, end: close < 0 ? html.length : close + 1 };
    }
    i = found + 2;
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function sanitizeCaptureHtml(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
    } else if (next === '!' || next === '?') {
      // Doctype, CDATA, processing instructions: none of them belongs in evidence.
      const close = html.indexOf('>', lt);
      i = close < 0 ? html.length : close + 1;
    } else if (next === '/' && /[a-zA-Z]/.test(html[lt + 2] ?? '')) {
      const close = html.indexOf('>', lt);
      const name = html
        .slice(lt + 2, close < 0 ? html.length : close)
        .split(/[\s/]/)[0]
        ?.toLowerCase();
      if (name && /^[a-z][a-z0-9-]*$/.test(name) && !DROP_TAG.has(name) && !DROP_WITH_CONTENT.has(name)) {
        out += `</${name}>`;
      }
      i = close < 0 ? html.length : close + 1;
    } else if (/[a-zA-Z]/.test(next)) {
      const tag = readStartTag(html, lt);
      i = tag.end;
      if (DROP_WITH_CONTENT.has(tag.name)) {
        i = skipPast(html, tag.name, i).end;
        continue;
      }
      if (DROP_TAG.has(tag.name) || !/^[a-z][a-z0-9-]*$/.test(tag.name)) continue;
      const attributes = tag.attributes
        .filter(([name, value]) => keepAttribute(name, value))
        .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
        .join('');
      out += `<${tag.name}${attributes}${tag.selfClosing ? ' /' : ''}>`;
      if (RAW_TEXT_KEEP.has(tag.name)) {
        const { contentEnd, end } = skipPast(html, tag.name, i);
        out += `${escapeText(html.slice(i, contentEnd))}</${tag.name}>`;
        i = end;
      }
    } else {
      out += '&lt;';
      i = lt + 1;
    }
  }
  return out;
}
