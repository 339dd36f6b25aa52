// @vitest-environment node
// The background as the browser runs it: startBackground() on WXT's fake browser, messages
// delivered through runtime.onMessage with the sender the browser would vouch for, trust from a
// real registry, and the toolbar read back from the fake browser's action state.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, startBackground } from '../../../lib/background';
import { createRouter } from '../../../lib/background/router';
import { TabPages } from '../../../lib/background/tabs';
import { Toolbar } from '../../../lib/background/toolbar';
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS } from '../../../lib/i18n/badge';
import type { LookupResult, PageReport, ScanResult, TabState } from '../../../lib/messaging';
import { loadSettings, saveSettings } from '../../../lib/settings';
import type { RunningRegistry } from '../../../server/serve';
import {
  ABSENT_KEY,
  clientFactory,
  closedPortUrl,
  DANGER_KEY,
  freshDb,
  keysWithDistinctPrefixes,
  type Recorder,
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
let recorder: Recorder;
beforeEach(async () => {
  fakeBrowser.reset();
  await saveSettings({ registryUrl: registry.url });
  recorder = recordingFetch();
  bg = startBackground({ db: freshDb(), createClient: clientFactory(recorder) });
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

/** A scan as the content script sends it: the page and the sellers it shows. */
function scan(page: PageReport | null, keys: string[] = page?.sellerKey ? [page.sellerKey] : []) {
  return { type: 'content:scan', data: { page, keys } };
}

/** The toolbar button of a tab, once the updates the scans started are applied. */
async function toolbarOf(tabId: number) {
  await bg.toolbar.settled();
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
      scan(productPage(null, 'listing'), [TRUSTED_KEY]),
      fromContent(tab),
    )) as ScanResult;
    expect(answer.results[TRUSTED_KEY]?.status).toBe('found');
  });

  it('rejects a message from another extension, or with no sender id', async () => {
    const tab = await marketplaceTab();
    const message = scan(productPage(TRUSTED_KEY));
    await expect(send(message, { ...fromContent(tab), id: 'another-extension' })).rejects.toThrow(/sender/);
    await expect(send(message, { tab, frameId: 0, url: tab.url })).rejects.toThrow(/sender/);
    await expect(
      send({ type: 'page:record', data: { key: TRUSTED_KEY } }, { ...fromPage(), id: 'x' }),
    ).rejects.toThrow(/sender/);
  });

  it('rejects content messages from extension pages, frames and senders without a tab', async () => {
    const tab = await marketplaceTab();
    const message = scan(productPage(TRUSTED_KEY));
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
    await expect(
      send({ type: 'content:scan', data: { page: null, keys: 'shopee:1' } }, sender),
    ).rejects.toThrow(/invalid/);
    await expect(send({ type: 'content:scan', data: { keys: [TRUSTED_KEY] } }, sender)).rejects.toThrow(
      /invalid/,
    );
    await expect(send({ type: 'content:scan', data: { page: null } }, sender)).rejects.toThrow(/invalid/);
    await expect(
      send(
        { type: 'content:scan', data: { page: { ...productPage(TRUSTED_KEY), kind: 'cart' }, keys: [] } },
        sender,
      ),
    ).rejects.toThrow(/invalid/);
    await expect(
      send(
        { type: 'content:scan', data: { page: null, keys: [], registryUrl: 'https://evil.example' } },
        sender,
      ),
    ).rejects.toThrow(/invalid/);
    await expect(send({ type: 'content:fetch', data: { url: 'https://x' } }, sender)).rejects.toThrow(
      /invalid/,
    );
    await expect(send(null, sender)).rejects.toThrow(/invalid/);
    const tooMany = scan(
      null,
      Array.from({ length: 501 }, () => TRUSTED_KEY),
    );
    await expect(send(tooMany, sender)).rejects.toThrow(/invalid/);
    // Nothing of the refused scans reached the tab's state or the registry.
    expect(bg.tabs.get(tab.id ?? -1)).toBeUndefined();
    expect(recorder.requests).toHaveLength(0);
    const answer = await send(scan(null), sender);
    expect(answer).toEqual({ config: { language: 'vi', listingBadges: true }, results: {} });
  });
});

describe('content:load', () => {
  it("runs the content script proper in the asking tab's top frame, on a marketplace page only", async () => {
    const executeScript = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockResolvedValue(undefined as never);
    try {
      const tab = await marketplaceTab();
      const load = { type: 'content:load', data: {} };
      expect(await send(load, fromContent(tab))).toEqual({ loaded: true });
      expect(executeScript).toHaveBeenCalledWith({
        target: { tabId: tab.id, frameIds: [0] },
        files: ['/page.js'],
      });
      // Not from a lookalike host, a frame, an extension page, nor with anything in it.
      const lookalike = await marketplaceTab('https://shopee.vn.evil.example/product/1/2');
      await expect(send(load, fromContent(lookalike))).rejects.toThrow(/not a marketplace page/);
      await expect(send(load, fromContent(tab, 2))).rejects.toThrow(/sender/);
      await expect(send(load, fromPage('/popup.html'))).rejects.toThrow(/not accepted/);
      await expect(send({ type: 'content:load', data: { file: 'x.js' } }, fromContent(tab))).rejects.toThrow(
        /invalid/,
      );
      expect(executeScript).toHaveBeenCalledTimes(1);
    } finally {
      executeScript.mockRestore();
    }
  });
});

