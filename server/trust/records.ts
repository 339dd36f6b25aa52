import type { Kysely } from 'kysely';
import type { PublicReply, Registration, Sanction, TrustRecord } from '../../lib/registry/schemas';
import { PLATFORMS, type Platform } from '../../lib/registry/seller-key';
import type { Database } from '../db/schema';
import { COUNTERFEIT_RECENT_MONTHS, deriveTrust, monthWindowEnds, SANCTION_RECENT_MONTHS } from './rules';
import { complaintFactRow, computeComplaintStats } from './stats';

const REGISTRATION_STATUSES = new Set<Registration['status']>([
  'registered',
  'notified',
  'unregistered',
  'revoked',
  'unknown',
]);

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function asPlatform(p: string): Platform {
  if ((PLATFORMS as readonly string[]).includes(p)) return p as Platform;
  throw new Error(`unknown platform in database: ${p}`);
}

function latest(...isoTimes: (string | null | undefined)[]): string {
  let best = '';
  for (const t of isoTimes) if (t && t > best) best = t;
  return best;
}

/**
 * Builds the public trust records of the given sellers (canonical ids) from the database, as of
 * `now`. Six queries whatever the number of sellers, so that a bucket or a batch costs the same
 * round trips as one seller. Nothing here reads personal data.
 */
export async function loadTrustRecords(
  db: Kysely<Database>,
  sellerIds: readonly string[],
  now: Date,
  /**
   * When given, filled with each seller's first instant (ms) after `now` at which its record may
   * read differently only because time passed (server/trust/buckets.ts); absent: never.
   */
  validUntil?: Map<string, number>,
): Promise<Map<string, TrustRecord>> {
  const out = new Map<string, TrustRecord>();
  if (sellerIds.length === 0) return out;
  const ids = [...new Set(sellerIds)];

  const [sellers, complaints, reports, sanctions, replies] = await Promise.all([
    db
      .selectFrom('sellers as s')
      .leftJoin('businesses as b', 'b.id', 's.business_id')
      .select([
        's.id',
        's.platform',
        's.platform_id',
        's.name',
        's.official_store',
        's.demo',
        's.updated_at',
        'b.name as business_name',
        'b.tax_code',
        'b.registration_status',
        'b.registered_on',
        'b.source_ref',
        'b.updated_at as business_updated_at',
      ])
      .where('s.id', 'in', ids)
      .execute(),
    db
      .selectFrom('complaints')
      .select([
        'seller_id',
        'status',
        'outcome',
        'filed_at',
        'forwarded_at',
        'due_at',
        'responded_at',
        'late',
        'resolved_at',
        'escalated',
        'verification',
      ])
      .where('seller_id', 'in', ids)
      .execute(),
    db
      .selectFrom('counterfeit_reports')
      .select(['seller_id', 'status', 'order_verified', 'decided_at'])
      .where('seller_id', 'in', ids)
      .execute(),
    db
      .selectFrom('sanctions')
      .select(['id', 'seller_id', 'authority', 'decision', 'decided_on', 'summary', 'url', 'created_at'])
      .where('seller_id', 'in', ids)
      .orderBy('decided_on', 'desc')
      .execute(),
    // Only the replies the public may read: neither withdrawn by the seller nor hidden by a moderator.
    db
      .selectFrom('seller_replies')
      .select(['seller_id', 'fact', 'fact_ref', 'text', 'created_at', 'updated_at'])
      .where('seller_id', 'in', ids)
      .where('withdrawn_at', 'is', null)
      .where('hidden_at', 'is', null)
      .execute(),
  ]);

  const bySeller = <T extends { seller_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.seller_id);
      if (list) list.push(r);
      else m.set(r.seller_id, [r]);
    }
    return m;
  };
  const complaintsOf = bySeller(complaints);
  const reportsOf = bySeller(reports);
  const sanctionsOf = bySeller(sanctions);
  const repliesOf = bySeller(replies);
  const today = isoDay(now);
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();

  for (const s of sellers) {
    const status = s.registration_status as Registration['status'] | null;
    const registration: Registration = {
      status: status && REGISTRATION_STATUSES.has(status) ? status : 'unknown',
      businessName: s.business_name ?? null,
      taxCode: s.tax_code ?? null,
      since: s.registered_on ?? null,
      source: s.source_ref ?? null,
    };
    const sellerComplaints = complaintsOf.get(s.id) ?? [];
    // Only complaints whose order someone other than the two parties verified are facts.
    const complaintRows = sellerComplaints
      .filter((c) => c.verification === 'order_verified')
      .map(complaintFactRow);
    const stats = computeComplaintStats(complaintRows, now);
    const unverified = countUnverified(sellerComplaints, yearAgo);
    const sellerReports = reportsOf.get(s.id) ?? [];
    // Only moderator-confirmed reports count as facts; everything received counts as a report.
    const confirmed = sellerReports.filter((r) => r.status === 'confirmed');
    const lastConfirmed = latest(...confirmed.map((r) => r.decided_at));
    const sellerReplies = repliesOf.get(s.id) ?? [];
    const replyTo = (fact: string, ref = ''): { reply?: PublicReply } => {
      const r = sellerReplies.find((x) => x.fact === fact && x.fact_ref === ref);
      // Absent rather than null when there is none, so that a bucket carries no bytes for it.
      return r ? { reply: publicReply(r) } : {};
    };
    const sellerSanctions: Sanction[] = (sanctionsOf.get(s.id) ?? []).map((x) => ({
      authority: x.authority,
      decision: x.decision,
      date: x.decided_on,
      summary: x.summary,
      url: x.url,
      ...replyTo('sanction', x.id),
    }));
    // Each report counted once, by where it stands: a confirmed or dismissed report is no longer
    // "received, not verified" (the panel once showed 10 received beside 3 confirmed).
    const dismissed = sellerReports.filter((r) => r.status === 'dismissed').length;
    // A reply is shown beside its fact only while the fact is on the record.
    const counterfeit = {
      reports: sellerReports.length - confirmed.length - dismissed,
      confirmed: confirmed.length,
      dismissed,
      lastConfirmedAt: lastConfirmed ? lastConfirmed.slice(0, 10) : null,
      ...(confirmed.length > 0 ? replyTo('counterfeit') : {}),
    };
    const lateReply = stats.allTime.unanswered > 0 ? replyTo('late_answers').reply : undefined;
    const { level, reasons } = deriveTrust(
      {
        officialStore: Number(s.official_store) === 1,
        registration,
        complaints: { last12Months: stats.last12Months, allTime: stats.allTime },
        upheldAfterEscalation12m: stats.upheldAfterEscalation12m,
        unverifiedComplaints12m: unverified.last12Months,
        counterfeit: {
          ...counterfeit,
          confirmedLast12Months: confirmed.filter((r) => (r.decided_at ?? '') >= yearAgo).length,
        },
        sanctions: sellerSanctions,
      },
      today,
    );
    const updated = latest(
      s.updated_at,
      s.business_updated_at,
      ...(sanctionsOf.get(s.id) ?? []).map((x) => x.created_at),
      ...sellerComplaints.flatMap((c) => [c.filed_at, c.responded_at, c.resolved_at]),
      ...sellerReports.map((r) => r.decided_at),
      ...sellerReplies.map((r) => r.updated_at),
    );
    if (validUntil) {
      const until = recordValidUntil(
        now.getTime(),
        sellerComplaints,
        sellerReports,
        lastConfirmed,
        sanctionsOf.get(s.id) ?? [],
      );
      if (until !== null) validUntil.set(s.id, until);
    }
    out.set(s.id, {
      platform: asPlatform(s.platform),
      sellerId: s.platform_id,
      name: s.name,
      officialStore: Number(s.official_store) === 1,
      registration,
      complaints: {
        last12Months: stats.last12Months,
        allTime: stats.allTime,
        unverified,
        ...(lateReply ? { lateReply } : {}),
      },
      counterfeit,
      sanctions: sellerSanctions,
      level,
      reasons,
      updatedAt: updated || now.toISOString(),
      demo: Number(s.demo) === 1,
    });
  }
  return out;
}

