/**
 * The counterfeit report kind of case: anyone with the extension reports a listing, moderators
 * judge it, and only a confirmed report changes a seller's level (server/trust/records.ts reads
 * `status`). What reports share with every case is in server/cases/store.ts; the kind adds its
 * anti-brigading rules (DESIGN.md): the reporter is known only by a hash of the extension's
 * per-install key, a unique index on (reporter_hash, listing_key) admits one report per reporter
 * per listing even when two requests race, and reports per hour are limited per hashed address
 * and per install key.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  ActorRole,
  type ReportAction,
  ReportActionType,
  ReportStatus,
  type ReportView,
  type SubmitReportRequest,
} from '../../lib/registry/cases';
import { listingKey } from '../../lib/registry/listing-key';
import type { CounterfeitReportTable } from '../db/schema';
import { evidenceOf } from '../evidence/store';
import type { CaseKind, CaseViewerRole, Db } from './kind';
import { allowedReportActions, applyReportAction, isFinalReport } from './lifecycle';
import { addressHash, installHash, type SubmissionLimits } from './limits';
import { lockCaseRow, nextEventSeq, sellerOfCase, timelinesOf } from './store';
import { deriveReportToken } from './tokens';

export type ReportRow = Selectable<CounterfeitReportTable>;

/** The listing a URL names (host and path): shared with the extension's report form. */
export { listingKey } from '../../lib/registry/listing-key';

/** The reporter's identity as stored: never the install key itself. */
export const reporterHash = installHash;

export type ReportKind = CaseKind<
  ReportRow,
  SubmitReportRequest,
  ReportStatus,
  ReportView,
  ReportAction,
  { addressHash: string }
>;