describe('content:scan and the toolbar', () => {
  it('shows the seller level on the tab toolbar button, in the shopper language', async () => {
    const tab = await marketplaceTab();
    const tabId = tab.id ?? -1;
    const answer = (await send(scan(productPage(TRUSTED_KEY)), fromContent(tab))) as ScanResult;
    expect(answer.config).toEqual({ language: 'vi', listingBadges: true });
    expect(Object.keys(answer.results)).toEqual([TRUSTED_KEY]);
    expect(answer.results[TRUSTED_KEY]?.status === 'found' && answer.results[TRUSTED_KEY].record.level).toBe(
      'trusted',
    );
    expect(await toolbarOf(tabId)).toEqual({
      text: BADGE_ICON.trusted,
      title: BADGE_WORDS.vi.trusted.title,
      color: rgba(BADGE_COLOR.trusted),
    });

    await saveSettings({ language: 'en' });
    await send(scan(productPage(DANGER_KEY)), fromContent(tab));
    expect(await toolbarOf(tabId)).toEqual({
      text: BADGE_ICON.danger,
      title: BADGE_WORDS.en.danger.title,
      color: rgba(BADGE_COLOR.danger),
    });

    const other = await marketplaceTab('https://shopee.vn/shop/123456789012345');
    await send(scan(productPage(ABSENT_KEY, 'shop')), fromContent(other));
    expect((await toolbarOf(other.id ?? -1)).text).toBe(BADGE_ICON.unknown);
    // Per tab: the first tab keeps its own.
    expect((await toolbarOf(tabId)).text).toBe(BADGE_ICON.danger);
  });

  it('clears the button on a page without a seller, and when the page goes', async () => {
    const tab = await marketplaceTab();
    const tabId = tab.id ?? -1;
    await send(scan(productPage(TRUSTED_KEY)), fromContent(tab));
    await send(scan(productPage(null, 'listing')), fromContent(tab));
    expect((await toolbarOf(tabId)).text).toBe('');
    await send(scan(productPage(TRUSTED_KEY)), fromContent(tab));
    await send(scan(null), fromContent(tab));
    expect((await toolbarOf(tabId)).text).toBe('');
    expect(bg.tabs.get(tabId)).toBeUndefined();
  });

  it('shows "unavailable" when the registry cannot be reached', async () => {
    await saveSettings({ registryUrl: await closedPortUrl() });
    const tab = await marketplaceTab();
    await send(scan(productPage(TRUSTED_KEY)), fromContent(tab));
    expect(await toolbarOf(tab.id ?? -1)).toEqual({
      text: BADGE_ICON.unavailable,
      title: BADGE_WORDS.vi.unavailable.title,
      color: rgba(BADGE_COLOR.unavailable),
    });
  });

  it('looks up the page seller and every card of a scan with one registry request, by hash prefix only', async () => {
    const cards = await keysWithDistinctPrefixes(20);
    const tab = await marketplaceTab();
    const keys = cards.map((c) => c.key);
    const answer = (await send(scan(productPage(TRUSTED_KEY), keys), fromContent(tab))) as ScanResult;
    expect(Object.keys(answer.results).sort()).toEqual([...keys, TRUSTED_KEY].sort());
    expect(answer.results[cards[0]?.key ?? '']?.status).toBe('absent');
    expect(recorder.requests).toHaveLength(1);
    const asked = `${recorder.requests[0]?.url} ${recorder.requests[0]?.body ?? ''}`;
    for (const key of [TRUSTED_KEY, ...keys]) expect(asked).not.toContain(key.split(':')[1]);
    // The same page again: the cache answers, the registry is not asked.
    await send(scan(productPage(TRUSTED_KEY), keys), fromContent(tab));
    expect(recorder.requests).toHaveLength(1);
  });

  it('does not look up the cards of a listing when the shopper turned listing badges off', async () => {
    await saveSettings({ listingBadges: false });
    const tab = await marketplaceTab('https://shopee.vn/search?keyword=tai+nghe');
    const answer = (await send(
      scan(productPage(null, 'listing'), [TRUSTED_KEY, DANGER_KEY]),
      fromContent(tab),
    )) as ScanResult;
    expect(answer).toEqual({ config: { language: 'vi', listingBadges: false }, results: {} });
    expect(recorder.requests).toHaveLength(0);
    expect(bg.tabs.get(tab.id ?? -1)?.page).toEqual(productPage(null, 'listing'));
  });

  it('answers the scan without waiting for the toolbar button', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    class SlowToolbar extends Toolbar {
      override async setTab(...args: Parameters<Toolbar['setTab']>): Promise<void> {
        await gate;
        await super.setTab(...args);
      }
    }
    const toolbar = new SlowToolbar();
    const tabs = new TabPages();
    const trust = {
      async lookup(keys: readonly string[]): Promise<Record<string, LookupResult>> {
        return Object.fromEntries(keys.map((k) => [k, { status: 'absent', fetchedAt: 1 } as const]));
      },
    };
    const listener = createRouter({ trust, tabs, toolbar });
    const tab = await marketplaceTab();
    const answer = (await listener(scan(productPage(ABSENT_KEY)), fromContent(tab))) as ScanResult;
    expect(answer.results[ABSENT_KEY]).toEqual({ status: 'absent', fetchedAt: 1 });
    // The popup's state is there at once; the button follows.
    expect(tabs.get(tab.id ?? -1)?.result).toEqual({ status: 'absent', fetchedAt: 1 });
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id ?? -1 })).toBe('');
    release();
    await gate;
    await expect
      .poll(() => fakeBrowser.action.getBadgeText({ tabId: tab.id ?? -1 }))
      .toBe(BADGE_ICON.unknown);
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
    const toolbar = new Toolbar();
    const listener = createRouter({ trust: slowTrust, tabs: new TabPages(), toolbar });
    const tab = await marketplaceTab();
    const first = listener(scan(productPage(TRUSTED_KEY)), fromContent(tab));
    await listener(scan(productPage(null, 'listing')), fromContent(tab));
    release();
    await first;
    await toolbar.settled();
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id ?? -1 })).toBe('');
  });
});

