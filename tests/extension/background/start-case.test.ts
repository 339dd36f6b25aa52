// @vitest-environment node
// Starting complaints and reports through the background's router, as the browser delivers the
// messages: who may send them, what the hostile page may put in them, what ends up in the draft
// and its evidence, and which page opens. The fake browser has no screenshots and no content
// script to ask, so those two are stand-ins; everything else is the real background.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, startBackground } from '../../../lib/background';
import { sanitizeCaptureHtml } from '../../../lib/background/sanitize-html';
import { orderDateOf } from '../../../lib/background/start-case';
import { getDraft, listEvidence } from '../../../lib/cases/reader';
import type { OrderInfo } from '../../../lib/marketplaces/types';
import type { PageCapture, PageReport } from '../../../lib/messaging';
import { MAX_CAPTURE_BYTES } from '../../../lib/messaging-schemas';
import { saveSettings } from '../../../lib/settings';
import { PNG_BYTES, SELLER } from '../cases/fixtures';
import { closedPortUrl, freshDb } from './helpers';

type Sender = Browser.runtime.MessageSender;

const HOSTILE =
  '<div class="order" onclick="steal()"><script>alert(1)</script><img src="https://cf.shopee.vn/a.jpg" ' +
  'alt=">" onerror="alert(2)"><a href="javascript:alert(3)">x</a><a href="jav&#x61;script:alert(4)">y</a>' +
  '<svg><animate onbegin="alert(5)"/></svg><iframe srcdoc="<script>alert(6)</script>"></iframe>' +
  '<SCRIPT src=//evil></SCRIPT ><p style="background:url(https://evil/x)">Đơn hàng 240101ABCDEF</p></div>';

let bg: Background;
let screenshot: (tab: Browser.tabs.Tab) => Promise<string>;
let pageCapture: (tabId: number) => Promise<unknown>;
let opened: { url: string; besides: number | undefined }[];
beforeEach(async () => {
  fakeBrowser.reset();
  // No registry needed: nothing here is delivered. A closed port keeps lookups quick and local.
  await saveSettings({ registryUrl: await closedPortUrl() });
  opened = [];
  screenshot = async () => {
    throw new Error('no screenshot in this test');
  };
  pageCapture = async () => null;
  bg = startBackground({
    db: freshDb(),
    start: {
      captureScreenshot: (tab) => screenshot(tab),
      askCapture: (tabId) => pageCapture(tabId),
      openTab: async (url, besides) => void opened.push({ url, besides: besides?.id }),
    },
  });
});
afterEach(async () => {
  bg.stop();
  await bg.cases.idle();
  await bg.trust.idle();
  await bg.db.delete();
});

async function send(message: unknown, sender: Sender): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  return answers[0];
}

function fromContent(tab: Browser.tabs.Tab, frameId = 0): Sender {
  return { id: fakeBrowser.runtime.id, tab, frameId, url: tab.url };
}

function fromPage(path: string, tab?: Browser.tabs.Tab, frameId = 0): Sender {
  return {
    id: fakeBrowser.runtime.id,
    url: fakeBrowser.runtime.getURL(path as '/popup.html'),
    ...(tab ? { tab, frameId } : {}),
  };
}

function order(overrides: Partial<OrderInfo> = {}): OrderInfo {
  return {
    orderCode: ' 240101ABCDEF ',
    date: '2026-11-01T14:03',
    seller: { key: SELLER, name: 'nobistar.sg' },
    items: [
      { title: 'Áo thun', productId: '111', variant: 'Đen, L', quantity: 2, unitPrice: 150000 },
      { title: '  ', productId: null, variant: null, quantity: 1, unitPrice: null },
    ],
    total: 300000,
    status: 'Đã giao',
    currency: 'VND',
    ...overrides,
  };
}

function capture(html = HOSTILE): PageCapture {
  return {
    html,
    url: 'https://shopee.vn/user/purchase/order/1',
    title: 'Đơn hàng',
    capturedAt: 1_790_000_000_000,
  };
}

async function reportPage(tab: Browser.tabs.Tab, page: PageReport): Promise<void> {
  // The content script's scan of the page: the tab now shows it.
  expect(await send({ type: 'content:scan', data: { page, keys: [] } }, fromContent(tab))).toMatchObject({
    config: { language: 'vi' },
  });
}

