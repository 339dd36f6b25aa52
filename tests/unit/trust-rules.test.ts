import { describe, expect, it } from 'vitest';
import { type ComplaintStats, Reason, type Registration, type Sanction } from '../../lib/registry/schemas';
import {
  COUNTERFEIT_DANGER_12M,
  deriveTrust,
  LATE_MIN,
  LATE_SHARE,
  ON_TIME_TRUSTED,
  SANCTION_RECENT_MONTHS,
  type SellerFacts,
  UPHELD_MIN,
} from '../../server/trust/rules';

const TODAY = '2025-06-15';

function stats(overrides: Partial<ComplaintStats> = {}): ComplaintStats {
  return {
    total: 0,
    open: 0,
    resolvedForShopper: 0,
    rejected: 0,
    unanswered: 0,
    answeredOnTimeShare: null,
    medianDaysToResolution: null,
    ...overrides,
  };
}

function registration(status: Registration['status'], since: string | null = '2020-01-01'): Registration {
  return { status, businessName: 'Cửa hàng Demo', taxCode: '0101234567', since, source: null };
}

function sanction(date: string, authority = 'Cục Quản lý thị trường'): Sanction {
  return { authority, decision: `QĐ-${date}`, date, summary: 'Bán hàng không rõ nguồn gốc', url: null };
}

interface FactsOverrides {
  officialStore?: boolean;
  registration?: Registration;
  last12Months?: Partial<ComplaintStats>;
  allTime?: Partial<ComplaintStats>;
  upheldAfterEscalation12m?: number;
  unverifiedComplaints12m?: number;
  counterfeit?: Partial<SellerFacts['counterfeit']>;
  sanctions?: Sanction[];
}

/** An unregistered seller with no facts at all, plus overrides. */
function facts(o: FactsOverrides = {}): SellerFacts {
  const last12Months = stats(o.last12Months);
  return {
    officialStore: o.officialStore ?? false,
    registration: o.registration ?? registration('unregistered', null),
    // All-time stats cover at least the last 12 months unless a test says otherwise.
    complaints: { last12Months, allTime: stats({ ...last12Months, ...o.allTime }) },
    upheldAfterEscalation12m: o.upheldAfterEscalation12m ?? 0,
    unverifiedComplaints12m: o.unverifiedComplaints12m ?? 0,
    counterfeit: {
      reports: 0,
      confirmed: 0,
      confirmedLast12Months: 0,
      lastConfirmedAt: null,
      ...o.counterfeit,
    },
    sanctions: o.sanctions ?? [],
  };
}

const REGISTERED = registration('registered');

function codes(f: SellerFacts): string[] {
  return deriveTrust(f, TODAY).reasons.map((r) => r.code);
}

function reason(f: SellerFacts, code: string) {
  return deriveTrust(f, TODAY).reasons.find((r) => r.code === code);
}

