import { describe, expect, it } from 'vitest';
import { ComplaintStats } from '../../lib/registry/schemas';
import { type ComplaintFactRow, computeComplaintStats } from '../../server/trust/stats';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const DAY = 86_400_000;

/** ISO timestamp `days` days before NOW (fractions allowed). */
function ago(days: number): string {
  return new Date(NOW.getTime() - days * DAY).toISOString();
}

/** A complaint filed 10 days ago and still waiting to be forwarded. */
function row(overrides: Partial<ComplaintFactRow> = {}): ComplaintFactRow {
  return {
    status: 'submitted',
    outcome: null,
    filed_at: ago(10),
    forwarded_at: null,
    due_at: null,
    responded_at: null,
    late: 0,
    resolved_at: null,
    escalated: 0,
    ...overrides,
  };
}

/** Forwarded 9 days ago with a deadline 2 days ago. */
function forwarded(overrides: Partial<ComplaintFactRow> = {}): ComplaintFactRow {
  return row({ status: 'forwarded', forwarded_at: ago(9), due_at: ago(2), ...overrides });
}

function resolvedAfter(days: number, overrides: Partial<ComplaintFactRow> = {}): ComplaintFactRow {
  return row({
    status: 'resolved',
    outcome: 'shopper',
    filed_at: ago(100),
    resolved_at: ago(100 - days),
    ...overrides,
  });
}

