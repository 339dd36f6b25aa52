/**
 * The page capture a complaint or report carries as evidence (lib/content/capture.ts): inert,
 * without what the shopper typed, holding the order it is about, and never over its size cap.
 */
import { describe, expect, it } from 'vitest';
import { blockAround, captureElement, MAX_CAPTURE_BYTES, utf8Length } from '../../../lib/content/capture';
import { shopee } from '../../../lib/marketplaces/shopee';
import { tiki } from '../../../lib/marketplaces/tiki';
import { ownPage, parse } from './pages';

const SOURCE = {
  url: 'https://shopee.vn/user/purchase/order/118651414207583?type=3',
  title: 'Shopee',
  capturedAt: Date.UTC(2026, 10, 22, 8, 30),
  language: 'vi' as const,
};

/** The capture, parsed back as the reader of the evidence would open it. */
function reopen(html: string): Document {
  return parse(html);
}

describe('order capture', () => {
  const doc = ownPage('shopee-order.html');
  const url = new URL(SOURCE.url);
  const x = shopee.extract(doc, url);
  if (x.kind !== 'order') throw new Error('the fixture is an order page');
  const block = blockAround(doc, x.anchor, [x.order.orderCode, ...x.order.items.map((i) => i.title)]);

  it('takes the smallest block holding the order code and every item, not the page', () => {
    expect(block).not.toBe(doc.body);
    expect(block?.classList.contains('Ml8Iz4')).toBe(true);
  });

  it('holds the code, the items and the total, with absolute image URLs and a header', () => {
    if (!block) throw new Error('no block');
    const capture = captureElement(block, SOURCE);
    expect(capture).toMatchObject({ url: SOURCE.url, title: 'Shopee', capturedAt: SOURCE.capturedAt });
    const out = reopen(capture.html);
    expect(capture.html.startsWith('<!doctype html>')).toBe(true);
    expect(out.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(out.querySelector('base')?.getAttribute('href')).toBe(SOURCE.url);
    expect(out.querySelector('meta[name="antam:captured-at"]')?.getAttribute('content')).toBe(
      '2026-11-22T08:30:00.000Z',
    );
    expect(
      out.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toContain("script-src 'none'");
    const text = out.body.textContent ?? '';
    expect(text).toContain('240305ABCD1234');
    expect(text).toContain('Áo thun nam nữ Teelab Local Brand Unisex cotton 100% form rộng TS199');
    expect(text).toContain('Combo x2 quần short kaki Teelab 99.000đ');
    expect(text).toContain('₫328.000');
    expect(text).toContain(SOURCE.url);
    const images = [...out.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    expect(images).toContain('https://down-vn.img.susercontent.com/file/vn-1111.jpg');
    // Relative links became absolute against the page.
    const links = [...out.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toContain('https://shopee.vn/product/88201679/21350227183');
    expect(links.every((h) => h === null || h.startsWith('https://'))).toBe(true);
  });

  it('reads a capture of another marketplace the same way (Tiki)', () => {
    const tikiDoc = ownPage('tiki-order.html');
    const tx = tiki.extract(tikiDoc, new URL('https://tiki.vn/sales/order/view/123456789'));
    if (tx.kind !== 'order') throw new Error('the fixture is an order page');
    const b = blockAround(tikiDoc, tx.anchor, [tx.order.orderCode, ...tx.order.items.map((i) => i.title)]);
    if (!b) throw new Error('no block');
    const text = reopen(
      captureElement(b, { ...SOURCE, url: 'https://tiki.vn/sales/order/view/123456789' }).html,
    ).body.textContent;
    expect(text).toContain(tx.order.orderCode);
    for (const item of tx.order.items) expect(text).toContain(item.title);
  });
});

describe('hostile markup', () => {
  const hostile = parse(`<!doctype html><html><body><div id="order">
    <p>Mã đơn hàng: 240305ABCD1234</p>
    <script>steal()</script><noscript><img src=x></noscript>
    <iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">
    <template><script>later()</script></template>
    <img src="/img/a.jpg" onerror="alert(1)" srcset="/img/a2.jpg 2x, /img/a3.jpg 3x">
    <img data-src="//cdn.example/lazy.jpg">
    <img src="data:image/png;base64,iVBORw0KGgo=">
    <a href="javascript:alert(1)" onclick="alert(2)" onmouseover="x()">Trang shop</a>
    <a href="JaVaScRiPt:alert(3)">hoa</a>
    <a href=" &#106;avascript:alert(4)">entity</a>
    <a href="data:text/html,<script>alert(5)</script>">data</a>
    <form action="javascript:alert(6)"><button formaction="javascript:alert(7)">Gửi</button></form>
    <svg><a xlink:href="javascript:alert(8)"><text>svg</text></a><animate onbegin="alert(9)"/>
      <a href="/ok"><set attributeName="href" to="javascript:alert(11)"/><text>set</text></a></svg>
    <a href="/tracked" ping="https://track.example/p">ping</a>
    <div style="color: red; background: url(/bg.png)">styled</div>
    <div style="width: expression(alert(10))">old IE</div>
    <input name="phone" value="0912345678"><input type="HIDDEN" name="csrf" value="secret-token">
    <input type="checkbox" checked><textarea name="note">Số nhà riêng của tôi</textarea>
    <select><option selected value="hcm">Hồ Chí Minh</option></select>
    <link rel="prefetch" href="/next"><link rel="stylesheet" href="/site.css">
    <antam-badge data-antam="badge">Đáng tin cậy</antam-badge>
    <span data-antam="complain">Khiếu nại</span>
  </div></body></html>`);
  const root = hostile.getElementById('order');
  if (!root) throw new Error('no root');
  const capture = captureElement(root, { ...SOURCE, url: 'https://shopee.vn/user/purchase/order/1' });
  const out = reopen(capture.html);
  const html = capture.html;

  it('keeps no element that runs code or embeds another document', () => {
    for (const tag of ['script', 'noscript', 'iframe', 'object', 'embed', 'template']) {
      expect(out.querySelectorAll(tag).length, tag).toBe(0);
    }
    expect(html).not.toMatch(/steal\(\)|later\(\)|evil\.example|x\.swf/);
  });

  it('keeps no event handler and no script URL, whatever its spelling', () => {
    for (const el of out.querySelectorAll('*')) {
      for (const attr of el.attributes)
        expect(attr.name.toLowerCase().startsWith('on'), attr.name).toBe(false);
    }
    expect(html.toLowerCase()).not.toContain('javascript:');
    expect(html).not.toContain('data:text/html');
    expect(html).not.toMatch(/alert\(/);
    expect(html).not.toContain('track.example');
  });

  it('keeps images (absolute, lazy ones too), inline styles and the page text', () => {
    const srcs = [...out.querySelectorAll('img')].map((i) => i.getAttribute('src'));
    expect(srcs).toEqual([
      'https://shopee.vn/img/a.jpg',
      'https://cdn.example/lazy.jpg',
      'data:image/png;base64,iVBORw0KGgo=',
    ]);
    expect(out.querySelector('img')?.getAttribute('srcset')).toBe(
      'https://shopee.vn/img/a2.jpg 2x, https://shopee.vn/img/a3.jpg 3x',
    );
    expect(html).toContain('color: red; background: url(/bg.png)');
    expect(out.body.textContent).toContain('240305ABCD1234');
    expect(out.querySelector('link')?.getAttribute('href')).toBe('https://shopee.vn/site.css');
    expect(out.querySelectorAll('link')).toHaveLength(1);
  });

  it('copies nothing the shopper typed or chose, and none of our own elements', () => {
    expect(html).not.toContain('0912345678');
    expect(html).not.toContain('secret-token');
    expect(html).not.toContain('Số nhà riêng');
    expect(out.querySelector('[checked], [selected]')).toBeNull();
    expect(out.querySelector('antam-badge, [data-antam]')).toBeNull();
    expect(out.body.textContent).not.toContain('Khiếu nại');
  });

  it('escapes the page title and URL it writes itself', () => {
    const c = captureElement(root, {
      ...SOURCE,
      title: '</title><script>alert(1)</script>',
      url: 'https://shopee.vn/a?q="><script>alert(2)</script>',
    });
    const o = reopen(c.html);
    expect(o.querySelectorAll('script')).toHaveLength(0);
    expect(o.title).toBe('</title><script>alert(1)</script>');
  });
});

describe('size cap', () => {
  it('is 2 MiB, the whole document included', () => {
    expect(MAX_CAPTURE_BYTES).toBe(2 * 1024 * 1024);
  });

  it('cuts a large page cleanly under the cap and says so in the document', () => {
    // ~170 KB of Vietnamese text (2–3 bytes a character in UTF-8) in many small rows, under a
    // 40 KB cap: the same code path as 2 MiB, at a size happy-dom parses quickly.
    const row = '<div class="row"><span>Áo thun nam nữ — ₫199.000</span><img src="/p.jpg"></div>';
    const big = parse(
      `<!doctype html><html><body><main><h1>Mã đơn hàng 240305ABCD1234</h1>${row.repeat(2000)}</main></body></html>`,
    );
    const main = big.querySelector('main');
    if (!main) throw new Error('no main');
    const cap = 40_000;
    expect(utf8Length(main.outerHTML)).toBeGreaterThan(4 * cap);
    const capture = captureElement(main, SOURCE, cap);
    const bytes = new TextEncoder().encode(capture.html).length;
    expect(bytes).toBeLessThanOrEqual(cap);
    expect(bytes).toBeGreaterThan(cap * 0.95);
    const out = reopen(capture.html);
    expect(out.querySelector('[data-antam-truncated]')?.textContent).toContain('cắt bớt');
    // The beginning (the order code) is kept, whole rows only: every kept row still has its image.
    expect(out.querySelector('h1')?.textContent).toContain('240305ABCD1234');
    const rows = out.querySelectorAll('.row');
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.length).toBeLessThan(2000);
    expect([...rows].slice(0, -1).every((r) => r.querySelector('img'))).toBe(true);
  });

  it('holds the cap for one huge text node as well, in bytes not characters', () => {
    const doc = parse(
      `<!doctype html><html><body><p>${'Đơn hàng ₫ &amp; &lt;'.repeat(20_000)}</p></body></html>`,
    );
    const p = doc.querySelector('p');
    if (!p) throw new Error('no p');
    const capture = captureElement(p, SOURCE, 100_000);
    const bytes = new TextEncoder().encode(capture.html).length;
    expect(bytes).toBeLessThanOrEqual(100_000);
    expect(bytes).toBeGreaterThan(90_000);
    expect(reopen(capture.html).querySelector('[data-antam-truncated]')).not.toBeNull();
  });

  it('leaves a small capture whole, with no truncation notice', () => {
    const doc = parse('<!doctype html><html><body><p>Mã đơn hàng 1</p></body></html>');
    const capture = captureElement(doc.body, SOURCE);
    const out = reopen(capture.html);
    expect(out.querySelector('[data-antam-truncated]')).toBeNull();
    expect(out.body.textContent).toContain('Mã đơn hàng 1');
  });
});

describe('utf8Length', () => {
  it('counts bytes as UTF-8 does', () => {
    for (const s of ['', 'abc', 'Khiếu nại', '₫199.000', '😀 emoji', 'đ'.repeat(1000)]) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
