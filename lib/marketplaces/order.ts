/**
 * Reads a buyer's order-detail page from its visible text. Order pages are logged-in SPAs whose
 * class names are hashed and change between releases, so the reader leans on what the buyer sees
 * (Vietnamese labels such as "Mã đơn hàng", "Thành tiền") and on links to products and shops, and
 * each marketplace module only supplies its vocabulary and URL grammar.
 */
import type { Platform, SellerKey } from '../registry/seller-key';
import { cleanText, foreignAmount, links, numericKey, parseViDate, parseVnd, ref, unanimous } from './common';
import type { OrderInfo, OrderItem, SellerRef } from './types';

export interface OrderSpec {
  platform: Platform;
  /** A product link's ids; `sellerId` when the product URL carries the seller (Shopee). */
  product(url: URL): { productId: string; sellerId?: string } | null;
  /** A link to the seller's shop page, as a key. */
  shop(url: URL): SellerKey | null;
  codeLabels: readonly string[];
  code: RegExp;
  totalLabels: readonly string[];
  dateLabels: readonly string[];
  /** An element whose text is the order date, where the page shows the date without a label. */
  dateSelector?: string;
  statusPhrases: readonly string[];
  /** Which of a line's prices is the unit price: after a crossed-out one (`last`), or before a subtotal column (`first`). */
  linePrice: 'first' | 'last';
}

