/**
 * The one place that turns a seller's facts into a trust level and the reasons behind it. Pure and
 * deterministic: the caller gathers the facts and passes today's date.
 *
 * Design rule: a level moves only on facts established by someone other than the accuser and the
 * accused — sanctions by an authority, counterfeits confirmed by a moderator, and the outcomes and
 * deadlines of complaints whose order a marketplace or a moderator verified. Unverified reports and
 * unverified complaints are published as counts but never change the level, in either direction:
 * anyone can file them, so letting them count would let competitors smear a shop (three anonymous
 * complaints left unanswered) and let a shop wash itself (complaints against itself, answered on
 * time). `complaints` below are the verified ones only; the caller filters.
 */
import {
  COUNTERFEIT_DANGER_12M,
  COUNTERFEIT_RECENT_MONTHS,
  LATE_MIN,
  LATE_SHARE,
  ON_TIME_TRUSTED,
  SANCTION_RECENT_MONTHS,
  UPHELD_MIN,
} from '../../lib/registry/level-rules';
import type { ComplaintStats, Level, Reason, Registration, Sanction } from '../../lib/registry/schemas';

// The thresholds and their description for people (LEVEL_RULES) live in lib/registry/level-rules.ts,
// so that the extension's first-run page and the public /levels page explain the same rules.
export {
  COUNTERFEIT_DANGER_12M,
  COUNTERFEIT_RECENT_MONTHS,
  LATE_MIN,
  LATE_SHARE,
  LEVEL_RULES,
  type LevelRule,
  ON_TIME_TRUSTED,
  type RuleCondition,
  SANCTION_RECENT_MONTHS,
  UPHELD_MIN,
} from '../../lib/registry/level-rules';

export interface SellerFacts {
  officialStore: boolean;
  registration: Registration;
  /** Statistics of verified complaints only (order_verified). */
  complaints: { last12Months: ComplaintStats; allTime: ComplaintStats };
  /** Verified complaints of the last 12 months resolved for the shopper after escalation. */
  upheldAfterEscalation12m: number;
  /** Complaints of the last 12 months nobody verified yet: informational only, see above. */
  unverifiedComplaints12m: number;
  counterfeit: {
    /** Unverified reports: informational only, see the design rule above. */
    reports: number;
    confirmed: number;
    confirmedLast12Months: number;
    lastConfirmedAt: string | null;
  };
  sanctions: Sanction[];
}

export interface TrustVerdict {
  level: Level;
  reasons: Reason[];
}

type Severity = 'danger' | 'caution' | 'none';

interface Finding {
  reason: Reason;
  severity: Severity;
}

interface YMD {
  y: number;
  m: number; // 1–12
  d: number;
}

/** Parses the leading YYYY-MM-DD of a date or timestamp; null when it is not a real calendar date. */
function parseDate(value: string | null): YMD | null {
  if (value === null) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  // Round-trip through UTC to reject dates such as 2025-02-30 that Date would silently roll over.
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { y, m, d };
}

function formatDate({ y, m, d }: YMD): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * `date` minus `months` calendar months, clamped to the end of the month (2024-03-31 minus one
 * month is 2024-02-29), as a YYYY-MM-DD string.
 */
function subtractMonths(date: YMD, months: number): string {
  const index = date.y * 12 + (date.m - 1) - months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate({ y, m, d: Math.min(date.d, daysInMonth(y, m)) });
}

/**
 * The first day (YYYY-MM-DD, UTC) on which `date` is no longer within the last `months` calendar
 * months as `deriveTrust` counts them (`onOrAfter(date, today - months)` turns false), or null for
 * an unparseable date (never recent). Used to know until when a derived record stays true
 * (server/trust/buckets.ts).
 */
export function monthWindowEnds(date: string, months: number): string | null {
  const parsed = parseDate(date.slice(0, 10));
  if (parsed === null) return null;
  const value = formatDate(parsed);
  // Start below the answer (a month has at least 28 days) and step to the exact first day.
  let day = Date.UTC(parsed.y, parsed.m - 1, parsed.d) + months * 28 * 86_400_000;
  for (;;) {
    const d = new Date(day);
    const ymd = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
    if (!onOrAfter(value, subtractMonths(ymd, months))) return formatDate(ymd);
    day += 86_400_000;
  }
}

/**
 * True when `value` is a valid date on or after `cutoff`. YYYY-MM-DD strings compare correctly as
 * text; an unparseable date is never "recent", so bad data cannot raise a level.
 */
function onOrAfter(value: string | null, cutoff: string): boolean {
  const parsed = parseDate(value);
  return parsed !== null && formatDate(parsed) >= cutoff;
}

/** The latest of the given sanctions by date (valid dates win over unparseable ones). */
function latestSanction(sanctions: Sanction[]): Sanction | null {
  let latest: Sanction | null = null;
  let latestDate = '';
  for (const sanction of sanctions) {
    const parsed = parseDate(sanction.date);
    const date = parsed === null ? '' : formatDate(parsed);
    if (latest === null || date > latestDate) {
      latest = sanction;
      latestDate = date;
    }
  }
  return latest;
}

function validDateOrNull(value: string | null): string | null {
  const parsed = parseDate(value);
  return parsed === null ? null : formatDate(parsed);
}

/** Rounds a share for display; comparisons always use the exact value. */
function round2(share: number): number {
  return Math.round(share * 100) / 100;
}

/**
 * Truncates a share for display so a share just under a threshold (0.896) never shows as the
 * threshold itself (0.9) next to a neutral verdict. The epsilon absorbs binary noise (0.29 * 100).
 */
