/**
 * The one mechanism of cases, whatever their kind (server/cases/kind.ts): submission exactly once
 * per Idempotency-Key with a token derived from it, transitions judged by the pure lifecycle and
 * stored as a compare-and-set (no `SELECT … FOR UPDATE`, which SQLite lacks: two actors racing on
 * one case never both win; the loser re-reads and is judged again), evidence, erasure of personal
 * data, and views by role. Writes go through the transaction helper, so a change of the public
 * data refreshes the bucket cache after its commit.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import { parseSellerKey } from '../../lib/registry/seller-key';
import type { Database } from '../db/schema';
import { type EnsuredSeller, ensureSeller } from '../db/sellers';
import { isUniqueViolation, type Trx, type Writer } from '../db/transaction';
import type { EvidenceStorage } from '../evidence/blobs';
import {
  type AddEvidenceResult,
  addEvidence,
  deleteEvidenceRows,
  type EvidenceRow,
  type EvidenceUpload,
  findEvidence,
} from '../evidence/store';
import type { CaseActorInfo, CaseKind, CaseRow, CaseViewerRole, StoredTransition } from './kind';
import { type CaseTokenSecret, caseTokenMatches, newTrackingCode, sha256Hex } from './tokens';

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

/**
 * The next position in a case's timeline, read inside the transaction that appends to it: the
 * status update just before it already holds the case's row, so two transitions of one case cannot
 * draw the same number.
 */
export async function nextEventSeq(
  trx: Trx,
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

/**
 * Locks a case row for the rest of the transaction (a no-op update: PostgreSQL's FOR UPDATE has no
 * SQLite twin, and SQLite serialises writers anyway); false when there is no such case.
 */
export async function lockCaseRow(
  trx: Trx,
  table: 'complaints' | 'counterfeit_reports',
  caseId: string,
): Promise<boolean> {
  const locked = await trx
    .updateTable(table)
    .set((eb) => ({ id: eb.ref('id') }))
    .where('id', '=', caseId)
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) === 1;
}

type EventTable = 'complaint_events' | 'report_events';

/** The timelines of several cases in one query: each case's events in order. */
export async function timelinesOf<T extends EventTable>(
  db: Kysely<Database>,
  table: T,
  caseIds: readonly string[],
): Promise<Map<string, Selectable<Database[T]>[]>> {
  const caseColumn = table === 'complaint_events' ? 'complaint_id' : 'report_id';
  const rows = (await db
    .selectFrom(table as EventTable)
    .selectAll()
    .where(sql.ref(caseColumn), 'in', [...caseIds])
    .orderBy(sql.ref(caseColumn))
    .orderBy('seq')
    .execute()) as Selectable<Database[T]>[];
  return groupByCase(rows, (e) => String((e as Record<string, unknown>)[caseColumn]));
}

/** The seller a case is against, created when the registry does not know it yet. */
export async function sellerOfCase(trx: Trx, sellerKey: string, now: Date): Promise<EnsuredSeller> {
  const key = parseSellerKey(sellerKey);
  if (!key) throw new Error('the request schema let an invalid seller key through');
  return ensureSeller(trx, key.platform, key.alias ? null : key.id, key.alias ? key.id : null, now);
}

/** Rows grouped by their case, keeping their order. */
export function groupByCase<T>(rows: readonly T[], caseOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(caseOf(row));
    if (list) list.push(row);
    else out.set(caseOf(row), [row]);
  }
  return out;
}

export type SubmitResult<Status> =
  | { kind: 'created' | 'replayed'; trackingCode: string; token: string | null; status: Status }
  | { kind: 'duplicate' }
  | { kind: 'conflict' };

/** The store of a kind of case. */
export type StoreOf<K> =
  K extends CaseKind<infer R, infer Q, infer S, infer V, infer A, infer M>
    ? CaseStore<R, Q, S, V, A, M>
    : never;

export class CaseStore<Row extends CaseRow, Request, Status extends string, View, Action, Admission> {
  constructor(
    readonly kind: CaseKind<Row, Request, Status, View, Action, Admission>,
    private readonly db: Kysely<Database>,
    private readonly writer: Writer,
    private readonly secret: CaseTokenSecret,
    private readonly evidence: EvidenceStorage,
  ) {}

  findByCode(trackingCode: string): Promise<Row | undefined> {
    return this.kind.findBy(this.db, 'tracking_code', trackingCode);
  }

  /**
   * The answer to a retry: the same Idempotency-Key with the same body gets the first submission's
   * tracking code and token back; with another body it is a conflict. Undefined for a new key.
   */
  private async replay(request: Request, idempotencyKey: string, secret: string) {
    const existing = await this.kind.findBy(this.db, 'idempotency_key', sha256Hex(idempotencyKey));
    if (!existing) return undefined;
    if (
      existing.submitted_content_hash !== sha256Hex(canonicalJson(request)) ||
      existing.tracking_code === null
    ) {
      return { kind: 'conflict' } as const;
    }
    const token = this.kind.deriveToken(secret, idempotencyKey);
    return {
      kind: 'replayed',
      trackingCode: existing.tracking_code,
      // Re-derived, not stored: null only if the secret changed since (see tokens.ts).
      token: caseTokenMatches(token, existing.token_hash) ? token : null,
      status: this.kind.parseStatus(existing.status),
    } as const;
  }

