// The published description of the levels (LEVEL_RULES, rendered on /levels) against the rules
// themselves: each described condition, built just at and just below its threshold, must move
// deriveTrust exactly as the description says. Change a threshold or a comparison in one place
// only and this fails.
import { describe, expect, it } from 'vitest';
import type { ComplaintStats, Level, Registration, Sanction } from '../../lib/registry/schemas';
import { deriveTrust, LEVEL_RULES, type RuleCondition, type SellerFacts } from '../../server/trust/rules';

const TODAY = '2025-06-15';

function stats(o: Partial<ComplaintStats> = {}): ComplaintStats {
  return {
    total: 0,
    open: 0,
    resolvedForShopper: 0,
    rejected: 0,
    unanswered: 0,
    answeredOnTimeShare: null,
    medianDaysToResolution: null,
    ...o,
  };
}

const registration = (status: Registration['status']): Registration => ({
  status,
  businessName: 'Cửa hàng Mẫu',
  taxCode: null,
  since: status === 'registered' || status === 'notified' ? '2020-01-01' : null,
  source: null,
});

const sanction = (date: string): Sanction => ({
  authority: 'Cục Quản lý thị trường',
  decision: `QĐ-${date}`,
  date,
  summary: 'Bán hàng không rõ nguồn gốc',
  url: null,
});

interface Overrides {
  registration?: Registration['status'];
  last12Months?: Partial<ComplaintStats>;
  allTimeTotal?: number;
  upheld?: number;
  unverified?: number;
  counterfeit?: Partial<SellerFacts['counterfeit']>;
  sanctions?: Sanction[];
}

/** An unregistered seller with nothing on record (level unknown), plus overrides. */
function facts(o: Overrides = {}): SellerFacts {
  const last12Months = stats(o.last12Months);
  return {
    officialStore: false,
    registration: registration(o.registration ?? 'unregistered'),
    complaints: {
      last12Months,
      allTime: stats({ ...last12Months, total: o.allTimeTotal ?? last12Months.total }),
    },
    upheldAfterEscalation12m: o.upheld ?? 0,
    unverifiedComplaints12m: o.unverified ?? 0,
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

/** TODAY minus whole months (TODAY is mid-month, so no clamping), and the day before that. */
function monthsBefore(months: number, dayBefore = false): string {
  const index = 2025 * 12 + 5 - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${dayBefore ? '14' : '15'}`;
}

const level = (f: SellerFacts): Level => deriveTrust(f, TODAY).level;

/** Facts where the condition holds just at its threshold, and facts just short of it. */
function scenario(rule: Level, c: RuleCondition): { at: SellerFacts[]; below: SellerFacts[] } {
  switch (c.code) {
    case 'sanction_recent':
      return {
        at: [facts({ sanctions: [sanction(monthsBefore(c.months))] })],
        below: [facts({ sanctions: [sanction(monthsBefore(c.months, true))] })],
      };
    case 'counterfeits_12m': {
      const cf = (n: number) => ({ confirmed: n, confirmedLast12Months: n, lastConfirmedAt: TODAY });
      return { at: [facts({ counterfeit: cf(c.count) })], below: [facts({ counterfeit: cf(c.count - 1) })] };
    }
    case 'sanction_any':
      return { at: [facts({ sanctions: [sanction('2001-01-01')] })], below: [facts()] };
    case 'counterfeit_recent': {
      const cf = (date: string) => ({
        counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: date },
      });
      return {
        at: [facts(cf(monthsBefore(c.months)))],
        below: [facts(cf(monthsBefore(c.months, true)))],
      };
    }
    case 'registration_revoked':
      return { at: [facts({ registration: 'revoked' })], below: [facts()] };
    case 'complaints_late': {
      // The smallest total at which `min` late answers are still `share` of it.
      const total = Math.floor(c.min / c.share + 1e-9);
      const late = (unanswered: number, t: number) =>
        facts({ last12Months: { total: t, unanswered, answeredOnTimeShare: (t - unanswered) / t } });
      return {
        at: [late(c.min, total)],
        below: [late(c.min, total + 1), late(c.min - 1, c.min - 1)],
      };
    }
    case 'complaints_upheld': {
      const upheld = (n: number) =>
        facts({ upheld: n, last12Months: { total: n, resolvedForShopper: n, answeredOnTimeShare: 1 } });
      return { at: [upheld(c.count)], below: [upheld(c.count - 1)] };
    }
    case 'registered':
      if (rule === 'trusted') {
        return {
          at: [facts({ registration: 'registered' }), facts({ registration: 'notified' })],
          below: [facts()],
        };
      }
      // For "ok", a fact that rules out "trusted" without raising caution: an old counterfeit.
      {
        const old = { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2001-01-01' };
        return {
          at: [facts({ registration: 'registered', counterfeit: old })],
          below: [facts({ counterfeit: old })],
        };
      }
    case 'answered_on_time': {
      const onTime = (share: number) =>
        facts({ registration: 'registered', last12Months: { total: 10, answeredOnTimeShare: share } });
      return {
        at: [onTime(c.share), facts({ registration: 'registered' })],
        below: [onTime(c.share - 0.01)],
      };
    }
    case 'no_counterfeit':
      return {
        at: [facts({ registration: 'registered' })],
        below: [
          facts({
            registration: 'registered',
            counterfeit: { confirmed: 1, confirmedLast12Months: 0, lastConfirmedAt: '2001-01-01' },
          }),
        ],
      };
    case 'no_sanction':
      return {
        at: [facts({ registration: 'registered' })],
        below: [facts({ registration: 'registered', sanctions: [sanction('2001-01-01')] })],
      };
    case 'verified_complaint':
      return { at: [facts({ allTimeTotal: 1 })], below: [facts()] };
    default: {
      const unhandled: never = c;
      throw new Error(`no scenario for ${JSON.stringify(unhandled)}`);
    }
  }
}

describe('the published level rules (LEVEL_RULES)', () => {
  it('describes every level once, from the most severe down, with "otherwise" last', () => {
    expect(LEVEL_RULES.map((r) => r.level)).toEqual(['danger', 'caution', 'trusted', 'ok', 'unknown']);
    expect(LEVEL_RULES.at(-1)?.match).toBe('otherwise');
  });

  for (const rule of LEVEL_RULES.filter((r) => r.match !== 'otherwise')) {
    for (const condition of rule.conditions) {
      it(`${rule.level}: ${JSON.stringify(condition)} holds at its threshold and not just below`, () => {
        const { at, below } = scenario(rule.level, condition);
        for (const f of at) expect(level(f), JSON.stringify(f)).toBe(rule.level);
        for (const f of below) expect(level(f), JSON.stringify(f)).not.toBe(rule.level);
      });
    }
  }

  it('a seller with no facts is "unknown" (the "otherwise" rule)', () => {
    expect(level(facts())).toBe('unknown');
  });

  it('unverified complaints and counterfeit reports are counted, never weighed', () => {
    const noise = { unverified: 50, counterfeit: { reports: 50 } };
    expect(level(facts(noise))).toBe('unknown');
    expect(level(facts({ ...noise, registration: 'registered' }))).toBe('trusted');
    const reasons = deriveTrust(facts(noise), TODAY).reasons;
    expect(reasons.find((r) => r.code === 'complaints_unverified')?.params.count).toBe(50);
  });
});
