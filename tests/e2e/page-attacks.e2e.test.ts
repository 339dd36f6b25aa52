// Page scripts against the extension (issue 9), in Chromium with the built extension: a
// marketplace page's own script must not start complaints, open or drive our panel, nor snooze a
// seller by framing our panel and steering a click into it. Real clicks of a person still work.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type E2E, type FixtureServer, ownFixture, realFixture, startE2E } from './harness';
import { seen } from './seen';

let e2e: E2E;
let pages: FixtureServer;
let browser: Browser;

const ORDER = 'http://shopee.vn/user/purchase/order/118651414207583';
const PRODUCT = 'http://shopee.vn/Nobistar-Sample-Product-i.672907573.19445913336';
const TRAP = 'http://shopee.vn/khuyen-mai/qua-tang';
const KEY = 'shopee:672907573'; // demo data: a record, so the panel would offer "snooze"

/**
 * The page's own script, in the page's world, from the first byte on: it patches attachShadow
 * to steal or reopen any shadow root made after it, then keeps trying every way a script has to
 * press our buttons, and writes down whatever it reached.
 */
const ATTACKER = `<script>
window.__attack = { tries: 0, reached: [], stolen: 0 };
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, { ...init, mode: 'open' });
  window.__attack.stolen++;
  return root;
};
setInterval(() => {
  for (const host of document.querySelectorAll('antam-badge, antam-complain, antam-panel')) {
    window.__attack.tries++;
    const root = host.shadowRoot;
    if (root) {
      window.__attack.reached.push(host.localName);
      for (const b of root.querySelectorAll('button')) b.click();
    }
    host.click();
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    for (const key of ['Enter', ' ']) {
      host.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      host.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
    }
  }
}, 100);
</script>`;

interface AttackLog {
  tries: number;
  reached: string[];
  stolen: number;
}

beforeAll(async () => {
  e2e = await startE2E(inject('extensionDir'), inject('proxyPort'));
  ({ pages, browser } = e2e);
  pages.set(ORDER, {
    html: ownFixture('shopee-order.html').replace(/<head>/i, `<head>${ATTACKER}`),
    scripts: true,
  });
  pages.set(PRODUCT, { html: realFixture('shopee/shpsg-shopee-sg-product_detail_sample.html') });
});

afterAll(async () => {
  await e2e?.close();
});

/** Drafts in the extension's database (what a started complaint or report writes first). */
async function draftCount(): Promise<number> {
  return browser.worker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('antam');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('drafts').objectStore('drafts').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

async function snoozed(): Promise<Record<string, string>> {
  return browser.worker.evaluate(
    async () => (await chrome.storage.local.get('settings')).settings?.snoozed ?? {},
  );
}

function panelFrames(page: Page): Frame[] {
  return page.frames().filter((f) => f.url().includes('/panel.html'));
}

describe('a page script against the badge and the order button', () => {
  it('cannot reach them, nor start anything with clicks or keys of its own; a person can', async () => {
    const drafts = await draftCount();
    const page = await browser.context.newPage();
    await page.goto(ORDER);
    await expect.poll(() => page.locator('antam-complain').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('antam-badge').count()).toBe(1);
    // The shopper sees both, with their words, in closed shadow roots.
    const [badge] = await seen(page, 'antam-badge');
    const [complain] = await seen(page, 'antam-complain');
    expect(badge?.shadowRootType).toBe('closed');
    expect(complain?.shadowRootType).toBe('closed');
    expect(complain?.text).toContain('Khiếu nại');

    // From the page's own world: no shadow root to reach into, not even through its patched attachShadow.
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll('antam-badge, antam-complain')].map((h) => h.shadowRoot),
      ),
    ).toEqual([null, null]);
    // Let the page's script try for a while: every 100 ms, every way it has.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __attack: AttackLog }).__attack.tries), {
        timeout: 10_000,
      })
      .toBeGreaterThan(20);
    await page.waitForTimeout(1000);
    const log = await page.evaluate(() => (window as unknown as { __attack: AttackLog }).__attack);
    expect(log.reached).toEqual([]);
    expect(log.stolen).toBe(0);
    // Nothing happened: no panel, no complaint tab, no draft.
    expect(await page.locator('antam-panel').count()).toBe(0);
    expect(panelFrames(page)).toEqual([]);
    expect(browser.context.pages().filter((p) => p.url().includes('complaint.html'))).toEqual([]);
    expect(await draftCount()).toBe(drafts);

    // A person's click on the badge opens the panel, one made by our content script (it carries a token).
    await page.locator('antam-badge').click();
    await expect.poll(() => panelFrames(page).length, { timeout: 10_000 }).toBe(1);
    expect(panelFrames(page)[0]?.url()).toMatch(/#key=shopee%3A88201679&t=[A-Za-z0-9_-]{22}$/);
    expect((await seen(page, 'antam-panel'))[0]?.shadowRootType).toBe('closed');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('antam-panel').count()).toBe(0);

    // A person's click on "Khiếu nại" opens the complaint form on a new draft.
    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await page.locator('antam-complain').click();
    const form = await opened;
    await form.waitForURL(/\/complaint\.html#draft=/, { timeout: 15_000 });
    expect(await draftCount()).toBe(drafts + 1);
    await form.close();
    await page.close();
  });
});