describe('extension pages', () => {
  it('gives the popup the tab page and seller, until the tab closes or leaves', async () => {
    const tab = await marketplaceTab();
    const tabId = tab.id ?? -1;
    const popup = fromPage('/popup.html');
    await send(scan(productPage(TRUSTED_KEY)), fromContent(tab));
    const state = (await send({ type: 'page:tab-state', data: { tabId } }, popup)) as TabState;
    expect(state.page).toEqual(productPage(TRUSTED_KEY));
    expect(state.result?.status === 'found' && state.result.record.sellerId).toBe('672907573');

    await fakeBrowser.tabs.update(tabId, { url: 'https://example.com/' });
    expect(await send({ type: 'page:tab-state', data: { tabId } }, popup)).toEqual({
      page: null,
      result: null,
    });

    const again = await marketplaceTab();
    await send(scan(productPage(TRUSTED_KEY)), fromContent(again));
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

  it('snoozes the seller, not the key: a shop page slug and a listing card number are one seller (issue 11)', async () => {
    // The same demo shop as a shop page names it (its slug) and as listing cards do (its number).
    const SLUG_KEY = 'shopee:@myphamxachtay247_demo';
    const NUMBER_KEY = 'shopee:9900000008';
    const panel = fromPage('/panel.html');
    const bySlug = (await send({ type: 'page:record', data: { key: SLUG_KEY } }, panel)) as LookupResult;
    if (bySlug.status !== 'found') throw new Error('expected the slug to resolve');
    expect(bySlug.record.sellerId).toBe('9900000008');

    await send(
      { type: 'page:snooze', data: { key: SLUG_KEY, snoozed: true, name: 'Tên trên trang' } },
      panel,
    );
    const settings = await loadSettings();
    // Kept under the record's own key, with the registry's name for options (not a technical key).
    expect(settings.snoozed).toEqual({ [NUMBER_KEY]: bySlug.record.updatedAt });
    expect(settings.snoozedNames).toEqual({ [NUMBER_KEY]: 'Mỹ Phẩm Xách Tay Hàn Quốc 247' });
    for (const key of [SLUG_KEY, NUMBER_KEY]) {
      const result = (await send({ type: 'page:record', data: { key } }, panel)) as LookupResult;
      expect(result.status === 'found' && result.snoozed, key).toBe(true);
    }
    // Woken from either key, it is woken everywhere.
    await send({ type: 'page:snooze', data: { key: SLUG_KEY, snoozed: false } }, panel);
    expect(await loadSettings()).toMatchObject({ snoozed: {}, snoozedNames: {} });
    const awake = (await send({ type: 'page:record', data: { key: NUMBER_KEY } }, panel)) as LookupResult;
    expect(awake.status === 'found' && awake.snoozed).toBe(false);
  });

  it('keeps both of two snoozes sent at once', async () => {
    const panel = fromPage('/panel.html');
    await Promise.all([
      send({ type: 'page:snooze', data: { key: TRUSTED_KEY, snoozed: true } }, panel),
      send({ type: 'page:snooze', data: { key: DANGER_KEY, snoozed: true } }, panel),
    ]);
    expect(Object.keys((await loadSettings()).snoozed).sort()).toEqual([DANGER_KEY, TRUSTED_KEY].sort());
  });

  it('hands the content script its configuration with every scan', async () => {
    await saveSettings({ language: 'en', listingBadges: false });
    const tab = await marketplaceTab();
    expect(((await send(scan(productPage(TRUSTED_KEY)), fromContent(tab))) as ScanResult).config).toEqual({
      language: 'en',
      listingBadges: false,
    });
  });
});
