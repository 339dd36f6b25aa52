/**
 * What makes a kind of case (a complaint, a counterfeit report) different from another: its
 * table, its token label, its row-to-view mapping, its transitions and what it admits. Everything
 * the kinds share (idempotent submission with a derived token, evidence, timelines, erasure of
 * personal data, views by role) is written once in server/cases/store.ts against this shape.
 */
import type { Kysely } from 'kysely';
import type { ActorRole } from '../../lib/registry/cases';
import type { Database, EvidenceTable } from '../db/schema';
import type { Trx, Tx } from '../db/transaction';

export type Db = Kysely<Database>;
export type CaseKindName = EvidenceTable['case_kind'];

/** The columns every case table has: what submission, tokens and erasure rely on. */
export interface CaseRow {
  id: string;
  tracking_code: string | null;
  token_hash: string | null;
  status: string;
  submitted_content_hash: string | null;
}

/**
 * Who reads or acts on a case: its owner (the shopper or reporter holding the case token), a
 * seller key scoped to the case's shop, a platform key of the shop's marketplace (complaints it
 * may verify), or a moderator.
 */
export type CaseViewerRole = 'owner' | 'seller' | 'platform' | 'moderator';

export interface CaseViewer {
  role: CaseViewerRole;
  keyId: string | null;
}

/** Who acts: the lifecycle's role, and the API key behind it (null for the owner and the system). */
export interface CaseActorInfo {
  role: ActorRole;
  keyId: string | null;
}

/** The hashes that identify one submission: never the idempotency key or the token themselves. */
export interface NewCaseFields {
  trackingCode: string;
  idempotencyKeyHash: string;
  contentHash: string;
  tokenHash: string;
}

export type StoredTransition<T> =
  | T
  | { ok: false; code: 'forbidden' | 'illegal_transition' | 'conflict' | 'not_found'; message: string };

export interface CaseKind<Row extends CaseRow, Request, Status extends string, View, Action, Admission> {
  readonly name: CaseKindName;
  /** A case token of one kind can never be presented as the other: each kind derives its own. */
  deriveToken(secret: string, idempotencyKey: string): string;
  findBy(
    db: Db | Trx,
    column: 'id' | 'tracking_code' | 'idempotency_key',
    value: string,
  ): Promise<Row | undefined>;
  parseStatus(raw: string): Status;
  /**
   * The kind's own admission rules for a new submission (a retry is admitted without them),
   * answered as an ApiError; what it returns is stored with the case.
   */
  admit(request: Request, client: { address: string }, secret: string): Admission;
  /** A second case the kind refuses for the same facts (one report per reporter per listing). */
  isDuplicate(db: Db, request: Request): Promise<boolean>;
  /** Stores a new case (and whatever follows its submission at once); returns its status. */
  insert(tx: Tx, request: Request, fields: NewCaseFields, admission: Admission, now: Date): Promise<Status>;
  /**
   * Judges an action with the pure lifecycle and stores an accepted transition as a
   * compare-and-set with its event; 'raced' when another transition landed first.
   */
  transition(
    tx: Tx,
    row: Row,
    action: Action,
    actor: CaseActorInfo,
    now: Date,
  ): Promise<StoredTransition<{ ok: true }> | 'raced'>;
  /** Locks the case row for an evidence upload, and tells whether it still has personal data. */
  lockForEvidence(trx: Trx, caseId: string): Promise<'ok' | 'erased' | 'not_found'>;
  /** Deletes the owner's personal data of the case; the anonymous facts stay. */
  erasePersonal(trx: Trx, caseId: string, now: Date): Promise<void>;
  views(db: Db, rows: readonly Row[], viewer: CaseViewerRole, now: Date): Promise<View[]>;
}
