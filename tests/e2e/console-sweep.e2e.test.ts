// Every screen of the registry's console, for every role, reached by keyboard alone from the role's
// menu: focus lands on the screen's heading, the screen loads without an error, and axe-core finds
// no serious or critical violation, in Vietnamese and in English. The sweep reads the menu the
// person sees, so a screen added later is swept without touching this file. A role typing another
// role's address gets "no such page", and the console asks the registry nothing for it.
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import type { RunningRegistry } from '../../server/serve';
import { seriousViolations } from './axe';
import { CHROMIUM, startDemoRegistry } from './harness';

let registry: RunningRegistry;
let browser: Awaited<ReturnType<typeof chromium.launch>>;

async function newKey(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${registry.url}/v1/admin/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_ADMIN_KEY}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`create key: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

/** Presses Tab until the element matching `selector` has focus (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${registry.url}/console/`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('key');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('button', { name: /^(Đăng xuất|Sign out)$/ }).count()).toBe(1);
}

/** The screen has finished loading: no "loading" line left. */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('main').innerText(), { timeout: 10_000 })
    .not.toMatch(/Đang tải…|Loading…/);
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

beforeAll(async () => {
  registry = await startDemoRegistry();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  await registry?.close();
});

const ROLES = [
  { role: 'admin', key: async () => DEMO_ADMIN_KEY },
  { role: 'moderator', key: () => newKey({ role: 'moderator', label: 'Kiểm duyệt viên e2e' }) },
  { role: 'platform', key: () => newKey({ role: 'platform', label: 'Shopee Việt Nam', platform: 'shopee' }) },
  {
    role: 'seller',
    key: () =>
      newKey({
        role: 'seller',
        label: 'Giày Sneaker Giá Xưởng',
        sellers: ['shopee:9900000007', 'shopee:9900000008'],
      }),
  },
] as const;

describe('every console screen, by keyboard, for every role', () => {
  for (const { role, key } of ROLES) {
    it(`${role}: each menu entry is reached by keyboard, focuses its heading and passes axe-core`, async () => {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      await signIn(page, await key());
      await settled(page);
      expect(await seriousViolations(page), `${role} home`).toEqual([]);

      const links = await page
        .locator('nav.menu a')
        .evaluateAll((as) =>
          as.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })),
        );
      const screens = links.length > 0 ? links : [{ href: '', text: '' }];
      for (const link of screens) {
        if (link.href) {
          await tabTo(page, `nav.menu a[href="${link.href}"]`);
          await page.keyboard.press('Enter');
          await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(link.href);
          // Focus moved to the new screen's heading, which says where the person is.
          await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
          expect(await page.locator('nav.menu a[aria-current="page"]').innerText()).toBe(link.text);
        }
        await settled(page);
        const heading = await page.locator('main h1').first().innerText();
        expect(heading, link.href).not.toBe('');
        expect(heading, link.href).not.toBe('Không có trang này');
        expect(
          await page.locator('main .error').count(),
          `${link.href}: ${await page.locator('main').innerText()}`,
        ).toBe(0);
        expect(await seriousViolations(page), `${role} ${link.href}`).toEqual([]);
      }

      // The same screens in English.
      await tabTo(page, 'header button[lang="en"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      for (const link of screens) {
        if (link.href)
          await page.evaluate((h) => {
            window.location.hash = h;
          }, link.href);
        await settled(page);
        expect(await seriousViolations(page), `${role} ${link.href} (en)`).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it("a seller typing an admin's address sees no such page, and nothing is asked of the registry", async () => {
    const page = await browser.newPage();
    await signIn(
      page,
      await newKey({ role: 'seller', label: 'Gian hàng e2e', sellers: ['shopee:9900000007'] }),
    );
    await settled(page);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.evaluate(() => {
      window.location.hash = '#/keys';
    });
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Không có trang này');
    expect(asked.filter((p) => p.startsWith('/v1/'))).toEqual([]);
    expect(await page.locator('main').innerText()).not.toContain('antam_');
    await page.close();
  });
});
