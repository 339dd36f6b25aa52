/**
 * Fuzzing the page readers (fast-check): real saved pages from ../shared/fixtures/real and our own
 * fixtures, mutated as marketplaces change their pages and as pages arrive half-rendered: nodes
 * removed, reordered and renamed, attributes dropped, script contents (JSON) truncated. The
 * readers must never throw, and never name a wrong seller: a seller they name is the page's own
 * (by its id or its shop alias) or they say unknown. Each property prints its number of runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lazada } from '../../../lib/marketplaces/lazada';
import { sendo } from '../../../lib/marketplaces/sendo';
import { shopee } from '../../../lib/marketplaces/shopee';
import { tiki } from '../../../lib/marketplaces/tiki';
import { tiktok } from '../../../lib/marketplaces/tiktok';
import type { Extraction, Marketplace } from '../../../lib/marketplaces/types';
import { ownPage, parse, realJson, realText, savedFrom, scriptJson } from './pages';

interface Subject {
  name: string;
  market: Marketplace;
  url: URL;
  html: string;
  /** The page's own sellers (ids and aliases of the same shops); empty: the page names none. */
  truth: readonly string[];
  runs: number;
}

/** Every seller key an extraction names. */
function named(x: Extraction): string[] {
  switch (x.kind) {
    case 'product':
    case 'shop':
      return [x.seller.key];
    case 'order':
      return x.order.seller ? [x.order.seller.key] : [];
    case 'listing':
      return x.cards.map((c) => c.seller.key);
    default:
      return [];
  }
}

const onShopeeVn = (saved: URL) => new URL(`https://shopee.vn${saved.pathname}${saved.search}`);

function realSubjects(): Subject[] {
  const shopeeProduct = realText('shopee/shpsg-shopee-sg-product_detail_sample.html');
  const shopeeShop = realText('shopee/shpsg-shopee-sg-shop_sample.html');
  const shopeeSearch = realText('shopee/shpsg-shopee-sg-keyword_search_result_sample.html');
  const searchTruth = [...shopeeSearch.matchAll(/-i\.(\d+)\.\d+/g)].map((m) => `shopee:${m[1]}`);
  const tikiData = realJson('tiki/tiki-api-v2-products-276614493.json');
  const sendoPayload = realJson('sendo/truth-review-sendo-product-detail-34406369.json');
  const lazadaItems = realJson('lazada/vuanem-lazada-vn-store-listitems-2021.json') as {
    itemId: string;
    productUrl: string;
  }[];
  return [
    {
      name: 'real Shopee product page (shopee.sg)',
      market: shopee,
      url: onShopeeVn(savedFrom(shopeeProduct)),
      html: shopeeProduct,
      truth: ['shopee:672907573', 'shopee:@nobistar.sg'],
      runs: 10,
    },
    {
      name: 'real Shopee shop page (shopee.sg)',
      market: shopee,
      url: onShopeeVn(savedFrom(shopeeShop)),
      html: shopeeShop,
      truth: ['shopee:672907573', 'shopee:@nobistar.sg'],
      runs: 10,
    },
    {
      name: 'real Shopee search page (shopee.sg)',
      market: shopee,
      url: onShopeeVn(savedFrom(shopeeSearch)),
      html: shopeeSearch,
      truth: searchTruth,
      runs: 10,
    },
    {
      name: 'real Lazada product page (2018)',
      market: lazada,
      url: new URL(
        'https://www.lazada.vn/products/nha-gia-kim-tai-ban-2017-paulo-coelho-i132621522-s133154361.html',
      ),
      html: realText('lazada/chuhieu311-2018-lazada-pdp-nha-gia-kim.html'),
      truth: ['lazada:6548', 'lazada:@tan-viet-shop'],
      runs: 10,
    },
    {
      name: 'real TikTok Shop product page (names no seller)',
      market: tiktok,
      url: new URL('https://shop.tiktok.com/vn/pdp/1734403691296490661'),
      html: realText('tiktok/reelforge-tiktok-product.html'),
      truth: [],
      runs: 150,
    },
    {
      name: 'real Tiki product response as __NEXT_DATA__',
      market: tiki,
      url: new URL(
        'https://tiki.vn/dien-thoai-samsung-galaxy-a16-8gb-128gb-da-kich-hoat-bao-hanh-dien-tu-hang-chinh-hang-p276614493.html?spid=276615090',
      ),
      html:
        '<div id="__next"><div data-view-id="pdp_store_seller.view"><a href="https://tiki.vn/cua-hang/tiki-trading">Tiki Trading</a></div></div>' +
        `<script id="__NEXT_DATA__" type="application/json">${scriptJson({
          props: { initialState: { productv2: { productData: { response: { data: tikiData } } } } },
          page: '/[slug]',
        })}</script>`,
      truth: ['tiki:1', 'tiki:@tiki-trading'],
      runs: 150,
    },
    {
      name: 'real Sendo product payload',
      market: sendo,
      url: new URL('https://www.sendo.vn/cap-sac-iphone-ipad-sac-nhanh-24a-1-met-34406369.html'),
      html:
        '<div id="root"><div id="id-media-block"></div><a href="/shop/vivan-official-store">VIVAN</a></div>' +
        `<script type="application/json">${scriptJson(sendoPayload)}</script>`,
      truth: ['sendo:717078', 'sendo:@vivan-official-store'],
      runs: 100,
    },
    {
      name: 'real Lazada store listing cards',
      market: lazada,
      url: new URL('https://www.lazada.vn/zinus-official-store/?from=wangpu&q=All-Products'),
      html: `<div>${lazadaItems
        .map(
          (i) =>
            `<div data-qa-locator="product-item" data-item-id="${i.itemId}"><a href="${i.productUrl}">x</a></div>`,
        )
        .join(
          '',
        )}</div><script>window.pageData = ${scriptJson({ mods: { listItems: lazadaItems } })};</script>`,
      truth: ['lazada:200162211305'],
      runs: 40,
    },
  ];
}

