// The registry's pages for people (/s/{platform}/{sellerId} and /levels): what a person reads on
// them, the 400/404 pages, a hostile seller name shown as text, caching (ETag, 304) and the
// headers that keep the pages inert (CSP, nosniff).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SubmitComplaintInput } from '../../lib/registry/cases';
import { createApiKey } from '../../server/auth';
import { DIALECTS, emptyTables, freshDatabase, type TestDatabase } from './databases';
import { bearer, createApp, postCsv, postJson, type TestApp } from './helpers';

const NOW = new Date('2026-11-01T08:00:00.000Z');
const SHOP = 'shopee:672907573';
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

const REG_CSV = [
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store',
  'Công ty TNHH Sen Việt,0312345678,registered,2023-05-12,https://online.gov.vn/TB-1,shopee,672907573,senviet.official,Sen Việt Official,true',
  `Hộ kinh doanh X,,notified,2024-01-02,javascript:alert(1),lazada,6548,,"${HOSTILE_NAME}",false`,
  'Công ty TNHH Lành,0300000001,registered,2022-03-01,online.gov.vn/TB-3,tiki,77,,Lành Store,false',
].join('\n');

const SANCTION_CSV = [
  'platform,seller_id,slug,authority,decision,date,summary,url',
  'shopee,672907573,,Cục Quản lý thị trường Hà Nội,123/QĐ-XPHC,2026-06-01,Kinh doanh hàng giả nhãn hiệu,https://example.org/qd/123',
].join('\n');

const complaint = (orderCode: string): SubmitComplaintInput => ({
  seller: SHOP,
  installKey: `pages-install-key-${orderCode}`,
  order: {
    orderCode,
    orderDate: '2026-10-15',
    items: [{ title: 'Áo thun cotton nam', quantity: 1, unitPrice: 149000 }],
    total: 149000,
    currency: 'VND',
  },
  category: 'not_as_described',
  desiredOutcome: 'refund',
  description: 'Áo bị rách ở tay áo.',
  consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
});

/** The page as a browser would build it, to read what a person sees. */
function parse(html: string) {
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const text = (doc.body.textContent ?? '').replace(/\s+/g, ' ');
  /** The value beside a term in a definition list, by the term's words. */
  const countOf = (list: string, term: string) => {
    const terms = [...doc.querySelectorAll(`[data-testid="${list}"] dt`)];
    const dt = terms.find((d) => (d.textContent ?? '').trim() === term);
    return dt?.nextElementSibling?.textContent?.trim();
  };
  return { doc, text, countOf };
}

