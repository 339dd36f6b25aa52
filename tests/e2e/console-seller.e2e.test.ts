// The seller's and the marketplace's screens of the console in Chromium, against a running
// registry: seller A adds a webhook by keyboard alone (its secret shown once), sends a test event
// to a local receiver and sees it delivered; A opens a case with its evidence image and answers
// it; seller B types A's case and webhook addresses and sees "not found" with nothing of A's on
// the page; the marketplace reads its statistics. axe-core on every screen.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintView, SubmittedComplaint } from '../../lib/registry/cases';
import { MarketplaceStatsSchema } from '../../lib/registry/stats';
import { parseServerEnv } from '../../server/config';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import { type RunningRegistry, startRegistry } from '../../server/serve';
import { verifySignature } from '../../server/webhooks/signature';
import { seriousViolations } from './axe';
import { CHROMIUM } from './harness';

const SHOP_A = 'shopee:88201679';
const SHOP_B = 'lazada:6548';
const DESCRIPTION_A = 'Nồi chiên giao thiếu giỏ chiên — chỉ cửa hàng A được đọc.';
const ORDER_A = '2411SELLERA01';
/** A 1×1 PNG: an image the page can actually draw. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

let registry: RunningRegistry;
let browser: Awaited<ReturnType<typeof chromium.launch>>;

/** The local webhook receiver: records each request, answers 200. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
let receiver: Server;
let receiverUrl = '';

async function api<T>(path: string, key: string | null, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${registry.url}${path}`, {
    ...init,
    headers: {
      ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
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

async function fileComplaint(seller: string, description: string, orderCode: string) {
  const filed = SubmittedComplaint.parse(
    await api('/v1/complaints', null, {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        seller,
        order: { orderCode, orderDate: '2026-11-20', total: 1290000, currency: 'VND' },
        category: 'not_as_described',
        desiredOutcome: 'exchange',
        description,
        consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
        installKey: 'console-seller-e2e-install',
      }),
    }),
  );
  await api(`/v1/complaints/${filed.trackingCode}/evidence`, filed.token ?? '', {
    method: 'POST',
    body: new Uint8Array(PNG),
    headers: {
      'content-type': 'image/png',
      'x-evidence-sha256': createHash('sha256').update(PNG).digest('hex'),
      'x-evidence-captured-at': '2026-11-21T09:30:00+07:00',
      'x-evidence-source': 'photo',
      'x-evidence-name': 'noi-chien.png',
    },
  });
  return filed;
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${registry.url}/console/`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('key');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('[data-role]').count()).toBe(1);
}

/** Presses Tab until the focused element's text (or its name, for fields) contains `text`. */
async function tabTo(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      return `${el.textContent ?? ''} ${label ?? ''}`;
    });
    if (focused.includes(text)) return;
  }
  throw new Error(`no focusable element with "${text}" by Tab`);
}