/** Our own pages, by class; their truth is what the reader names on the page as written. */
const OWN: [string, Marketplace, string][] = [
  [
    'shopee-product-server-html.html',
    shopee,
    'https://shopee.vn/B%C3%ACnh-gi%E1%BB%AF-nhi%E1%BB%87t-inox-304-LocknLock-500ml-i.161702853.22950428921',
  ],
  [
    'shopee-product-vn.html',
    shopee,
    'https://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711',
  ],
  ['shopee-order.html', shopee, 'https://shopee.vn/user/purchase/order/118651414207583'],
  ['tiki-product-link-only.html', tiki, 'https://tiki.vn/dac-nhan-tam-bia-cung-p74021317.html?spid=74021318'],
  [
    'tiki-product-current-seller.html',
    tiki,
    'https://tiki.vn/binh-dun-sieu-toc-sunhouse-shd1182-p321456.html',
  ],
  ['tiki-order.html', tiki, 'https://tiki.vn/sales/order/view/329752040'],
  ['tiktok-order.html', tiktok, 'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317'],
  [
    'tiktok-order-en.html',
    tiktok,
    'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317',
  ],
  ['lazada-order.html', lazada, 'https://my.lazada.vn/customer/order/view/?tradeOrderId=256012377261185'],
];

function ownSubjects(): Subject[] {
  return OWN.map(([file, market, url]) => {
    const html = ownPage(file).documentElement.outerHTML;
    const truth = named(market.extract(parse(html), new URL(url)));
    return { name: `our ${file}`, market, url: new URL(url), html, truth, runs: 100 };
  });
}

type Op = 'remove' | 'reorder' | 'rename' | 'dropAttribute' | 'truncateScript' | 'renameClass';
interface Mutation {
  op: Op;
  a: number;
  b: number;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom<Op>('remove', 'reorder', 'rename', 'dropAttribute', 'truncateScript', 'renameClass'),
  a: fc.nat(),
  b: fc.nat(),
});
const mutations = fc.array(mutation, { minLength: 1, maxLength: 8 });

const TAGS = ['div', 'span', 'section', 'p', 'x-node', 'li', 'a'];
/** Elements readers use: links, scripts, meta tags, and blocks marked as seller, shop or product. */
const READ_TAGS = new Set(['A', 'SCRIPT', 'META', 'LINK']);
const READ_MARKS = /seller|shop|store|product|data-view-id|data-sqe|data-item-id/i;
function interesting(e: Element): boolean {
  if (READ_TAGS.has(e.tagName)) return true;
  return READ_MARKS.test(Array.from(e.attributes, (x) => `${x.name}=${x.value}`).join(' '));
}

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length ? list[n % list.length] : undefined;
}

