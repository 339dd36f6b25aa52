// The moderator's console in Chromium, against the running demo registry: a counterfeit report
// confirmed (by keyboard alone) from its evidence, which is shown inert — a page capture's script
// does not run and its outside images are not fetched —, the confirmed counterfeit on the shop's
// public page and API record; an escalated complaint verified and resolved with a finding; and
// the audit log listing those actions with who, when and what, for the moderator and the admin.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplaintView, ReportView, SubmittedComplaint, SubmittedReport } from '../../lib/registry/cases';
import { TrustRecord } from '../../lib/registry/schemas';
import { DEMO_ADMIN_KEY } from '../../server/demo/seed';
import type { RunningRegistry } from '../../server/serve';
import { seriousViolations } from './axe';
import { CHROMIUM, startDemoRegistry } from './harness';

// A shop of no demo data: its record starts without any confirmed counterfeit.
const SHOP_ID = '66600012';
const SHOP = `shopee:${SHOP_ID}`;
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let registry: RunningRegistry;
let browser: Awaited<ReturnType<typeof chromium.launch>>;
/** An "outside" server: every request a capture could make lands here, and must not. */
let outside: Server;
const outsideHits: string[] = [];
let moderatorKey: string;
let moderatorId: string;

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

async function newKey(body: Record<string, unknown>): Promise<{ key: string; id: string }> {
  return api<{ key: string; id: string }>('/v1/admin/keys', DEMO_ADMIN_KEY, {
    method: 'POST',
    body: JSON.stringify(body),
  });
}

async function upload(kind: 'reports' | 'complaints', code: string, token: string, bytes: Buffer) {
  await api(`/v1/${kind}/${code}/evidence`, token, {
    method: 'POST',
    body: new Uint8Array(bytes),
    headers: {
      'content-type': bytes[0] === 0x3c ? 'text/html' : 'image/png',
      'x-evidence-sha256': createHash('sha256').update(bytes).digest('hex'),
      'x-evidence-captured-at': '2026-11-30T10:00:00+07:00',
      'x-evidence-source': bytes[0] === 0x3c ? 'page_capture' : 'screenshot',
    },
  });
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.goto(`${registry.url}/console/`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('key');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('[data-role]').count()).toBe(1);
}

/** Presses Tab until the focused element's text or label is `name` (a person tabbing through). */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
      return (labelled?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`no focusable element named ${name} within 80 presses of Tab`);
}

beforeAll(async () => {
  outside = createServer((req, res) => {
    outsideHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
  registry = await startDemoRegistry();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  ({ key: moderatorKey, id: moderatorId } = await newKey({ role: 'moderator', label: 'Kiểm duyệt Hà' }));
});
afterAll(async () => {
  await browser?.close();
  await registry?.close();
  await new Promise((resolve) => outside?.close(resolve));
});

/** What Chromium refused to do for a capture (its script, its requests), apart from real errors. */
const refused: string[] = [];

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Content Security Policy|Refused to|Blocked script execution/.test(m.text())) refused.push(m.text());
    else errors.push(m.text());
  });
  return errors;
}

