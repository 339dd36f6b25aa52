/**
 * The complaint kind of case: a shopper's complaint against a shop, forwarded to the seller when
 * the shopper consents, answered within a deadline, resolved with an outcome. What complaints share
 * with every case (submission, evidence, erasure, views by role) is in server/cases/store.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  type CaseAction,
  CaseEvent,
  ComplaintCategory,
  type ComplaintState,
  ComplaintStatus,
  type ComplaintView,
  DesiredOutcome,
  ResponseKind,
  StoredComplaintContent,
  type SubmitComplaintRequest,
  VerificationState,
  VerifiedBy,
  type VerifyComplaintRequest,
} from '../../lib/registry/cases';
import type { ComplaintTable } from '../db/schema';
import type { Trx, Tx } from '../db/transaction';
import { evidenceOf } from '../evidence/store';
import { enqueueComplaintEvent } from '../webhooks/outbox';
import type { CaseActorInfo, CaseKind, CaseViewerRole, Db } from './kind';
import {
  allowedActions,
  applyComplaintAction,
  type ComplaintTransition,
  initialComplaintState,
  type LifecycleConfig,
} from './lifecycle';
import { addressHash, type SubmissionLimits } from './limits';
import { orderVerified } from './report';
import { lockCaseRow, nextEventSeq, sellerOfCase, timelinesOf } from './store';
import { deriveCaseToken } from './tokens';

export type ComplaintRow = Selectable<ComplaintTable>;

/** The lifecycle facts of a stored complaint. A row the schemas cannot read is corrupt: fail loudly. */
export function complaintState(row: ComplaintRow): ComplaintState {
  const kind = row.response_kind === null ? null : ResponseKind.parse(row.response_kind);
  return {
    status: ComplaintStatus.parse(row.status),
    late: Number(row.late) === 1,
    outcome: row.outcome === 'shopper' || row.outcome === 'seller' ? row.outcome : null,
    forwardedAt: row.forwarded_at,
    dueAt: row.due_at,
    respondedAt: row.responded_at,
    resolvedAt: row.resolved_at,
    escalated: Number(row.escalated) === 1,
    response: kind === null ? null : { kind, message: row.response_message ?? '' },
  };
}

/**
 * Writes a transition computed from `from`; false when the row no longer holds `from` (someone
 * else's transition landed first). The compare-and-set is on (status, late), the two facts every
 * transition changes, so a seller answering while the deadline job marks the complaint late
 * never both win.
 */
async function storeTransition(
  trx: Trx,
  complaintId: string,
  from: ComplaintState,
  result: Extract<ComplaintTransition, { ok: true }>,
  actor: CaseActorInfo,
): Promise<boolean> {
  const { state: next, event } = result;
  const finding = event.action === 'resolve' || event.action === 'close' ? { finding: event.note } : {};
  const updated = await trx
    .updateTable('complaints')
    .set({
      status: next.status,
      outcome: next.outcome,
      forwarded_at: next.forwardedAt,
      due_at: next.dueAt,
      responded_at: next.respondedAt,
      late: next.late ? 1 : 0,
      resolved_at: next.resolvedAt,
      escalated: next.escalated ? 1 : 0,
      response_kind: next.response?.kind ?? null,
      response_message: next.response?.message ?? null,
      ...finding,
    })
    .where('id', '=', complaintId)
    .where('status', '=', from.status)
    .where('late', '=', from.late ? 1 : 0)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await appendEvent(trx, complaintId, event, actor.keyId);
  // In the same transaction as the event: announced exactly when it is committed.
  await enqueueComplaintEvent(trx, complaintId, event.action, event.at);
  return true;
}

/** Appends one entry to a complaint's timeline, numbered after the last one. */
async function appendEvent(
  trx: Trx,
  complaintId: string,
  event: CaseEvent,
  keyId: string | null,
): Promise<void> {
  await trx
    .insertInto('complaint_events')
    .values({
      id: randomUUID(),
      complaint_id: complaintId,
      seq: await nextEventSeq(trx, 'complaint_events', complaintId),
      at: event.at,
      actor_role: event.actor,
      actor_key_id: keyId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      note: event.note,
      params: JSON.stringify(event.params),
    })
    .execute();
}

/** The lifecycle's name for a viewer: the owner of a complaint is its shopper. */
function lifecycleRole(viewer: CaseViewerRole): 'shopper' | 'seller' | 'platform' | 'moderator' {
  return viewer === 'owner' ? 'shopper' : viewer;
}

