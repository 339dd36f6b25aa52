/**
 * Complaints in the database: submission, transitions and views. Every transition goes through
 * the pure lifecycle (server/cases/lifecycle.ts); this module only loads the state it reads and
 * stores what it returns, with one timeline event per transition.
 *
 * Concurrency: a transition is a compare-and-set on (status, late), the two facts every
 * transition changes, so two actors racing on one complaint (a seller answering while the
 * deadline job marks it late, two tabs of the same shopper) never both win; the loser re-reads and
 * is judged again on the new state. No `SELECT … FOR UPDATE`, which SQLite does not have.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import {
  type ActorRole,
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
} from '../../lib/registry/cases';
import { parseSellerKey } from '../../lib/registry/seller-key';
import type { ComplaintTable, Database } from '../db/schema';
import { bumpDataVersion, ensureSeller } from '../db/sellers';
import type { EvidenceBlobs } from '../evidence/blobs';
import { deleteEvidenceRows, evidenceOf } from '../evidence/store';
import { enqueueComplaintEvent } from '../webhooks/outbox';
import {
  allowedActions,
  applyComplaintAction,
  type ComplaintTransition,
  initialComplaintState,
  type LifecycleConfig,
} from './lifecycle';
import { caseTokenMatches, deriveCaseToken, newTrackingCode, sha256Hex } from './tokens';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
export type ComplaintRow = Selectable<ComplaintTable>;

/** Who acts: the lifecycle's role, and the API key behind it (null for the shopper and the system). */
export interface CaseActorInfo {
  role: ActorRole;
  keyId: string | null;
}

/** The roles that read complaints; `system` never does. */
export type ViewerRole = Exclude<ActorRole, 'system'>;

// ---- Rows and states ----

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

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23505' || // PostgreSQL unique_violation
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** JSON with object keys sorted, so that the same submission always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function findComplaintByCode(db: Db, trackingCode: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('tracking_code', '=', trackingCode).executeTakeFirst();
}

// ---- Transitions ----

/**
 * Writes a transition computed from `from`; false when the row no longer holds `from` (someone
 * else's transition landed first).
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
  await trx
    .insertInto('complaint_events')
    .values({
      id: randomUUID(),
      complaint_id: complaintId,
      seq: await nextEventSeq(trx, 'complaint_events', complaintId),
      at: event.at,
      actor_role: event.actor,
      actor_key_id: actor.keyId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      note: event.note,
      params: JSON.stringify(event.params),
    })
    .execute();
  // In the same transaction as the event: announced exactly when it is committed.
  await enqueueComplaintEvent(trx, complaintId, event.action, event.at);
  return true;
}

/**
 * The next position in a case's timeline (complaint or report), read inside the transaction that
 * appends to it: the status update just before it already holds the case's row, so two
 * transitions of one case cannot draw the same number.
 */
export async function nextEventSeq(
  trx: Transaction<Database>,
  table: 'complaint_events' | 'report_events',
  caseId: string,
): Promise<number> {
  const caseColumn = table === 'complaint_events' ? 'complaint_id' : 'report_id';
  const last = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where(sql.ref(caseColumn), '=', caseId)
    .executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}

export type StoredTransition =
  | ComplaintTransition
  | { ok: false; code: 'conflict' | 'not_found'; message: string };

/**
 * Applies one action to a stored complaint: the lifecycle judges it, and an accepted transition
 * is stored with its event and a new data version (it may change the seller's record), all in
 * one transaction. Refusals change nothing.
 */
export async function transitionComplaint(
  db: Db,
  complaintId: string,
  action: CaseAction,
  actor: CaseActorInfo,
  now: Date,
  lifecycle: LifecycleConfig,
): Promise<StoredTransition> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await db.transaction().execute(async (trx): Promise<StoredTransition | 'raced'> => {
      const row = await trx
        .selectFrom('complaints')
        .selectAll()
        .where('id', '=', complaintId)
        .executeTakeFirst();
      if (!row) return { ok: false, code: 'not_found', message: 'no such complaint' };
      const from = complaintState(row);
      const t = applyComplaintAction(from, action, { role: actor.role }, now, lifecycle);
      if (!t.ok) return t;
      if (!(await storeTransition(trx, complaintId, from, t, actor))) return 'raced';
      await bumpDataVersion(trx, now);
      return t;
    });
    if (result !== 'raced') return result;
  }
  return { ok: false, code: 'conflict', message: 'the complaint changed at the same moment; try again' };
}

