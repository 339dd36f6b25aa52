// @vitest-environment node
// The background's side of issue 9's page attacks, through the real router on WXT's fake browser
// with the senders the browser would vouch for: the badge panel's one-time tokens (only our
// content script gets one, only the panel framed in that tab redeems it, once, soon), and the
// bound on complaints and reports one tab can start.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, startBackground } from '../../../lib/background';
import { TOKEN_TTL_MS } from '../../../lib/background/panel-tokens';
import { MAX_STARTS_PER_WINDOW, MIN_INTERVAL_MS, WINDOW_MS } from '../../../lib/background/start-limit';
import type { OrderInfo } from '../../../lib/marketplaces/types';
import type { PageReport } from '../../../lib/messaging';
import { saveSettings } from '../../../lib/settings';
import { SELLER } from '../cases/fixtures';
import { closedPortUrl, freshDb } from './helpers';

type Sender = Browser.runtime.MessageSender;

const OTHER_SELLER = 'shopee:9900000007';
let bg: Background;
let now: number;
let opened: string[];
beforeEach(async () => {
  fakeBrowser.reset();
  await saveSettings({ registryUrl: await closedPortUrl() });
  now = 1_800_000_000_000;
  opened = [];
  bg = startBackground({
    db: freshDb(),
    clock: () => now,
    start: {
      captureScreenshot: async () => {
        throw new Error('no screenshot here');
      },
      askCapture: async () => null,
      openTab: async (url) => void opened.push(url),
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

const marketplaceTab = () => fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/672907573/99' });

async function tokenFor(
  tab: Browser.tabs.Tab,
  key = SELLER,
  product = false,
  name?: string | null,
): Promise<string> {
  const { token } = (await send(
    { type: 'content:panel-token', data: { key, product, ...(name === undefined ? {} : { name }) } },
    fromContent(tab),
  )) as { token: string };
  return token;
}

const redeem = (token: string, sender: Sender, key = SELLER) =>
  send({ type: 'page:redeem-panel-token', data: { token, key } }, sender);

describe('panel tokens', () => {
  it('the panel framed in the tab that asked redeems its token once, with the product flag', async () => {
    const tab = await marketplaceTab();
    const token = await tokenFor(tab, SELLER, true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await tokenFor(tab)).not.toBe(token);
    const panel = fromPage('/panel.html', tab, 3);
    expect(await redeem(token, panel)).toEqual({ granted: true, product: true, name: null });
    // Single use: a replay gets nothing.
    expect(await redeem(token, panel)).toEqual({ granted: false });
  });

  it("carries the seller's name as the page shows it to the panel, trimmed and bounded", async () => {
    const tab = await marketplaceTab();
    const panel = fromPage('/panel.html', tab, 3);
    const token = await tokenFor(tab, SELLER, false, '  Padmate Official Store ');
    expect(await redeem(token, panel)).toEqual({
      granted: true,
      product: false,
      name: 'Padmate Official Store',
    });
    // A name longer than any shop's is not a name: the message is refused.
    await expect(tokenFor(tab, SELLER, false, 'x'.repeat(201))).rejects.toThrow();
  });

  it('refuses another tab, another seller, a guessed token, and a late one; a refusal spends it', async () => {
    const tab = await marketplaceTab();
    const other = await marketplaceTab();
    const token = await tokenFor(tab);
    expect(await redeem(token, fromPage('/panel.html', other, 3))).toEqual({ granted: false });
    expect(await redeem(token, fromPage('/panel.html', tab, 3))).toEqual({ granted: false });

    const forSeller = await tokenFor(tab);
    expect(await redeem(forSeller, fromPage('/panel.html', tab, 3), OTHER_SELLER)).toEqual({
      granted: false,
    });
    expect(await redeem('AAAAAAAAAAAAAAAAAAAAAA', fromPage('/panel.html', tab, 3))).toEqual({
      granted: false,
    });

    const late = await tokenFor(tab);
    now += TOKEN_TTL_MS;
    expect(await redeem(late, fromPage('/panel.html', tab, 3))).toEqual({ granted: false });
  });

  it('only the framed panel redeems: not the popup, not a panel opened as a tab, not other pages', async () => {
    const tab = await marketplaceTab();
    const token = await tokenFor(tab);
    expect(await redeem(token, fromPage('/popup.html'))).toEqual({ granted: false });
    expect(await redeem(token, fromPage('/panel.html'))).toEqual({ granted: false });
    expect(await redeem(token, fromPage('/panel.html', tab, 0))).toEqual({ granted: false });
    expect(await redeem(token, fromPage('/options.html', tab, 3))).toEqual({ granted: false });
    await expect(redeem(token, fromContent(tab))).rejects.toThrow(/not accepted/);
    // None of those spent it: the real panel still can.
    expect(await redeem(token, fromPage('/panel.html', tab, 3))).toEqual({
      granted: true,
      product: false,
      name: null,
    });
  });

  it('is issued only to the content script of a tab, for a valid seller key', async () => {
    const tab = await marketplaceTab();
    const ask = (sender: Sender, key = SELLER) =>
      send({ type: 'content:panel-token', data: { key, product: false } }, sender);
    await expect(ask(fromContent(tab, 2))).rejects.toThrow(/sender/);
    await expect(ask(fromPage('/panel.html', tab, 3))).rejects.toThrow(/not accepted/);
    await expect(ask({ ...fromContent(tab), id: 'other-extension' })).rejects.toThrow(/sender/);
    await expect(ask(fromContent(tab), 'evil:1')).rejects.toThrow(/invalid message at data\.key/);
    await expect(redeem('x'.repeat(65), fromPage('/panel.html', tab, 3))).rejects.toThrow(/invalid message/);
  });

  it("a closed tab's tokens are gone with it", async () => {
    const tab = await marketplaceTab();
    const token = await tokenFor(tab);
    await fakeBrowser.tabs.onRemoved.trigger(tab.id ?? -1, { windowId: 0, isWindowClosing: false });
    expect(await redeem(token, fromPage('/panel.html', tab, 3))).toEqual({ granted: false });
  });
});

function order(code = '240101ABCDEF'): OrderInfo {
  return {
    orderCode: code,
    date: '2026-11-01',
    seller: { key: SELLER, name: 'nobistar.sg' },
    items: [{ title: 'Áo thun', productId: '111', variant: null, quantity: 1, unitPrice: 150000 }],
    total: 150000,
    status: null,
    currency: 'VND',
  };
}

const PRODUCT: PageReport = {
  platform: 'shopee',
  kind: 'product',
  sellerKey: SELLER,
  sellerName: 'nobistar.sg',
  product: { id: '99', title: 'Nước hoa', price: 99000, url: 'https://shopee.vn/product/672907573/99' },
};

describe('starts per tab', () => {
  const complain = (tab: Browser.tabs.Tab, code?: string) =>
    send({ type: 'content:start-complaint', data: { order: order(code), capture: null } }, fromContent(tab));

  it('a burst of starts from one tab makes one draft and opens one form', async () => {
    const tab = await marketplaceTab();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => complain(tab)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(
      /already under way/,
    );
    expect(await bg.db.drafts.count()).toBe(1);
    expect(opened).toHaveLength(1);
    // Another tab is not held back by this one.
    await complain(await marketplaceTab());
    expect(await bg.db.drafts.count()).toBe(2);
  });

  it(`allows ${MAX_STARTS_PER_WINDOW} starts per tab in ${WINDOW_MS / 60_000} minutes, a few seconds apart`, async () => {
    const tab = await marketplaceTab();
    for (let i = 0; i < MAX_STARTS_PER_WINDOW; i++) {
      await complain(tab, `ORDER${i}`);
      now += MIN_INTERVAL_MS;
    }
    await expect(complain(tab, 'ONE-MORE')).rejects.toThrow(/too many/);
    expect(await bg.db.drafts.count()).toBe(MAX_STARTS_PER_WINDOW);
    now += WINDOW_MS;
    await complain(tab, 'LATER');
    expect(await bg.db.drafts.count()).toBe(MAX_STARTS_PER_WINDOW + 1);
  });

  it('a refused start gives its slot back: the person can try again at once', async () => {
    const tab = await marketplaceTab();
    await expect(
      send(
        {
          type: 'content:start-complaint',
          data: { order: { ...order(), seller: { key: 'tiktok:1', name: null } }, capture: null },
        },
        fromContent(tab),
      ),
    ).rejects.toThrow(/another marketplace/);
    await complain(tab);
    expect(await bg.db.drafts.count()).toBe(1);
  });

  it('bounds reports from the badge panel the same way', async () => {
    const tab = await marketplaceTab();
    await send({ type: 'content:scan', data: { page: PRODUCT, keys: [] } }, fromContent(tab));
    const report = () => send({ type: 'page:start-report', data: {} }, fromPage('/panel.html', tab, 3));
    const results = await Promise.allSettled([report(), report(), report()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await bg.db.drafts.count()).toBe(1);
  });
});