export type ComplaintKind = CaseKind<
  ComplaintRow,
  SubmitComplaintRequest,
  ComplaintStatus,
  ComplaintView,
  CaseAction,
  undefined
>;

export function complaintKind(lifecycle: Required<LifecycleConfig>, limits: SubmissionLimits): ComplaintKind {
  // A zero or negative deadline would brand every complaint late: refuse to start instead.
  if (!Number.isFinite(lifecycle.answerDeadlineDays) || lifecycle.answerDeadlineDays <= 0) {
    throw new RangeError(`answerDeadlineDays must be positive, got ${lifecycle.answerDeadlineDays}`);
  }
  return {
    name: 'complaint',
    deriveToken: deriveCaseToken,
    findBy: (db, column, value) =>
      db.selectFrom('complaints').selectAll().where(column, '=', value).executeTakeFirst(),
    parseStatus: (raw) => ComplaintStatus.parse(raw),
    // Complaints are counted per hashed address and per install, as reports are: one address once
    // created 120 complaints (and as many public records) in 1.2 s.
    admit(request, client, secret) {
      limits.admit(addressHash(secret, client.address), request.installKey);
    },
    isDuplicate: async () => false,

    async insert(tx: Tx, request, fields, _admission, now) {
      const { trx } = tx;
      const seller = await sellerOfCase(trx, request.seller, now);
      const id = randomUUID();
      const filedAt = now.toISOString();
      const initial = initialComplaintState();
      await trx
        .insertInto('complaints')
        .values({
          id,
          seller_id: seller.id,
          status: initial.status,
          outcome: null,
          filed_at: filedAt,
          tracking_code: fields.trackingCode,
          token_hash: fields.tokenHash,
          idempotency_key: fields.idempotencyKeyHash,
          category: request.category,
          desired_outcome: request.desiredOutcome,
          order_code: request.order.orderCode,
          order_date: request.order.orderDate,
          order_total: request.order.total,
          currency: request.order.currency,
          submitted_content_hash: fields.contentHash,
          // As filed, nobody but the shopper vouches for the order: it counts once verified.
          verification: 'unverified',
          shared_with_seller: request.consent.shareWithSeller ? 1 : 0,
          shared_with_marketplace: request.consent.shareWithMarketplace ? 1 : 0,
        })
        .execute();
      const content: StoredComplaintContent = {
        description: request.description,
        items: request.order.items,
        contact: request.contact ?? null,
        consent: request.consent,
      };
      await trx
        .insertInto('complaint_personal')
        .values({ complaint_id: id, content: JSON.stringify(content), created_at: filedAt })
        .execute();

      let status = initial.status;
      // Forwarding shares the complaint with the seller: only with the shopper's consent to that.
      if (request.consent.shareWithSeller) {
        const t = applyComplaintAction(initial, { type: 'forward' }, { role: 'system' }, now, lifecycle);
        if (!t.ok) throw new Error(`forwarding a new complaint was refused: ${t.message}`);
        if (!(await storeTransition(trx, id, initial, t, { role: 'system', keyId: null }))) {
          throw new Error('a complaint changed inside the transaction that created it');
        }
        status = t.state.status;
      }
      // The new complaint shows in the seller's record at once, as an unverified one.
      await tx.dataChanged(now);
      return status;
    },

    async transition(tx, row, action, actor, now) {
      const from = complaintState(row);
      const t = applyComplaintAction(from, action, { role: actor.role }, now, lifecycle);
      if (!t.ok) return t;
      return (await storeTransition(tx.trx, row.id, from, t, actor)) ? { ok: true } : 'raced';
    },

    async lockForEvidence(trx, caseId) {
      if (!(await lockCaseRow(trx, 'complaints', caseId))) return 'not_found';
      // The personal row disappears when the shopper's personal data is erased.
      const personal = await trx
        .selectFrom('complaint_personal')
        .select('complaint_id')
        .where('complaint_id', '=', caseId)
        .executeTakeFirst();
      return personal ? 'ok' : 'erased';
    },

    /**
     * The shopper's words, items, contact details and order reference go; the anonymous facts of
     * the case (status, dates, lateness, outcome) stay, so the seller's statistics do not change.
     */
    async erasePersonal(trx, caseId) {
      await trx.deleteFrom('complaint_personal').where('complaint_id', '=', caseId).execute();
      await trx
        .updateTable('complaint_events')
        .set({ note: null })
        .where('complaint_id', '=', caseId)
        .where('actor_role', '=', 'shopper')
        .execute();
      await trx
        .updateTable('complaints')
        .set({ order_code: null, order_date: null, order_total: null })
        .where('id', '=', caseId)
        .execute();
    },

    views: complaintViews,
  };
}