const PRODUCT: PageReport = {
  platform: 'shopee',
  kind: 'product',
  sellerKey: SELLER,
  sellerName: 'nobistar.sg',
  product: {
    id: '99',
    title: 'Nước hoa Chanel',
    price: 99000,
    url: 'https://shopee.vn/product/672907573/99',
  },
};

describe('content:start-complaint', () => {
  it('makes a draft from the order, keeps an inert capture, opens the form next to the tab', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/user/purchase/order/1' });
    const answer = (await send(
      { type: 'content:start-complaint', data: { order: order(), capture: capture() } },
      fromContent(tab),
    )) as { draftId: string };
    const draft = await getDraft(bg.db, answer.draftId);
    expect(draft).toMatchObject({ kind: 'complaint', platform: 'shopee', pageUrl: tab.url });
    expect(draft?.complaint?.seller).toEqual({ key: SELLER, name: 'nobistar.sg' });
    expect(draft?.complaint?.order).toEqual({
      orderCode: '240101ABCDEF',
      orderDate: '2026-11-01',
      items: [{ title: 'Áo thun', productId: '111', variant: 'Đen, L', quantity: 2, unitPrice: 150000 }],
      total: 300000,
      status: 'Đã giao',
    });
    expect(opened).toEqual([
      {
        url: fakeBrowser.runtime.getURL(`/complaint.html#draft=${answer.draftId}` as '/popup.html'),
        besides: tab.id,
      },
    ]);

    const [file] = await listEvidence(bg.db, answer.draftId);
    expect(file).toMatchObject({ type: 'text/html', source: 'page_capture', capturedAt: 1_790_000_000_000 });
    const stored = new TextDecoder().decode(await file!.blob.arrayBuffer());
    expect(stored).toContain('Đơn hàng 240101ABCDEF');
    expect(stored).toContain('src="https://cf.shopee.vn/a.jpg"');
    expect(stored).toContain('https://shopee.vn/user/purchase/order/1');
    expect(stored.toLowerCase()).not.toMatch(
      /<script|<iframe|\son[a-z]+=|javascript:|jav&#x61;|srcdoc|url\(/,
    );
  });

  it('refuses frames, extension pages and other extensions', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/user/purchase/order/1' });
    const message = { type: 'content:start-complaint', data: { order: order(), capture: null } };
    await expect(send(message, fromContent(tab, 2))).rejects.toThrow(/sender/);
    await expect(send(message, fromPage('/popup.html'))).rejects.toThrow(/not accepted/);
    await expect(send(message, { ...fromContent(tab), id: 'other-extension' })).rejects.toThrow(/sender/);
    expect(await bg.db.drafts.count()).toBe(0);
    expect(opened).toEqual([]);
  });

  it('refuses hostile payloads: bad seller keys, oversized captures, stray fields', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/user/purchase/order/1' });
    const start = (data: unknown) => send({ type: 'content:start-complaint', data }, fromContent(tab));
    await expect(
      start({ order: order({ seller: { key: 'evil:1', name: null } as never }), capture: null }),
    ).rejects.toThrow(/invalid message at data\.order\.seller\.key/);
    // A Shopee page cannot file against a seller of another marketplace.
    await expect(
      start({ order: order({ seller: { key: 'tiktok:7495794203056835079', name: null } }), capture: null }),
    ).rejects.toThrow(/another marketplace/);
    const big = capture(`<p>${'đ'.repeat(MAX_CAPTURE_BYTES / 2)}</p>`);
    await expect(start({ order: order(), capture: big })).rejects.toThrow(
      /invalid message at data\.capture\.html/,
    );
    await expect(start({ order: { ...order(), extra: 1 }, capture: null })).rejects.toThrow(/invalid/);
    await expect(
      start({ order: order({ items: Array.from({ length: 101 }, () => order().items[0]!) }), capture: null }),
    ).rejects.toThrow(/invalid/);
    await expect(
      start({ order: order(), capture: { ...capture(), url: 'javascript:alert(1)' } }),
    ).rejects.toThrow(/invalid/);
    expect(await bg.db.drafts.count()).toBe(0);
  });
});

