import { afterEach, describe, expect, it } from 'vitest';
import { TrustPanel } from '../../../components/TrustPanel';
import { BADGE_ICON, BADGE_WORDS } from '../../../lib/i18n/badge';
import type { LookupResult } from '../../../lib/messaging';
import { Level } from '../../../lib/registry/schemas';
import { cleanup, emptyRecord, fullRecord, render, user, XSS } from './helpers';

const REGISTRY = 'http://127.0.0.1:8787';

afterEach(cleanup);

function found(record = fullRecord()): LookupResult {
  return { status: 'found', record, fetchedAt: Date.now(), snoozed: false };
}

const headings = (root: HTMLElement) => [...root.querySelectorAll('h1, h2')].map((h) => h.textContent);
const rowCells = (root: HTMLElement, row: string) =>
  [...root.querySelectorAll(`tr[data-row="${row}"] td`)].map((td) => td.textContent);
const rowHeader = (root: HTMLElement, row: string) =>
  root.querySelector(`tr[data-row="${row}"] th`)?.textContent;
const field = (root: HTMLElement, label: string) =>
  [...root.querySelectorAll('.field')]
    .find((f) => f.querySelector('dt')?.textContent === label)
    ?.querySelector('dd')?.textContent;

describe('TrustPanel with a full record', () => {
  it('shows every section in Vietnamese', async () => {
    const { container } = await render(
      <TrustPanel lang="vi" sellerKey="shopee:672907573" result={found()} registryBase={REGISTRY} />,
    );
    const text = container.textContent ?? '';
    expect(headings(container)).toEqual([
      'Nobi Star (dữ liệu mẫu)',
      'Căn cứ xếp mức',
      'Đăng ký với Bộ Công Thương',
      'Khiếu nại',
      'Hàng giả',
      'Xử phạt của cơ quan chức năng',
    ]);
    // Level: icon and word, not colour alone.
    const badge = container.querySelector('.level-badge')!;
    expect(badge.textContent).toContain('Rủi ro cao');
    expect(badge.textContent).toContain(BADGE_ICON.danger);
    expect(text).toContain('trên Shopee');
    expect(text).toContain('Gian hàng chính hãng');
    expect(container.querySelector('.notice--demo')?.textContent).toContain('Dữ liệu mẫu');

    // Reasons with their facts.
    const reasons = [...container.querySelectorAll('.reason')].map((li) => li.textContent);
    expect(reasons).toHaveLength(5);
    expect(reasons[0]).toContain('Bị xử phạt: Cục QLTT Hà Nội, 01/06/2026');
    expect(reasons[1]).toContain('Hàng giả được kiểm duyệt viên xác nhận: 1 lần');
    expect(reasons[4]).toContain('Trả lời đúng hạn 92% trong 12 khiếu nại');

    // Registration.
    expect(field(container, 'Tình trạng')).toBe('Đã đăng ký');
    expect(field(container, 'Tên doanh nghiệp')).toBe('Công ty TNHH Nobi Star (dữ liệu mẫu)');
    expect(field(container, 'Mã số thuế')).toBe('0312345678');
    expect(field(container, 'Từ ngày')).toBe('15/03/2020');
    expect(field(container, 'Nguồn')).toBe('online.gov.vn (dữ liệu mẫu): Công ty TNHH Nobi Star');

    // Complaints, 12 months then all time, raw counts.
    expect(rowCells(container, 'total')).toEqual(['12', '48']);
    expect(rowCells(container, 'open')).toEqual(['2', '2']);
    expect(rowCells(container, 'resolvedForShopper')).toEqual(['7', '30']);
    expect(rowCells(container, 'rejected')).toEqual(['3', '14']);
    expect(rowCells(container, 'unanswered')).toEqual(['1', '5']);
    // 87.5 % is truncated, never rounded up towards a threshold.
    expect(rowCells(container, 'onTimeShare')).toEqual(['92%', '87%']);
    expect(rowCells(container, 'medianDays')).toEqual(['4,5 ngày', '6 ngày']);
    expect(container.querySelector('table caption')?.textContent).toContain('12 tháng qua');
    // Verified complaints carry the level; unverified ones are counted apart, and the note says so.
    expect(rowHeader(container, 'total')).toBe('Khiếu nại đã xác minh');
    expect(rowHeader(container, 'unverified')).toBe('Khiếu nại chưa xác minh');
    expect(rowCells(container, 'unverified')).toEqual(['3', '4']);
    expect(text).toContain('Chỉ khiếu nại có đơn hàng đã được sàn hoặc kiểm duyệt viên xác minh');

    // Counterfeit: reports are labelled unverified.
    expect(field(container, 'Báo cáo đang chờ xác minh')).toBe('9');
    expect(field(container, 'Báo cáo bị bác bỏ')).toBe('2');
    expect(field(container, 'Được kiểm duyệt viên xác nhận là hàng giả')).toBe('1');
    expect(field(container, 'Lần xác nhận gần nhất')).toBe('20/11/2025');

    // Sanctions.
    const sanction = container.querySelector('.sanction')!;
    expect(sanction.textContent).toContain('Cục QLTT Hà Nội');
    expect(sanction.textContent).toContain('123/QĐ-XPHC');
    expect(sanction.textContent).toContain('01/06/2026');
    expect(sanction.textContent).toContain('Kinh doanh hàng hóa không rõ nguồn gốc, xuất xứ');
    const doc = sanction.querySelector('a')!;
    expect(doc.getAttribute('href')).toBe('https://qltt.example.gov.vn/quyet-dinh/123');
    expect(doc.getAttribute('rel')).toContain('noopener');

    // Footer: updated date and the public record.
    expect(text).toContain('Dữ liệu cập nhật: 10/06/2026');
    const publicLink = [...container.querySelectorAll('a')].find((a) =>
      a.textContent?.includes('hồ sơ công khai'),
    );
    expect(publicLink?.getAttribute('href')).toBe(`${REGISTRY}/s/shopee/672907573`);

    // No English leaks into the Vietnamese panel.
    expect(text).not.toMatch(/Complaints|Registered|Sanction/);
  });

  it('shows every section in English', async () => {
    const { container } = await render(
      <TrustPanel
        lang="en"
        sellerKey="shopee:672907573"
        result={found()}
        registryBase="https://registry.example.org"
      />,
    );
    expect(headings(container)).toEqual([
      'Nobi Star (dữ liệu mẫu)',
      'Why this level',
      'Registration with the Ministry of Industry and Trade',
      'Complaints',
      'Counterfeits',
      'Sanctions by authorities',
    ]);
    expect(container.querySelector('.level-badge')?.textContent).toContain('High risk');
    expect(field(container, 'Status')).toBe('Registered');
    expect(field(container, 'Since')).toBe('15 Mar 2020');
    expect(rowCells(container, 'medianDays')).toEqual(['4.5 days', '6 days']);
    expect(field(container, 'Reports awaiting verification')).toBe('9');
    expect(field(container, 'Reports dismissed')).toBe('2');
    expect(container.textContent).toContain('Sanctioned: Cục QLTT Hà Nội, 1 Jun 2026');
    expect(container.textContent).toContain('Data updated: 10 Jun 2026');
    expect(container.textContent).toContain('Demo data');
    const publicLink = [...container.querySelectorAll('a')].find((a) =>
      a.textContent?.includes('public record'),
    );
    expect(publicLink?.getAttribute('href')).toBe('https://registry.example.org/s/shopee/672907573?lang=en');
  });

  it('says plainly when a value or a list is empty', async () => {
    const { container } = await render(
      <TrustPanel lang="vi" sellerKey="tiki:1" result={found(emptyRecord())} registryBase={REGISTRY} />,
    );
    // The registry has no name: the panel names the seller by its id.
    expect(container.querySelector('h1')?.textContent).toBe('Người bán 1');
    expect(container.textContent).toContain('Không có quyết định xử phạt nào được ghi nhận.');
    expect(container.textContent).toContain('Chưa có dữ kiện nào được ghi nhận về người bán này');
    expect(field(container, 'Mã số thuế')).toContain('Chưa có thông tin');
    expect(rowCells(container, 'onTimeShare')[0]).toContain('Chưa có thông tin');
    expect(container.querySelector('.notice--demo')).toBeNull();
  });
});