/**
 * Complaint views for one kind of viewer, with their timelines: three queries whatever the number
 * of complaints. A seller sees the shopper's content, order and words only with the shopper's
 * consent to sharing with the seller; a moderator mediates and sees everything, as the shopper does.
 */
async function complaintViews(
  db: Db,
  rows: readonly ComplaintRow[],
  viewer: CaseViewerRole,
  now: Date,
): Promise<ComplaintView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [personal, eventsOf, evidence] = await Promise.all([
    db.selectFrom('complaint_personal').selectAll().where('complaint_id', 'in', ids).execute(),
    timelinesOf(db, 'complaint_events', ids),
    evidenceOf(db, 'complaint', ids),
  ]);
  const contentOf = new Map(
    personal.map((p) => [p.complaint_id, StoredComplaintContent.parse(JSON.parse(p.content))]),
  );

  return rows.map((row): ComplaintView => {
    if (row.tracking_code === null) throw new Error('complaint without a tracking code cannot be viewed');
    const state = complaintState(row);
    const content = contentOf.get(row.id) ?? null;
    // Content deleted on the shopper's request counts as not shared. A seller sees it with the
    // consent to share with the seller, a platform with the consent to share with the marketplace.
    const shared =
      viewer === 'seller'
        ? content?.consent.shareWithSeller === true
        : viewer === 'platform'
          ? content?.consent.shareWithMarketplace === true
          : true;
    const timeline = (eventsOf.get(row.id) ?? []).map(
      (e): CaseEvent =>
        CaseEvent.parse({
          at: e.at,
          actor: e.actor_role,
          action: e.action,
          from: e.from_status,
          to: e.to_status,
          // The shopper's own words (a dispute or withdrawal reason) follow their content.
          note: !shared && e.actor_role === 'shopper' ? null : e.note,
          params: JSON.parse(e.params),
        }),
    );
    return {
      trackingCode: row.tracking_code,
      seller: row.seller_id,
      status: state.status,
      late: state.late,
      outcome: state.outcome,
      escalated: state.escalated,
      verification: complaintVerification(row),
      category: ComplaintCategory.parse(row.category),
      desiredOutcome: DesiredOutcome.parse(row.desired_outcome),
      order:
        shared && row.order_code !== null
          ? {
              orderCode: row.order_code ?? '',
              orderDate: row.order_date,
              total: row.order_total === null ? null : Number(row.order_total),
              currency: 'VND',
            }
          : null,
      submittedAt: row.filed_at,
      forwardedAt: state.forwardedAt,
      dueAt: state.dueAt,
      respondedAt: state.respondedAt,
      resolvedAt: state.resolvedAt,
      response: state.response,
      finding: row.finding,
      content: shared ? content : null,
      allowedActions: allowedActions(state, lifecycleRole(viewer), now),
      timeline,
      // Evidence is the shopper's personal data: shared with the seller exactly like the content.
      evidence: shared ? (evidence.get(row.id) ?? []) : [],
    };
  });
}

/** The verification of a stored complaint, as every viewer sees it. */
export function complaintVerification(row: ComplaintRow) {
  return {
    state: VerificationState.parse(row.verification),
    at: row.verified_at,
    by: row.verified_by === null ? null : VerifiedBy.parse(row.verified_by),
  };
}

export type VerifyResult =
  | { ok: true; changed: boolean }
  | { ok: false; code: 'not_found' | 'conflict'; message: string };

/**
 * Records what a platform or a moderator established about a complaint's order, with who and
 * when, as an event on its timeline; the same state again changes nothing. The seller's level is
 * recomputed (only verified complaints count), and counterfeit reports naming the same order at
 * the same shop are tied to a verified order exactly while such a complaint is verified.
 */