// ---- Submission ----

export interface SubmitOptions {
  now: Date;
  /** The case-token secret (see tokens.ts). */
  secret: string;
  lifecycle: LifecycleConfig;
}

export type SubmitResult =
  | {
      kind: 'created' | 'replayed';
      trackingCode: string;
      token: string | null;
      status: ComplaintState['status'];
    }
  | { kind: 'conflict' };

async function unusedTrackingCode(trx: Trx): Promise<string> {
  // 40 random bits: a collision is rare enough that a few draws always suffice; a concurrent
  // insert of the same code still fails on the unique index and the submission is retried.
  for (let i = 0; i < 5; i++) {
    const code = newTrackingCode();
    if (!(await findComplaintByCode(trx, code))) return code;
  }
  throw new Error('could not draw an unused tracking code');
}

async function insertComplaint(
  trx: Trx,
  request: SubmitComplaintRequest,
  hashes: { idempotencyKey: string; content: string; token: string },
  options: SubmitOptions,
): Promise<{ trackingCode: string; status: ComplaintState['status'] }> {
  const key = parseSellerKey(request.seller);
  if (!key) throw new Error('the request schema let an invalid seller key through');
  const seller = await ensureSeller(
    trx,
    key.platform,
    key.alias ? null : key.id,
    key.alias ? key.id : null,
    options.now,
  );
  const id = randomUUID();
  const trackingCode = await unusedTrackingCode(trx);
  const filedAt = options.now.toISOString();
  const initial = initialComplaintState();
  await trx
    .insertInto('complaints')
    .values({
      id,
      seller_id: seller.id,
      status: initial.status,
      outcome: null,
      filed_at: filedAt,
      tracking_code: trackingCode,
      token_hash: hashes.token,
      idempotency_key: hashes.idempotencyKey,
      category: request.category,
      desired_outcome: request.desiredOutcome,
      order_code: request.order.orderCode,
      order_date: request.order.orderDate,
      order_total: request.order.total,
      currency: request.order.currency,
      submitted_content_hash: hashes.content,
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
    const t = applyComplaintAction(
      initial,
      { type: 'forward' },
      { role: 'system' },
      options.now,
      options.lifecycle,
    );
    if (!t.ok) throw new Error(`forwarding a new complaint was refused: ${t.message}`);
    if (!(await storeTransition(trx, id, initial, t, { role: 'system', keyId: null }))) {
      throw new Error('a complaint changed inside the transaction that created it');
    }
    status = t.state.status;
  }
  await bumpDataVersion(trx, options.now);
  return { trackingCode, status };
}

/**
 * Stores a complaint exactly once per idempotency key. The same key with the same body (a retry
 * after a lost answer) gets the first submission's tracking code and token back; the same key with
 * a different body is a conflict, never a second complaint.
 */
export async function submitComplaint(
  db: Db,
  request: SubmitComplaintRequest,
  idempotencyKey: string,
  options: SubmitOptions,
): Promise<SubmitResult> {
  const idempotencyHash = sha256Hex(idempotencyKey);
  const contentHash = sha256Hex(canonicalJson(request));
  const token = deriveCaseToken(options.secret, idempotencyKey);
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await db
      .selectFrom('complaints')
      .select(['tracking_code', 'token_hash', 'status', 'submitted_content_hash'])
      .where('idempotency_key', '=', idempotencyHash)
      .executeTakeFirst();
    if (existing) {
      if (existing.submitted_content_hash !== contentHash || existing.tracking_code === null) {
        return { kind: 'conflict' };
      }
      return {
        kind: 'replayed',
        trackingCode: existing.tracking_code,
        // Re-derived, not stored: null only if the secret changed since (see tokens.ts).
        token: caseTokenMatches(token, existing.token_hash) ? token : null,
        status: ComplaintStatus.parse(existing.status),
      };
    }
    try {
      const created = await db
        .transaction()
        .execute((trx) =>
          insertComplaint(
            trx,
            request,
            { idempotencyKey: idempotencyHash, content: contentHash, token: sha256Hex(token) },
            options,
          ),
        );
      return { kind: 'created', token, ...created };
    } catch (err) {
      // A concurrent request with the same key (or creating the same new seller, or drawing the
      // same code) committed first; the transaction was rolled back, so look again.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error('could not store the complaint: repeated conflicts');
}

// ---- Views ----

/**
 * Complaint views for one kind of viewer, with their timelines: three queries whatever the number
 * of complaints. A seller sees the shopper's content, order and words only with the shopper's
 * consent to sharing with the seller; a moderator mediates and sees everything, as the shopper does.
 */
export async function complaintViews(
  db: Db,
  rows: readonly ComplaintRow[],
  viewer: ViewerRole,
  now: Date,
): Promise<ComplaintView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [personal, events, evidence] = await Promise.all([
    db.selectFrom('complaint_personal').selectAll().where('complaint_id', 'in', ids).execute(),
    db
      .selectFrom('complaint_events')
      .selectAll()
      .where('complaint_id', 'in', ids)
      .orderBy('complaint_id')
      .orderBy('seq')
      .execute(),
    evidenceOf(db, 'complaint', ids),
  ]);
  const contentOf = new Map(
    personal.map((p) => [p.complaint_id, StoredComplaintContent.parse(JSON.parse(p.content))]),
  );
  const eventsOf = new Map<string, (typeof events)[number][]>();
  for (const e of events) {
    const list = eventsOf.get(e.complaint_id);
    if (list) list.push(e);
    else eventsOf.set(e.complaint_id, [e]);
  }

  return rows.map((row): ComplaintView => {
    if (row.tracking_code === null) throw new Error('complaint without a tracking code cannot be viewed');
    const state = complaintState(row);
    const content = contentOf.get(row.id) ?? null;
    // Content deleted on the shopper's request counts as not shared.
    const shared = viewer !== 'seller' || content?.consent.shareWithSeller === true;
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
      allowedActions: allowedActions(state, viewer, now),
      timeline,
      // Evidence is the shopper's personal data: shared with the seller exactly like the content.
      evidence: shared ? (evidence.get(row.id) ?? []) : [],
    };
  });
}