describe('content:start-complaint, an order that names its shop only as text', () => {
  const TIKTOK_ORDER = 'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317';
  const STORE = 'tiktok:7495794203056835079';
  const textOnly = (overrides: Partial<OrderInfo> = {}): OrderInfo =>
    order({
      orderCode: '577312748349657317',
      seller: null,
      shopName: 'Goli Nutrition',
      items: [{ title: 'Goli Gummies', productId: null, variant: null, quantity: 2, unitPrice: null }],
      total: null,
      currency: 'USD',
      printedTotal: '$28.06',
      ...overrides,
    });

  it('makes a draft whose seller the shopper completes, offering the sellers this tab showed on this marketplace', async () => {
    const tab = await fakeBrowser.tabs.create({
      url: 'https://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079',
    });
    // The tab showed the store, then another store, then a Shopee product (another marketplace).
    await reportPage(tab, {
      platform: 'tiktok',
      kind: 'shop',
      sellerKey: STORE,
      sellerName: 'Goli Nutrition',
    });
    await reportPage(tab, { platform: 'tiktok', kind: 'shop', sellerKey: 'tiktok:1', sellerName: 'Other' });
    await reportPage(tab, PRODUCT);
    await reportPage(tab, { platform: 'tiktok', kind: 'order', sellerKey: null, sellerName: null });
    const tiktokTab = { ...tab, url: TIKTOK_ORDER };
    const answer = (await send(
      { type: 'content:start-complaint', data: { order: textOnly(), capture: null } },
      fromContent(tiktokTab),
    )) as { draftId: string };
    const draft = await getDraft(bg.db, answer.draftId);
    expect(draft).toMatchObject({ kind: 'complaint', platform: 'tiktok' });
    expect(draft?.complaint?.seller).toEqual({ key: '', name: 'Goli Nutrition' });
    expect(draft?.complaint?.sellerChoices).toEqual([
      { key: 'tiktok:1', name: 'Other' },
      { key: STORE, name: 'Goli Nutrition' },
    ]);
    // Dollars are never đồng: the total stays as printed, the đồng fields empty.
    expect(draft?.complaint?.order).toEqual({
      orderCode: '577312748349657317',
      orderDate: '2026-11-01',
      items: [{ title: 'Goli Gummies', productId: null, variant: null, quantity: 2, unitPrice: null }],
      total: null,
      status: 'Đã giao',
      pageCurrency: 'USD',
      pageTotal: '$28.06',
    });
  });

  it('offers no seller of another tab, and none after the tab closed', async () => {
    const seen = await fakeBrowser.tabs.create({
      url: 'https://www.tiktok.com/shop/store/goli-nutrition/7495794203056835079',
    });
    await reportPage(seen, {
      platform: 'tiktok',
      kind: 'shop',
      sellerKey: STORE,
      sellerName: 'Goli Nutrition',
    });
    const other = await fakeBrowser.tabs.create({ url: TIKTOK_ORDER });
    const first = (await send(
      { type: 'content:start-complaint', data: { order: textOnly(), capture: null } },
      fromContent(other),
    )) as { draftId: string };
    expect((await getDraft(bg.db, first.draftId))?.complaint?.sellerChoices).toEqual([]);
    await fakeBrowser.tabs.onRemoved.trigger(seen.id!, {
      windowId: seen.windowId ?? 0,
      isWindowClosing: false,
    });
    const again = await fakeBrowser.tabs.create({ url: TIKTOK_ORDER });
    const second = (await send(
      { type: 'content:start-complaint', data: { order: textOnly(), capture: null } },
      fromContent({ ...again, id: seen.id }),
    )) as { draftId: string };
    expect((await getDraft(bg.db, second.draftId))?.complaint?.sellerChoices).toEqual([]);
  });

  it('refuses a seller-less order from a page of no marketplace', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://example.com/order' });
    await expect(
      send({ type: 'content:start-complaint', data: { order: textOnly(), capture: null } }, fromContent(tab)),
    ).rejects.toThrow(/no marketplace/);
    expect(await bg.db.drafts.count()).toBe(0);
  });
});