/** Applies one mutation to the page, in place. */
function mutate(doc: Document, { op, a, b }: Mutation): void {
  const body = Array.from(doc.body?.querySelectorAll('*') ?? []);
  const inHead = Array.from(doc.head?.querySelectorAll('*') ?? []);
  // Half the mutations hit what readers look at (links, scripts, meta, marked blocks): a large real
  // page has thousands of elements, and a uniform pick would rarely touch the seller's.
  const focus = b % 2 === 0;
  const near = (list: Element[]) => (focus ? list.filter(interesting) : list);
  const all = near(body);
  const elements = near([...body, ...inHead]);
  switch (op) {
    case 'remove':
      pick(elements, a)?.remove();
      return;
    case 'reorder': {
      const parent = pick(
        elements.filter((e) => e.children.length > 1),
        a,
      );
      const child = parent ? pick(Array.from(parent.children), b) : undefined;
      const before = parent ? pick(Array.from(parent.children), a + b + 1) : undefined;
      if (parent && child && before && child !== before) parent.insertBefore(child, before);
      return;
    }
    case 'rename': {
      const el = pick(all, a);
      if (!el?.parentNode) return;
      const renamed = doc.createElement(pick(TAGS, b) ?? 'div');
      for (const attr of Array.from(el.attributes)) renamed.setAttribute(attr.name, attr.value);
      while (el.firstChild) renamed.append(el.firstChild);
      el.replaceWith(renamed);
      return;
    }
    case 'dropAttribute': {
      const el = pick(
        elements.filter((e) => e.attributes.length > 0),
        a,
      );
      const attr = el ? pick(Array.from(el.attributes), b) : undefined;
      if (el && attr) el.removeAttribute(attr.name);
      return;
    }
    case 'renameClass': {
      const el = pick(
        elements.filter((e) => e.hasAttribute('class') || e.hasAttribute('data-view-id')),
        a,
      );
      el?.setAttribute(el.hasAttribute('data-view-id') ? 'data-view-id' : 'class', `renamed-${b % 97}`);
      return;
    }
    case 'truncateScript': {
      const script = pick(
        Array.from(doc.querySelectorAll('script')).filter((s) => (s.textContent ?? '').length > 1),
        a,
      );
      const text = script?.textContent ?? '';
      if (script) script.textContent = text.slice(0, b % text.length);
      return;
    }
  }
}

function check(subject: Subject): void {
  const truth = new Set(subject.truth);
  let runs = 0;
  fc.assert(
    fc.property(mutations, (ops) => {
      runs++;
      const doc = parse(subject.html);
      for (const m of ops) mutate(doc, m);
      let x: Extraction | undefined;
      expect(() => {
        x = subject.market.extract(doc, subject.url);
      }).not.toThrow();
      const wrong = named(x as Extraction).filter((k) => !truth.has(k));
      expect(wrong, `${subject.name} after ${JSON.stringify(ops)}`).toEqual([]);
    }),
    { numRuns: subject.runs, seed: Number(process.env.FUZZ_SEED ?? 20261203) },
  );
  console.log(`fuzz: ${subject.name}: ${runs} mutated pages, no throw, no wrong seller`);
  expect(runs).toBe(subject.runs);
}

describe('the readers on mutated pages never throw and never name a wrong seller', () => {
  it('our own fixtures name their sellers as written (the truth the fuzzing holds them to)', () => {
    const subjects = ownSubjects();
    for (const s of subjects) {
      if (s.name.includes('tiktok-order-en')) expect(s.truth, s.name).toEqual([]);
      else expect(s.truth.length, s.name).toBeGreaterThan(0);
    }
  });

  for (const s of ownSubjects()) {
    it(`fuzzes ${s.name}`, () => check(s));
  }

  for (const s of realSubjects()) {
    it(`fuzzes ${s.name}`, { timeout: 60_000 }, () => check(s));
  }
});