describe('computeComplaintStats', () => {
  it('gives zeros and nulls for no complaints', () => {
    const stats = computeComplaintStats([], NOW);
    const empty = {
      total: 0,
      open: 0,
      resolvedForShopper: 0,
      rejected: 0,
      unanswered: 0,
      answeredOnTimeShare: null,
      medianDaysToResolution: null,
    };
    expect(stats).toEqual({ last12Months: empty, allTime: empty, upheldAfterEscalation12m: 0 });
  });

  it('counts total without withdrawn complaints', () => {
    const rows = [
      row(),
      row({ status: 'resolved' }),
      row({ status: 'withdrawn' }),
      row({ status: 'closed' }),
    ];
    const { allTime, last12Months } = computeComplaintStats(rows, NOW);
    expect(allTime.total).toBe(3);
    expect(last12Months.total).toBe(3);
  });

  it('counts open as every non-final status', () => {
    const rows = ['submitted', 'forwarded', 'responded', 'escalated', 'resolved', 'closed', 'withdrawn'].map(
      (status) => row({ status }),
    );
    expect(computeComplaintStats(rows, NOW).allTime.open).toBe(4);
  });

  it('counts resolvedForShopper and rejected only for resolved/closed complaints', () => {
    const rows = [
      row({ status: 'resolved', outcome: 'shopper' }),
      row({ status: 'closed', outcome: 'shopper' }),
      row({ status: 'resolved', outcome: 'seller' }),
      row({ status: 'closed', outcome: null }),
      // An outcome on a complaint that is not final yet (or withdrawn) decides nothing.
      row({ status: 'escalated', outcome: 'shopper' }),
      row({ status: 'withdrawn', outcome: 'seller' }),
    ];
    const { allTime } = computeComplaintStats(rows, NOW);
    expect(allTime.resolvedForShopper).toBe(2);
    expect(allTime.rejected).toBe(1);
  });

  it('counts unanswered by the late flag, even when the seller answered afterwards', () => {
    const rows = [
      forwarded({ late: 1 }),
      forwarded({ status: 'responded', late: 1, responded_at: ago(1) }),
      forwarded({ status: 'responded', responded_at: ago(3) }),
      forwarded({ status: 'withdrawn', late: 1 }),
    ];
    expect(computeComplaintStats(rows, NOW).allTime.unanswered).toBe(2);
  });

  describe('answeredOnTimeShare', () => {
    it('is null when no forwarded complaint can be judged yet', () => {
      const rows = [
        row(), // not forwarded
        forwarded({ due_at: ago(-3) }), // deadline still ahead, no answer yet
      ];
      expect(computeComplaintStats(rows, NOW).allTime.answeredOnTimeShare).toBeNull();
    });

    it('counts answered-in-time over forwarded complaints that were answered or are past due', () => {
      const rows = [
        forwarded({ status: 'responded', responded_at: ago(3) }), // on time
        forwarded({ status: 'responded', responded_at: ago(5), due_at: ago(-3) }), // early, deadline ahead
        forwarded({ late: 1 }), // missed
        forwarded({ status: 'responded', responded_at: ago(1), late: 1 }), // answered late
        forwarded({ due_at: ago(-3) }), // not judged yet
        row(), // never forwarded
        forwarded({ status: 'withdrawn', late: 1 }), // withdrawn: excluded
      ];
      expect(computeComplaintStats(rows, NOW).allTime.answeredOnTimeShare).toBe(0.5);
    });

    it('counts a forwarded complaint past its deadline without an answer as not on time', () => {
      // The late flag has not been set yet (the sweep has not run), but the deadline has passed.
      const rows = [forwarded(), forwarded({ status: 'responded', responded_at: ago(3) })];
      expect(computeComplaintStats(rows, NOW).allTime.answeredOnTimeShare).toBe(0.5);
    });

    it('does not count an answer after due_at as on time, even without the late flag', () => {
      const rows = [forwarded({ status: 'responded', responded_at: ago(1) })];
      expect(computeComplaintStats(rows, NOW).allTime.answeredOnTimeShare).toBe(0);
    });

    it('counts an answer exactly at due_at as on time', () => {
      const rows = [forwarded({ status: 'responded', responded_at: ago(2) })];
      expect(computeComplaintStats(rows, NOW).allTime.answeredOnTimeShare).toBe(1);
    });
  });

  describe('12-month window', () => {
    it('includes a complaint filed exactly 365 days ago and excludes one a millisecond older', () => {
      const rows = [
        row({ filed_at: ago(365) }),
        row({ filed_at: new Date(NOW.getTime() - 365 * DAY - 1).toISOString() }),
      ];
      const stats = computeComplaintStats(rows, NOW);
      expect(stats.last12Months.total).toBe(1);
      expect(stats.allTime.total).toBe(2);
    });

    it('keeps a complaint filed slightly after now (clock skew) in the window', () => {
      expect(computeComplaintStats([row({ filed_at: ago(-0.001) })], NOW).last12Months.total).toBe(1);
    });

    it('computes every counter separately for the window', () => {
      const old = ago(400);
      const rows = [
        forwarded({ filed_at: old, late: 1, status: 'resolved', outcome: 'shopper', resolved_at: ago(390) }),
        forwarded({ status: 'responded', responded_at: ago(3) }),
      ];
      const { last12Months, allTime } = computeComplaintStats(rows, NOW);
      expect(last12Months).toMatchObject({ total: 1, open: 1, resolvedForShopper: 0, unanswered: 0 });
      expect(last12Months.answeredOnTimeShare).toBe(1);
      expect(last12Months.medianDaysToResolution).toBeNull();
      expect(allTime).toMatchObject({ total: 2, open: 1, resolvedForShopper: 1, unanswered: 1 });
      expect(allTime.answeredOnTimeShare).toBe(0.5);
      expect(allTime.medianDaysToResolution).toBe(10);
    });
  });

  describe('medianDaysToResolution', () => {
    it('takes the middle value of an odd count', () => {
      const rows = [resolvedAfter(10), resolvedAfter(1), resolvedAfter(2)];
      expect(computeComplaintStats(rows, NOW).allTime.medianDaysToResolution).toBe(2);
    });

    it('takes the mean of the middle two of an even count', () => {
      const rows = [resolvedAfter(1), resolvedAfter(10), resolvedAfter(3), resolvedAfter(2)];
      expect(computeComplaintStats(rows, NOW).allTime.medianDaysToResolution).toBe(2.5);
    });

    it('rounds to one decimal', () => {
      expect(computeComplaintStats([resolvedAfter(1 / 3)], NOW).allTime.medianDaysToResolution).toBe(0.3);
      expect(computeComplaintStats([resolvedAfter(2.76)], NOW).allTime.medianDaysToResolution).toBe(2.8);
    });

    it('uses resolved and closed complaints only', () => {
      const rows = [
        resolvedAfter(4),
        resolvedAfter(6, { status: 'closed', outcome: 'seller' }),
        resolvedAfter(100, { status: 'withdrawn' }),
        resolvedAfter(100, { status: 'escalated' }),
      ];
      expect(computeComplaintStats(rows, NOW).allTime.medianDaysToResolution).toBe(5);
    });

    it('skips a resolution dated before the filing', () => {
      const rows = [resolvedAfter(4), resolvedAfter(-2)];
      expect(computeComplaintStats(rows, NOW).allTime.medianDaysToResolution).toBe(4);
    });
  });

  describe('upheldAfterEscalation12m', () => {
    it('counts escalated complaints resolved for the shopper within 12 months', () => {
      const rows = [
        resolvedAfter(5, { escalated: 1 }),
        resolvedAfter(5, { escalated: 1, status: 'closed' }),
        resolvedAfter(5, { escalated: 1, outcome: 'seller' }),
        resolvedAfter(5, { escalated: 0 }),
        row({ status: 'escalated', escalated: 1, outcome: 'shopper' }), // not final
        resolvedAfter(5, { escalated: 1, status: 'withdrawn' }),
        resolvedAfter(5, { escalated: 1, filed_at: ago(366), resolved_at: ago(360) }), // outside window
      ];
      expect(computeComplaintStats(rows, NOW).upheldAfterEscalation12m).toBe(2);
    });
  });

  describe('unparseable dates', () => {
    it('never throw; the row leaves the window and the medians', () => {
      const rows = [
        resolvedAfter(3),
        row({
          status: 'resolved',
          outcome: 'shopper',
          filed_at: 'garbage',
          resolved_at: ago(1),
          escalated: 1,
        }),
        row({ status: 'resolved', outcome: 'shopper', filed_at: ago(5), resolved_at: 'not a date' }),
        forwarded({ forwarded_at: 'x', due_at: '2025-13-45', responded_at: '??', status: 'responded' }),
        row({ filed_at: '' }),
      ];
      const stats = computeComplaintStats(rows, NOW);
      expect(stats.allTime.total).toBe(5);
      expect(stats.last12Months.total).toBe(3);
      expect(stats.allTime.medianDaysToResolution).toBe(3);
      expect(stats.upheldAfterEscalation12m).toBe(0);
      // Answered, not flagged late, dates not comparable: the late flag decides.
      expect(stats.allTime.answeredOnTimeShare).toBe(1);
    });

    it('does not take a garbled deadline as passed', () => {
      const rows = [forwarded({ due_at: 'soon' })];
      expect(computeComplaintStats(rows, NOW).allTime.answeredOnTimeShare).toBeNull();
    });

    it('does not throw on an invalid clock', () => {
      const stats = computeComplaintStats([row(), forwarded({ late: 1 })], new Date('nope'));
      expect(stats.last12Months.total).toBe(0);
      expect(stats.allTime.total).toBe(2);
    });
  });

  it('produces values that satisfy the ComplaintStats schema', () => {
    const rows = [
      row(),
      forwarded({ late: 1 }),
      forwarded({ status: 'responded', responded_at: ago(3) }),
      resolvedAfter(2, { escalated: 1 }),
      resolvedAfter(7, { outcome: 'seller', status: 'closed' }),
      row({ status: 'withdrawn' }),
      row({ filed_at: 'garbage' }),
    ];
    const stats = computeComplaintStats(rows, NOW);
    expect(() => ComplaintStats.parse(stats.last12Months)).not.toThrow();
    expect(() => ComplaintStats.parse(stats.allTime)).not.toThrow();
  });
});
