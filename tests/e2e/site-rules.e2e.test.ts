// Signed site rules end to end (issue 12), in Chromium with the built extension: the registry
// publishes a set signed with the (demo) key the extension was built with; the refresh is the
// background's own alarm, fired as Chromium fires it (an extension page brings the alarm forward
// with chrome.alarms.create, as a real alarm coming due would), with no rebuild and no restart.
// A module switched off stops badging; a selector
// override fixes a page whose markup changed; a set with a bad signature, or an older version, is
// ignored and the badges keep behaving by the last good set; a newer good set is applied again.
// A page already open follows new rules at its next load or navigation.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_SITE_RULES_PRIVATE_KEY } from '../../server/demo/site-rules-key';
import { publishSiteRules, signSiteRules, siteRulesPayload } from '../../server/site-rules/store';
import { seriousViolations } from './axe';
import { type Browser, type E2E, ownFixture, type RegistryProxy, realFixture, startE2E } from './harness';
import { seenText } from './seen';

const SHOPEE = 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336';
/** The redesigned Tiki product page: its seller only in a merchant card's data attribute. */
const TIKI_CHANGED = 'http://tiki.vn/sua-bot-nhap-khau-ngoc-chau-800g-p275010.html';

const MERCHANT_CARD = {
  from: 'css',
  use: 'override',
  selector: '[data-merchant-ref]',
  attribute: 'data-merchant-ref',
  pattern: '^merchant:(?<id>\\d{1,20})$',
  name: '.merchant-card__title',
  anchor: '.merchant-card__title',
};

function rules(version: number, shopeeOn: boolean, tikiFix: boolean) {
  return {
    version,
    issuedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    marketplaces: {
      shopee: { enabled: shopeeOn },
      ...(tikiFix ? { tiki: { pages: { product: { sellers: [MERCHANT_CARD] } } } } : {}),
    },
  };
}

let e2e: E2E;
let proxy: RegistryProxy;
let browser: Browser;
let options: Page;

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ proxy, browser } = e2e);
  e2e.pages.set(SHOPEE, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
  e2e.pages.set(TIKI_CHANGED, { html: ownFixture('tiki-product-changed.html') });
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('[data-view="site-rules"]').waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await e2e?.close();
});

/** Publishes as `npm run site-rules:publish` does: validated, signed, stored. */
async function publish(document: ReturnType<typeof rules>): Promise<void> {
  const { payload, rules: parsed } = siteRulesPayload(document);
  const signed = await signSiteRules(payload, DEMO_SITE_RULES_PRIVATE_KEY);
  await publishSiteRules(e2e.registry.database.db, signed, parsed, new Date());
}

/** What a tampered registry (or something between) serves: a row written behind the CLI's back. */
async function serveRaw(version: number, payload: string, signature: string, keyId: string): Promise<void> {
  await e2e.registry.database.db
    .insertInto('site_rules')
    .values({
      version,
      payload,
      signature,
      key_id: keyId,
      issued_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      published_at: new Date().toISOString(),
    })
    .execute();
}

/** The background's stored set: its version and when the registry was last asked. */
async function storedRules(): Promise<{ version: number | null; checkedAt: number | null }> {
  return browser.worker.evaluate(async () => {
    const got = (await chrome.storage.local.get('siteRules')) as unknown as {
      siteRules?: { version: number; checkedAt: number };
    };
    return { version: got.siteRules?.version ?? null, checkedAt: got.siteRules?.checkedAt ?? null };
  });
}

const ruleFetches = () => proxy.requests.filter((r) => r.url === '/v1/site-rules').length;

/**
 * The refresh alarm, come due now; resolves once the background fetched and handled the answer
 * (the stored set says when the registry was last asked).
 */
async function refreshNow(): Promise<void> {
  const before = await storedRules();
  const fetched = ruleFetches();
  await options.evaluate(() => {
    const { chrome: c } = globalThis as unknown as {
      chrome: { alarms: { create(name: string, info: { when: number }): Promise<void> } };
    };
    return c.alarms.create('antam-site-rules', { when: Date.now() });
  });
  await expect.poll(ruleFetches, { timeout: 30_000 }).toBeGreaterThan(fetched);
  await expect
    .poll(async () => {
      const now = await storedRules();
      return now.checkedAt !== null && now.checkedAt !== before.checkedAt;
    })
    .toBe(true);
}

async function levelsOn(url: string): Promise<{ page: Page; levels: () => Promise<(string | null)[]> }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  const badge = page.locator('antam-badge[data-antam="badge"]');
  return {
    page,
    levels: () => badge.evaluateAll((els) => els.map((e) => e.getAttribute('data-level'))),
  };
}

/** The page the background holds for the tab showing `url`, as the popup asks for it. */
async function tabPage(url: string): Promise<{ kind: string } | null> {
  const [tab] = await browser.worker.evaluate((u) => chrome.tabs.query({ url: u }), url);
  if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
  const state = await options.evaluate((tabId) => {
    const { chrome: c } = globalThis as unknown as {
      chrome: { runtime: { sendMessage(m: unknown): Promise<{ page: { kind: string } | null }> } };
    };
    return c.runtime.sendMessage({ type: 'page:tab-state', data: { tabId } });
  }, tab.id);
  return state.page;
}

async function siteRulesLine(): Promise<string> {
  await options.reload();
  const line = options.locator('[data-view="site-rules"] p').first();
  await line.waitFor();
  return (await line.textContent()) ?? '';
}