describe('page:start-complaint (popup)', () => {
  it('uses the tab seller and the typed code, with a screenshot as evidence', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/672907573/99' });
    await reportPage(tab, PRODUCT);
    let shotOf: number | undefined;
    screenshot = async (t) => {
      shotOf = t.id;
      return `data:image/png;base64,${btoa(String.fromCharCode(...PNG_BYTES))}`;
    };
    const { draftId } = (await send(
      { type: 'page:start-complaint', data: { tabId: tab.id, orderCode: 'POPUP-1' } },
      fromPage('/popup.html'),
    )) as { draftId: string };
    expect(shotOf).toBe(tab.id);
    const draft = await getDraft(bg.db, draftId);
    expect(draft?.complaint?.seller).toEqual({ key: SELLER, name: 'nobistar.sg' });
    expect(draft?.complaint?.order.orderCode).toBe('POPUP-1');
    const files = await listEvidence(bg.db, draftId);
    expect(files.map((f) => [f.type, f.source])).toEqual([['image/png', 'screenshot']]);
    expect(opened.map((o) => o.url)).toEqual([
      fakeBrowser.runtime.getURL(`/complaint.html#draft=${draftId}` as '/popup.html'),
    ]);
  });

  it('falls back to the page capture, then to no evidence', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/672907573/99' });
    await reportPage(tab, PRODUCT);
    pageCapture = async () => capture('<p>listing</p>');
    const first = (await send(
      { type: 'page:start-complaint', data: { tabId: tab.id, orderCode: 'A' } },
      fromPage('/popup.html'),
    )) as { draftId: string };
    expect((await listEvidence(bg.db, first.draftId)).map((f) => f.source)).toEqual(['page_capture']);

    pageCapture = async () => ({ html: 42 }); // a content script answering nonsense
    const second = (await send(
      { type: 'page:start-complaint', data: { tabId: tab.id, orderCode: 'B' } },
      fromPage('/popup.html'),
    )) as { draftId: string };
    expect(await listEvidence(bg.db, second.draftId)).toEqual([]);
    expect(await getDraft(bg.db, second.draftId)).toBeDefined();
  });

  it('refuses a tab without a seller, and content scripts', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/search?q=ao' });
    await reportPage(tab, { platform: 'shopee', kind: 'listing', sellerKey: null, sellerName: null });
    await expect(
      send(
        { type: 'page:start-complaint', data: { tabId: tab.id, orderCode: 'X' } },
        fromPage('/popup.html'),
      ),
    ).rejects.toThrow(/no seller/);
    await expect(
      send({ type: 'page:start-complaint', data: { tabId: tab.id, orderCode: 'X' } }, fromContent(tab)),
    ).rejects.toThrow(/not accepted/);
    await expect(
      send(
        { type: 'page:start-complaint', data: { tabId: tab.id, orderCode: '   ' } },
        fromPage('/popup.html'),
      ),
    ).rejects.toThrow(/invalid/);
  });
});

describe('page:start-report', () => {
  it('from the badge panel: the tab the panel is framed in, whatever tabId says', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/672907573/99' });
    const other = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/1/2' });
    await reportPage(tab, PRODUCT);
    await reportPage(other, { ...PRODUCT, product: { ...PRODUCT.product!, title: 'Other' } });
    let askedTab: number | undefined;
    pageCapture = async (tabId) => {
      askedTab = tabId;
      return capture('<div>Nước hoa<script>x()</script></div>');
    };
    const { draftId } = (await send(
      { type: 'page:start-report', data: { tabId: other.id } },
      fromPage('/panel.html', tab, 7),
    )) as { draftId: string };
    const draft = await getDraft(bg.db, draftId);
    expect(draft).toMatchObject({ kind: 'report', platform: 'shopee' });
    expect(draft?.report).toEqual({
      seller: { key: SELLER, name: 'nobistar.sg' },
      listing: { url: 'https://shopee.vn/product/672907573/99', title: 'Nước hoa Chanel', price: 99000 },
      reason: '',
      orderCode: '',
    });
    expect(askedTab).toBe(tab.id);
    const [file] = await listEvidence(bg.db, draftId);
    expect(new TextDecoder().decode(await file!.blob.arrayBuffer())).not.toContain('<script');
    expect(opened[0]?.besides).toBe(tab.id);
  });

  it('from the popup with a tabId; refused without a tab or without a listing', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/672907573/99' });
    await reportPage(tab, PRODUCT);
    const { draftId } = (await send(
      { type: 'page:start-report', data: { tabId: tab.id } },
      fromPage('/popup.html'),
    )) as { draftId: string };
    expect((await getDraft(bg.db, draftId))?.report?.listing.title).toBe('Nước hoa Chanel');
    await expect(send({ type: 'page:start-report', data: {} }, fromPage('/popup.html'))).rejects.toThrow(
      /no tab/,
    );
    const shop = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/shop/672907573' });
    await reportPage(shop, { ...PRODUCT, kind: 'shop', product: null });
    await expect(
      send({ type: 'page:start-report', data: { tabId: shop.id } }, fromPage('/popup.html')),
    ).rejects.toThrow(/no listing/);
    await expect(send({ type: 'page:start-report', data: {} }, fromContent(tab))).rejects.toThrow(
      /not accepted/,
    );
  });
});

