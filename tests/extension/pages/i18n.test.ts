import { describe, expect, it } from 'vitest';
import {
  CATALOGS,
  formatDate,
  formatNumber,
  formatPercent,
  formatReason,
  LANGUAGES,
  type MessageKey,
  t,
} from '../../../lib/i18n';
import { en } from '../../../lib/i18n/en';
import { vi } from '../../../lib/i18n/vi';
import { type Reason, ReasonCode } from '../../../lib/registry/schemas';
import { deriveTrust, type SellerFacts } from '../../../server/trust/rules';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  it('en has exactly the keys of vi', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('has no empty string in any language', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(CATALOGS[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders for a key in every language', () => {
    for (const key of Object.keys(vi) as MessageKey[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });

  it('has an .other form for every .one form', () => {
    for (const key of Object.keys(vi)) {
      if (key.endsWith('.one')) expect(Object.keys(vi)).toContain(key.replace(/\.one$/, '.other'));
    }
  });

  it('fills placeholders and formats numbers for the language', () => {
    expect(t('vi', 'trust.updated', { date: '01/06/2026' })).toBe('Dữ liệu cập nhật: 01/06/2026');
    expect(t('en', 'trust.sellerFallback', { id: 12345 })).toBe('Seller 12,345');
    expect(t('vi', 'trust.sellerFallback', { id: 12345 })).toBe('Người bán 12.345');
  });
});

describe('formatting', () => {
  it('writes dates the Vietnamese and the British way, without shifting calendar dates', () => {
    expect(formatDate('2026-06-01', 'vi')).toBe('01/06/2026');
    expect(formatDate('2026-06-01', 'en')).toBe('1 Jun 2026');
    expect(formatDate('not a date', 'vi')).toBe('not a date');
  });

  it('writes numbers and shares per language', () => {
    expect(formatNumber(4.5, 'vi')).toBe('4,5');
    expect(formatNumber(4.5, 'en')).toBe('4.5');
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatPercent(0.92, 'vi')).toBe('92%');
    expect(formatPercent(0.92, 'en')).toBe('92%');
    expect(formatPercent(0.896, 'vi')).toBe('89%');
    expect(formatPercent(0.29, 'en')).toBe('29%');
  });
});

const SAMPLE_PARAMS: Record<ReasonCode, Reason['params']> = {
  registered: { status: 'notified', since: '2020-03-15' },
  official_store: {},
  unregistered: {},
  registration_revoked: { since: '2015-03-30' },
  complaints_answered_on_time: { total: 20, share: 0.95 },
  complaints_late: { late: 5, total: 12, share: 0.42 },
  complaints_upheld: { upheld: 3 },
  complaints_unverified: { count: 4 },
  counterfeit_confirmed: { confirmed: 3, last12Months: 2, lastConfirmedAt: '2026-05-02' },
  sanction_recent: { count: 1, lastDate: '2026-06-01', authority: 'Cục QLTT Hà Nội' },
  sanction_past: { count: 2, lastDate: '2022-01-10' },
  no_facts: {},
};

describe('formatReason', () => {
  it('renders every reason code in every language, with its params and without leftovers', () => {
    for (const code of ReasonCode.options) {
      for (const lang of LANGUAGES) {
        for (const params of [SAMPLE_PARAMS[code], {}]) {
          const text = formatReason({ code, effect: 'neutral', params }, lang);
          expect(text.trim(), `${lang} ${code}`).not.toBe('');
          expect(text, `${lang} ${code}`).not.toMatch(/[{}]/);
        }
      }
    }
  });

  it('names the facts: authority and date of a sanction', () => {
    const reason: Reason = {
      code: 'sanction_recent',
      effect: 'negative',
      params: SAMPLE_PARAMS.sanction_recent,
    };
    expect(formatReason(reason, 'vi')).toBe('Bị xử phạt: Cục QLTT Hà Nội, 01/06/2026');
    expect(formatReason(reason, 'en')).toBe('Sanctioned: Cục QLTT Hà Nội, 1 Jun 2026');
    const several = { ...reason, params: { ...reason.params, count: 2 } };
    expect(formatReason(several, 'vi')).toBe(
      'Bị xử phạt 2 lần trong 24 tháng qua, gần nhất: Cục QLTT Hà Nội, 01/06/2026',
    );
  });

  it('renders counts, shares and plural forms', () => {
    const late: Reason = {
      code: 'complaints_late',
      effect: 'negative',
      params: SAMPLE_PARAMS.complaints_late,
    };
    expect(formatReason(late, 'vi')).toBe('Quá hạn trả lời 5/12 khiếu nại (42%) trong 12 tháng qua');
    expect(formatReason(late, 'en')).toBe(
      'Missed the answer deadline on 5 of 12 complaints (42%) in the last 12 months',
    );
    const one: Reason = {
      code: 'complaints_answered_on_time',
      effect: 'positive',
      params: { total: 1, share: 1 },
    };
    expect(formatReason(one, 'en')).toBe('Answered 100% of 1 complaint on time (last 12 months)');
    const fake: Reason = {
      code: 'counterfeit_confirmed',
      effect: 'negative',
      params: SAMPLE_PARAMS.counterfeit_confirmed,
    };
    expect(formatReason(fake, 'vi')).toBe(
      'Hàng giả được kiểm duyệt viên xác nhận: 3 lần (2 lần trong 12 tháng qua; gần nhất 02/05/2026)',
    );
    const allRecent = { ...fake, params: { confirmed: 1, last12Months: 1, lastConfirmedAt: '2026-05-02' } };
    expect(formatReason(allRecent, 'en')).toBe(
      'Counterfeits confirmed by a moderator: 1 (all in the last 12 months; latest 2 May 2026)',
    );
    expect(
      formatReason(
        { code: 'registered', effect: 'positive', params: { status: 'registered', since: null } },
        'vi',
      ),
    ).toBe('Đã đăng ký với Bộ Công Thương');
  });

  it('leaves out missing facts instead of inventing them', () => {
    const text = formatReason({ code: 'complaints_late', effect: 'negative', params: {} }, 'en');
    expect(text).toContain('—');
    expect(
      formatReason({ code: 'sanction_past', effect: 'negative', params: { count: 1, lastDate: null } }, 'vi'),
    ).toBe('Từng bị xử phạt (hơn 24 tháng trước)');
  });

  it('consumes every param the registry rules actually produce', () => {
    const stats = (total: number, unanswered: number, share: number | null) => ({
      total,
      open: 0,
      resolvedForShopper: 0,
      rejected: 0,
      unanswered,
      answeredOnTimeShare: share,
      medianDaysToResolution: null,
    });
    const facts = (patch: Partial<SellerFacts>): SellerFacts => ({
      officialStore: true,
      registration: {
        status: 'revoked',
        businessName: 'X',
        taxCode: null,
        since: '2015-03-30',
        source: null,
      },
      complaints: { last12Months: stats(10, 4, 0.6), allTime: stats(10, 4, 0.6) },
      upheldAfterEscalation12m: 3,
      unverifiedComplaints12m: 2,
      counterfeit: { reports: 5, confirmed: 4, confirmedLast12Months: 3, lastConfirmedAt: '2026-05-01' },
      sanctions: [
        { authority: 'Sở Công Thương TP.HCM', decision: '1/QĐ', date: '2026-01-01', summary: 's', url: null },
      ],
      ...patch,
    });
    const verdicts = [
      deriveTrust(facts({}), '2026-06-10'),
      deriveTrust(
        facts({
          registration: {
            status: 'registered',
            businessName: null,
            taxCode: null,
            since: '2020-01-01',
            source: null,
          },
          sanctions: [{ authority: 'A', decision: 'B', date: '2020-01-01', summary: 's', url: null }],
        }),
        '2026-06-10',
      ),
      deriveTrust(
        facts({
          officialStore: false,
          registration: { status: 'unknown', businessName: null, taxCode: null, since: null, source: null },
          complaints: { last12Months: stats(0, 0, null), allTime: stats(0, 0, null) },
          upheldAfterEscalation12m: 0,
          counterfeit: { reports: 0, confirmed: 0, confirmedLast12Months: 0, lastConfirmedAt: null },
          sanctions: [],
        }),
        '2026-06-10',
      ),
    ];
    const seen = new Set<string>();
    for (const verdict of verdicts) {
      for (const reason of verdict.reasons) {
        seen.add(reason.code);
        for (const lang of LANGUAGES) {
          // A dash would mean a param the rules send under a name the renderer does not read.
          expect(formatReason(reason, lang), `${lang} ${reason.code}`).not.toContain('—');
        }
      }
    }
    // The three fact sets above cover every code the rules can produce.
    expect([...seen].sort()).toEqual([...ReasonCode.options].sort());
  });
});
