/**
 * Evidence a content script can take where no screenshot is allowed: the relevant part of the
 * page (the order block, the product block) as a standalone HTML document. The capture is shown to
 * the seller, the marketplace and moderators, so it must be inert and must not carry what the
 * shopper typed: scripts, plug-ins, frames, event handlers and script URLs are removed, form values
 * are dropped, and a Content-Security-Policy forbids scripts should anything slip through. Images
 * and styles stay (as absolute URLs and inline styles) so that the capture still looks like the page.
 * Pure DOM, no dependencies: it runs in the content script.
 */
import type { PageCapture } from '../messaging';

/** The capture's budget, whole document included (UTF-8 bytes). */
export const MAX_CAPTURE_BYTES = 2 * 1024 * 1024;

/** Elements that run code, load other documents, or belong to us: never copied. */
const DROP = [
  'script',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'template',
  'base',
  'meta',
  'portal',
  'fencedframe',
  // SVG animation can set an attribute (a link's href) to a script URL after the capture is opened.
  'animate',
  'set',
  'antam-badge',
  'antam-panel',
  'antam-complain',
  '[data-antam]',
  'input[type="hidden" i]',
].join(',');

/** Attributes whose value is one URL. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'background',
  'cite',
  'longdesc',
  'data',
  'xlink:href',
]);

/** Lazy-loading marketplaces keep the real image address in one of these until it scrolls in. */
const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src'];

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** Where the capture came from, for the header of the document. */
export interface CaptureSource {
  url: string;
  title: string;
  capturedAt: number;
  language: 'vi' | 'en';
}

const WORDS = {
  vi: {
    header: 'Bản chụp trang do An Tâm tạo (chỉ nội dung hiển thị; đã bỏ mã chạy và dữ liệu đã nhập)',
    from: 'Trang',
    at: 'Thời điểm chụp',
    truncated: 'Bản chụp đã bị cắt bớt vì vượt quá giới hạn 2 MB.',
  },
  en: {
    header: 'Page capture made by An Tâm (visible content only; scripts and typed data removed)',
    from: 'Page',
    at: 'Captured at',
    truncated: 'This capture was cut short: it exceeded the 2 MB limit.',
  },
} as const;

/**
 * The smallest element, from `start` up, whose text holds every one of `needles` (compared with
 * collapsed whitespace and case-insensitively); `doc.body` when none does or nothing is known.
 */