describe('the rule behind the level (issue 11, item 1)', () => {
  const headline = (root: HTMLElement) => root.querySelector('[data-headline]');

  it('says in words which rule put the seller at its level, as /levels does, with a link to it', async () => {
    const { container } = await render(
      <TrustPanel lang="vi" sellerKey="shopee:672907573" result={found()} registryBase={REGISTRY} />,
    );
    expect(headline(container)?.textContent).toBe(
      'Rủi ro cao: bị cơ quan nhà nước xử phạt trong 24 tháng qua Các mức được xác định thế nào?',
    );
    const link = headline(container)?.querySelector('a');
    expect(link?.getAttribute('href')).toBe(`${REGISTRY}/levels`);
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('tells a caution seller from a high-risk one, in Vietnamese and English', async () => {
    const caution = fullRecord({
      level: 'caution',
      sanctions: [],
      reasons: [
        {
          code: 'counterfeit_confirmed',
          effect: 'negative',
          params: { confirmed: 1, last12Months: 1, lastConfirmedAt: '2025-11-20' },
        },
      ],
    });
    const vi = await render(
      <TrustPanel lang="vi" sellerKey="shopee:672907573" result={found(caution)} registryBase={REGISTRY} />,
    );
    expect(headline(vi.container)?.textContent).toMatch(
      /^Cần lưu ý: có hàng giả được kiểm duyệt viên xác nhận trong 24 tháng qua/,
    );
    cleanup();
    const en = await render(
      <TrustPanel lang="en" sellerKey="shopee:672907573" result={found(caution)} registryBase={REGISTRY} />,
    );
    expect(headline(en.container)?.textContent).toMatch(/^Caution: .*counterfeit.*How are levels decided\?$/);
    expect(headline(en.container)?.querySelector('a')?.getAttribute('href')).toBe(
      `${REGISTRY}/levels?lang=en`,
    );
  });
});

describe('level words', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`shows the word and icon of every level in ${lang}`, async () => {
      for (const level of Level.options) {
        const { container, unmount } = await render(
          <TrustPanel
            lang={lang}
            sellerKey="shopee:672907573"
            result={found(fullRecord({ level }))}
            registryBase={REGISTRY}
          />,
        );
        const badge = container.querySelector('.level-badge')!;
        expect(badge.getAttribute('data-level')).toBe(level);
        expect(badge.querySelector('.level-badge__word')?.textContent).toBe(BADGE_WORDS[lang][level].label);
        expect(badge.querySelector('.level-badge__icon')?.textContent).toBe(BADGE_ICON[level]);
        expect(badge.getAttribute('title')).toBe(BADGE_WORDS[lang][level].title);
        unmount();
      }
    });
  }
});

