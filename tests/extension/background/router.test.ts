// @vitest-environment node
// The background as the browser runs it: startBackground() on WXT's fake browser, messages
// delivered through runtime.onMessage with the sender the browser would vouch for, trust from a
// real registry, and the toolbar read back from the fake browser's action state.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, startBackground } from '../../../lib/background';
import { createRouter } from '../../../lib/background/router';
import { TabPages } from '../../../lib/background/tabs';
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS } from '../../../lib/i18n/badge';
import type { LookupResult, PageReport, TabState } from '../../../lib/messaging';
import { loadSettings, saveSettings } from '../../../lib/settings';
import type { RunningRegistry } from '../../../server/serve';
import {
  ABSENT_KEY,
  clientFactory,
  closedPortUrl,
  DANGER_KEY,
  freshDb,
  recordingFetch,
  startTestRegistry,
  TRUSTED_KEY,
} from './helpers';

type Sender = Browser.runtime.MessageSender;

let registry: RunningRegistry;
beforeAll(async () => {
  registry = await startTestRegistry();
});
afterAll(async () => {
  await registry?.close();
});

let bg: Background;
beforeEach(async () => {
  fakeBrowser.reset();
  await saveSettings({ registryUrl: registry.url });
  bg = startBackground({ db: freshDb(), createClient: clientFactory(recordingFetch()) });
});
afterEach(async () => {
  bg.stop();
  await bg.trust.idle();
  await bg.cases.idle();
  await bg.db.delete();
});

/** Delivers a message as the browser would, and returns what the background answered. */
async function send(message: unknown, sender: Sender): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  expect(answers).toHaveLength(1); // one listener owns every message
  return answers[0];
}

async function marketplaceTab(url = 'https://shopee.vn/product/672907573/1234'): Promise<Browser.tabs.Tab> {
  return fakeBrowser.tabs.create({ url });
}

function fromContent(tab: Browser.tabs.Tab, frameId = 0): Sender {
  return { id: fakeBrowser.runtime.id, tab, frameId, url: tab.url };
}

function fromPage(path = '/popup.html', tab?: Browser.tabs.Tab): Sender {
  return {
    id: fakeBrowser.runtime.id,
    url: fakeBrowser.runtime.getURL(path),
    ...(tab ? { tab, frameId: 0 } : {}),
  };
}

function productPage(sellerKey: string | null, kind: PageReport['kind'] = 'product'): PageReport {
  return { platform: 'shopee', kind, sellerKey, sellerName: null };
}

async function toolbarOf(tabId: number) {
  return {
    text: await fakeBrowser.action.getBadgeText({ tabId }),
    title: await fakeBrowser.action.getTitle({ tabId }),
    color: await fakeBrowser.action.getBadgeBackgroundColor({ tabId }),
  };
}

function rgba(hex: string): number[] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