export function blockAround(
  doc: Document,
  start: Element | null,
  needles: readonly string[],
): Element | null {
  const wanted = needles.map(normalise).filter((n) => n.length > 0);
  if (!start || wanted.length === 0) return doc.body;
  for (let el: Element | null = start; el && el !== doc.documentElement; el = el.parentElement) {
    const text = normalise(el.textContent ?? '');
    if (wanted.every((n) => text.includes(n))) return el;
  }
  return doc.body;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** `root` as an inert, standalone HTML document of at most `maxBytes` UTF-8 bytes. */
export function captureElement(
  root: Element,
  source: CaptureSource,
  maxBytes = MAX_CAPTURE_BYTES,
): PageCapture {
  const words = WORDS[source.language];
  // An inert document: importing into it runs no custom-element constructors, loads no image and
  // runs nothing, unlike a clone made in the live page.
  const out = root.ownerDocument.implementation.createHTMLDocument('');
  out.documentElement.lang = root.ownerDocument.documentElement.lang || source.language;
  const head = out.head;
  const meta = (attrs: Record<string, string>) => {
    const m = out.createElement('meta');
    for (const [k, v] of Object.entries(attrs)) m.setAttribute(k, v);
    head.append(m);
  };
  meta({ charset: 'utf-8' });
  meta({
    'http-equiv': 'Content-Security-Policy',
    content: "script-src 'none'; object-src 'none'; frame-src 'none'; form-action 'none'",
  });
  meta({ name: 'antam:source-url', content: source.url });
  meta({ name: 'antam:captured-at', content: new Date(source.capturedAt).toISOString() });
  const base = out.createElement('base');
  base.href = source.url;
  head.append(base);
  // Our own <title> after the charset (createHTMLDocument's, where it makes one, comes first).
  for (const t of out.querySelectorAll('title')) t.remove();
  const title = out.createElement('title');
  title.textContent = source.title;
  head.append(title);

  const header = out.createElement('header');
  header.setAttribute(
    'style',
    'font:13px/1.4 system-ui,sans-serif;background:#fff8e1;border:1px solid #e0c36a;padding:8px 12px;margin:0 0 12px',
  );
  const line = (text: string) => {
    const p = out.createElement('p');
    p.style.margin = '0';
    p.textContent = text;
    header.append(p);
  };
  line(words.header);
  line(`${words.from}: ${source.url}`);
  line(`${words.at}: ${new Date(source.capturedAt).toISOString()}`);
  out.body.append(header);

  const clone = out.importNode(root, true) as Element;
  sanitise(clone, new URL(source.url));
  // <body> and <html> become a <div> so that the capture nests in our own body.
  const content = root === root.ownerDocument.body || root === root.ownerDocument.documentElement;
  const block = content ? moveInto(out.createElement('div'), clone) : clone;
  out.body.append(block);

  const notice = out.createElement('p');
  notice.setAttribute('data-antam-truncated', '');
  notice.setAttribute(
    'style',
    'font:13px system-ui,sans-serif;color:#b3261e;border-top:1px solid;padding:8px',
  );
  notice.textContent = words.truncated;

  let html = serialise(out);
  if (utf8Length(html) > maxBytes) {
    // The notice is part of the document whose size is capped: count it before trimming.
    out.body.append(notice);
    const rest = utf8Length(serialise(out)) - utf8Length(block.outerHTML);
    trim(block, maxBytes - rest);
    html = serialise(out);
  }
  return { html, url: source.url, title: source.title, capturedAt: source.capturedAt };
}

function moveInto(target: Element, from: Element): Element {
  for (const attr of ['style', 'class', 'lang', 'dir']) {
    const v = from.getAttribute(attr);
    if (v !== null) target.setAttribute(attr, v);
  }
  target.append(...from.childNodes);
  return target;
}

function serialise(doc: Document): string {
  return `<!doctype html>\n${doc.documentElement.outerHTML}`;
}

function sanitise(root: Element, base: URL): void {
  for (const el of root.querySelectorAll(DROP)) el.remove();
  if (root.matches(DROP)) {
    root.replaceChildren();
    return;
  }
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const tag = el.localName;
    if (tag === 'link' && !/\bstylesheet\b/i.test(el.getAttribute('rel') ?? '')) {
      // prefetch, preload, manifest…: nothing a reader of the capture needs, and each is a request.
      el.remove();
      continue;
    }
    if (tag === 'img' && !el.getAttribute('src')) {
      const lazy = LAZY_SOURCES.map((a) => el.getAttribute(a)).find((v) => v);
      if (lazy) el.setAttribute('src', lazy);
    }
    if (tag === 'textarea') el.textContent = '';
    if (tag === 'input' || tag === 'option') {
      // What the shopper typed or chose is personal data: not part of the evidence.
      el.removeAttribute('value');
      el.removeAttribute('checked');
      el.removeAttribute('selected');
    }
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      // `ping`: tracking beacons of the marketplace, not evidence.
      if (name.startsWith('on') || ['srcdoc', 'nonce', 'integrity', 'ping'].includes(name)) {
        el.removeAttribute(attr.name);
      } else if (URL_ATTRIBUTES.has(name)) {
        const safe = absolute(attr.value, base, tag === 'img' || tag === 'source');
        if (safe === null) el.removeAttribute(attr.name);
        else if (safe !== attr.value) el.setAttribute(attr.name, safe);
      } else if (name === 'srcset' || name === 'imagesrcset') {
        const safe = srcset(attr.value, base);
        if (safe === null) el.removeAttribute(attr.name);
        else el.setAttribute(attr.name, safe);
      } else if (name === 'style' && /expression\s*\(|javascript:/i.test(attr.value)) {
        el.removeAttribute(attr.name);
      }
    }
  }
}

/** An absolute http(s) URL (or an inline image), or null for anything that could run code. */
function absolute(value: string, base: URL, image: boolean): string | null {
  const v = value.trim();
  if (v.startsWith('#')) return v;
  try {
    const url = new URL(v, base);
    if (SAFE_SCHEMES.has(url.protocol)) return url.href;
    if (image && url.protocol === 'data:' && /^data:image\/(?:png|jpe?g|gif|webp|avif);/i.test(v)) return v;
    return null;
  } catch {
    return null;
  }
}