describe('absent and unavailable', () => {
  it('shows a neutral "no record yet" in Vietnamese and English', async () => {
    const vi = await render(
      <TrustPanel
        lang="vi"
        sellerKey="lazada:@some-shop"
        result={{ status: 'absent', fetchedAt: 0 }}
        registryBase={REGISTRY}
      />,
    );
    expect(vi.container.querySelector('h1')?.textContent).toBe('Người bán @some-shop');
    expect(vi.container.querySelector('.level-badge')?.textContent).toContain('Chưa có dữ liệu');
    expect(vi.container.textContent).toContain('An Tâm chưa có hồ sơ nào về người bán này.');
    expect(vi.container.textContent).toContain('không nói lên điều gì tốt hay xấu');
    expect(vi.container.querySelector('a')).toBeNull();

    const en = await render(
      <TrustPanel
        lang="en"
        sellerKey="lazada:6548"
        pageName="Page Shop"
        result={{ status: 'absent', fetchedAt: 0 }}
        registryBase={REGISTRY}
      />,
    );
    expect(en.container.querySelector('h1')?.textContent).toBe('Page Shop');
    expect(en.container.querySelector('.level-badge')?.textContent).toContain('No record yet');
    expect(en.container.textContent).toContain('An Tâm has no record of this seller yet.');
    expect(en.container.textContent).toContain('on Lazada');
  });

  it('shows "unavailable" with a retry in Vietnamese and English', async () => {
    let retried = 0;
    const vi = await render(
      <TrustPanel
        lang="vi"
        sellerKey="sendo:717078"
        result={{ status: 'unavailable' }}
        registryBase={REGISTRY}
        onRetry={() => retried++}
      />,
    );
    expect(vi.container.querySelector('.level-badge')?.textContent).toContain('Không tải được');
    expect(vi.container.textContent).toContain('Chưa kết nối được cơ sở dữ liệu tín nhiệm');
    await user(() => vi.container.querySelector('button')!.click());
    expect(retried).toBe(1);

    const en = await render(
      <TrustPanel
        lang="en"
        sellerKey="sendo:717078"
        result={{ status: 'unavailable' }}
        registryBase={REGISTRY}
      />,
    );
    expect(en.container.querySelector('.level-badge')?.textContent).toContain('Unavailable');
    expect(en.container.textContent).toContain('The trust registry could not be reached.');
    expect(en.container.querySelector('button')).toBeNull();
  });
});