const h1 = (page: Page) => page.locator('h1').first().textContent();
const focusedHeading = (page: Page) =>
  page.evaluate(() => (document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null));

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/antam`;
  registry = await startRegistry(
    parseServerEnv({
      PORT: '0',
      DEMO_DATA: '1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'antam-e2e-seller-')),
      RATE_LIMIT_REQUESTS: '0',
      // The receiver runs on this machine: the allow-list for private addresses is opened, as
      // tests/server/webhooks.test.ts does; production keeps it closed.
      WEBHOOK_ALLOW_PRIVATE: '1',
      WEBHOOK_DISPATCH_INTERVAL_SECONDS: '0.2',
    }),
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
});
afterAll(async () => {
  await browser?.close();
  await registry?.close();
  await new Promise<void>((ok) => (receiver ? receiver.close(() => ok()) : ok()));
});

describe("the seller's console", () => {
  let keyA: string;
  let keyB: string;
  let caseA: { trackingCode: string; token: string | null };
  let hookA = '';

  beforeAll(async () => {
    keyA = await newKey({ role: 'seller', label: 'Cửa hàng A', sellers: [SHOP_A] });
    keyB = await newKey({ role: 'seller', label: 'Cửa hàng B', sellers: [SHOP_B] });
    caseA = await fileComplaint(SHOP_A, DESCRIPTION_A, ORDER_A);
  });

  it('adds a webhook by keyboard alone: the secret shown once, a test event delivered and signed', async () => {
    const page = await browser.newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, keyA);
    await tabTo(page, 'Webhook');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedHeading(page)).toBe('Webhook');
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, 'Địa chỉ nhận');
    await page.keyboard.type(receiverUrl);
    await page.keyboard.press('Enter');
    const shown = page.locator('[data-secret]');
    await expect.poll(() => shown.textContent()).toContain('chỉ hiện một lần');
    const secret = (await shown.locator('code').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    expect(await page.getByRole('status').textContent()).toContain(`Đã thêm webhook ${receiverUrl}`);
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, 'Gửi sự kiện thử');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain(`Sự kiện thử đã được gửi đến ${receiverUrl}`);
    const test = received.find((r) => r.headers['x-antam-event'] === 'webhook.test');
    expect(test).toBeDefined();
    expect(
      verifySignature(
        secret,
        String(test?.headers['x-antam-timestamp']),
        test?.body ?? '',
        String(test?.headers['x-antam-signature']),
        new Date(),
      ),
    ).toBe(true);

    // The webhook's own page: its deliveries, and the secret is not shown again.
    await tabTo(page, `Xem các lần gửi của ${receiverUrl}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedHeading(page)).toBe(`Webhook: ${receiverUrl}`);
    hookA = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    const row = page.locator('tr[data-delivery]').first();
    await expect.poll(() => row.textContent()).toContain('webhook.test');
    expect(await row.textContent()).toContain('Đã gửi');
    expect(await row.textContent()).toContain('HTTP 2xx');
    expect(await page.locator('body').textContent()).not.toContain(secret);
    expect(await seriousViolations(page)).toEqual([]);

    // Rotation (confirmed): a new secret, once; the old one is gone from the page.
    await tabTo(page, 'Đổi khóa bí mật');
    await page.keyboard.press('Enter');
    await expect.poll(() => shown.count()).toBe(1);
    const rotated = (await shown.locator('code').textContent()) ?? '';
    expect(rotated).not.toBe(secret);
    expect(rotated.length).toBeGreaterThan(20);
    await page.reload();
    await expect.poll(() => h1(page)).toBe(`Webhook: ${receiverUrl}`);
    expect(await page.locator('body').textContent()).not.toContain(rotated);
    await page.close();
  });

  it("shows A its case with the evidence image, the timeline and the deadline, and takes A's answer", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, keyA);
    const card = page.locator(`li[data-case="${caseA.trackingCode}"]`);
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('link', { name: caseA.trackingCode }).click();
    await expect.poll(() => focusedHeading(page)).toBe(`Khiếu nại ${caseA.trackingCode}`);
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain(DESCRIPTION_A);
    expect(await main.textContent()).toContain(ORDER_A);
    expect(await main.textContent()).toContain('1.290.000 ₫');
    expect(await main.locator('[data-deadline="open"]').textContent()).toMatch(
      /^Hạn trả lời: còn 6 ngày \d+ giờ/,
    );
    const img = page.getByRole('img', { name: 'Bằng chứng 1: noi-chien.png' });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
    expect(
      await img.evaluate((el) => (el as HTMLImageElement).src.startsWith('data:image/png;base64,')),
    ).toBe(true);
    expect(await main.locator('.timeline').textContent()).toContain('Hệ thống chuyển khiếu nại cho cửa hàng');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Cách giải quyết').selectOption('replacement');
    await page.getByLabel('Nội dung trả lời').fill('Shop gửi bù giỏ chiên trong 2 ngày.');
    await page.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain(`Đã gửi trả lời cho ${caseA.trackingCode}`);
    await expect
      .poll(() => main.locator('.timeline').textContent())
      .toContain('Cửa hàng trả lời: Shop gửi bù giỏ chiên trong 2 ngày.');
    expect(await main.locator('[data-deadline]').count()).toBe(0);
    const view = ComplaintView.parse(await api(`/v1/complaints/${caseA.trackingCode}`, caseA.token));
    expect(view.response).toEqual({ kind: 'replacement', message: 'Shop gửi bù giỏ chiên trong 2 ngày.' });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page)).toBe(`Complaint ${caseA.trackingCode}`);
    expect(await main.locator('.timeline').textContent()).toContain('The shop answered');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows seller B only 'not found' for A's case and webhook typed in the address bar", async () => {
    expect(hookA).toMatch(/.+/);
    const page = await browser.newPage();
    await signIn(page, keyB);
    const leaks = [caseA.trackingCode, DESCRIPTION_A, ORDER_A, SHOP_A, receiverUrl, hookA, 'noi-chien.png'];
    const visible = async () => `${await page.locator('body').innerText()} ${await page.title()}`;

    await page.goto(`${registry.url}/console/#/cases/${caseA.trackingCode}`);
    await expect.poll(() => h1(page)).toBe('Không tìm thấy khiếu nại');
    expect(await page.getByRole('img').count()).toBe(0);
    for (const leak of leaks) expect(await visible()).not.toContain(leak);
    expect(await page.content()).not.toContain(DESCRIPTION_A);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${registry.url}/console/#/webhooks/${hookA}`);
    await expect.poll(() => h1(page)).toBe('Không tìm thấy webhook');
    for (const leak of leaks) expect(await visible()).not.toContain(leak);
    expect(await seriousViolations(page)).toEqual([]);

    // B's own lists hold nothing of A's either.
    await page.goto(`${registry.url}/console/#/webhooks`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Chưa có webhook nào.');
    await page.goto(`${registry.url}/console/#/cases`);
    await expect.poll(() => page.locator('main').textContent()).toContain('Chưa có khiếu nại nào');
    for (const leak of leaks) expect(await visible()).not.toContain(leak);
    await page.close();
  });

  it('deletes a webhook only after its confirmation', async () => {
    const page = await browser.newPage();
    let answer = false;
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });
    await signIn(page, keyA);
    await page.goto(`${registry.url}/console/#/webhooks/${hookA}`);
    await expect.poll(() => h1(page)).toBe(`Webhook: ${receiverUrl}`);
    const remove = page.getByRole('button', { name: `Xóa ${receiverUrl}` });
    await remove.click();
    expect(asked).toEqual([`Xóa webhook ${receiverUrl}? Các sự kiện đang chờ sẽ không được gửi.`]);
    expect((await api<{ webhooks: unknown[] }>('/v1/webhooks', keyA)).webhooks).toHaveLength(1);
    answer = true;
    await remove.click();
    await expect.poll(() => focusedHeading(page)).toBe('Webhook');
    expect(await page.getByRole('status').textContent()).toBe(`Đã xóa webhook ${receiverUrl}.`);
    expect(await page.locator('main').textContent()).toContain('Chưa có webhook nào.');
    expect((await api<{ webhooks: unknown[] }>('/v1/webhooks', keyA)).webhooks).toEqual([]);
    await page.close();
  });

  it("shows the marketplace its statistics and its verification queue's counts", async () => {
    await fileComplaint(SHOP_A, 'Khiếu nại thứ hai, chờ sàn xác minh.', '2411SELLERA02');
    const platformKey = await newKey({ role: 'platform', label: 'Shopee Việt Nam', platform: 'shopee' });
    const stats = MarketplaceStatsSchema.parse(await api('/v1/stats', null));
    const shopee = stats.platforms.find((p) => p.platform === 'shopee');
    const queue = await api<{ complaints: unknown[] }>(
      '/v1/complaints?verification=unverified&limit=100',
      platformKey,
    );
    const page = await browser.newPage();
    await signIn(page, platformKey);
    await page.getByRole('link', { name: 'Thống kê' }).click();
    await expect.poll(() => focusedHeading(page)).toBe('Thống kê của sàn shopee');
    const figures = page.locator('table[data-figures]');
    await expect.poll(() => figures.count()).toBe(1);
    const row = (label: string) =>
      figures.locator('tr', { has: page.getByRole('rowheader', { name: label }) });
    expect(await row('Gian hàng có hồ sơ').locator('td').textContent()).toBe(
      new Intl.NumberFormat('vi-VN').format(shopee?.sellers ?? -1),
    );
    expect(await row('Khiếu nại đã xác minh').locator('td').textContent()).toBe(
      String(shopee?.complaints12m),
    );
    const unverified = page.locator('table[data-queue] tr[data-state="unverified"] td');
    await expect.poll(() => unverified.textContent()).toBe(String(queue.complaints.length));
    expect(queue.complaints.length).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('meter').count()).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(page)).toBe('Statistics of shopee');
    expect(await page.locator('table[data-queue]').textContent()).toContain('Awaiting verification');
    await page.close();
  });
});