describe('sender checks', () => {
  it('answers a content script in a tab top frame', async () => {
    const tab = await marketplaceTab();
    const answer = (await send(
      { type: 'content:lookup', data: { keys: [TRUSTED_KEY] } },
      fromContent(tab),
    )) as {
      results: Record<string, LookupResult>;
    };
    expect(answer.results[TRUSTED_KEY]?.status).toBe('found');
  });

  it('rejects a message from another extension, or with no sender id', async () => {
    const tab = await marketplaceTab();
    const message = { type: 'content:lookup', data: { keys: [TRUSTED_KEY] } };
    await expect(send(message, { ...fromContent(tab), id: 'another-extension' })).rejects.toThrow(/sender/);
    await expect(send(message, { tab, frameId: 0, url: tab.url })).rejects.toThrow(/sender/);
    await expect(
      send({ type: 'page:record', data: { key: TRUSTED_KEY } }, { ...fromPage(), id: 'x' }),
    ).rejects.toThrow(/sender/);
  });

  it('rejects content messages from extension pages, frames and senders without a tab', async () => {
    const tab = await marketplaceTab();
    const message = { type: 'content:lookup', data: { keys: [TRUSTED_KEY] } };
    await expect(send(message, fromPage('/popup.html'))).rejects.toThrow(/not accepted/);
    // An extension page opened in a tab's top frame is still an extension page.
    await expect(send(message, fromPage('/options.html', tab))).rejects.toThrow(/not accepted/);
    await expect(send(message, fromContent(tab, 3))).rejects.toThrow(/sender/);
    await expect(send(message, { id: fakeBrowser.runtime.id, url: tab.url })).rejects.toThrow(/sender/);
  });

  it('rejects page messages from web pages', async () => {
    const tab = await marketplaceTab();
    await expect(send({ type: 'page:record', data: { key: TRUSTED_KEY } }, fromContent(tab))).rejects.toThrow(
      /not accepted/,
    );
    await expect(send({ type: 'page:tab-state', data: { tabId: tab.id } }, fromContent(tab))).rejects.toThrow(
      /not accepted/,
    );
    // A URL that merely contains the extension's URL is not the extension.
    const lookalike = {
      ...fromContent(tab),
      url: `https://evil.example/?${fakeBrowser.runtime.getURL('/')}`,
    };
    await expect(send({ type: 'page:record', data: { key: TRUSTED_KEY } }, lookalike)).rejects.toThrow(
      /not accepted/,
    );
  });

  it('rejects invalid payloads and unknown messages, and keeps working', async () => {
    const tab = await marketplaceTab();
    const sender = fromContent(tab);
    await expect(send({ type: 'content:lookup', data: { keys: 'shopee:1' } }, sender)).rejects.toThrow(
      /invalid/,
    );
    await expect(send({ type: 'content:fetch', data: { url: 'https://x' } }, sender)).rejects.toThrow(
      /invalid/,
    );
    await expect(send(null, sender)).rejects.toThrow(/invalid/);
    const tooMany = {
      type: 'content:lookup',
      data: { keys: Array.from({ length: 501 }, () => TRUSTED_KEY) },
    };
    await expect(send(tooMany, sender)).rejects.toThrow(/invalid/);
    const answer = await send({ type: 'content:config', data: {} }, sender);
    expect(answer).toEqual({ language: 'vi', listingBadges: true });
  });
});

describe('content:page and the toolbar', () => {
  it('shows the seller level on the tab toolbar button, in the shopper language', async () => {
    const tab = await marketplaceTab();
    const tabId = tab.id ?? -1;
    expect(
      await send({ type: 'content:page', data: { page: productPage(TRUSTED_KEY) } }, fromContent(tab)),
    ).toEqual({
      ok: true,
    });
    expect(await toolbarOf(tabId)).toEqual({
      text: BADGE_ICON.trusted,
      title: BADGE_WORDS.vi.trusted.title,
      color: rgba(BADGE_COLOR.trusted),
    });

    await saveSettings({ language: 'en' });
    await send({ type: 'content:page', data: { page: productPage(DANGER_KEY) } }, fromContent(tab));
    expect(await toolbarOf(tabId)).toEqual({
      text: BADGE_ICON.danger,
      title: BADGE_WORDS.en.danger.title,
      color: rgba(BADGE_COLOR.danger),
    });

    const other = await marketplaceTab('https://shopee.vn/shop/123456789012345');
    await send({ type: 'content:page', data: { page: productPage(ABSENT_KEY, 'shop') } }, fromContent(other));
    expect((await toolbarOf(other.id ?? -1)).text).toBe(BADGE_ICON.unknown);
    // Per tab: the first tab keeps its own.
    expect((await toolbarOf(tabId)).text).toBe(BADGE_ICON.danger);
  });

  it('clears the button on a page without a seller, and when the page goes', async () => {
    const tab = await marketplaceTab();
    const tabId = tab.id ?? -1;
    await send({ type: 'content:page', data: { page: productPage(TRUSTED_KEY) } }, fromContent(tab));
    await send({ type: 'content:page', data: { page: productPage(null, 'listing') } }, fromContent(tab));
    expect((await toolbarOf(tabId)).text).toBe('');
    await send({ type: 'content:page', data: { page: productPage(TRUSTED_KEY) } }, fromContent(tab));
    await send({ type: 'content:page', data: { page: null } }, fromContent(tab));
    expect((await toolbarOf(tabId)).text).toBe('');
    expect(bg.tabs.get(tabId)).toBeUndefined();
  });

  it('shows "unavailable" when the registry cannot be reached', async () => {
    await saveSettings({ registryUrl: await closedPortUrl() });
    const tab = await marketplaceTab();
    await send({ type: 'content:page', data: { page: productPage(TRUSTED_KEY) } }, fromContent(tab));
    expect(await toolbarOf(tab.id ?? -1)).toEqual({
      text: BADGE_ICON.unavailable,
      title: BADGE_WORDS.vi.unavailable.title,
      color: rgba(BADGE_COLOR.unavailable),
    });
  });

  it('lets the latest report of a tab win over a slower earlier one', async () => {
    fakeBrowser.reset();
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slowTrust = {
      async lookup(keys: readonly string[]): Promise<Record<string, LookupResult>> {
        await gate;
        return Object.fromEntries(keys.map((k) => [k, { status: 'absent', fetchedAt: 1 } as const]));
      },
    };
    const listener = createRouter({ trust: slowTrust, tabs: new TabPages() });
    const tab = await marketplaceTab();
    const first = listener(
      { type: 'content:page', data: { page: productPage(TRUSTED_KEY) } },
      fromContent(tab),
    );
    await listener({ type: 'content:page', data: { page: productPage(null, 'listing') } }, fromContent(tab));
    release();
    await first;
    expect((await toolbarOf(tab.id ?? -1)).text).toBe('');
  });
});