describe('the capture sanitiser', () => {
  it('drops scripts, handlers, frames and dangerous URLs however they are spelled', () => {
    const cases = [
      '<script>alert(1)</script>',
      '<ScRiPt >alert(1)</sCrIpT >',
      '<script>"</script>"<img onerror=alert(1)>',
      '<img src=x onerror=alert(1)>',
      '<img alt=">" onerror="alert(1)">',
      "<img alt='>' onerror='alert(1)'>",
      '<div/onclick=alert(1)>',
      '<a href=" javascript:alert(1)">',
      '<a href="JaVaScRiPt:alert(1)">',
      '<a href="&#106;avascript:alert(1)">',
      '<a href="java\tscript:alert(1)">',
      '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">',
      '<iframe src="https://evil"></iframe>',
      '<object data="x"></object><embed src="x">',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
      '<base href="https://evil/">',
      '<link rel="import" href="https://evil">',
      '<style>@import "https://evil";</style>',
      '<p style="background:url(javascript:alert(1))">',
      '<svg><script>alert(1)</script></svg>',
      '<math><a xlink:href="javascript:alert(1)">',
      '<!--<img src=x onerror=alert(1)>-->',
      '<noscript><img src=x onerror=alert(1)></noscript>',
      '<textarea></textarea><script>alert(1)</script>',
      '<template><script>alert(1)</script></template>',
      '<scr<script>ipt>alert(1)</script>',
      '<img src="https://ok" onerror',
      '<script',
    ];
    for (const html of cases) {
      const out = sanitizeCaptureHtml(html).toLowerCase();
      expect(out, html).not.toMatch(/<script|<iframe|<object|<embed|<meta|<base|<link|<style/);
      expect(out, html).not.toMatch(/<[^>]*\son[a-z]+\s*=/);
      expect(out, html).not.toMatch(/(href|src|action|formaction)="(?!https?:\/\/)/);
    }
  });

  it('keeps the visible content, safe links and images, and escapes what it re-quotes', () => {
    expect(sanitizeCaptureHtml('<p class="a">Tổng: 300.000₫ &amp; phí</p>')).toBe(
      '<p class="a">Tổng: 300.000₫ &amp; phí</p>',
    );
    expect(sanitizeCaptureHtml("<img src='https://cf.shopee.vn/a.jpg' alt='a \"b\"'>")).toBe(
      '<img src="https://cf.shopee.vn/a.jpg" alt="a &quot;b&quot;">',
    );
    expect(sanitizeCaptureHtml('a < b <br/> c')).toBe('a &lt; b <br /> c');
    expect(sanitizeCaptureHtml('<textarea><b>x</b></textarea>')).toBe(
      '<textarea>&lt;b&gt;x&lt;/b&gt;</textarea>',
    );
  });
});

describe('orderDateOf', () => {
  it('keeps real calendar days only', () => {
    expect(orderDateOf('2026-11-01')).toBe('2026-11-01');
    expect(orderDateOf('2026-11-01T08:30:00')).toBe('2026-11-01');
    expect(orderDateOf('2026-02-30')).toBeNull();
    expect(orderDateOf('01/11/2026')).toBeNull();
    expect(orderDateOf(null)).toBeNull();
  });
});
