/**
 * Counterfeit reports in the database: submission, moderation and views. Every transition goes
 * through the pure lifecycle (`applyReportAction` in server/cases/lifecycle.ts); this module only
 * loads the status it reads and stores what it returns, with one event per transition.
 *
 * Anti-brigading (DESIGN.md): the reporter is known only by sha256 of the extension's per-install
 * key, and a unique index on (reporter_hash, listing_key) admits one report per reporter per
 * listing even when two requests race. Rate limits live in the route. Reports change a seller's
 * level only once a moderator confirms them (server/trust/records.ts reads `status`).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  ActorRole,
  type ReportAction,
  ReportActionType,
  ReportStatus,
  type ReportView,
  type SubmitReportRequest,
} from '../../lib/registry/cases';
import { parseSellerKey } from '../../lib/registry/seller-key';
import { allowedReportActions, applyReportAction, isFinalReport } from '../cases/lifecycle';
import { canonicalJson, nextEventSeq } from '../cases/store';
import { caseTokenMatches, deriveReportToken, newTrackingCode, sha256Hex } from '../cases/tokens';
import type { CounterfeitReportTable, Database } from '../db/schema';
import { bumpDataVersion, ensureSeller } from '../db/sellers';
import type { EvidenceBlobs } from '../evidence/blobs';
import { deleteEvidenceRows, evidenceOf } from '../evidence/store';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;
export type ReportRow = Selectable<CounterfeitReportTable>;

/**
 * The listing a URL names, for "one report per reporter per listing": host and path only, so that
 * tracking parameters (`?sp_atk=…`, `#reviews`) or a trailing slash do not make a second listing.
 */