const YEAR_MS = 365 * 86_400_000;

function dayStartMs(day: string | null): number | null {
  return day === null ? null : Date.parse(`${day}T00:00:00.000Z`);
}

/**
 * The first instant after `nowMs` at which one of the seller's time windows ends: a complaint or a
 * decided report leaving the last 365 days (server/trust/stats.ts and the year cut above), a
 * complaint's answer deadline passing, a sanction or the last confirmed counterfeit leaving its
 * recent months (server/trust/rules.ts). Conservative: any such instant, whether or not it moves
 * the level, so a record is re-derived at or before every change time alone can make.
 */
function recordValidUntil(
  nowMs: number,
  complaints: readonly { filed_at: string; due_at: string | null }[],
  reports: readonly { decided_at: string | null }[],
  lastConfirmed: string,
  sanctions: readonly { decided_on: string }[],
): number | null {
  let best = Number.POSITIVE_INFINITY;
  const consider = (ms: number | null) => {
    if (ms !== null && Number.isFinite(ms) && ms > nowMs && ms < best) best = ms;
  };
  for (const c of complaints) {
    consider(Date.parse(c.filed_at) + YEAR_MS + 1);
    if (c.due_at !== null) consider(Date.parse(c.due_at));
  }
  for (const r of reports) if (r.decided_at) consider(Date.parse(r.decided_at) + YEAR_MS + 1);
  if (lastConfirmed) consider(dayStartMs(monthWindowEnds(lastConfirmed, COUNTERFEIT_RECENT_MONTHS)));
  for (const x of sanctions) consider(dayStartMs(monthWindowEnds(x.decided_on, SANCTION_RECENT_MONTHS)));
  return best === Number.POSITIVE_INFINITY ? null : best;
}

function publicReply(r: { text: string; created_at: string; updated_at: string }): PublicReply {
  return { text: r.text, date: r.updated_at.slice(0, 10), edited: r.updated_at !== r.created_at };
}

/**
 * Complaints nobody verified yet, in the last 12 months and all time: withdrawn ones and those
 * whose order was not found are left out (the first say nothing, the second were refuted).
 */
function countUnverified(
  rows: readonly { status: string; verification: string; filed_at: string }[],
  yearAgo: string,
): { last12Months: number; allTime: number } {
  let last12Months = 0;
  let allTime = 0;
  for (const r of rows) {
    if (r.verification !== 'unverified' || r.status === 'withdrawn') continue;
    allTime++;
    // Both sides are Date#toISOString() output, so text order is time order.
    if (r.filed_at >= yearAgo) last12Months++;
  }
  return { last12Months, allTime };
}

/** The public record of the seller a key names (any of its keys or aliases), or undefined. */
export async function findTrustRecord(
  db: Kysely<Database>,
  sellerKey: string,
  now: Date,
): Promise<TrustRecord | undefined> {
  const row = await db
    .selectFrom('seller_keys')
    .select('seller_id')
    .where('key', '=', sellerKey)
    .executeTakeFirst();
  return row ? (await loadTrustRecords(db, [row.seller_id], now)).get(row.seller_id) : undefined;
}
