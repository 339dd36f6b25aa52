// The registry's web console in Chromium, against the running demo registry: the marketplace
// verifies a complaint's order, then the seller answers it before its deadline, each signed in
// with its own API key, by what a person sees and clicks (and by keyboard for signing in).
import { randomUUID } from 'node:crypto';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintView, SubmittedComplaint } from '../../lib/registry/cases';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import type { RunningRegistry } from '../../server/serve';
import { seriousViolations } from './axe';
import { CHROMIUM, startDemoRegistry } from './harness';

const SHOP = 'shopee:88201679';
let registry: RunningRegistry;
let browser: Awaited<ReturnType<typeof chromium.launch>>;

async function api<T>(path: string, key: string | null, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${registry.url}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function newKey(body: Record<string, unknown>): Promise<string> {
  return (
    await api<{ key: string }>('/v1/admin/keys', DEMO_ADMIN_KEY, {
      method: 'POST',
      body: JSON.stringify(body),
    })
  ).key;
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${registry.url}/console/`);
  // By keyboard: the key field has focus, Enter submits.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('key');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
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

describe('the web console', () => {
  it('lets the marketplace verify an order and the seller answer before the deadline', async () => {
    const filed = SubmittedComplaint.parse(
      await api('/v1/complaints', null, {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          seller: SHOP,
          order: { orderCode: '2411CONSOLE01', orderDate: '2026-11-20', total: 298000, currency: 'VND' },
          category: 'not_as_described',
          desiredOutcome: 'refund',
          description: 'Áo giao sai màu so với ảnh.',
          consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
          installKey: 'console-e2e-install-key',
        }),
      }),
    );
    const platformKey = await newKey({ role: 'platform', label: 'Shopee Việt Nam', platform: 'shopee' });
    const sellerKey = await newKey({ role: 'seller', label: 'Cửa hàng 88201679', sellers: [SHOP] });

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // The one refused sign-in below is logged by Chromium itself as a failed 401 request.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
    });

    // A wrong key is refused in words, and focus goes back to the field.
    await signIn(page, 'antam_platform_not-a-real-key');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Khóa API không hợp lệ');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Khóa API').fill('');

    // The marketplace.
    await page.getByLabel('Khóa API').fill(platformKey);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect
      .poll(() => page.locator('[data-role]').textContent())
      .toContain('Sàn thương mại điện tử: Shopee Việt Nam');
    const row = page.locator(`tr[data-case="${filed.trackingCode}"]`);
    await expect.poll(() => row.textContent()).toContain('2411CONSOLE01');
    expect(await row.textContent()).toContain('298.000 ₫');
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('button', { name: `Đơn hàng có thật ${filed.trackingCode}` }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Đã ghi nhận xác minh cho 1 khiếu nại');
    await expect.poll(() => row.count()).toBe(0);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The seller: the case, its deadline counting down, and an answer.
    await signIn(page, sellerKey);
    const card = page.locator(`li[data-case="${filed.trackingCode}"]`);
    await expect.poll(() => card.textContent()).toContain('Áo giao sai màu so với ảnh.');
    expect(await card.locator('[data-deadline="open"]').textContent()).toMatch(
      /^Hạn trả lời: còn 6 ngày \d+ giờ$/,
    );
    expect(await card.textContent()).toContain('Đơn hàng đã được xác minh');
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByLabel('Cách giải quyết').selectOption('refund');
    await card.getByLabel('Nội dung trả lời').fill('Shop xin lỗi, shop hoàn 298.000đ trong 24 giờ.');
    await card.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain(`Đã gửi trả lời cho ${filed.trackingCode}`);
    await expect.poll(() => card.textContent()).toContain('Đã trả lời');

    // The registry holds both, as the shopper will see them.
    const view = ComplaintView.parse(await api(`/v1/complaints/${filed.trackingCode}`, filed.token));
    expect(view.verification).toMatchObject({ state: 'order_verified', by: 'platform' });
    expect(view.status).toBe('responded');
    expect(view.response).toEqual({
      kind: 'refund',
      message: 'Shop xin lỗi, shop hoàn 298.000đ trong 24 giờ.',
    });

    // English is one click away, and the key never left the tab's session storage.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Complaints about your shops');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets an admin create a key (shown once, working at once) and revoke it', async () => {
    const page = await browser.newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, DEMO_ADMIN_KEY);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Khóa API');
    await page.getByLabel('Vai trò').selectOption('platform');
    await page.getByLabel('Tên gợi nhớ').fill('Sàn Tiki (thử)');
    await page.getByLabel('Sàn', { exact: true }).selectOption('tiki');
    await page.getByRole('button', { name: 'Tạo khóa API' }).click();
    const shown = page.locator('[data-created-key] code');
    await expect.poll(() => shown.count()).toBe(1);
    const key = (await shown.textContent()) ?? '';
    expect(key).toMatch(/^antam_platform_/);
    expect(await api('/v1/whoami', key)).toMatchObject({
      role: 'platform',
      platform: 'tiki',
      label: 'Sàn Tiki (thử)',
    });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Thu hồi Sàn Tiki (thử)' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Đã thu hồi khóa "Sàn Tiki (thử)"');
    const refused = await fetch(`${registry.url}/v1/whoami`, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);
    await page.close();
  });
});