describe('extension pages', () => {
  it('gives the popup the tab page and seller, until the tab closes or leaves', async () => {
    const tab = await marketplaceTab();
    const tabId = tab.id ?? -1;
    const popup = fromPage('/popup.html');
    await send({ type: 'content:page', data: { page: productPage(TRUSTED_KEY) } }, fromContent(tab));
    const state = (await send({ type: 'page:tab-state', data: { tabId } }, popup)) as TabState;
    expect(state.page).toEqual(productPage(TRUSTED_KEY));
    expect(state.result?.status === 'found' && state.result.record.sellerId).toBe('672907573');

    await fakeBrowser.tabs.update(tabId, { url: 'https://example.com/' });
    expect(await send({ type: 'page:tab-state', data: { tabId } }, popup)).toEqual({
      page: null,
      result: null,
    });

    const again = await marketplaceTab();
    await send({ type: 'content:page', data: { page: productPage(TRUSTED_KEY) } }, fromContent(again));
    await fakeBrowser.tabs.onRemoved.trigger(again.id ?? -1, { windowId: 0, isWindowClosing: false });
    expect(await send({ type: 'page:tab-state', data: { tabId: again.id } }, popup)).toEqual({
      page: null,
      result: null,
    });
  });

  it('snoozes a seller until its record changes, and wakes it on request', async () => {
    const panel = fromPage('/panel.html');
    const before = (await send({ type: 'page:record', data: { key: TRUSTED_KEY } }, panel)) as LookupResult;
    if (before.status !== 'found') throw new Error('expected a record');
    expect(before.snoozed).toBe(false);

    expect(await send({ type: 'page:snooze', data: { key: TRUSTED_KEY, snoozed: true } }, panel)).toEqual({
      ok: true,
    });
    expect((await loadSettings()).snoozed).toEqual({ [TRUSTED_KEY]: before.record.updatedAt });
    const snoozed = (await send({ type: 'page:record', data: { key: TRUSTED_KEY } }, panel)) as LookupResult;
    expect(snoozed.status === 'found' && snoozed.snoozed).toBe(true);

    await send({ type: 'page:snooze', data: { key: TRUSTED_KEY, snoozed: false } }, panel);
    expect((await loadSettings()).snoozed).toEqual({});
    await expect(
      send({ type: 'page:snooze', data: { key: ABSENT_KEY, snoozed: true } }, panel),
    ).rejects.toThrow(/no record/);
    await expect(send({ type: 'page:record', data: { key: 'nonsense' } }, panel)).rejects.toThrow(
      /not a seller key/,
    );
  });

  it('keeps both of two snoozes sent at once', async () => {
    const panel = fromPage('/panel.html');
    await Promise.all([
      send({ type: 'page:snooze', data: { key: TRUSTED_KEY, snoozed: true } }, panel),
      send({ type: 'page:snooze', data: { key: DANGER_KEY, snoozed: true } }, panel),
    ]);
    expect(Object.keys((await loadSettings()).snoozed).sort()).toEqual([DANGER_KEY, TRUSTED_KEY].sort());
  });

  it('hands the content script its configuration', async () => {
    await saveSettings({ language: 'en', listingBadges: false });
    const tab = await marketplaceTab();
    expect(await send({ type: 'content:config', data: {} }, fromContent(tab))).toEqual({
      language: 'en',
      listingBadges: false,
    });
  });
});