describe.each(DIALECTS)('public pages on %s', (engine) => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: string;
  let moderator: string;

  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await emptyTables(database);
    const created = createApp({
      db: database.db,
      clock: () => NOW,
      config: { rateLimit: { requests: 0, windowSeconds: 60 }, complaintsPerHour: 0 },
    });
    app = created.app;
    await created.deps.buckets.init();
    admin = (await createApiKey(database.db, { role: 'admin', label: 'admin' }, NOW)).key;
    moderator = (await createApiKey(database.db, { role: 'moderator', label: 'mod' }, NOW)).key;
    expect((await postCsv(app, '/v1/admin/import/registrations', REG_CSV, admin)).status).toBe(200);
  });

  async function fileComplaint(orderCode: string, verify: boolean) {
    const res = await postJson(app, '/v1/complaints', complaint(orderCode), {
      'idempotency-key': randomUUID(),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { trackingCode } = (await res.json()) as { trackingCode: string };
    if (verify) {
      const v = await postJson(
        app,
        `/v1/complaints/${trackingCode}/verification`,
        { state: 'order_verified' },
        bearer(moderator),
      );
      expect(v.status, await v.clone().text()).toBe(200);
    }
  }

  it('shows a sanctioned seller at high risk with the rule in plain words, the facts and their links', async () => {
    expect((await postCsv(app, '/v1/admin/import/sanctions', SANCTION_CSV, admin)).status).toBe(200);
    await fileComplaint('2410150AAAAA', true);
    await fileComplaint('2410150BBBBB', false);

    const res = await app.request('/s/shopee/672907573');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    const { doc, text, countOf } = parse(html);

    expect(doc.querySelector('h1')?.textContent).toBe('Sen Việt Official');
    expect(doc.querySelector('.level')?.textContent).toBe('✖Rủi ro cao');
    expect(doc.querySelector('.headline')?.textContent).toBe(
      'Rủi ro cao: bị cơ quan nhà nước xử phạt trong 24 tháng qua',
    );
    // The reasons as the extension's panel words them.
    expect(text).toContain('Cục Quản lý thị trường Hà Nội');
    const decision = doc.querySelector('a[href="https://example.org/qd/123"]');
    expect(decision?.textContent).toBe('Xem quyết định');
    const source = doc.querySelector('a[href="https://online.gov.vn/TB-1"]');
    expect(source?.textContent).toBe('https://online.gov.vn/TB-1');
    expect(text).toContain('Đã đăng ký với Bộ Công Thương');
    expect(text).toContain('0312345678');

    // Verified and unverified complaints apart.
    expect(countOf('verified', 'Tổng số (12 tháng qua)')).toBe('1');
    expect(countOf('verified', 'Tổng số (Từ trước đến nay)')).toBe('1');
    expect(countOf('unverified', '12 tháng qua')).toBe('1');
    expect(countOf('unverified', 'Từ trước đến nay')).toBe('1');
    expect(text).toContain('không bao giờ làm thay đổi mức tín nhiệm');

    expect(text).toContain('Cập nhật lúc');
    // The seller has not replied: no reply is shown beside any fact (tests/server/replies.test.ts).
    expect(text).not.toContain('Phản hồi của người bán');
    expect(doc.querySelector('a[href="/levels"]')).not.toBeNull();
    expect(doc.querySelector('a[href="/s/shopee/672907573?lang=en"]')?.textContent).toBe('English');
    // Shareable: Open Graph title and description.
    expect(doc.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe(
      'Sen Việt Official · Rủi ro cao · An Tâm',
    );
    expect(doc.querySelector('meta[property="og:description"]')?.getAttribute('content')).toContain(
      'xử phạt trong 24 tháng qua',
    );
    expect(doc.querySelector('meta[name="viewport"]')).not.toBeNull();
    // No script and nothing loaded from elsewhere.
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(html).not.toMatch(/src="http|href="\/\/|<link rel="stylesheet"/);
  });

  it('answers in English with ?lang=en, and by slug', async () => {
    const res = await app.request('/s/shopee/@SenViet.Official?lang=en');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    const { doc, text } = parse(html);
    expect(doc.querySelector('h1')?.textContent).toBe('Sen Việt Official');
    expect(doc.querySelector('.level')?.textContent).toBe('✔Trusted');
    expect(doc.querySelector('.headline')?.textContent).toContain(
      'Trusted: registered with or notified to the Ministry of Industry and Trade',
    );
    expect(text).toContain('Registered with the Ministry of Industry and Trade');
    expect(doc.querySelector('a[href="/levels?lang=en"]')).not.toBeNull();
    expect(doc.querySelector('a[href="/s/shopee/@senviet.official?lang=vi"]')?.textContent).toBe(
      'Tiếng Việt',
    );
  });

  it('shows a hostile seller name as text, and a non-web source as text, never as markup or a link', async () => {
    const res = await app.request('/s/lazada/6548');
    expect(res.status).toBe(200);
    const html = await res.text();
    const { doc, text } = parse(html);
    expect(doc.querySelector('h1')?.textContent).toBe(HOSTILE_NAME);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('[onerror]')).toHaveLength(0);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('javascript:alert(1)');
    expect(doc.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it('marks demonstration data', async () => {
    await database.db.updateTable('sellers').set({ demo: 1 }).execute();
    const { text } = parse(await (await app.request('/s/tiki/77')).text());
    expect(text).toContain('Dữ liệu minh hoạ: hồ sơ này không mô tả người bán thật nào.');
    const plain = parse(await (await app.request('/s/tiki/77?lang=en')).text());
    expect(plain.text).toContain('Demonstration data');
  });

  it('answers an unknown seller with a 404 page and a bad address with a 400 page, in the same style', async () => {
    const missing = await app.request('/s/shopee/999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
    const missingPage = parse(await missing.text());
    expect(missingPage.doc.querySelector('h1')?.textContent).toBe('Chưa có dữ liệu về người bán này');

    for (const path of ['/s/amazon/1', '/s/shopee/abc', '/s/shopee/@', '/s/shopee/0123']) {
      const bad = await app.request(path);
      expect(bad.status, path).toBe(400);
      const page = parse(await bad.text());
      expect(page.doc.querySelector('h1')?.textContent, path).toBe('Địa chỉ không hợp lệ');
      expect(page.text).toContain('shopee, lazada, tiki, tiktok, sendo');
    }
    const english = parse(await (await app.request('/s/amazon/1?lang=en')).text());
    expect(english.doc.querySelector('h1')?.textContent).toBe('Not a valid address');
  });

  it('is cacheable: an ETag per data version, day, path and language, and 304 while it holds', async () => {
    const first = await app.request('/s/tiki/77');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"\d+-2026-11-01-[0-9a-f]{16}"$/);

    const again = await app.request('/s/tiki/77', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    const english = await app.request('/s/tiki/77?lang=en', { headers: { 'if-none-match': etag ?? '' } });
    expect(english.status).toBe(200);
    expect(english.headers.get('etag')).not.toBe(etag);

    // New data: the old ETag no longer matches, and the page shows the change.
    const sanction = SANCTION_CSV.replace('shopee,672907573', 'tiki,77');
    expect((await postCsv(app, '/v1/admin/import/sanctions', sanction, admin)).status).toBe(200);
    const changed = await app.request('/s/tiki/77', { headers: { 'if-none-match': etag ?? '' } });
    expect(changed.status).toBe(200);
    expect(parse(await changed.text()).doc.querySelector('.level')?.textContent).toBe('✖Rủi ro cao');
  });

  it('sends a strict content security policy that allows its own stylesheet and nothing else', async () => {
    const res = await app.request('/s/shopee/672907573');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      expect.stringMatching(/^style-src 'sha256-[A-Za-z0-9+/]+=*'$/),
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // The hash names the stylesheet the page carries, so the browser applies it.
    const { doc } = parse(await res.text());
    const style = doc.querySelector('style')?.textContent ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(doc.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('explains the levels on /levels, from the rules, in both languages', async () => {
    const res = await app.request('/levels');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const { doc, text } = parse(await res.text());
    expect([...doc.querySelectorAll('[data-level]')].map((s) => s.getAttribute('data-level'))).toEqual([
      'danger',
      'caution',
      'trusted',
      'ok',
      'unknown',
    ]);
    const danger = doc.querySelector('[data-level="danger"]')?.textContent ?? '';
    expect(danger).toContain('Rủi ro cao');
    expect(danger).toContain('bị cơ quan nhà nước xử phạt trong 24 tháng qua');
    expect(danger).toContain('có từ 3 lần hàng giả trở lên được kiểm duyệt viên xác nhận trong 12 tháng qua');
    const caution = doc.querySelector('[data-level="caution"]')?.textContent ?? '';
    expect(caution).toContain('để quá hạn trả lời từ 3 khiếu nại đã xác minh trở lên');
    expect(caution).toContain('30%');
    expect(doc.querySelector('[data-level="trusted"]')?.textContent).toContain('90%');
    expect(text).toContain(
      'Khiếu nại và báo cáo chưa xác minh được đếm và công khai, nhưng không bao giờ được tính vào mức',
    );

    const en = parse(await (await app.request('/levels?lang=en')).text());
    expect(en.doc.documentElement.getAttribute('lang')).toBe('en');
    expect(en.text).toContain(
      'A level moves only on facts established by someone other than the accuser and the accused',
    );
    expect(en.doc.querySelector('[data-level="danger"]')?.textContent).toContain(
      'sanctioned by an authority in the last 24 months',
    );
  });
});

// The registry runs under tsx (`npm run registry`), which compiles JSX on its own terms: a page
// that renders under vitest once answered 500 there ("React is not defined"). So render the pages
// in the real process too.
describe('the pages in the real registry process', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('serves a record page and /levels', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'antam-pages-')),
        DATABASE_URL: '',
        DEMO_DATA: '1',
        RATE_LIMIT_REQUESTS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const running = child;
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      running.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      running.once('exit', (code) => reject(new Error(`the registry exited (${code}):\n${out}`)));
    });
    const record = await fetch(`${url}/s/shopee/672907573`);
    expect(record.status).toBe(200);
    expect(parse(await record.text()).doc.querySelector('.level')?.textContent).toBe('✔Đáng tin cậy');
    const levels = await fetch(`${url}/levels?lang=en`);
    expect(levels.status).toBe(200);
    expect(parse(await levels.text()).doc.querySelector('h1')?.textContent).toBe(
      'Trust levels and how they are decided',
    );
  }, 60_000);
});