describe('deriveTrust', () => {
  describe('unknown', () => {
    it('is unknown for an unregistered seller without complaints, with no_facts', () => {
      const verdict = deriveTrust(facts(), TODAY);
      expect(verdict.level).toBe('unknown');
      expect(verdict.reasons).toEqual([
        { code: 'unregistered', effect: 'neutral', params: {} },
        { code: 'no_facts', effect: 'neutral', params: {} },
      ]);
    });

    it('treats registration status unknown like unregistered', () => {
      const verdict = deriveTrust(facts({ registration: registration('unknown', null) }), TODAY);
      expect(verdict.level).toBe('unknown');
      expect(verdict.reasons.map((r) => r.code)).toEqual(['unregistered', 'no_facts']);
    });

    it('does not add no_facts to any other level', () => {
      expect(codes(facts({ registration: REGISTERED }))).not.toContain('no_facts');
      expect(codes(facts({ allTime: { total: 1 } }))).not.toContain('no_facts');
    });
  });

  describe('ok', () => {
    it('is ok for an unregistered seller with at least one complaint on record', () => {
      expect(deriveTrust(facts({ allTime: { total: 1 } }), TODAY).level).toBe('ok');
    });

    it('is ok for a registered seller whose on-time share is just under the threshold', () => {
      const f = facts({ registration: REGISTERED, last12Months: { total: 100, answeredOnTimeShare: 0.89 } });
      const verdict = deriveTrust(f, TODAY);
      expect(verdict.level).toBe('ok');
      expect(reason(f, 'complaints_answered_on_time')).toEqual({
        code: 'complaints_answered_on_time',
        effect: 'neutral',
        params: { total: 100, share: 0.89 },
      });
    });

    it('shows a share just under the threshold truncated, never as the threshold itself', () => {
      const f = facts({ registration: REGISTERED, last12Months: { total: 10, answeredOnTimeShare: 0.8999 } });
      expect(deriveTrust(f, TODAY).level).toBe('ok');
      expect(reason(f, 'complaints_answered_on_time')?.params.share).toBe(0.89);
    });

    it('is ok for a registered seller with complaints none of which can be judged yet', () => {
      const f = facts({ registration: REGISTERED, last12Months: { total: 1, open: 1 } });
      expect(deriveTrust(f, TODAY).level).toBe('ok');
      expect(codes(f)).not.toContain('complaints_answered_on_time');
    });

    it('is ok, not trusted, for a registered seller with an old confirmed counterfeit', () => {
      const f = facts({
        registration: REGISTERED,
        counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2023-06-14' },
      });
      expect(deriveTrust(f, TODAY).level).toBe('ok');
    });
  });

  describe('trusted', () => {
    it('is trusted for a registered seller without complaints', () => {
      const verdict = deriveTrust(facts({ registration: REGISTERED }), TODAY);
      expect(verdict.level).toBe('trusted');
      expect(verdict.reasons).toEqual([
        { code: 'registered', effect: 'positive', params: { status: 'registered', since: '2020-01-01' } },
      ]);
    });

    it('is trusted for a notified seller', () => {
      const f = facts({ registration: registration('notified', '2022-03-04') });
      expect(deriveTrust(f, TODAY).level).toBe('trusted');
      expect(reason(f, 'registered')?.params).toEqual({ status: 'notified', since: '2022-03-04' });
    });

    it('is trusted at exactly the on-time threshold', () => {
      const f = facts({
        registration: REGISTERED,
        last12Months: { total: 10, answeredOnTimeShare: ON_TIME_TRUSTED },
      });
      expect(deriveTrust(f, TODAY).level).toBe('trusted');
      expect(reason(f, 'complaints_answered_on_time')).toEqual({
        code: 'complaints_answered_on_time',
        effect: 'positive',
        params: { total: 10, share: 0.9 },
      });
    });

    it('judges the on-time share on the last 12 months only', () => {
      const f = facts({
        registration: REGISTERED,
        allTime: { total: 50, answeredOnTimeShare: 0.2, unanswered: 40 },
      });
      expect(deriveTrust(f, TODAY).level).toBe('trusted');
    });

    it('adds official_store as a positive reason', () => {
      const verdict = deriveTrust(facts({ registration: REGISTERED, officialStore: true }), TODAY);
      expect(verdict.level).toBe('trusted');
      expect(verdict.reasons.map((r) => r.code)).toEqual(['registered', 'official_store']);
      expect(verdict.reasons[1]).toEqual({ code: 'official_store', effect: 'positive', params: {} });
    });

    it('is not trusted without a registration, even for an official store', () => {
      const verdict = deriveTrust(facts({ officialStore: true, allTime: { total: 1 } }), TODAY);
      expect(verdict.level).toBe('ok');
    });
  });

  describe('sanctions', () => {
    it(`is danger for a sanction exactly ${SANCTION_RECENT_MONTHS} months ago`, () => {
      const f = facts({ registration: REGISTERED, sanctions: [sanction('2023-06-15')] });
      const verdict = deriveTrust(f, TODAY);
      expect(verdict.level).toBe('danger');
      expect(verdict.reasons[0]).toEqual({
        code: 'sanction_recent',
        effect: 'negative',
        params: { count: 1, lastDate: '2023-06-15', authority: 'Cục Quản lý thị trường' },
      });
    });

    it('is caution for a sanction one day older', () => {
      const f = facts({ registration: REGISTERED, sanctions: [sanction('2023-06-14')] });
      const verdict = deriveTrust(f, TODAY);
      expect(verdict.level).toBe('caution');
      expect(verdict.reasons[0]).toEqual({
        code: 'sanction_past',
        effect: 'negative',
        params: { count: 1, lastDate: '2023-06-14' },
      });
      expect(verdict.reasons.map((r) => r.code)).not.toContain('sanction_recent');
    });

    it('clamps the cutoff to the end of the month', () => {
      // 2026-02-28 minus 24 months is 2024-02-28; leap-day arithmetic must not roll over to March.
      const recent = facts({ sanctions: [sanction('2024-02-28')] });
      const old = facts({ sanctions: [sanction('2024-02-27')] });
      expect(deriveTrust(recent, '2026-02-28').level).toBe('danger');
      expect(deriveTrust(old, '2026-02-28').level).toBe('caution');
      // 2024-02-29 minus 24 months: February 2022 has no 29th, so the cutoff is the 28th.
      expect(deriveTrust(facts({ sanctions: [sanction('2022-02-28')] }), '2024-02-29').level).toBe('danger');
      expect(deriveTrust(facts({ sanctions: [sanction('2022-02-27')] }), '2024-02-29').level).toBe('caution');
    });

    it('counts recent sanctions and names the authority of the latest', () => {
      const f = facts({
        sanctions: [
          sanction('2024-01-10', 'Sở Công Thương Hà Nội'),
          sanction('2020-05-01', 'Old authority'),
          sanction('2025-03-02', 'Cục Thương mại điện tử'),
          sanction('2024-11-30', 'Sở Công Thương TP.HCM'),
        ],
      });
      expect(reason(f, 'sanction_recent')?.params).toEqual({
        count: 3,
        lastDate: '2025-03-02',
        authority: 'Cục Thương mại điện tử',
      });
    });

    it('counts all past sanctions and gives the latest date', () => {
      const f = facts({
        sanctions: [sanction('2019-01-01'), sanction('2021-12-31'), sanction('2020-07-07')],
      });
      expect(reason(f, 'sanction_past')?.params).toEqual({ count: 3, lastDate: '2021-12-31' });
    });

    it('never takes an unparseable sanction date as recent', () => {
      const f = facts({ registration: REGISTERED, sanctions: [sanction('not a date')] });
      const verdict = deriveTrust(f, TODAY);
      expect(verdict.level).toBe('caution');
      expect(reason(f, 'sanction_past')?.params).toEqual({ count: 1, lastDate: null });
    });
  });

  describe('confirmed counterfeits', () => {
    it(`is caution for ${COUNTERFEIT_DANGER_12M - 1} confirmed in 12 months`, () => {
      const f = facts({
        registration: REGISTERED,
        counterfeit: { confirmed: 2, confirmedLast12Months: 2, lastConfirmedAt: '2025-05-01' },
      });
      expect(deriveTrust(f, TODAY).level).toBe('caution');
      expect(reason(f, 'counterfeit_confirmed')).toEqual({
        code: 'counterfeit_confirmed',
        effect: 'negative',
        params: { confirmed: 2, last12Months: 2, lastConfirmedAt: '2025-05-01' },
      });
    });

    it(`is danger for ${COUNTERFEIT_DANGER_12M} confirmed in 12 months`, () => {
      const f = facts({
        registration: REGISTERED,
        counterfeit: { confirmed: 5, confirmedLast12Months: 3, lastConfirmedAt: '2025-05-01' },
      });
      expect(deriveTrust(f, TODAY).level).toBe('danger');
      expect(reason(f, 'counterfeit_confirmed')?.effect).toBe('negative');
    });

    it('is caution for a single confirmation exactly 24 months ago', () => {
      const f = facts({
        registration: REGISTERED,
        counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2023-06-15' },
      });
      expect(deriveTrust(f, TODAY).level).toBe('caution');
      expect(reason(f, 'counterfeit_confirmed')?.effect).toBe('negative');
    });

    it('gives a neutral reason without level effect for a confirmation one day older', () => {
      const f = facts({
        counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2023-06-14' },
      });
      const verdict = deriveTrust(f, TODAY);
      expect(verdict.level).toBe('unknown');
      expect(reason(f, 'counterfeit_confirmed')).toEqual({
        code: 'counterfeit_confirmed',
        effect: 'neutral',
        params: { confirmed: 1, last12Months: 0, lastConfirmedAt: '2023-06-14' },
      });
    });

    it('treats a confirmation counted in the last 12 months as recent even without its date', () => {
      const f = facts({ counterfeit: { confirmed: 1, confirmedLast12Months: 1, lastConfirmedAt: null } });
      expect(deriveTrust(f, TODAY).level).toBe('caution');
    });

    it('treats an old confirmation without a date as not recent', () => {
      const f = facts({ counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: null } });
      expect(deriveTrust(f, TODAY).level).toBe('unknown');
      expect(reason(f, 'counterfeit_confirmed')?.effect).toBe('neutral');
    });
  });

  describe('unverified counterfeit reports', () => {
    it('never yield caution or danger, however many there are', () => {
      for (const reg of [REGISTERED, registration('unregistered', null)]) {
        const base = facts({ registration: reg });
        const reported = facts({ registration: reg, counterfeit: { reports: 1000 } });
        const verdict = deriveTrust(reported, TODAY);
        expect(verdict.level).not.toBe('caution');
        expect(verdict.level).not.toBe('danger');
        expect(verdict).toEqual(deriveTrust(base, TODAY));
      }
      expect(
        deriveTrust(facts({ registration: REGISTERED, counterfeit: { reports: 1000 } }), TODAY).level,
      ).toBe('trusted');
    });

    it('never change the verdict in any situation', () => {
      const situations = [
        facts(),
        facts({ allTime: { total: 3 } }),
        facts({ registration: REGISTERED, last12Months: { total: 4, answeredOnTimeShare: 0.5 } }),
        facts({ sanctions: [sanction('2020-01-01')] }),
        facts({ counterfeit: { confirmed: 1, confirmedLast12Months: 1, lastConfirmedAt: '2025-01-01' } }),
        facts({ counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2019-01-01' } }),
      ];
      for (const f of situations) {
        const flooded = { ...f, counterfeit: { ...f.counterfeit, reports: 1000 } };
        expect(deriveTrust(flooded, TODAY)).toEqual(deriveTrust(f, TODAY));
      }
    });
  });

  describe('registration revoked', () => {
    it('is caution with the revocation date', () => {
      const f = facts({ registration: registration('revoked', '2024-09-01'), allTime: { total: 2 } });
      const verdict = deriveTrust(f, TODAY);
      expect(verdict.level).toBe('caution');
      expect(verdict.reasons).toEqual([
        { code: 'registration_revoked', effect: 'negative', params: { since: '2024-09-01' } },
      ]);
    });
  });

  describe('late answers', () => {
    it(`needs at least ${LATE_MIN} missed deadlines`, () => {
      const two = facts({ registration: REGISTERED, last12Months: { total: 2, unanswered: 2 } });
      expect(deriveTrust(two, TODAY).level).not.toBe('caution');
      expect(codes(two)).not.toContain('complaints_late');

      const three = facts({ registration: REGISTERED, last12Months: { total: 3, unanswered: 3 } });
      expect(deriveTrust(three, TODAY).level).toBe('caution');
      expect(reason(three, 'complaints_late')?.params).toEqual({ late: 3, total: 3, share: 1 });
    });

    it(`needs a share of at least ${LATE_SHARE}`, () => {
      const under = facts({ registration: REGISTERED, last12Months: { total: 100, unanswered: 29 } });
      expect(codes(under)).not.toContain('complaints_late');
      expect(deriveTrust(under, TODAY).level).toBe('ok');

      const at = facts({ registration: REGISTERED, last12Months: { total: 100, unanswered: 30 } });
      expect(deriveTrust(at, TODAY).level).toBe('caution');
      expect(reason(at, 'complaints_late')).toEqual({
        code: 'complaints_late',
        effect: 'negative',
        params: { late: 30, total: 100, share: 0.3 },
      });
    });

    it('rounds the share to two decimals', () => {
      const f = facts({ last12Months: { total: 7, unanswered: 3 } });
      expect(reason(f, 'complaints_late')?.params.share).toBe(0.43);
    });

    it('ignores missed deadlines older than 12 months', () => {
      const f = facts({ registration: REGISTERED, allTime: { total: 10, unanswered: 10 } });
      expect(deriveTrust(f, TODAY).level).toBe('trusted');
    });
  });

  describe('complaints upheld after escalation', () => {
    it(`is caution from ${UPHELD_MIN} upheld complaints`, () => {
      const two = facts({ registration: REGISTERED, upheldAfterEscalation12m: UPHELD_MIN - 1 });
      expect(deriveTrust(two, TODAY).level).toBe('trusted');
      expect(codes(two)).not.toContain('complaints_upheld');

      const three = facts({ registration: REGISTERED, upheldAfterEscalation12m: UPHELD_MIN });
      expect(deriveTrust(three, TODAY).level).toBe('caution');
      expect(reason(three, 'complaints_upheld')).toEqual({
        code: 'complaints_upheld',
        effect: 'negative',
        params: { upheld: 3 },
      });
    });
  });

  describe('level precedence and reason order', () => {
    it('lets danger win over caution', () => {
      const f = facts({
        registration: registration('revoked', '2024-01-01'),
        sanctions: [sanction('2025-01-01')],
        last12Months: { total: 3, unanswered: 3 },
      });
      expect(deriveTrust(f, TODAY).level).toBe('danger');
    });

    it('orders reasons negative, then positive, then neutral', () => {
      const f = facts({
        registration: REGISTERED,
        officialStore: true,
        sanctions: [sanction('2019-01-01')],
        counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2020-01-01' },
        last12Months: { total: 20, unanswered: 6, answeredOnTimeShare: 0.7 },
        upheldAfterEscalation12m: 4,
      });
      const verdict = deriveTrust(f, TODAY);
      expect(verdict.level).toBe('caution');
      expect(verdict.reasons.map((r) => [r.effect, r.code])).toEqual([
        ['negative', 'sanction_past'],
        ['negative', 'complaints_late'],
        ['negative', 'complaints_upheld'],
        ['positive', 'registered'],
        ['positive', 'official_store'],
        ['neutral', 'counterfeit_confirmed'],
        ['neutral', 'complaints_answered_on_time'],
      ]);
    });

    it('rejects a malformed today', () => {
      expect(() => deriveTrust(facts(), '15/06/2025')).toThrow(RangeError);
      expect(() => deriveTrust(facts(), '2025-02-30')).toThrow(RangeError);
    });
  });

  it('produces reasons that all validate against the Reason schema', () => {
    const situations: SellerFacts[] = [
      facts(),
      facts({ registration: registration('unknown', null), officialStore: true }),
      facts({
        registration: REGISTERED,
        officialStore: true,
        last12Months: { total: 5, answeredOnTimeShare: 1 },
      }),
      facts({
        registration: registration('notified', null),
        last12Months: { total: 5, answeredOnTimeShare: 0.2 },
      }),
      facts({ registration: registration('revoked', null) }),
      facts({ sanctions: [sanction('2025-01-01'), sanction('2018-01-01')] }),
      facts({ sanctions: [sanction('2018-01-01')] }),
      facts({ counterfeit: { confirmed: 4, confirmedLast12Months: 4, lastConfirmedAt: '2025-06-01' } }),
      facts({ counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2024-06-01' } }),
      facts({ counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2010-06-01' } }),
      facts({ last12Months: { total: 9, unanswered: 4 }, upheldAfterEscalation12m: 5 }),
    ];
    const seen = new Set<string>();
    const levels = new Set<string>();
    for (const f of situations) {
      const verdict = deriveTrust(f, TODAY);
      levels.add(verdict.level);
      for (const r of verdict.reasons) {
        expect(Reason.safeParse(r).success, JSON.stringify(r)).toBe(true);
        seen.add(r.code);
      }
    }
    // Every reason code and every level is exercised by the situations above.
    expect([...seen].sort()).toEqual(
      [
        'complaints_answered_on_time',
        'complaints_late',
        'complaints_upheld',
        'counterfeit_confirmed',
        'no_facts',
        'official_store',
        'registered',
        'registration_revoked',
        'sanction_past',
        'sanction_recent',
        'unregistered',
      ].sort(),
    );
    expect([...levels].sort()).toEqual(['caution', 'danger', 'ok', 'trusted', 'unknown']);
  });
});

describe('unverified complaints (issue 9): shown as a count, never a level', () => {
  it('a seller with only unverified complaints stays unknown, with the count beside it', () => {
    const f = facts({ unverifiedComplaints12m: 1 });
    expect(deriveTrust(f, TODAY).level).toBe('unknown');
    expect(reason(f, 'complaints_unverified')).toEqual({
      code: 'complaints_unverified',
      effect: 'neutral',
      params: { count: 1 },
    });
  });

  it('no count, no reason', () => {
    expect(codes(facts())).not.toContain('complaints_unverified');
  });

  it.each([1, 3, 32, 10_000])('%i unverified complaints move no level, up or down', (n) => {
    for (const base of [
      facts(),
      facts({ registration: REGISTERED }),
      facts({
        registration: REGISTERED,
        last12Months: { total: 10, unanswered: 3, answeredOnTimeShare: 0.7 },
      }),
      facts({ sanctions: [sanction('2026-01-10')] }),
    ]) {
      const without = deriveTrust(base, TODAY).level;
      expect(deriveTrust({ ...base, unverifiedComplaints12m: n }, TODAY).level).toBe(without);
    }
  });
});