function floor2(share: number): number {
  return Math.floor(share * 100 + 1e-9) / 100;
}

const EFFECT_ORDER: Record<Reason['effect'], number> = { negative: 0, positive: 1, neutral: 2 };

export function deriveTrust(facts: SellerFacts, today: string): TrustVerdict {
  const todayDate = parseDate(today);
  // A bad clock is a programming error, not a fact about the seller: fail loudly.
  if (todayDate === null) throw new RangeError(`deriveTrust: today must be YYYY-MM-DD, got ${today}`);

  const findings: Finding[] = [];
  const add = (severity: Severity, reason: Reason) => findings.push({ severity, reason });

  // Sanctions by an authority.
  const sanctionCutoff = subtractMonths(todayDate, SANCTION_RECENT_MONTHS);
  const recentSanctions = facts.sanctions.filter((s) => onOrAfter(s.date, sanctionCutoff));
  if (recentSanctions.length > 0) {
    const latest = latestSanction(recentSanctions)!;
    add('danger', {
      code: 'sanction_recent',
      effect: 'negative',
      params: {
        count: recentSanctions.length,
        lastDate: validDateOrNull(latest.date),
        authority: latest.authority,
      },
    });
  } else if (facts.sanctions.length > 0) {
    const latest = latestSanction(facts.sanctions)!;
    add('caution', {
      code: 'sanction_past',
      effect: 'negative',
      params: { count: facts.sanctions.length, lastDate: validDateOrNull(latest.date) },
    });
  }

  // Counterfeits confirmed by a moderator (never the unverified reports).
  const { confirmed, confirmedLast12Months, lastConfirmedAt } = facts.counterfeit;
  const counterfeitParams = {
    confirmed,
    last12Months: confirmedLast12Months,
    lastConfirmedAt: validDateOrNull(lastConfirmedAt),
  };
  if (confirmedLast12Months >= COUNTERFEIT_DANGER_12M) {
    add('danger', { code: 'counterfeit_confirmed', effect: 'negative', params: counterfeitParams });
  } else if (confirmed >= 1 || confirmedLast12Months >= 1) {
    // A confirmation counted in the last 12 months is recent even if its date went missing.
    const recent =
      confirmedLast12Months >= 1 ||
      onOrAfter(lastConfirmedAt, subtractMonths(todayDate, COUNTERFEIT_RECENT_MONTHS));
    if (recent)
      add('caution', { code: 'counterfeit_confirmed', effect: 'negative', params: counterfeitParams });
    else add('none', { code: 'counterfeit_confirmed', effect: 'neutral', params: counterfeitParams });
  }

  // Registration with the Ministry.
  const { registration } = facts;
  const registered = registration.status === 'registered' || registration.status === 'notified';
  if (registration.status === 'revoked') {
    add('caution', {
      code: 'registration_revoked',
      effect: 'negative',
      params: { since: registration.since },
    });
  } else if (registered) {
    add('none', {
      code: 'registered',
      effect: 'positive',
      params: { status: registration.status, since: registration.since },
    });
  } else {
    // Many small sellers are legitimately not registered: informational, never accusing.
    add('none', { code: 'unregistered', effect: 'neutral', params: {} });
  }

  // Complaint outcomes and deadlines over the last 12 months.
  const recent = facts.complaints.last12Months;
  if (recent.unanswered >= LATE_MIN && recent.total > 0 && recent.unanswered / recent.total >= LATE_SHARE) {
    add('caution', {
      code: 'complaints_late',
      effect: 'negative',
      params: {
        late: recent.unanswered,
        total: recent.total,
        share: round2(recent.unanswered / recent.total),
      },
    });
  }
  if (facts.upheldAfterEscalation12m >= UPHELD_MIN) {
    add('caution', {
      code: 'complaints_upheld',
      effect: 'negative',
      params: { upheld: facts.upheldAfterEscalation12m },
    });
  }

  if (facts.officialStore) add('none', { code: 'official_store', effect: 'positive', params: {} });

  if (facts.unverifiedComplaints12m > 0) {
    add('none', {
      code: 'complaints_unverified',
      effect: 'neutral',
      params: { count: facts.unverifiedComplaints12m },
    });
  }

  const onTimeShare = recent.answeredOnTimeShare;
  if (recent.total >= 1 && onTimeShare !== null) {
    add('none', {
      code: 'complaints_answered_on_time',
      effect: onTimeShare >= ON_TIME_TRUSTED ? 'positive' : 'neutral',
      params: { total: recent.total, share: floor2(onTimeShare) },
    });
  }

  let level: Level;
  if (findings.some((f) => f.severity === 'danger')) {
    level = 'danger';
  } else if (findings.some((f) => f.reason.effect === 'negative')) {
    level = 'caution';
  } else if (
    registered &&
    (recent.total === 0 || (onTimeShare !== null && onTimeShare >= ON_TIME_TRUSTED)) &&
    confirmed === 0 &&
    confirmedLast12Months === 0 &&
    facts.sanctions.length === 0
  ) {
    level = 'trusted';
  } else if (registered || facts.complaints.allTime.total >= 1) {
    level = 'ok';
  } else {
    level = 'unknown';
    add('none', { code: 'no_facts', effect: 'neutral', params: {} });
  }

  // Array.prototype.sort is stable, so rule order is kept within each effect group.
  const reasons = findings
    .map((f) => f.reason)
    .sort((a, b) => EFFECT_ORDER[a.effect] - EFFECT_ORDER[b.effect]);
  return { level, reasons };
}