export function reportKind(limits: SubmissionLimits): ReportKind {
  return {
    name: 'report',
    deriveToken: deriveReportToken,
    findBy: (db, column, value) =>
      db.selectFrom('counterfeit_reports').selectAll().where(column, '=', value).executeTakeFirst(),
    parseStatus: (raw) => ReportStatus.parse(raw),

    admit(request, client, secret) {
      const hash = addressHash(secret, client.address);
      limits.admit(hash, request.installKey);
      return { addressHash: hash };
    },

    async isDuplicate(db, request) {
      const row = await db
        .selectFrom('counterfeit_reports')
        .select('id')
        .where('reporter_hash', '=', reporterHash(request.installKey))
        .where('listing_key', '=', listingKey(request.listing.url))
        .executeTakeFirst();
      return row !== undefined;
    },

    async insert(tx, request, fields, admission, now) {
      const { trx } = tx;
      const seller = await sellerOfCase(trx, request.seller, now);
      // Tied to a verified order only when someone other than the reporter established that the
      // order exists for this shop: a complaint naming it that a platform or a moderator verified.
      // A complaint the reporter filed themselves proves nothing until it is verified (issue 9).
      const verified =
        request.orderCode !== undefined && (await orderVerified(trx, seller.id, request.orderCode)) ? 1 : 0;
      await trx
        .insertInto('counterfeit_reports')
        .values({
          id: randomUUID(),
          seller_id: seller.id,
          status: 'received',
          order_verified: verified,
          received_at: now.toISOString(),
          decided_at: null,
          tracking_code: fields.trackingCode,
          listing_url: request.listing.url,
          listing_key: listingKey(request.listing.url),
          listing_title: request.listing.title,
          listing_price: request.listing.price,
          currency: request.listing.currency,
          reason: request.reason,
          order_code: request.orderCode ?? null,
          reporter_hash: reporterHash(request.installKey),
          ip_hash: admission.addressHash,
          moderator_reason: null,
          token_hash: fields.tokenHash,
          idempotency_key: fields.idempotencyKeyHash,
          submitted_content_hash: fields.contentHash,
          personal_erased_at: null,
        })
        .execute();
      // A received report is counted (as an unverified report) in the seller's public record.
      await tx.dataChanged(now);
      return 'received';
    },

    async transition(tx, row, action, actor, now) {
      const from = ReportStatus.parse(row.status);
      const t = applyReportAction(from, action, actor.role);
      if (!t.ok) return t;
      const at = now.toISOString();
      const updated = await tx.trx
        .updateTable('counterfeit_reports')
        .set({
          status: t.status,
          decided_at: isFinalReport(t.status) ? at : null,
          moderator_reason: t.reason,
        })
        .where('id', '=', row.id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return 'raced';
      await tx.trx
        .insertInto('report_events')
        .values({
          id: randomUUID(),
          report_id: row.id,
          seq: await nextEventSeq(tx.trx, 'report_events', row.id),
          at,
          actor_role: actor.role,
          actor_key_id: actor.keyId,
          action: action.type,
          from_status: from,
          to_status: t.status,
          note: t.reason,
        })
        .execute();
      return { ok: true };
    },

    async lockForEvidence(trx, caseId) {
      if (!(await lockCaseRow(trx, 'counterfeit_reports', caseId))) return 'not_found';
      const row = await trx
        .selectFrom('counterfeit_reports')
        .select('personal_erased_at')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      return row.personal_erased_at === null ? 'ok' : 'erased';
    },

    /**
     * The reason, order code, hashed install key and address go; the anonymous fact (a report of
     * this status, verified or not, against this seller, and the moderator's decision) stays.
     * Without the install key hash the reporter could report the listing again: that is the price
     * of forgetting who they are.
     */
    async erasePersonal(trx, caseId, now) {
      await trx
        .updateTable('counterfeit_reports')
        .set({ reason: null, order_code: null, reporter_hash: null, ip_hash: null })
        .where('id', '=', caseId)
        .execute();
      // Only the first erasure sets the time: a repeated request changes nothing.
      await trx
        .updateTable('counterfeit_reports')
        .set({ personal_erased_at: now.toISOString() })
        .where('id', '=', caseId)
        .where('personal_erased_at', 'is', null)
        .execute();
    },

    views: reportViews,
  };
}

/**
 * Views with their timelines and evidence, in two queries. Never the reporter's hashes or order
 * code: a moderator judges the listing, the reason and the evidence, not who sent it.
 */
async function reportViews(
  db: Db,
  rows: readonly ReportRow[],
  viewer: CaseViewerRole,
): Promise<ReportView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [eventsOf, evidence] = await Promise.all([
    timelinesOf(db, 'report_events', ids),
    evidenceOf(db, 'report', ids),
  ]);
  return rows.map((row): ReportView => {
    if (row.tracking_code === null) throw new Error('a report without a tracking code cannot be viewed');
    const status = ReportStatus.parse(row.status);
    return {
      trackingCode: row.tracking_code,
      // Seller ids are canonical seller keys (server/db/sellers.ts).
      seller: row.seller_id,
      status,
      listing: {
        url: row.listing_url ?? '',
        title: row.listing_title ?? '',
        price: row.listing_price === null ? null : Number(row.listing_price),
        currency: 'VND',
      },
      reason: row.reason ?? '',
      orderVerified: Number(row.order_verified) === 1,
      receivedAt: row.received_at,
      decidedAt: row.decided_at,
      moderatorReason: row.moderator_reason,
      allowedActions: viewer === 'moderator' ? allowedReportActions(status, 'moderator') : [],
      timeline: (eventsOf.get(row.id) ?? []).map((e) => ({
        at: e.at,
        actor: ActorRole.parse(e.actor_role),
        action: ReportActionType.parse(e.action),
        from: ReportStatus.parse(e.from_status),
        to: ReportStatus.parse(e.to_status),
        note: e.note,
      })),
      evidence: evidence.get(row.id) ?? [],
      personalDataDeleted: row.personal_erased_at !== null,
    };
  });
}

/** The moderation queue oldest first: the report waiting longest is judged first. */
export async function reportQueue(
  db: Db,
  query: { status?: ReportStatus; limit: number },
): Promise<ReportRow[]> {
  let q = db
    .selectFrom('counterfeit_reports')
    .selectAll()
    // Demo and bench rows have no tracking code: they are facts, not cases anyone handles.
    .where('tracking_code', 'is not', null);
  if (query.status) q = q.where('status', '=', query.status);
  return q.orderBy('received_at', 'asc').orderBy('id', 'asc').limit(query.limit).execute();
}

/** True when a complaint against this shop names this order and its order was verified. */
export async function orderVerified(db: Db, sellerId: string, orderCode: string): Promise<boolean> {
  const match = await db
    .selectFrom('complaints')
    .select('id')
    .where('seller_id', '=', sellerId)
    .where('order_code', '=', orderCode)
    .where('verification', '=', 'order_verified')
    .executeTakeFirst();
  return match !== undefined;
}
