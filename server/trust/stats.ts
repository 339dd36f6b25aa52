/**
 * Complaint statistics, computed from one row per complaint. Pure: the caller reads the rows and
 * passes the clock, so the same rows and `now` always give the same numbers.
 *
 * Definitions (each counter is computed separately for the 12-month window and for all time):
 * - last 12 months: `filed_at` at most 365 days before `now` (a complaint filed "after" `now`, i.e.
 *   clock skew between hosts, counts as recent rather than vanishing).
 * - withdrawn complaints are left out of every counter: the shopper took the complaint back, so it
 *   says nothing about the seller, not even a missed deadline.
 * - total: all complaints except withdrawn.
 * - open: status not final (final = resolved, closed, withdrawn).
 * - resolvedForShopper: resolved/closed with outcome 'shopper'.
 * - rejected: resolved/closed with outcome 'seller'.
 * - unanswered: `late` = 1, i.e. the seller missed the answer deadline. It stays on record even
 *   when the seller answered afterwards: the deadline is the promise made to the shopper.
 * - answeredOnTimeShare: among forwarded complaints that can already be judged (the seller answered,
 *   the deadline has passed, or the row is flagged late), the share answered in time (`responded_at`
 *   set, `late` = 0, and `responded_at` <= `due_at` when both dates parse). null when nothing can be
 *   judged yet, so a fresh complaint never reads as 0 %.
 * - medianDaysToResolution: median of (resolved_at − filed_at) in days over resolved/closed
 *   complaints, rounded to one decimal; an even count takes the mean of the middle two; null when
 *   there is none.
 * - upheldAfterEscalation12m: complaints of the last 12 months that were escalated and ended
 *   resolved/closed in the shopper's favour.
 *
 * Unparseable dates never throw: such a row falls outside the 12-month window, is skipped from
 * medians, and a deadline that does not parse is never taken as passed.
 */
import type { ComplaintStats } from '../../lib/registry/schemas';

export interface ComplaintFactRow {
  status: string;
  outcome: 'shopper' | 'seller' | null;
  filed_at: string;
  forwarded_at: string | null;
  due_at: string | null;
  responded_at: string | null;
  late: number;
  resolved_at: string | null;
  escalated: number;
}

/** The facts of a stored complaint row (integers 0/1 on both engines), as the statistics read them. */
export function complaintFactRow(c: {
  status: string;
  outcome: string | null;
  filed_at: string;
  forwarded_at: string | null;
  due_at: string | null;
  responded_at: string | null;
  late: number | string;
  resolved_at: string | null;
  escalated: number | string;
}): ComplaintFactRow {
  return {
    status: c.status,
    outcome: c.outcome === 'shopper' || c.outcome === 'seller' ? c.outcome : null,
    filed_at: c.filed_at,
    forwarded_at: c.forwarded_at,
    due_at: c.due_at,
    responded_at: c.responded_at,
    late: Number(c.late),
    resolved_at: c.resolved_at,
    escalated: Number(c.escalated),
  };
}

export interface ComplaintStatsResult {
  last12Months: ComplaintStats;
  allTime: ComplaintStats;
  upheldAfterEscalation12m: number;
}

const DAY_MS = 86_400_000;
/** The window is counted in days rather than calendar months so it does not depend on time zones. */
export const WINDOW_DAYS = 365;

const FINAL_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed', 'withdrawn']);
/** Final statuses that carry an outcome; withdrawn ends a complaint without deciding it. */
const DECIDED_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed']);

/** Milliseconds since the epoch, or null for a missing or unparseable date. */
function toMs(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

function statsFor(rows: ComplaintFactRow[], nowMs: number): ComplaintStats {
  let total = 0;
  let open = 0;
  let resolvedForShopper = 0;
  let rejected = 0;
  let unanswered = 0;
  let judged = 0;
  let onTime = 0;
  const resolutionDays: number[] = [];

  for (const row of rows) {
    if (row.status === 'withdrawn') continue;
    total++;
    const decided = DECIDED_STATUSES.has(row.status);
    if (!FINAL_STATUSES.has(row.status)) open++;
    if (decided && row.outcome === 'shopper') resolvedForShopper++;
    if (decided && row.outcome === 'seller') rejected++;
    if (row.late === 1) unanswered++;

    if (row.forwarded_at !== null) {
      const dueMs = toMs(row.due_at);
      const answered = row.responded_at !== null;
      const deadlinePassed = dueMs !== null && dueMs <= nowMs;
      // A late flag means the deadline passed even if due_at is missing or garbled.
      if (answered || deadlinePassed || row.late === 1) {
        judged++;
        const respondedMs = toMs(row.responded_at);
        // Only compare the dates when both parse; otherwise the late flag, set by the server
        // when the deadline expired, is the record of whether the answer came in time.
        const withinDeadline = dueMs === null || respondedMs === null || respondedMs <= dueMs;
        if (answered && row.late === 0 && withinDeadline) onTime++;
      }
    }

    if (decided) {
      const filedMs = toMs(row.filed_at);
      const resolvedMs = toMs(row.resolved_at);
      // A resolution before the filing is corrupt data; leaving it out keeps the median honest.
      if (filedMs !== null && resolvedMs !== null && resolvedMs >= filedMs) {
        resolutionDays.push((resolvedMs - filedMs) / DAY_MS);
      }
    }
  }

  return {
    total,
    open,
    resolvedForShopper,
    rejected,
    unanswered,
    answeredOnTimeShare: judged === 0 ? null : onTime / judged,
    medianDaysToResolution: median(resolutionDays),
  };
}

export function computeComplaintStats(rows: ComplaintFactRow[], now: Date): ComplaintStatsResult {
  const nowMs = now.getTime();
  const cutoffMs = nowMs - WINDOW_DAYS * DAY_MS;
  const recent = rows.filter((row) => {
    const filedMs = toMs(row.filed_at);
    // NaN-safe: an unparseable filing date (or clock) is never inside the window.
    return filedMs !== null && Number.isFinite(cutoffMs) && filedMs >= cutoffMs;
  });

  const upheldAfterEscalation12m = recent.filter(
    (row) => row.escalated === 1 && DECIDED_STATUSES.has(row.status) && row.outcome === 'shopper',
  ).length;

  return {
    last12Months: statsFor(recent, nowMs),
    allTime: statsFor(rows, nowMs),
    upheldAfterEscalation12m,
  };
}