function srcset(value: string, base: URL): string | null {
  const out: string[] = [];
  for (const candidate of value.split(',')) {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const safe = absolute(url, base, true);
    if (safe === null) return null;
    out.push([safe, ...descriptor].join(' '));
  }
  return out.length ? out.join(', ') : null;
}

/**
 * Keeps the leading part of `el` that fits in `budget` UTF-8 bytes (its own tags included), in
 * document order, cutting inside the first child that does not fit so the capture ends cleanly
 * on whole elements. Returns the budget left.
 */
function trim(el: Element, budget: number): number {
  let left = budget - shellLength(el);
  if (left < 0) {
    el.replaceChildren();
    return 0;
  }
  let cut = false;
  for (const child of [...el.childNodes]) {
    if (cut) {
      child.remove();
      continue;
    }
    const size = nodeLength(child);
    if (size <= left) {
      left -= size;
      continue;
    }
    cut = true;
    if (child.nodeType === 1 && shellLength(child as Element) <= left) left = trim(child as Element, left);
    else if (child.nodeType === 3 && left > 0) {
      child.textContent = sliceToBytes(child.textContent ?? '', left);
      left -= nodeLength(child);
    } else child.remove();
  }
  return left;
}

/** The element's own tags and attributes, without its content. */
function shellLength(el: Element): number {
  return utf8Length((el.cloneNode(false) as Element).outerHTML);
}

function nodeLength(node: ChildNode): number {
  if (node.nodeType === 1) return utf8Length((node as Element).outerHTML);
  if (node.nodeType === 3) {
    // Text is serialised with &amp; &lt; &gt; (and &nbsp;) escaped.
    const t = node.textContent ?? '';
    return utf8Length(t) + 4 * (t.match(/[&<>\u00a0]/g)?.length ?? 0);
  }
  if (node.nodeType === 8) return utf8Length(`<!--${node.textContent ?? ''}-->`);
  return 0;
}

/** The longest prefix of `s` whose escaped UTF-8 form fits in `bytes`. */
function sliceToBytes(s: string, bytes: number): string {
  let used = 0;
  let i = 0;
  while (i < s.length) {
    const code = s.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const cost = /[&<>\u00a0]/.test(s[i] ?? '') ? 5 : utf8Length(String.fromCodePoint(code));
    if (used + cost > bytes) break;
    used += cost;
    i += width;
  }
  return s.slice(0, i);
}

/** Bytes of `s` in UTF-8, without allocating an encoded copy. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

interface MessageSender {
  id?: string;
  tab?: unknown;
}
type Listener = (
  message: unknown,
  sender: MessageSender,
  sendResponse: (response: unknown) => void,
) => boolean;
interface CaptureRuntime {
  id?: string;
  onMessage: { addListener(l: Listener): void; removeListener(l: Listener): void };
}

/**
 * Answers the background's 'bg:capture' (TabMessages) with `capture()` until `signal` aborts.
 * Only our own background may ask: a message from another extension, or from a content script or
 * page of ours running in a tab (`sender.tab`), is ignored, since the capture is the shopper's
 * order. The answer is synchronous, so the listener returns false (no open channel).
 */
export function answerCaptureRequests(capture: () => PageCapture | null, signal: AbortSignal): void {
  const g = globalThis as { browser?: { runtime?: CaptureRuntime }; chrome?: { runtime?: CaptureRuntime } };
  const runtime = g.browser?.runtime ?? g.chrome?.runtime;
  if (!runtime?.onMessage || !runtime.id) return;
  const listener: Listener = (message, sender, sendResponse) => {
    if (sender.id !== runtime.id || sender.tab !== undefined) return false;
    if (
      typeof message !== 'object' ||
      message === null ||
      (message as { type?: unknown }).type !== 'bg:capture'
    ) {
      return false;
    }
    let result: PageCapture | null = null;
    try {
      result = capture();
    } catch {
      // A page we cannot capture: the background falls back to no evidence.
    }
    try {
      sendResponse(result);
    } catch {
      // The background stopped waiting (its worker restarted): nothing to tell anyone.
    }
    return false;
  };
  runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => runtime.onMessage.removeListener(listener), { once: true });
}