export function listingKey(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.hostname.toLowerCase()}${path}`;
}

/** The reporter's identity as stored: never the install key itself. */
export function reporterHash(installKey: string): string {
  return sha256Hex(`antam-report-install-v1:${installKey}`);
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === '23505' || // PostgreSQL unique_violation
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export async function findReportByCode(db: Db, trackingCode: string): Promise<ReportRow | undefined> {
  return db
    .selectFrom('counterfeit_reports')
    .selectAll()
    .where('tracking_code', '=', trackingCode)
    .executeTakeFirst();
}

// ---- Submission ----

export type SubmitReportResult =
  | { kind: 'created' | 'replayed'; trackingCode: string; token: string | null; status: ReportStatus }
  | { kind: 'duplicate' }
  | { kind: 'conflict' };

/** What identifies one submission: hashes only, never the key or the token themselves. */
interface SubmissionHashes {
  reporter: string;
  ip: string;
  listing: string;
  idempotencyKey: string;
  content: string;
  token: string;
}

async function isDuplicate(db: Db, reporter: string, listing: string): Promise<boolean> {
  const row = await db
    .selectFrom('counterfeit_reports')
    .select('id')
    .where('reporter_hash', '=', reporter)
    .where('listing_key', '=', listing)
    .executeTakeFirst();
  return row !== undefined;
}

async function insertReport(
  trx: Trx,
  request: SubmitReportRequest,
  hashes: SubmissionHashes,
  now: Date,
): Promise<string> {
  const key = parseSellerKey(request.seller);
  if (!key) throw new Error('the request schema let an invalid seller key through');
  const seller = await ensureSeller(
    trx,
    key.platform,
    key.alias ? null : key.id,
    key.alias ? key.id : null,
    now,
  );
  // Tied to a verified order when the reporter's order code is one a complaint against the same
  // shop already names: the complaint flow is where an order becomes known to the registry.
  let verified = 0;
  if (request.orderCode !== undefined) {
    const match = await trx
      .selectFrom('complaints')
      .select('id')
      .where('seller_id', '=', seller.id)
      .where('order_code', '=', request.orderCode)
      .executeTakeFirst();
    if (match) verified = 1;
  }
  // 40 random bits; a collision with a concurrent insert fails on the unique index and the
  // caller retries the whole submission.
  let trackingCode = newTrackingCode();
  for (let i = 0; i < 5 && (await findReportByCode(trx, trackingCode)); i++) trackingCode = newTrackingCode();
  await trx
    .insertInto('counterfeit_reports')
    .values({
      id: randomUUID(),
      seller_id: seller.id,
      status: 'received',
      order_verified: verified,
      received_at: now.toISOString(),
      decided_at: null,
      tracking_code: trackingCode,
      listing_url: request.listing.url,
      listing_key: hashes.listing,
      listing_title: request.listing.title,
      listing_price: request.listing.price,
      currency: request.listing.currency,
      reason: request.reason,
      order_code: request.orderCode ?? null,
      reporter_hash: hashes.reporter,
      ip_hash: hashes.ip,
      moderator_reason: null,
      token_hash: hashes.token,
      idempotency_key: hashes.idempotencyKey,
      submitted_content_hash: hashes.content,
      personal_erased_at: null,
    })
    .execute();
  // A received report is counted (as an unverified report) in the seller's public record.
  await bumpDataVersion(trx, now);
  return trackingCode;
}

/**
 * The answer to a retry: the same Idempotency-Key with the same body gets the first submission's
 * tracking code and token back; with another body it is a conflict. Undefined for a new key.
 * Checked before the rate limits, so a retry after a lost answer never counts as a new report.
 */
export async function replayReport(
  db: Db,
  request: SubmitReportRequest,
  idempotencyKey: string,
  secret: string,
): Promise<SubmitReportResult | undefined> {
  const existing = await db
    .selectFrom('counterfeit_reports')
    .select(['tracking_code', 'token_hash', 'status', 'submitted_content_hash'])
    .where('idempotency_key', '=', sha256Hex(idempotencyKey))
    .executeTakeFirst();
  if (!existing) return undefined;
  if (
    existing.submitted_content_hash !== sha256Hex(canonicalJson(request)) ||
    existing.tracking_code === null
  ) {
    return { kind: 'conflict' };
  }
  const token = deriveReportToken(secret, idempotencyKey);
  return {
    kind: 'replayed',
    trackingCode: existing.tracking_code,
    // Re-derived, not stored: null only if the secret changed since (see cases/tokens.ts).
    token: caseTokenMatches(token, existing.token_hash) ? token : null,
    status: ReportStatus.parse(existing.status),
  };
}

/**
 * Stores a report exactly once per idempotency key, and at most one per reporter per listing: a
 * new key for a listing this reporter already reported is a duplicate.
 */
export async function submitReport(
  db: Db,
  request: SubmitReportRequest,
  idempotencyKey: string,
  ipHash: string,
  now: Date,
  secret: string,
): Promise<SubmitReportResult> {
  const token = deriveReportToken(secret, idempotencyKey);
  const hashes: SubmissionHashes = {
    reporter: reporterHash(request.installKey),
    ip: ipHash,
    listing: listingKey(request.listing.url),
    idempotencyKey: sha256Hex(idempotencyKey),
    content: sha256Hex(canonicalJson(request)),
    token: sha256Hex(token),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    // A retry with the same key is also a report by this reporter of this listing: only then is it
    // worth telling a replay from a duplicate (the route asks for replays before the rate limits).
    if (await isDuplicate(db, hashes.reporter, hashes.listing)) {
      return (await replayReport(db, request, idempotencyKey, secret)) ?? { kind: 'duplicate' };
    }
    try {
      const trackingCode = await db.transaction().execute((trx) => insertReport(trx, request, hashes, now));
      return { kind: 'created', trackingCode, token, status: 'received' };
    } catch (err) {
      // A concurrent retry with the same key, the same reporter's concurrent report on this
      // listing, a new seller created at the same moment, or a tracking-code collision: the
      // transaction rolled back, so look again.
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error('could not store the report: repeated conflicts');
}

/**
 * A reporter's deletion request (Decree 13/2023/NĐ-CP): their reason, order code, hashed install
 * key and address, and evidence files go; the anonymous fact (a report of this status, verified or
 * not, against this seller, and the moderator's decision) stays, so the seller's record does not
 * change. Without the install key hash the reporter could report the listing again; that is the
 * price of forgetting who they are.
 */
export async function eraseReportPersonalData(
  db: Db,
  reportId: string,
  blobs: EvidenceBlobs,
  now: Date,
): Promise<void> {
  const files = await db.transaction().execute(async (trx) => {
    const evidenceIds = await deleteEvidenceRows(trx, 'report', reportId);
    await trx
      .updateTable('counterfeit_reports')
      .set({ reason: null, order_code: null, reporter_hash: null, ip_hash: null })
      .where('id', '=', reportId)
      .execute();
    // Only the first erasure sets the time: a repeated request changes nothing.
    await trx
      .updateTable('counterfeit_reports')
      .set({ personal_erased_at: now.toISOString() })
      .where('id', '=', reportId)
      .where('personal_erased_at', 'is', null)
      .execute();
    return evidenceIds;
  });
  await blobs.removeAfterCommit(files);
}

// ---- Moderation ----

export type StoredReportTransition =
  | { ok: true; status: ReportStatus }
  | { ok: false; code: 'forbidden' | 'illegal_transition' | 'conflict' | 'not_found'; message: string };

/**
 * Applies one moderator action: the lifecycle judges it, and an accepted transition is stored as a
 * compare-and-set on the status, with its event and a new data version (a confirmation changes
 * the seller's record), all in one transaction. Refusals change nothing.
 */
export async function transitionReport(
  db: Db,
  reportId: string,
  action: ReportAction,
  actor: { role: ActorRole; keyId: string | null },
  now: Date,
): Promise<StoredReportTransition> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await db.transaction().execute(async (trx): Promise<StoredReportTransition | 'raced'> => {
      const row = await trx
        .selectFrom('counterfeit_reports')
        .select(['status'])
        .where('id', '=', reportId)
        .executeTakeFirst();
      if (!row) return { ok: false, code: 'not_found', message: 'no such report' };
      const from = ReportStatus.parse(row.status);
      const t = applyReportAction(from, action, actor.role);
      if (!t.ok) return t;
      const at = now.toISOString();
      const final = isFinalReport(t.status);
      const updated = await trx
        .updateTable('counterfeit_reports')
        .set({
          status: t.status,
          decided_at: final ? at : null,
          moderator_reason: t.reason,
        })
        .where('id', '=', reportId)
        .where('status', '=', from)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return 'raced';
      await trx
        .insertInto('report_events')
        .values({
          id: randomUUID(),
          report_id: reportId,
          seq: await nextEventSeq(trx, 'report_events', reportId),
          at,
          actor_role: actor.role,
          actor_key_id: actor.keyId,
          action: action.type,
          from_status: from,
          to_status: t.status,
          note: t.reason,
        })
        .execute();
      await bumpDataVersion(trx, now);
      return { ok: true, status: t.status };
    });
    if (result !== 'raced') return result;
  }
  return { ok: false, code: 'conflict', message: 'the report changed at the same moment; try again' };
}

// ---- Views ----

/** Who reads a report: a moderator (who judges it) or the reporter (who follows it). */
export type ReportViewer = 'moderator' | 'reporter';

/**
 * Views with their timelines and evidence, in two queries. Never the reporter's hashes or order
 * code: a moderator judges the listing, the reason and the evidence, not who sent it.
 */
export async function reportViews(
  db: Db,
  rows: readonly ReportRow[],
  viewer: ReportViewer = 'moderator',
): Promise<ReportView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [events, evidence] = await Promise.all([
    db
      .selectFrom('report_events')
      .selectAll()
      .where('report_id', 'in', ids)
      .orderBy('report_id')
      .orderBy('seq')
      .execute(),
    evidenceOf(db, 'report', ids),
  ]);
  const eventsOf = new Map<string, (typeof events)[number][]>();
  for (const e of events) {
    const list = eventsOf.get(e.report_id);
    if (list) list.push(e);
    else eventsOf.set(e.report_id, [e]);
  }
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