describe('the moderator’s console', () => {
  let reportCode: string;
  let complaintCode: string;

  it('confirms a counterfeit report by keyboard alone, from evidence shown inert', async () => {
    const filed = SubmittedReport.parse(
      await api('/v1/reports', null, {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          seller: SHOP,
          listing: {
            url: `https://shopee.vn/Nuoc-hoa-i.${SHOP_ID}.1234567`,
            title: 'Nước hoa Chanel N°5 100ml giá sốc',
            price: 350000,
            currency: 'VND',
          },
          reason: 'Tem chống giả in mờ, mã vạch không tra được.',
          installKey: 'moderation-e2e-install-key',
        }),
      }),
    );
    reportCode = filed.trackingCode;
    const token = filed.token ?? '';
    const far = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`;
    const capture = Buffer.from(
      `<!doctype html><html><head><title>Trang đã lưu</title>
<meta http-equiv="refresh" content="0;url=${far}/refresh">
<link rel="stylesheet" href="${far}/style.css"></head>
<body><h1>Trang sản phẩm đã lưu</h1><p>Nước hoa Chanel N°5 — 350.000 ₫</p>
<img src="${far}/outside.png" alt="ảnh ngoài"><img src="/v1/health?from=capture" alt="ảnh nội bộ">
<script>document.body.append(['SCRIPT', 'RAN'].join('-')); try { parent.document.title = 'PWNED'; } catch (e) {}
fetch('${far}/fetch').catch(() => {}); new Image().src = '${far}/beacon';</script>
</body></html>`,
      'utf8',
    );
    await upload('reports', reportCode, token, capture);
    await upload('reports', reportCode, token, PNG);

    const page = await browser.newPage();
    const errors = watchErrors(page);
    await signIn(page, moderatorKey);
    // The moderator's menu, then the queue, then the report: Tab and Enter only.
    await tabTo(page, 'Báo cáo hàng giả');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Báo cáo hàng giả');
    await tabTo(page, reportCode);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(`Báo cáo ${reportCode}`);
    const facts = page.locator('dl.facts');
    await expect.poll(() => facts.textContent()).toContain('Tem chống giả in mờ');
    expect(await facts.textContent()).toContain('Nước hoa Chanel N°5 100ml giá sốc');

    // The image, fetched with the key and shown.
    const image = page.getByRole('img', { name: /^Ảnh 2:/ });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    // The capture: its words are shown, its script did not run, nothing was fetched.
    const frame = page.frameLocator('iframe[title^="Trang đã lưu 1"]');
    await expect.poll(() => frame.locator('h1').textContent()).toBe('Trang sản phẩm đã lưu');
    await page.waitForTimeout(500);
    // (The script's own source is in the text; what it would have written is not.)
    expect(await frame.locator('body').textContent()).not.toContain('SCRIPT-RAN');
    expect(await page.title()).not.toBe('PWNED');
    expect(outsideHits).toEqual([]);
    expect(refused.join('\n')).toContain("Blocked script execution in 'about:srcdoc'");
    expect(await seriousViolations(page)).toEqual([]);

    // A decision needs its reason: refused in words, focus on the field.
    await tabTo(page, 'Xác nhận hàng giả');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Hãy ghi lý do quyết định.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await page.keyboard.type('Mã vạch không tồn tại; tem giả so với mẫu của hãng.');
    await tabTo(page, 'Xác nhận hàng giả');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`Đã xác nhận hàng giả: ${reportCode}.`);
    await expect.poll(() => facts.locator('[data-status]').textContent()).toBe('Đã xác nhận hàng giả');
    expect(outsideHits).toEqual([]);

    // The registry holds the decision; the shop's public page and record show it.
    const view = ReportView.parse(await api(`/v1/reports/${reportCode}`, token));
    expect(view.status).toBe('confirmed');
    const record = TrustRecord.parse(await api(`/v1/sellers/shopee/${SHOP_ID}`, null));
    expect(record.counterfeit.confirmed).toBe(1);
    const publicPage = await browser.newPage();
    await publicPage.goto(`${registry.url}/s/shopee/${SHOP_ID}`);
    const counterfeit = publicPage.locator('section[aria-labelledby="counterfeit"]');
    expect(await counterfeit.textContent()).toMatch(/Được kiểm duyệt viên xác nhận\s*1/);
    await publicPage.close();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('verifies and resolves an escalated complaint with a finding', async () => {
    const seller = await newKey({ role: 'seller', label: 'Cửa hàng 66600012', sellers: [SHOP] });
    const filed = SubmittedComplaint.parse(
      await api('/v1/complaints', null, {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          seller: SHOP,
          order: { orderCode: '2411MOD0001', orderDate: '2026-11-20', total: 350000, currency: 'VND' },
          category: 'counterfeit',
          desiredOutcome: 'refund',
          description: 'Nước hoa không có mùi như hàng chính hãng, vỏ hộp in lệch.',
          contact: { name: 'Lê Văn Minh', email: 'minh.le@example.vn' },
          consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
          installKey: 'moderation-e2e-install-key-2',
        }),
      }),
    );
    complaintCode = filed.trackingCode;
    const token = filed.token ?? '';
    await upload('complaints', complaintCode, token, PNG);
    await api(`/v1/complaints/${complaintCode}/actions`, seller.key, {
      method: 'POST',
      body: JSON.stringify({ type: 'respond', kind: 'refusal', message: 'Hàng chính hãng, có hóa đơn.' }),
    });
    await api(`/v1/complaints/${complaintCode}/actions`, token, {
      method: 'POST',
      body: JSON.stringify({ type: 'dispute', reason: 'Hóa đơn không khớp mã lô.' }),
    });

    const page = await browser.newPage();
    const errors = watchErrors(page);
    await signIn(page, moderatorKey);
    // From the verification queue, the complaint's own page.
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Khiếu nại chờ xác minh đơn hàng');
    await page.locator(`tr[data-case="${complaintCode}"]`).getByRole('link', { name: complaintCode }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe(`Khiếu nại ${complaintCode}`);
    const facts = page.locator('dl.facts');
    await expect.poll(() => facts.textContent()).toContain('vỏ hộp in lệch');
    await expect
      .poll(() =>
        page.getByRole('img', { name: /^Ảnh 1:/ }).evaluate((i: HTMLImageElement) => i.naturalWidth),
      )
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Đơn hàng có thật' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`Đã ghi nhận xác minh cho ${complaintCode}.`);

    // The mediation list, then the decision.
    await page.getByRole('link', { name: 'Khiếu nại cần hòa giải' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Khiếu nại cần hòa giải');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator(`tr[data-case="${complaintCode}"]`).getByRole('link', { name: complaintCode }).click();
    await expect.poll(() => facts.locator('[data-status]').textContent()).toBe('Đang hòa giải');
    await page.getByRole('radio', { name: 'Người mua (được giải quyết)' }).check();
    await page
      .getByLabel('Kết luận (bắt buộc)')
      .fill('Mã lô trên hóa đơn không khớp sản phẩm; cửa hàng hoàn tiền.');
    await page.getByRole('button', { name: 'Giải quyết hồ sơ' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`Đã giải quyết ${complaintCode}.`);
    await expect.poll(() => facts.locator('[data-status]').textContent()).toBe('Đã giải quyết');

    const view = ComplaintView.parse(await api(`/v1/complaints/${complaintCode}`, token));
    expect(view).toMatchObject({
      status: 'resolved',
      outcome: 'shopper',
      finding: 'Mã lô trên hóa đơn không khớp sản phẩm; cửa hàng hoàn tiền.',
      verification: { state: 'order_verified', by: 'moderator' },
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists those actions in the audit log: who, when, what, and nothing personal', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await signIn(page, moderatorKey);
    await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Nhật ký thao tác');
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);

    // Only this moderator's actions, newest first.
    await page.getByLabel('Mã khóa API').fill(moderatorId);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect
      .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))))
      .toEqual(['complaint.action', 'complaint.verification', 'report.action']);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('Kiểm duyệt viên: Kiểm duyệt Hà');
    expect(texts[0]).toContain(`complaint: ${complaintCode}`);
    expect(texts[0]).toMatch(/typeresolve/);
    expect(texts[0]).toContain('Mã lô trên hóa đơn không khớp sản phẩm');
    expect(texts[1]).toMatch(/stateorder_verified/);
    expect(texts[2]).toContain(`report: ${reportCode}`);
    expect(texts[2]).toMatch(/typeconfirm/);
    // When: today, in Vietnam's time.
    const today = new Intl.DateTimeFormat('vi-VN', {
      dateStyle: 'short',
      timeZone: 'Asia/Ho_Chi_Minh',
    }).format(new Date());
    for (const text of texts) expect(text).toContain(today);
    const all = texts.join('\n');
    for (const personal of ['Lê Văn Minh', 'minh.le@example.vn', 'vỏ hộp in lệch', '2411MOD0001']) {
      expect(all).not.toContain(personal);
    }
    expect(await seriousViolations(page)).toEqual([]);

    // A target's entry opens its case.
    await page.getByRole('link', { name: reportCode }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe(`Báo cáo ${reportCode}`);

    // A complaint is found by its code, as a shopper reads it out on the phone.
    await page.getByRole('link', { name: 'Tra cứu khiếu nại' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Tra cứu khiếu nại');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mã hồ sơ (AT-…)').fill(complaintCode.toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').first().textContent()).toBe(`Khiếu nại ${complaintCode}`);
    await expect.poll(() => page.locator('dl.facts [data-status]').textContent()).toBe('Đã giải quyết');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the admin every action a page at a time, with "more", in Vietnamese or English', async () => {
    for (let i = 1; i <= 26; i++) await newKey({ role: 'seller', label: `Khóa thử ${i}`, sellers: [SHOP] });
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await signIn(page, DEMO_ADMIN_KEY);
    await page.getByRole('link', { name: 'Nhật ký thao tác' }).click();
    const rows = page.locator('table.audit tbody tr');
    await expect.poll(() => rows.count()).toBe(25);
    expect(await rows.first().textContent()).toContain('Khóa thử 26');
    expect(await page.getByRole('status').textContent()).toBe('Đang hiện 25 thao tác.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(25);
    // The admin may read the log, not open the moderators' cases: targets are text, not links.
    await page.getByLabel('Đối tượng (mã hồ sơ, mã khóa…)').fill(reportCode);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByRole('link', { name: reportCode }).count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Audit log');
    expect(await rows.first().textContent()).toContain('Moderator: Kiểm duyệt Hà');
    expect(errors).toEqual([]);
    await page.close();
  });
});