/**
 * A shopper's deletion request (Decree 13/2023/NĐ-CP): their words, items, contact details, order
 * reference and evidence files go; the anonymous facts of the case (status, dates, lateness,
 * outcome) stay, so the seller's statistics do not change. Evidence files are removed once the
 * rows are gone for good (after the commit).
 */
export async function erasePersonalData(db: Db, complaintId: string, blobs: EvidenceBlobs): Promise<void> {
  const files = await db.transaction().execute(async (trx) => {
    const evidenceIds = await deleteEvidenceRows(trx, 'complaint', complaintId);
    await trx.deleteFrom('complaint_personal').where('complaint_id', '=', complaintId).execute();
    await trx
      .updateTable('complaint_events')
      .set({ note: null })
      .where('complaint_id', '=', complaintId)
      .where('actor_role', '=', 'shopper')
      .execute();
    await trx
      .updateTable('complaints')
      .set({ order_code: null, order_date: null, order_total: null })
      .where('id', '=', complaintId)
      .execute();
    return evidenceIds;
  });
  await blobs.removeAfterCommit(files);
}

/** True when one of the key's shops (or one of their aliases) is the complaint's seller. */
export async function sellerScopeCovers(
  db: Db,
  scope: readonly string[],
  sellerId: string,
): Promise<boolean> {
  if (scope.length === 0) return false;
  const row = await db
    .selectFrom('seller_keys')
    .select('seller_id')
    .where('key', 'in', [...scope])
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The canonical seller ids a seller key acts for (its keys may be aliases of the same shop). */
export async function sellersInScope(db: Db, scope: readonly string[]): Promise<string[]> {
  if (scope.length === 0) return [];
  const rows = await db
    .selectFrom('seller_keys')
    .select('seller_id')
    .where('key', 'in', [...scope])
    .execute();
  return [...new Set(rows.map((r) => r.seller_id))];
}