interface TextAt {
  node: Node;
  el: Element;
  text: string;
  lower: string;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const SHOW_TEXT = 4;
const PRICE = /₫\s?\d[\d.,]*|\d[\d.,]*\s?(?:₫|đ|vnđ|vnd)(?![a-zà-ỹ])/gi;
const QUANTITY = [
  /(?:^|[\s(])[x×]\s?(\d{1,4})(?!\d)/i,
  /số lượng\s*:?\s*(\d{1,4})/i,
  /\bSL\s*:?\s*(\d{1,4})/,
  /\b(?:qty|quantity)\s*:?\s*(\d{1,4})/i,
];
const BUTTON_WORDS =
  /^(xem shop|ghé shop|chat|chat ngay|xem gian hàng|ghé gian hàng|theo dõi|nhắn tin|visit store|view store|visit shop|message|follow)$/i;
const STATUS_LABELS = ['Trạng thái đơn hàng', 'Trạng thái', 'Order status', 'Status'];
const VARIANT_LABELS = ['Phân loại hàng', 'Phân loại', 'Biến thể', 'Variation', 'Variant'];

/*
 * The same order pages in English (TikTok Shop, Lazada and Shopee offer an English interface):
 * every marketplace reads these besides its own Vietnamese labels.
 */
const EN_CODE_LABELS = ['Order ID', 'Order number', 'Order No.', 'Order no', 'Order #'];
const EN_TOTAL_LABELS = ['Order total', 'Total payment', 'Total paid', 'Total'];
const EN_DATE_LABELS = ['Order date', 'Order placed on', 'Order time', 'Placed on', 'Ordered on'];
const EN_STATUSES = [
  'Order completed',
  'Completed',
  'Delivered',
  'Cancelled',
  'Canceled',
  'Shipped',
  'In transit',
  'To ship',
  'Awaiting shipment',
  'Awaiting payment',
  'Processing',
];
/** Labels before a shop's name where the page prints it as text. */
const SHOP_LABELS = ['Cửa hàng', 'Người bán', 'Nhà bán', 'Gian hàng', 'Sold by', 'Store', 'Shop', 'Seller'];

/** The visible text nodes of a subtree, in document order. */
function texts(root: Node): TextAt[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const out: TextAt[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const text = cleanText(n.textContent, 1000);
    if (el && text && !SKIP.has(el.tagName)) out.push({ node: n, el, text, lower: text.toLowerCase() });
  }
  return out;
}

/**
 * Values printed after a label: the rest of the label's own text ("Mã đơn hàng: 123"), or else the
 * next text in the label's neighbourhood ("<span>Thành tiền</span><span>₫250.000</span>"). The
 * first candidate that `accept` turns into a value wins, so that "Tổng tiền hàng" never answers for
 * "Tổng tiền" and a status line never answers for a code.
 */
function labelled<T>(
  all: readonly TextAt[],
  labels: readonly string[],
  accept: (v: string) => T | null,
): T | null {
  for (const label of labels) {
    const l = label.toLowerCase();
    for (let i = 0; i < all.length; i++) {
      const t = all[i];
      if (!t?.lower.startsWith(l)) continue;
      const rest = t.text.slice(l.length).replace(/^[\s:.#]+/, '');
      if (rest) {
        const v = accept(rest);
        if (v !== null) return v;
        continue;
      }
      const scope = t.el.parentElement?.parentElement ?? t.el;
      const next = all[i + 1];
      if (next && scope.contains(next.node)) {
        const v = accept(next.text.replace(/^[\s:.#]+/, ''));
        if (v !== null) return v;
      }
    }
  }
  return null;
}

/** One price per text node: joining nodes first would read "x2" + "₫199.000" as "2 ₫". */
function priceIn(nodes: readonly TextAt[], which: 'first' | 'last'): number | null {
  const all = nodes.flatMap((t) => t.text.match(PRICE) ?? []);
  return parseVnd(which === 'first' ? all[0] : all[all.length - 1]);
}

function quantityIn(text: string): number | null {
  for (const re of QUANTITY) {
    const m = re.exec(text);
    if (m?.[1]) return Number(m[1]);
  }
  return null;
}

const PRICE_ONLY = /^[^\p{L}\d]*(?:₫\s?\d[\d.,]*|\d[\d.,]*\s?(?:₫|đ|vnđ|vnd))[^\p{L}\d]*$/iu;
const QUANTITY_ONLY = /^(?:[x×]\s?\d{1,4}|(?:số lượng|sl|qty|quantity)\s*:?\s*\d{1,4})$/i;

/**
 * One order line read from a box of text: the title is the longest text that is not a price, a
 * quantity or a labelled detail; quantity, price and variant come from the other texts, so that a
 * title such as "Combo x2 áo thun 99.000đ" is never read as a quantity or a price.
 */
function lineIn(box: Element, linePrice: 'first' | 'last'): Omit<OrderItem, 'productId'> | null {
  const all = texts(box);
  const isDetail = (t: TextAt): boolean =>
    PRICE_ONLY.test(t.text) ||
    foreignAmount(t.text) !== null ||
    QUANTITY_ONLY.test(t.text) ||
    VARIANT_LABELS.some((l) => t.lower.startsWith(l.toLowerCase()));
  const title = all.filter((t) => !isDetail(t)).sort((a, b) => b.text.length - a.text.length)[0];
  const rest = all.filter((t) => t !== title);
  const quantity = quantityIn(rest.map((t) => t.text).join(' '));
  if (quantity === null || quantity < 1) return null;
  return {
    title: title?.text ?? cleanText(box.querySelector('img[alt]')?.getAttribute('alt'), 300) ?? '',
    variant: labelled(rest, VARIANT_LABELS, (v) => cleanText(v)),
    quantity,
    unitPrice: priceIn(rest, linePrice),
  };
}

interface Line {
  item: OrderItem;
  sellerId: string | null;
  link: Element;
}

function readItems(root: Element, base: URL, spec: OrderSpec): Line[] {
  const groups = new Map<string, { els: Element[]; sellerId: string | null }>();
  for (const { el, url } of links(root, base)) {
    const p = spec.product(url);
    if (!p) continue;
    const g = groups.get(p.productId) ?? { els: [], sellerId: p.sellerId ?? null };
    g.els.push(el);
    groups.set(p.productId, g);
  }
  const productLinks = [...groups.values()].flatMap((g) => g.els);
  const lines: Line[] = [];
  for (const [productId, g] of groups) {
    const others = productLinks.filter((e) => !g.els.includes(e));
    // Climb from the link to the smallest box that reads as a line with a quantity, never into a
    // box that also holds another product (the whole order, or a list of recommendations).
    for (let box: Element | null = g.els[0] ?? null; box && box !== root; box = box.parentElement) {
      if (others.some((o) => box?.contains(o))) break;
      const line = lineIn(box, spec.linePrice);
      if (line) {
        if (line.title && g.els[0])
          lines.push({ item: { ...line, productId }, sellerId: g.sellerId, link: g.els[0] });
        break;
      }
    }
  }
  return lines;
}

/**
 * Order lines read from the text alone, for pages that link to no product (TikTok Shop's order
 * detail): each quantity ("x2", "Qty: 2") seeds a line, whose box is the smallest around it that
 * also holds a title, and never one that holds another line's quantity.
 */
function readTextItems(root: Element, all: readonly TextAt[], spec: OrderSpec): Line[] {
  const seeds = all.filter((t) => QUANTITY_ONLY.test(t.text));
  const lines: Line[] = [];
  for (const seed of seeds) {
    for (let box: Element | null = seed.el; box && box !== root; box = box.parentElement) {
      if (seeds.some((o) => o !== seed && box?.contains(o.node))) break;
      const line = lineIn(box, spec.linePrice);
      if (line?.title) {
        lines.push({ item: { ...line, productId: null }, sellerId: null, link: box });
        break;
      }
    }
  }
  return lines;
}

/**
 * The shop's name where the page prints it as text: after a label ("Sold by", "Cửa hàng"), or
 * beside the shop's logo (an image whose alt text is the name printed next to it), outside the
 * order's lines (whose product images do the same with the product's name).
 */
function readShopName(
  root: Element,
  all: readonly TextAt[],
  lines: readonly Line[],
): { name: string; el: Element } | null {
  const inLine = (n: Node) => lines.some((l) => l.link.contains(n));
  const fine = (v: string) => v.length <= 100 && !BUTTON_WORDS.test(v) && foreignAmount(v) === null;
  for (const label of SHOP_LABELS) {
    const l = label.toLowerCase();
    const i = all.findIndex((t) => (t.lower === l || t.lower === `${l}:`) && !inLine(t.node));
    const next = i >= 0 ? all[i + 1] : undefined;
    const scope = all[i]?.el.parentElement?.parentElement;
    if (next && scope?.contains(next.node) && fine(next.text)) return { name: next.text, el: next.el };
  }
  for (const img of Array.from(root.querySelectorAll('img[alt]'))) {
    if (inLine(img)) continue;
    const alt = cleanText(img.getAttribute('alt'));
    if (!alt || !fine(alt)) continue;
    const box = img.parentElement;
    const named = box
      ? all.find((t) => t.text === alt && box.contains(t.node) && !inLine(t.node))
      : undefined;
    if (named) return { name: named.text, el: named.el };
  }
  return null;
}

function readSeller(
  root: Element,
  base: URL,
  spec: OrderSpec,
  lines: readonly Line[],
): [SellerRef | null, Element | null] {
  const shopLinks = (scope: Element) =>
    links(scope, base)
      .map(({ el, url }) => ({ el, key: spec.shop(url) }))
      .filter((s): s is { el: Element; key: SellerKey } => s.key !== null);
  // The shop block is the nearest box around the first line that links to a shop; the header and
  // footer of the page link to other pages that can look like shops (Shopee usernames).
  let scope = root;
  for (let el = lines[0]?.link.parentElement ?? null; el && el !== root; el = el.parentElement) {
    if (shopLinks(el).length) {
      scope = el;
      break;
    }
  }
  const shops = shopLinks(scope);
  const named = shops.find((s) => {
    const t = cleanText(s.el.textContent);
    return t !== null && !BUTTON_WORDS.test(t);
  });
  // Product URLs that carry the seller id beat shop links, which may be slugs.
  const fromItems = lines.every((l) => l.sellerId)
    ? numericKey(spec.platform, unanimous(lines.map((l) => l.sellerId)))
    : null;
  const key = fromItems ?? (unanimous(shops.map((s) => s.key)) as SellerKey | null);
  return [key ? ref(key, named?.el.textContent) : null, named?.el ?? shops[0]?.el ?? null];
}

function readStatus(all: readonly TextAt[], phrases: readonly string[]): string | null {
  const byLabel = labelled(all, STATUS_LABELS, (v) => (v.length <= 80 ? v : null));
  if (byLabel) return byLabel;
  const wanted = phrases.map((p) => p.toLowerCase());
  return all.find((t) => wanted.includes(t.lower))?.text ?? null;
}

/**
 * The order shown on the page, or null when the page does not (yet) show one: without an order
 * code, or with neither items nor a total, the page is still loading or is something else.
 * `urlCode` is the order number of the URL, given only where it is the number the buyer sees.
 */
export function readOrder(
  doc: Document,
  base: URL,
  spec: OrderSpec,
  urlCode: string | undefined,
): { order: OrderInfo; anchor: Element | null } | null {
  const root = doc.body;
  if (!root) return null;
  const all = texts(root);
  const code =
    labelled(all, [...spec.codeLabels, ...EN_CODE_LABELS], (v) => {
      const token = v.split(/\s/)[0]?.replace(/^#/, '') ?? '';
      return spec.code.test(token) ? token : null;
    }) ?? urlCode;
  if (!code) return null;
  const linked = readItems(root, base, spec);
  const lines = linked.length ? linked : readTextItems(root, all, spec);
  const totalLabels = [...spec.totalLabels, ...EN_TOTAL_LABELS];
  const total = labelled(all, totalLabels, parseVnd);
  // A total in another currency is kept as printed, and the order's amounts are not đồng.
  const foreign = total === null ? labelled(all, totalLabels, foreignAmount) : null;
  if (!lines.length && total === null && !foreign) return null;
  const dated = spec.dateSelector ? doc.querySelector(spec.dateSelector)?.textContent : null;
  const [seller, shopAnchor] = readSeller(root, base, spec, lines);
  const shop = seller ? null : readShopName(root, all, lines);
  const statuses = [...spec.statusPhrases, ...EN_STATUSES];
  return {
    order: {
      orderCode: code,
      date: parseViDate(dated) ?? labelled(all, [...spec.dateLabels, ...EN_DATE_LABELS], parseViDate),
      seller,
      items: lines.map((l) => (foreign ? { ...l.item, unitPrice: null } : l.item)),
      total,
      status: readStatus(all, statuses),
      currency: foreign?.currency ?? 'VND',
      ...(shop ? { shopName: shop.name } : {}),
      ...(foreign ? { printedTotal: foreign.text } : {}),
    },
    anchor: shopAnchor ?? shop?.el ?? null,
  };
}