describe('signed site rules', () => {
  let shopeeOpen: Page;

  it('before any set: the built-in readers (a badge on Shopee, none on the redesigned Tiki page)', async () => {
    expect(await siteRulesLine()).toBe('Quy tắc trang: có sẵn trong tiện ích (chưa nhận bản cập nhật nào)');
    const shopee = await levelsOn(SHOPEE);
    shopeeOpen = shopee.page;
    await expect.poll(shopee.levels, { timeout: 15_000 }).toEqual(['trusted']);
    const tiki = await levelsOn(TIKI_CHANGED);
    // The Tiki page is read (its product is recognised) but names no seller: no badge to wait for.
    await tiki.page.waitForTimeout(1500);
    expect(await tiki.levels()).toEqual([]);
    await tiki.page.close();
  });

  it('a set published on the registry applies within one refresh, without a rebuild', async () => {
    await publish(rules(5, false, true));
    await refreshNow();
    expect((await storedRules()).version).toBe(5);

    // The selector override fixes the redesigned page: the seller's badge beside its name.
    const tiki = await levelsOn(TIKI_CHANGED);
    await expect.poll(tiki.levels, { timeout: 15_000 }).toEqual(['danger']);
    expect(await tiki.page.locator('.merchant-card__title + antam-badge[data-antam="badge"]').count()).toBe(
      1,
    );
    await tiki.page.close();

    // Shopee switched off. The tab showing Shopee was reported with its seller; reloaded, its
    // content script reports no page of ours (the background forgets the tab's seller), and no badge.
    expect((await tabPage(SHOPEE))?.kind).toBe('product');
    await shopeeOpen.reload();
    await expect.poll(() => tabPage(SHOPEE), { timeout: 15_000 }).toBeNull();
    expect(await shopeeOpen.locator('antam-badge').count()).toBe(0);

    const line = await siteRulesLine();
    expect(line).toMatch(/^Quy tắc trang: phiên bản 5, cập nhật lúc \d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    expect(await seriousViolations(options)).toEqual([]);
  });

  it('a set with a bad signature is ignored: the badges keep behaving by the last good set', async () => {
    // Version 6 would turn Shopee back on and drop the Tiki fix; its payload carries version 5's signature.
    const good = siteRulesPayload(rules(5, false, true));
    const five = await signSiteRules(good.payload, DEMO_SITE_RULES_PRIVATE_KEY);
    const six = siteRulesPayload(rules(6, true, false)).payload;
    await serveRaw(6, six, five.signature, five.keyId);
    await refreshNow();
    expect((await storedRules()).version).toBe(5);
    const tiki = await levelsOn(TIKI_CHANGED);
    await expect.poll(tiki.levels, { timeout: 15_000 }).toEqual(['danger']);
    await tiki.page.close();
  });

  it('an older version is ignored (no rollback), even when genuinely signed', async () => {
    const four = siteRulesPayload(rules(4, true, false)).payload;
    const signed = await signSiteRules(four, DEMO_SITE_RULES_PRIVATE_KEY);
    await serveRaw(4, signed.payload, signed.signature, signed.keyId);
    await refreshNow();
    expect((await storedRules()).version).toBe(5);
    const tiki = await levelsOn(TIKI_CHANGED);
    await expect.poll(tiki.levels, { timeout: 15_000 }).toEqual(['danger']);
    await tiki.page.close();
    expect(await siteRulesLine()).toMatch(/^Quy tắc trang: phiên bản 5,/);
  });

  it('a newer good set turns Shopee back on', async () => {
    await publish(rules(7, true, true));
    await refreshNow();
    const shopee = await levelsOn(SHOPEE);
    await expect.poll(shopee.levels, { timeout: 15_000 }).toEqual(['trusted']);
    await shopee.page.close();
    // Only the rules' own request: nothing about the pages went with it.
    const asked = proxy.requests.filter((r) => r.url === '/v1/site-rules');
    expect(asked.every((r) => r.method === 'GET' && r.body === '')).toBe(true);
  });

  it('a URL pattern teaches it a new kind of address: the background runs the content script there', async () => {
    // An address form the built-in grammar (and so the page's tiny loader) does not know.
    const NEW_FORM = 'http://shopee.vn/sp/672907573/19445913336';
    e2e.pages.set(NEW_FORM, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
    const before = await levelsOn(NEW_FORM);
    await before.page.waitForTimeout(1500);
    expect(await before.levels()).toEqual([]);
    await before.page.close();

    const withUrl = rules(8, true, true);
    const shopee = {
      enabled: true,
      pages: {
        product: {
          urls: [{ use: 'extend', pattern: '^/sp/(?<sellerId>\\d{1,20})/(?<productId>\\d{1,20})$' }],
          sellers: [{ from: 'url', use: 'extend', pattern: '^/sp/(?<id>\\d{1,20})/' }],
        },
      },
    };
    await publish({ ...withUrl, marketplaces: { ...withUrl.marketplaces, shopee } } as ReturnType<
      typeof rules
    >);
    await refreshNow();
    const after = await levelsOn(NEW_FORM);
    await expect.poll(after.levels, { timeout: 15_000 }).toEqual(['trusted']);
    expect(await seenText(after.page, 'antam-badge')).toContain('Đáng tin cậy');
    await after.page.close();
  });
});
