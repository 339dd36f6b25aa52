/**
 * The content script on order and product pages (lib/content/controller.ts) against our own
 * fixture pages in happy-dom: the "Khiếu nại" button beside the order, what its click sends the
 * background, the listing a product page reports, and the panel's product flag.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerCaptureRequests } from '../../../lib/content/capture';
import { PageController, type Send } from '../../../lib/content/controller';
import type { ContentConfig, Request } from '../../../lib/messaging';
import { inside, personClick, startController } from './content-harness';
import { ownPage } from './pages';

const ORDER_URL = 'https://shopee.vn/user/purchase/order/118651414207583?type=3';
const PRODUCT_URL =
  'https://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711?sp_atk=1';

beforeAll(() => {
  // The controller watches the page with the DOM's own MutationObserver.
  const w = new Window();
  (globalThis as { MutationObserver?: unknown }).MutationObserver = w.MutationObserver;
});

let abort: AbortController;
afterEach(() => abort?.abort());

function start(page: string, url: string, config: ContentConfig = { language: 'vi', listingBadges: true }) {
  abort = new AbortController();
  return startController(
    page,
    url,
    (type) => {
      switch (type) {
        case 'content:scan':
          return { config, results: {} };
        case 'content:start-complaint':
          return { draftId: 'draft-1' };
        case 'content:panel-token':
          return { token: 'token-1' };
        default:
          return { ok: true };
      }
    },
    abort.signal,
  );
}

const buttons = (doc: Document) => [...doc.querySelectorAll('antam-complain')];

describe('the "Khiếu nại" button on an order page', () => {
  it('is inserted once, right after the seller badge, in a shadow root, in Vietnamese', async () => {
    const { doc, controller } = start('shopee-order.html', ORDER_URL);
    await controller.start();
    await controller.scan();
    const all = buttons(doc);
    expect(all).toHaveLength(1);
    const host = all[0] as HTMLElement;
    expect(host.dataset.antam).toBe('complain');
    expect(host.previousElementSibling?.tagName).toBe('ANTAM-BADGE');
    expect(host.previousElementSibling?.previousElementSibling?.textContent).toBe('Teelab Official');
    const button = inside(host, 'button');
    expect(button?.textContent).toContain('Khiếu nại');
    expect(button?.title).toContain('khiếu nại');
    // Nothing of ours in the page's own tree but the host element.
    expect(host.childNodes).toHaveLength(0);
  });

  it('says "Complain" in English', async () => {
    const { doc, controller } = start('shopee-order.html', ORDER_URL, {
      language: 'en',
      listingBadges: true,
    });
    await controller.start();
    expect(inside(buttons(doc)[0], 'button')?.textContent).toContain('Complain');
  });

  it('sends the order and a capture of the order block to the background when clicked', async () => {
    const { doc, sent, controller } = start('shopee-order.html', ORDER_URL);
    await controller.start();
    const button = inside(buttons(doc)[0], 'button');
    if (!button) throw new Error('no button');
    personClick(button);
    // A second click while the first is running is ignored.
    personClick(button);
    await expect.poll(() => button.getAttribute('aria-busy')).toBeNull();
    const starts = sent.filter((s) => s.type === 'content:start-complaint');
    expect(starts).toHaveLength(1);
    const { order, capture } = (starts[0]?.data ?? {}) as Request<'content:start-complaint'>;
    expect(order).toMatchObject({
      orderCode: '240305ABCD1234',
      seller: { key: 'shopee:88201679', name: 'Teelab Official' },
      total: 328000,
      items: [
        { productId: '21350227183', quantity: 2, unitPrice: 149000 },
        { productId: '23456789012', quantity: 1, unitPrice: 50000 },
      ],
    });
    expect(capture?.url).toBe(ORDER_URL);
    expect(capture?.html).toContain('240305ABCD1234');
    expect(capture?.html).toContain('Áo thun nam nữ Teelab');
    // Our own button and badge are not part of the evidence.
    expect(capture?.html).not.toMatch(/antam-complain|antam-badge|Khiếu nại/);
    expect(button.hasAttribute('data-failed')).toBe(false);
  });

  it('says so in its tooltip when the background cannot open the form, and can be tried again', async () => {
    const doc = ownPage('shopee-order.html');
    abort = new AbortController();
    let fail = true;
    const send = (async (type: string) => {
      if (type === 'content:scan') return { config: { language: 'vi', listingBadges: true }, results: {} };
      if (type === 'content:start-complaint') {
        if (fail) throw new Error('Could not establish connection');
        return { draftId: 'd2' };
      }
      return { ok: true };
    }) as Send;
    const controller = new PageController(doc, () => new URL(ORDER_URL), send, abort.signal);
    await controller.start();
    const button = inside(buttons(doc)[0], 'button');
    if (!button) throw new Error('no button');
    personClick(button);
    await expect.poll(() => button.hasAttribute('data-failed')).toBe(true);
    expect(button.title).toContain('chưa mở được');
    fail = false;
    personClick(button);
    await expect.poll(() => button.hasAttribute('data-failed')).toBe(false);
  });

  it('goes away on navigation to another page, and when the content script is stopped', async () => {
    const { doc, controller, navigate } = start('shopee-order.html', ORDER_URL);
    await controller.start();
    expect(buttons(doc)).toHaveLength(1);
    navigate('https://shopee.vn/cart');
    await controller.scan();
    expect(buttons(doc)).toHaveLength(0);
    navigate(ORDER_URL);
    await controller.scan();
    expect(buttons(doc)).toHaveLength(1);
    abort.abort();
    expect(buttons(doc)).toHaveLength(0);
  });

  it('answers a capture request with the order block', async () => {
    const { controller } = start('shopee-order.html', ORDER_URL);
    await controller.start();
    const capture = controller.capture();
    expect(capture?.html).toContain('240305ABCD1234');
    expect(capture?.html).toContain('₫328.000');
  });
});

describe('product pages', () => {
  it('report the listing, so that the background can prefill a counterfeit report', async () => {
    const { sent, controller } = start('shopee-product-vn.html', PRODUCT_URL);
    await controller.start();
    const pages = sent
      .filter((s) => s.type === 'content:scan')
      .map((s) => (s.data as { page: unknown }).page);
    expect(pages.at(-1)).toEqual({
      platform: 'shopee',
      kind: 'product',
      sellerKey: 'shopee:395295057',
      sellerName: '<img src=x onerror=alert(1)>',
      product: {
        id: '29704866711',
        title: 'Tai Nghe Bluetooth Chụp Tai EDIFIER W830NB',
        price: 1290000,
        url: 'https://shopee.vn/Tai-Nghe-Bluetooth-Ch%E1%BB%A5p-Tai-EDIFIER-W830NB-i.395295057.29704866711',
      },
    });
  });

  it('get no "Khiếu nại" button, and their capture is the product block', async () => {
    const { doc, controller } = start('shopee-product-vn.html', PRODUCT_URL);
    await controller.start();
    expect(buttons(doc)).toHaveLength(0);
    const capture = controller.capture();
    expect(capture?.html).toContain('Tai Nghe Bluetooth Chụp Tai EDIFIER W830NB');
    expect(capture?.html).not.toContain('<script');
  });

  it("open the panel with the product flag; an order page's badge opens it without", async () => {
    const g = globalThis as { chrome?: unknown };
    g.chrome = { runtime: { getURL: (path: string) => `chrome-extension://antam${path}` } };
    try {
      const frameOf = async (page: string, url: string) => {
        const { doc, controller } = start(page, url);
        await controller.start();
        personClick(inside(doc.querySelector('antam-badge'), 'button'));
        const frame = () => inside(doc.querySelector('antam-panel'), 'iframe');
        // The frame's page loads once the background has given the panel its token.
        await expect.poll(() => frame()?.getAttribute('src')).toBeTruthy();
        return frame()?.getAttribute('src');
      };
      expect(await frameOf('shopee-product-vn.html', PRODUCT_URL)).toBe(
        'chrome-extension://antam/panel.html#key=shopee%3A395295057&product=1&t=token-1',
      );
      expect(await frameOf('shopee-order.html', ORDER_URL)).toBe(
        'chrome-extension://antam/panel.html#key=shopee%3A88201679&t=token-1',
      );
    } finally {
      delete g.chrome;
    }
  });

  it('are captured as nothing on pages that are neither orders nor products', async () => {
    const { controller } = start('tiki-listing.html', 'https://tiki.vn/search?q=tai+nghe');
    await controller.start();
    expect(controller.capture()).toBeNull();
  });
});

describe("the background's capture request ('bg:capture')", () => {
  type Listener = (
    message: unknown,
    sender: { id?: string; tab?: unknown },
    reply: (r: unknown) => void,
  ) => boolean;

  it('is answered for our own background only, and no longer once the content script stops', async () => {
    const listeners = new Set<Listener>();
    const g = globalThis as { chrome?: unknown };
    g.chrome = {
      runtime: {
        id: 'antam-id',
        onMessage: {
          addListener: (l: Listener) => listeners.add(l),
          removeListener: (l: Listener) => listeners.delete(l),
        },
      },
    };
    try {
      const { controller } = start('shopee-order.html', ORDER_URL);
      await controller.start();
      const stop = new AbortController();
      answerCaptureRequests(() => controller.capture(), stop.signal);
      const ask = (message: unknown, sender: { id?: string; tab?: unknown }) => {
        const answers: unknown[] = [];
        for (const l of listeners) l(message, sender, (r) => answers.push(r));
        return answers;
      };
      const request = { type: 'bg:capture', data: {} };
      const [answer] = ask(request, { id: 'antam-id' });
      expect((answer as { html?: string } | undefined)?.html).toContain('240305ABCD1234');
      // A content script or extension page in a tab, another extension, another message: no answer.
      expect(ask(request, { id: 'antam-id', tab: { id: 3 } })).toEqual([]);
      expect(ask(request, { id: 'someone-else' })).toEqual([]);
      expect(ask({ type: 'content:scan', data: {} }, { id: 'antam-id' })).toEqual([]);
      stop.abort();
      expect(listeners.size).toBe(0);
    } finally {
      delete g.chrome;
    }
  });
});