  /**
   * Stores a case exactly once per idempotency key. A retry after a lost answer is answered before
   * the kind's admission rules (it is not a new case); a new one must pass them, and the kind may
   * refuse a duplicate of a case it already holds.
   */
  async submit(
    request: Request,
    idempotencyKey: string,
    client: { address: string },
    now: Date,
  ): Promise<SubmitResult<Status>> {
    const secret = await this.secret.get();
    const first = await this.replay(request, idempotencyKey, secret);
    if (first) return first;
    const admission = this.kind.admit(request, client, secret);
    const token = this.kind.deriveToken(secret, idempotencyKey);
    for (let attempt = 0; attempt < 3; attempt++) {
      const again = attempt === 0 ? undefined : await this.replay(request, idempotencyKey, secret);
      if (again) return again;
      if (await this.kind.isDuplicate(this.db, request)) return { kind: 'duplicate' };
      try {
        const created = await this.writer.transact(async (tx) => {
          const trackingCode = await this.unusedTrackingCode(tx.trx);
          const fields = {
            trackingCode,
            idempotencyKeyHash: sha256Hex(idempotencyKey),
            contentHash: sha256Hex(canonicalJson(request)),
            tokenHash: sha256Hex(token),
          };
          const status = await this.kind.insert(tx, request, fields, admission, now);
          return { trackingCode, status };
        });
        return { kind: 'created', token, ...created };
      } catch (err) {
        // A concurrent request with the same key (or by the same reporter on the same listing, or
        // creating the same new seller, or drawing the same code) committed first; the transaction
        // was rolled back, so look again.
        if (!isUniqueViolation(err)) throw err;
      }
    }
    throw new Error(`could not store the ${this.kind.name}: repeated conflicts`);
  }

  private async unusedTrackingCode(trx: Trx): Promise<string> {
    // 40 random bits: a collision is rare enough that a few draws always suffice; a concurrent
    // insert of the same code still fails on the unique index and the submission is retried.
    for (let i = 0; i < 5; i++) {
      const code = newTrackingCode();
      if (!(await this.kind.findBy(trx, 'tracking_code', code))) return code;
    }
    throw new Error('could not draw an unused tracking code');
  }

  /**
   * Applies one action: the lifecycle judges it, and an accepted transition is stored with its
   * event and a new data version (it may change the seller's record), all in one transaction.
   * Refusals change nothing.
   */
  async transition(
    caseId: string,
    action: Action,
    actor: CaseActorInfo,
    now: Date,
  ): Promise<StoredTransition<{ ok: true }>> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.writer.transact(async (tx) => {
        const row = await this.kind.findBy(tx.trx, 'id', caseId);
        if (!row) return { ok: false, code: 'not_found', message: `no such ${this.kind.name}` } as const;
        const stored = await this.kind.transition(tx, row, action, actor, now);
        if (stored !== 'raced' && stored.ok) await tx.dataChanged(now);
        return stored;
      });
      if (result !== 'raced') return result;
    }
    return {
      ok: false,
      code: 'conflict',
      message: `the ${this.kind.name} changed at the same moment; try again`,
    };
  }

  /**
   * The owner's deletion request (Decree 13/2023/NĐ-CP): their words and evidence go, the anonymous
   * facts stay, so the seller's record does not change. Evidence files are removed once the rows
   * are gone for good (after the commit).
   */
  async erasePersonalData(caseId: string, now: Date): Promise<void> {
    const blobs = await this.evidence.get();
    await this.writer.transact(async (tx) => {
      const files = await deleteEvidenceRows(tx.trx, this.kind.name, caseId);
      await this.kind.erasePersonal(tx.trx, caseId, now);
      tx.afterCommit(() => blobs.removeAfterCommit(files));
    });
  }

  views(rows: readonly Row[], viewer: CaseViewerRole, now: Date): Promise<View[]> {
    return this.kind.views(this.db, rows, viewer, now);
  }

  /** The view of the case as it is now (after a transition or an erasure). */
  async freshView(trackingCode: string, viewer: CaseViewerRole, now: Date): Promise<View | undefined> {
    const row = await this.findByCode(trackingCode);
    if (!row) return undefined;
    const [view] = await this.views([row], viewer, now);
    if (!view) throw new Error(`a loaded ${this.kind.name} produced no view`);
    return view;
  }

  async addEvidence(caseId: string, upload: EvidenceUpload, now: Date): Promise<AddEvidenceResult> {
    return addEvidence(this.writer, await this.evidence.get(), this.kind, caseId, upload, now);
  }

  /** One evidence file of the case with its bytes, or undefined (also for another case's id). */
  async readEvidence(
    caseId: string,
    evidenceId: string,
  ): Promise<{ row: EvidenceRow; bytes: Uint8Array<ArrayBuffer> } | undefined> {
    const row = await findEvidence(this.db, this.kind.name, caseId, evidenceId);
    if (!row) return undefined;
    const bytes = await (await this.evidence.get()).read(this.db, row.id);
    if (!bytes) throw new Error(`evidence ${row.id} has a row but no bytes`);
    return { row, bytes };
  }
}