describe('a page that frames our panel itself (clickjacking)', () => {
  it('gets a read-only panel: a real click into it snoozes nothing, and the badge still shows', async () => {
    const panelUrl = `chrome-extension://${browser.extensionId}/panel.html#key=${encodeURIComponent(KEY)}`;
    // Nearly transparent frames over a "claim your gift" button: one without a token, one with a forged one.
    pages.set(TRAP, {
      html: `<!doctype html><html><head><meta charset="utf-8"><title>Quà tặng</title></head><body>
        <button style="position:absolute;top:40px;left:20px;width:380px;height:400px">Nhận quà</button>
        <iframe id="plain" src="${panelUrl}&product=1" style="position:absolute;top:0;left:0;width:400px;height:560px;opacity:.01;border:0"></iframe>
        <iframe id="forged" src="${panelUrl}&t=AAAAAAAAAAAAAAAAAAAAAA" style="position:absolute;top:0;left:420px;width:400px;height:560px;opacity:.01;border:0"></iframe>
        </body></html>`,
    });
    const drafts = await draftCount();
    const page = await browser.context.newPage();
    await page.goto(TRAP);
    await expect.poll(() => panelFrames(page).length, { timeout: 10_000 }).toBe(2);
    for (const frame of panelFrames(page)) {
      // The record is there to read, with a note saying why there is nothing to press.
      await expect.poll(() => frame.locator('h1').innerText(), { timeout: 10_000 }).toMatch(/nobistar/i);
      const note = frame.getByRole('note').filter({ hasText: 'Chỉ xem' });
      await note.waitFor({ timeout: 10_000 });
      expect(await note.innerText()).toContain('Chỉ xem');
      expect(await frame.getByRole('checkbox').count()).toBe(0);
      expect(await frame.getByRole('button', { name: 'Báo hàng giả nghi vấn' }).count()).toBe(0);
      // The steered click: a real mouse click where the snooze control sits in a working panel.
      await frame.locator('body').click({ position: { x: 190, y: 200 } });
      await note.click();
    }
    await page.waitForTimeout(500);
    expect(await snoozed()).toEqual({});
    expect(await draftCount()).toBe(drafts);
    await page.close();

    // The shopper still sees the seller's badge.
    const product = await browser.context.newPage();
    await product.goto(PRODUCT);
    const badge = product.locator('antam-badge');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('trusted');
    await product.reload();
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('trusted');
    expect(await badge.isVisible()).toBe(true);
    await product.close();
  });

  it('a decoy laid over our own panel disables its controls: a click through it snoozes nothing', async () => {
    const page = await browser.context.newPage();
    await page.goto(PRODUCT);
    const badge = page.locator('antam-badge');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('trusted');
    // The page's script: once our panel is in the page, a "gift" banner above it that lets clicks
    // through (pointer-events: none), so the shopper's click on "Nhận quà" lands on our panel.
    await page.evaluate(() => {
      const watch = new MutationObserver(() => {
        if (!document.querySelector('antam-panel') || document.getElementById('decoy')) return;
        const decoy = document.createElement('div');
        decoy.id = 'decoy';
        decoy.textContent = 'Nhận quà';
        decoy.style.cssText =
          'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:rgba(255,255,255,.97);font-size:40px';
        document.documentElement.append(decoy);
        watch.disconnect();
      });
      watch.observe(document.documentElement, { childList: true });
    });
    await badge.click();
    await expect.poll(() => panelFrames(page).length, { timeout: 10_000 }).toBe(1);
    const frame = panelFrames(page)[0] as Frame;
    const toggle = frame.getByRole('checkbox');
    await toggle.waitFor({ timeout: 10_000 });
    expect(await page.locator('#decoy').count()).toBe(1);
    await expect.poll(() => toggle.isDisabled(), { timeout: 5_000 }).toBe(true);
    // The steered click: a real mouse click at the control, through the decoy.
    await toggle.click({ force: true });
    await page.waitForTimeout(300);
    expect(await snoozed()).toEqual({});
    // The decoy gone, the control is the shopper's again.
    await page.evaluate(() => document.getElementById('decoy')?.remove());
    await expect.poll(() => toggle.isDisabled(), { timeout: 5_000 }).toBe(false);
    await page.close();
  });

  it("our own panel, opened by a person's click on the badge, still snoozes (and the badge then steps aside)", async () => {
    const page = await browser.context.newPage();
    await page.goto(PRODUCT);
    const badge = page.locator('antam-badge');
    await expect.poll(() => badge.getAttribute('data-level'), { timeout: 15_000 }).toBe('trusted');
    await badge.click();
    await expect.poll(() => panelFrames(page).length, { timeout: 10_000 }).toBe(1);
    const frame = panelFrames(page)[0] as Frame;
    const toggle = frame.getByRole('checkbox');
    await expect.poll(() => frame.locator('body').innerText(), { timeout: 10_000 }).toMatch(/nobistar/i);
    await toggle.waitFor({ timeout: 10_000 });
    expect(await frame.getByRole('note').filter({ hasText: 'Chỉ xem' }).count()).toBe(0);
    await toggle.click();
    await expect.poll(() => snoozed().then(Object.keys)).toEqual([KEY]);
    await page.reload();
    await expect.poll(() => page.locator('antam-badge').count(), { timeout: 15_000 }).toBe(1);
    // Snoozed: the badge is there but hidden, and now really out of sight.
    await expect.poll(() => badge.isVisible(), { timeout: 10_000 }).toBe(false);
    await page.close();
  });
});
