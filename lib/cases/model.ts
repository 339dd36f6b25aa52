/**
 * What the extension keeps about the shopper's complaints and counterfeit reports (Dexie, version 2
 * of lib/store/db.ts). A case starts as a draft (autosaved, never sent), becomes a LocalCase with an
 * exact request body and an idempotency key when the shopper submits it, and reaches the registry
 * through the outbox: one entry per thing to send, delivered in order, retried until the registry
 * has it. Shared by the background (delivery, polling) and the extension pages (forms, my cases).
 */
import type {
  CaseAction,
  ComplaintCategory,
  ComplaintView,
  DesiredOutcome,
  LocalComplaintStatus,
  ReportStatus,
  ReportView,
  SubmitComplaintRequest,
  SubmitReportRequest,
} from '../registry/cases';
import type { Platform } from '../registry/seller-key';
import type { CaseProblem } from './problems';

export type CaseKind = 'complaint' | 'report';

/** Why a file was refused; the page turns the code into words in the shopper's language. */
export type EvidenceErrorCode = 'type' | 'size' | 'count' | 'duplicate' | 'empty';

/** Where a piece of evidence came from. */
export type EvidenceSource = 'page_capture' | 'screenshot' | 'photo';

import type { EvidenceType } from '../registry/evidence-type';

export {
  EVIDENCE_TYPES,
  type EvidenceType,
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_PER_CASE,
} from '../registry/evidence-type';

export interface DraftSeller {
  key: string;
  name: string | null;
}

export interface DraftOrderItem {
  title: string;
  productId: string | null;
  variant: string | null;
  quantity: number;
  unitPrice: number | null;
}

export interface ComplaintDraftFields {
  /** `key` is '' while the shopper has still to complete the seller (the page named none). */
  seller: DraftSeller;
  /**
   * Present when the order page named no seller the registry knows (its shop only as text): the
   * sellers this tab showed, for the shopper to pick from, or paste the shop's link instead.
   */
  sellerChoices?: DraftSeller[];
  order: {
    orderCode: string;
    /** YYYY-MM-DD, or null when the page showed none. */
    orderDate: string | null;
    items: DraftOrderItem[];
    /** Đồng: what the page showed in đồng, or what the shopper typed. */
    total: number | null;
    /** The marketplace's own status line, shown for context; not sent. */
    status: string | null;
    /**
     * The currency the page printed the order in, when not đồng, and its total as printed: shown
     * as such, never taken for đồng (the registry records đồng; the shopper may type them).
     */
    pageCurrency?: string;
    pageTotal?: string | null;
  };
  category: ComplaintCategory | null;
  desiredOutcome: DesiredOutcome | null;
  description: string;
  contact: { name: string; email: string; phone: string };
  consent: { shareWithSeller: boolean; shareWithMarketplace: boolean; shareWithAuthorities: boolean };
}

export interface ReportDraftFields {
  seller: DraftSeller;
  listing: { url: string; title: string; price: number | null };
  reason: string;
  /** One of the shopper's orders with this seller, '' for none. */
  orderCode: string;
}

export interface Draft {
  id: string;
  kind: CaseKind;
  platform: Platform;
  /** The page the draft was started from (order or listing), for the shopper's reference. */
  pageUrl: string | null;
  createdAt: number;
  updatedAt: number;
  complaint?: ComplaintDraftFields;
  report?: ReportDraftFields;
}

export interface EvidenceRecord {
  id: string;
  /** The draft's id, which stays the case's id after submission. */
  owner: string;
  name: string;
  type: EvidenceType;
  size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
  /** ms since epoch: when the capture was taken or the photo added. */
  capturedAt: number;
  source: EvidenceSource;
  blob: Blob;
  /** The registry's id once uploaded. */
  remoteId: string | null;
  /** Why the registry refused this file for good (the case itself stands); absent otherwise. */
  uploadError?: string | null;
}

/** Delivery of the case's submission. `rejected`: the registry refused it for good (4xx). */
export type Delivery = 'queued' | 'delivered' | 'rejected';

export interface LocalCase {
  /** The draft's id. */
  id: string;
  kind: CaseKind;
  platform: Platform;
  sellerKey: string;
  sellerName: string | null;
  /** A short label for lists: the order code or the listing title. */
  subject: string;
  createdAt: number;
  /** Exactly what is (or was) sent, fixed at submission. */
  request: SubmitComplaintRequest | SubmitReportRequest;
  idempotencyKey: string;
  delivery: Delivery;
  /** The registry's own words (English, for diagnostics and the export): never shown as such. */
  deliveryError: string | null;
  /** Why the registry refused the case (or its last action), which the pages put into words. */
  deliveryProblem?: CaseProblem | null;
  trackingCode: string | null;
  /** The secret case token; never shown in lists, exported only on request. */
  token: string | null;
  /** The registry's last view of the case. */
  view: ComplaintView | ReportView | null;
  /** `draft` never occurs here; `queued` cases show the local status 'submitted' until delivered. */
  status: Exclude<LocalComplaintStatus, 'draft'> | ReportStatus;
  /** Something changed since the shopper last looked at this case. */
  unseen: boolean;
  lastPolledAt: number | null;
  updatedAt: number;
}

export type OutboxOp =
  | { op: 'submit' }
  | { op: 'evidence'; evidenceId: string }
  | { op: 'action'; action: CaseAction }
  /** Carries the code and token itself: it outlives the local copy of the case it erases. */
  | { op: 'delete_personal_data'; kind: CaseKind; trackingCode: string; token: string }
  /**
   * The shopper deleted their data while the case's submission was perhaps already on its way
   * (tried at least once, answer never seen). Replays the submission with the same idempotency
   * key (the entry's) to learn the tracking code and token, withdraws a complaint the registry
   * had not seen before, and asks for its personal data to be deleted. See lib/cases/my-data.ts.
   */
  | {
      op: 'retract';
      kind: CaseKind;
      request: SubmitComplaintRequest | SubmitReportRequest;
    };

export type OutboxEntry = OutboxOp & {
  /** Auto-increment: entries are delivered in this order, per case. */
  seq?: number;
  caseId: string;
  idempotencyKey: string;
  attempts: number;
  /** ms since epoch; backoff after failures. */
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
};

/** Evidence files up to this size are inlined in the "my data" export (lib/cases/my-data.ts). */
export const EXPORT_INLINE_BYTES = 512 * 1024;

export type ExportedEvidence = Omit<EvidenceRecord, 'blob'> & {
  /** The file's bytes, base64; null when larger than EXPORT_INLINE_BYTES. */
  dataBase64: string | null;
};

export type ExportedCase = Omit<LocalCase, 'token'> & { token?: string | null };

export interface MyDataExport {
  format: 'antam-my-data';
  version: 1;
  /** ISO 8601. */
  exportedAt: string;
  drafts: Draft[];
  cases: ExportedCase[];
  evidence: ExportedEvidence[];
}