describe('untrusted text', () => {
  it('shows markup from the registry as text and never creates elements from it', async () => {
    const record = fullRecord({
      name: XSS,
      registration: { status: 'registered', businessName: XSS, taxCode: null, since: null, source: XSS },
      sanctions: [
        { authority: XSS, decision: XSS, date: '2026-06-01', summary: XSS, url: 'javascript:alert(1)' },
      ],
      reasons: [
        {
          code: 'sanction_recent',
          effect: 'negative',
          params: { count: 1, lastDate: '2026-06-01', authority: XSS },
        },
      ],
    });
    const { container } = await render(
      <TrustPanel lang="vi" sellerKey="shopee:672907573" result={found(record)} registryBase={REGISTRY} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('h1')?.textContent).toBe(XSS);
    expect(container.querySelector('.reason')?.textContent).toContain(`Bị xử phạt: ${XSS}, 01/06/2026`);
    // A javascript: URL from the registry is not made a link.
    expect(container.querySelector('.sanction a')).toBeNull();
    expect(
      [...container.querySelectorAll('a')].every((a) => /^https?:/.test(a.getAttribute('href') ?? '')),
    ).toBe(true);
  });

  it('keeps a page-supplied name as text in the absent state', async () => {
    const { container } = await render(
      <TrustPanel
        lang="en"
        sellerKey="shopee:1"
        pageName={XSS}
        result={{ status: 'absent', fetchedAt: 0 }}
        registryBase={REGISTRY}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('h1')?.textContent).toBe(XSS);
  });
});

describe("the seller's replies", () => {
  const base = fullRecord();
  const withReplies = fullRecord({
    sanctions: base.sanctions.map((s) => ({
      ...s,
      reply: { text: 'Chúng tôi đã nộp phạt và ngừng bán mặt hàng này.', date: '2026-07-02', edited: false },
    })),
    counterfeit: {
      ...base.counterfeit,
      reply: { text: `${XSS} <script>alert(2)</script> lô hàng giao nhầm`, date: '2026-11-03', edited: true },
    },
    complaints: {
      ...base.complaints,
      lateReply: { text: 'Chúng tôi đã tăng nhân sự.', date: '2026-10-01', edited: false },
    },
  });
  /** The reply figures of the section whose heading reads `heading`, as a person reads them. */
  const repliesIn = (root: HTMLElement, heading: string) => {
    const section = [...root.querySelectorAll('section')].find(
      (s) => s.querySelector('h2')?.textContent === heading,
    );
    return [...(section?.querySelectorAll('figure') ?? [])].map((f) => ({
      label: f.querySelector('figcaption')?.textContent,
      text: f.querySelector('blockquote')?.textContent,
    }));
  };

  it('shows each reply beside its fact, labelled as the seller’s, in Vietnamese', async () => {
    const { container } = await render(
      <TrustPanel
        lang="vi"
        sellerKey="shopee:672907573"
        result={found(withReplies)}
        registryBase={REGISTRY}
      />,
    );
    const sanction = container.querySelector('.sanction');
    expect(sanction?.querySelector('figcaption')?.textContent).toBe(
      'Phản hồi của người bán · ngày 02/07/2026',
    );
    expect(sanction?.querySelector('blockquote')?.textContent).toBe(
      'Chúng tôi đã nộp phạt và ngừng bán mặt hàng này.',
    );
    expect(repliesIn(container, 'Hàng giả')).toEqual([
      {
        label: 'Phản hồi của người bán · ngày 03/11/2026 (đã sửa)',
        text: `${XSS} <script>alert(2)</script> lô hàng giao nhầm`,
      },
    ]);
    expect(repliesIn(container, 'Khiếu nại')).toEqual([
      {
        label: 'Phản hồi của người bán · Về các khiếu nại để quá hạn · ngày 01/10/2026',
        text: 'Chúng tôi đã tăng nhân sự.',
      },
    ]);
    // The reply's markup stays text.
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('labels them in English, and shows none where the record has none', async () => {
    const { container } = await render(
      <TrustPanel
        lang="en"
        sellerKey="shopee:672907573"
        result={found(withReplies)}
        registryBase={REGISTRY}
      />,
    );
    expect(container.querySelector('.sanction figcaption')?.textContent).toBe(
      "Seller's reply · on 2 Jul 2026",
    );
    cleanup();
    const plain = await render(
      <TrustPanel lang="vi" sellerKey="shopee:672907573" result={found(base)} registryBase={REGISTRY} />,
    );
    expect(plain.container.querySelectorAll('figure')).toHaveLength(0);
    expect(plain.container.textContent).not.toContain('Phản hồi của người bán');
  });
});