export async function verifyComplaint(
  tx: Tx,
  complaintId: string,
  request: VerifyComplaintRequest,
  actor: { role: 'platform' | 'moderator'; keyId: string | null },
  now: Date,
): Promise<VerifyResult> {
  const { trx } = tx;
  if (!(await lockCaseRow(trx, 'complaints', complaintId))) {
    return { ok: false, code: 'not_found', message: 'no such complaint' };
  }
  const row = await trx
    .selectFrom('complaints')
    .selectAll()
    .where('id', '=', complaintId)
    .executeTakeFirstOrThrow();
  if (row.order_code === null) {
    return {
      ok: false,
      code: 'conflict',
      message: "the order of this complaint was deleted at the shopper's request: there is nothing to verify",
    };
  }
  if (row.verification === request.state) return { ok: true, changed: false };
  const at = now.toISOString();
  await trx
    .updateTable('complaints')
    .set({
      verification: request.state,
      verified_at: at,
      verified_by: actor.role,
      verified_by_key: actor.keyId,
    })
    .where('id', '=', complaintId)
    .execute();
  const status = ComplaintStatus.parse(row.status);
  await appendEvent(
    trx,
    complaintId,
    {
      at,
      actor: actor.role,
      action: 'verify',
      from: status,
      to: status,
      note: request.note ?? null,
      params: { verification: request.state, previous: row.verification },
    },
    actor.keyId,
  );
  const tied = (await orderVerified(trx, row.seller_id, row.order_code)) ? 1 : 0;
  await trx
    .updateTable('counterfeit_reports')
    .set({ order_verified: tied })
    .where('seller_id', '=', row.seller_id)
    .where('order_code', '=', row.order_code)
    .execute();
  await enqueueComplaintEvent(trx, complaintId, 'verify', at);
  await tx.dataChanged(now);
  return { ok: true, changed: true };
}

/** A page of the complaints of some shops, newest first, after an optional (filedAt, id) cursor. */
export async function complaintsOfSellers(
  db: Db,
  sellerIds: readonly string[],
  query: { status?: ComplaintStatus; limit: number; after?: [string, string] },
): Promise<ComplaintRow[]> {
  let q = db
    .selectFrom('complaints')
    .selectAll()
    .where('seller_id', 'in', [...sellerIds])
    // Demo and bench rows have no tracking code: they are facts, not cases anyone handles.
    .where('tracking_code', 'is not', null)
    // Filed without consent to share with the seller: not listed to it in any form.
    .where('shared_with_seller', '=', 1);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.after) {
    const [filedAt, id] = query.after;
    q = q.where((eb) =>
      eb.or([eb('filed_at', '<', filedAt), eb.and([eb('filed_at', '=', filedAt), eb('id', '<', id)])]),
    );
  }
  return q.orderBy('filed_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
}

/**
 * The complaints awaiting (or holding) a verification, oldest first after an optional (filedAt,
 * id) cursor: a platform's are its marketplace's complaints the shopper agreed to share with the
 * marketplace; a moderator's are all.
 */
export async function verificationQueue(
  db: Db,
  query: {
    platform: string | null;
    /** Null: any state. */
    state: VerificationState | null;
    /** Null: any status but withdrawn. */
    status?: ComplaintStatus | null;
    limit: number;
    after?: [string, string];
  },
): Promise<ComplaintRow[]> {
  let q = db.selectFrom('complaints as c').selectAll('c').where('c.tracking_code', 'is not', null);
  if (query.state !== null) q = q.where('c.verification', '=', query.state);
  q = query.status ? q.where('c.status', '=', query.status) : q.where('c.status', '!=', 'withdrawn');
  if (query.platform !== null) {
    const platform = query.platform;
    q = q
      .innerJoin('sellers as s', 's.id', 'c.seller_id')
      .where('s.platform', '=', platform)
      .where('c.shared_with_marketplace', '=', 1);
  }
  if (query.after) {
    const [filedAt, id] = query.after;
    q = q.where((eb) =>
      eb.or([eb('c.filed_at', '>', filedAt), eb.and([eb('c.filed_at', '=', filedAt), eb('c.id', '>', id)])]),
    );
  }
  return q.orderBy('c.filed_at', 'asc').orderBy('c.id', 'asc').limit(query.limit).execute();
}

/** Forwarded complaints whose answer deadline has passed and that are not marked late yet. */
export async function overdueComplaintIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('complaints')
    .select('id')
    .where('status', '=', 'forwarded')
    .where('late', '=', 0)
    // Both sides are Date#toISOString() output, so text order is time order.
    .where('due_at', '<', now.toISOString())
    .orderBy('due_at')
    .execute();
  return rows.map((r) => r.id);
}
