/**
 * The contract for complaints and counterfeit reports, shared by the registry server (request
 * parsing, stored timelines, OpenAPI) and the extension (drafts, outbox, timeline display). The
 * transition rules themselves live in server/cases/lifecycle.ts; this file only names the states,
 * the actions and the shape of what they carry.
 */
import { z } from 'zod';
import { EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from './evidence-type';
import { platformOfUrl } from './hosts';
import { SellerKeySchema } from './schemas';

export const MAX_MESSAGE_LENGTH = 5000;
export const MAX_FINDING_LENGTH = 5000;
export const MAX_REASON_LENGTH = 2000;

/**
 * True when the text holds a control character other than tab, line feed and carriage return.
 * Such characters have no business in a message a person wrote, and NUL in particular breaks
 * some database drivers and log viewers. Checked code by code rather than with a regex so that
 * the rule is obviously about control characters only and never about letters: Vietnamese text
 * (and any other script) passes untouched.
 */
function hasStrayControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/**
 * Free text written by a person. NFC normalisation comes before the length check: Vietnamese typed
 * with some input methods arrives decomposed ("ệ" as e + two combining marks), which would
 * otherwise count up to three times against the limit and compare unequal to the same words
 * typed elsewhere. Trimming comes before `min(1)` so that a message of blanks is refused.
 */
function personText(max: number) {
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((t) => !hasStrayControlCharacter(t), { message: 'must not contain control characters' });
}

export const CaseMessage = personText(MAX_MESSAGE_LENGTH).meta({
  description: `A message to the other party, 1–${MAX_MESSAGE_LENGTH} characters after trimming`,
});
export const CaseFinding = personText(MAX_FINDING_LENGTH).meta({
  description: `A moderator's finding, 1–${MAX_FINDING_LENGTH} characters after trimming`,
});
export const CaseReason = personText(MAX_REASON_LENGTH).meta({
  description: `A reason, 1–${MAX_REASON_LENGTH} characters after trimming`,
});

const IsoDateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 timestamp' });

/** The extension's random per-install id: the registry keeps only its SHA-256. */
export const INSTALL_KEY_PATTERN = /^[A-Za-z0-9_-]{16,100}$/;

// ---- Complaints ----

export const ComplaintCategory = z
  .enum([
    'counterfeit',
    'not_as_described',
    'not_delivered',
    'wrong_item',
    'refund_refused',
    'warranty',
    'personal_data_misuse',
    'scam',
    'other',
  ])
  .meta({ description: 'What went wrong' });
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

export const DesiredOutcome = z
  .enum(['refund', 'exchange', 'repair', 'explanation', 'compensation'])
  .meta({ description: 'What the shopper asks for' });
export type DesiredOutcome = z.infer<typeof DesiredOutcome>;

/**
 * Statuses a complaint can have on the registry. `draft` is deliberately absent: a draft never
 * leaves the shopper's browser (see LocalComplaintStatus).
 */
export const ComplaintStatus = z
  .enum(['submitted', 'forwarded', 'responded', 'escalated', 'resolved', 'closed', 'withdrawn'])
  .meta({ description: 'Where the complaint stands on the registry' });
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

/** Statuses after which nothing can happen to a complaint any more. */
export const FINAL_COMPLAINT_STATUSES = [
  'resolved',
  'closed',
  'withdrawn',
] as const satisfies readonly ComplaintStatus[];

/** What the extension stores locally: the registry's statuses plus the unsent draft. */
export const LocalComplaintStatus = z.enum(['draft', ...ComplaintStatus.options]);
export type LocalComplaintStatus = z.infer<typeof LocalComplaintStatus>;

export const ResponseKind = z
  .enum(['refund', 'replacement', 'repair', 'explanation', 'refusal'])
  .meta({ description: "The kind of the seller's answer" });
export type ResponseKind = z.infer<typeof ResponseKind>;

/** Whom a final decision favours: `shopper` when relief was granted, `seller` otherwise. */
export const Outcome = z
  .enum(['shopper', 'seller'])
  .meta({ description: "In whose favour the complaint ended: 'shopper' means relief was granted" });
export type Outcome = z.infer<typeof Outcome>;

/**
 * Who performs a transition or a verification. `platform` is a marketplace's key: it only attests
 * whether an order exists, it never acts as the seller. `system` is the server itself (forwarding
 * right after submission, the deadline job). Mapping API keys to these roles, and checking that a
 * key covers the complaint's shop, is the server's job.
 */
export const ActorRole = z.enum(['shopper', 'seller', 'moderator', 'platform', 'system']);
export type ActorRole = z.infer<typeof ActorRole>;

export const CaseActionType = z.enum([
  'forward',
  'respond',
  'accept',
  'dispute',
  'withdraw',
  'mark_late',
  'resolve',
  'close',
]);
export type CaseActionType = z.infer<typeof CaseActionType>;

/** Strict objects: an unknown field in a transition request is a client bug worth reporting. */
export const CaseAction = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('forward') }),
    z.strictObject({ type: z.literal('respond'), kind: ResponseKind, message: CaseMessage }),
    z.strictObject({ type: z.literal('accept') }),
    z.strictObject({ type: z.literal('dispute'), reason: CaseReason }),
    z.strictObject({ type: z.literal('withdraw'), reason: CaseReason.optional() }),
    z.strictObject({ type: z.literal('mark_late') }),
    z.strictObject({ type: z.literal('resolve'), finding: CaseFinding, outcome: Outcome }),
    z.strictObject({ type: z.literal('close'), finding: CaseFinding, outcome: Outcome }),
  ])
  .meta({ id: 'CaseAction' });
export type CaseAction = z.infer<typeof CaseAction>;

export const SellerResponse = z.object({ kind: ResponseKind, message: CaseMessage });
export type SellerResponse = z.infer<typeof SellerResponse>;

/**
 * The lifecycle facts of one complaint: exactly what the transition rules read and write. The
 * complaint's content, parties and tracking code are kept elsewhere (content never changes after
 * submission; personal data lives apart from these public facts).
 */
export const ComplaintState = z
  .object({
    status: ComplaintStatus,
    late: z.boolean().meta({
      description: 'The seller missed the answer deadline; stays true even after a late answer',
    }),
    outcome: Outcome.nullable().meta({ description: 'Set when resolved or closed; null otherwise' }),
    forwardedAt: IsoDateTime.nullable(),
    dueAt: IsoDateTime.nullable().meta({ description: "Deadline for the seller's answer" }),
    respondedAt: IsoDateTime.nullable(),
    resolvedAt: IsoDateTime.nullable().meta({ description: 'When the complaint reached a final status' }),
    escalated: z.boolean().meta({ description: 'The shopper disputed the answer and a moderator mediated' }),
    response: SellerResponse.nullable(),
  })
  .meta({ id: 'ComplaintState' });
export type ComplaintState = z.infer<typeof ComplaintState>;

/**
 * Whether someone other than the shopper and the seller established that the complaint's order
 * exists for this shop: `unverified` as filed; `order_verified` or `order_not_found` once the
 * marketplace (a platform key) or a moderator (from the evidence) says so. Only `order_verified`
 * complaints count toward a seller's level.
 */
export const VerificationState = z
  .enum(['unverified', 'order_verified', 'order_not_found'])
  .meta({ description: 'Whether the order of the complaint was verified, and how it came out' });
export type VerificationState = z.infer<typeof VerificationState>;

/** Who verified: a marketplace, a moderator, or the registry's own import of established facts. */
export const VerifiedBy = z.enum(['platform', 'moderator', 'import']);
export type VerifiedBy = z.infer<typeof VerifiedBy>;

export const ComplaintVerification = z
  .object({
    state: VerificationState,
    at: IsoDateTime.nullable().meta({ description: 'When the latest verification was recorded' }),
    by: VerifiedBy.nullable().meta({ description: 'Who recorded it; null while unverified' }),
  })
  .meta({ id: 'ComplaintVerification' });
export type ComplaintVerification = z.infer<typeof ComplaintVerification>;

/** What a platform or a moderator records about a complaint's order. */
export const VerifyComplaintRequest = z
  .strictObject({
    state: z.enum(['order_verified', 'order_not_found']),
    note: CaseReason.optional().meta({
      description: 'What was checked, e.g. "order found, delivered 05/03"',
    }),
  })
  .meta({ id: 'VerifyComplaintRequest' });
export type VerifyComplaintRequest = z.infer<typeof VerifyComplaintRequest>;

/** What a timeline entry records: a transition, or a verification of the order (`verify`). */
export const CaseEventAction = z.enum([...CaseActionType.options, 'verify']);
export type CaseEventAction = z.infer<typeof CaseEventAction>;

const EventParamValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One entry of a complaint's timeline. Every transition produces exactly one. */
export const CaseEvent = z
  .object({
    at: IsoDateTime,
    actor: ActorRole,
    action: CaseEventAction,
    from: ComplaintStatus,
    to: ComplaintStatus,
    note: z
      .string()
      .max(Math.max(MAX_MESSAGE_LENGTH, MAX_FINDING_LENGTH))
      .nullable()
      .meta({ description: 'The message, reason or finding that came with the action' }),
    params: z
      .record(z.string(), EventParamValue)
      .meta({ description: 'Structured facts of the action, e.g. response kind, outcome, dueAt, late' }),
  })
  .meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof CaseEvent>;

// ---- Counterfeit reports ----

export const ReportStatus = z
  .enum(['received', 'under_review', 'confirmed', 'dismissed'])
  .meta({ description: 'Where a counterfeit report stands' });
export type ReportStatus = z.infer<typeof ReportStatus>;

export const FINAL_REPORT_STATUSES = ['confirmed', 'dismissed'] as const satisfies readonly ReportStatus[];

export const ReportActionType = z.enum(['start_review', 'confirm', 'dismiss']);
export type ReportActionType = z.infer<typeof ReportActionType>;

export const ReportAction = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('start_review') }),
    z.strictObject({ type: z.literal('confirm'), reason: CaseReason }),
    z.strictObject({ type: z.literal('dismiss'), reason: CaseReason }),
  ])
  .meta({ id: 'ReportAction' });
export type ReportAction = z.infer<typeof ReportAction>;

// ---- Evidence files (shared by complaints and reports) ----

export const MAX_EVIDENCE_NAME_LENGTH = 200;

/** Where a piece of evidence comes from: a capture of the page, a screenshot, a photo taken. */
export const EvidenceSource = z
  .enum(['page_capture', 'screenshot', 'photo'])
  .meta({ description: 'page_capture (the page as HTML or image), screenshot, or photo' });
export type EvidenceSource = z.infer<typeof EvidenceSource>;

export const EvidenceContentType = z.enum(EVIDENCE_TYPES).meta({
  description: 'The type recognised from the bytes themselves (never from the name)',
});

export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 as 64 lowercase hexadecimal characters')
  .meta({ description: 'SHA-256 of the file, lowercase hex' });

/**
 * The request headers of an evidence upload (the body is the raw file). Names are lowercase, as
 * both Hono and fetch's Headers give them. The extension builds these; the registry parses them.
 */
export const EVIDENCE_HEADERS = {
  sha256: 'x-evidence-sha256',
  capturedAt: 'x-evidence-captured-at',
  source: 'x-evidence-source',
  /** Percent-encoded UTF-8 (encodeURIComponent): header values are Latin-1 on the wire. */
  name: 'x-evidence-name',
} as const;

/** A file name as a person gave it: NFC, 1–200 characters, no control characters, no path. */
export const EvidenceName = personText(MAX_EVIDENCE_NAME_LENGTH).refine((n) => !/[\\/]/.test(n), {
  message: 'must be a file name, without / or \\',
});

/** One evidence file of a case as the API shows it. */
export const EvidenceView = z
  .object({
    id: z.string(),
    sha256: Sha256Hex,
    contentType: EvidenceContentType,
    size: z.number().int().min(1).max(MAX_EVIDENCE_BYTES).meta({ description: 'Bytes' }),
    name: z.string().nullable().meta({ description: 'The file name the shopper gave, if any' }),
    source: EvidenceSource,
    capturedAt: IsoDateTime.meta({ description: 'When the shopper captured it (their clock)' }),
    uploadedAt: IsoDateTime.meta({ description: 'When the registry stored it' }),
  })
  .meta({ id: 'EvidenceView' });
export type EvidenceView = z.infer<typeof EvidenceView>;

// ---- Complaint requests and views (the registry's complaint API) ----

export const MAX_DESCRIPTION_LENGTH = 10000;
export const MAX_ORDER_ITEMS = 100;
export const MAX_ITEM_TITLE_LENGTH = 500;
export const MAX_ORDER_CODE_LENGTH = 100;
/** Ten trillion đồng: far above any real order, low enough to stay an exact double and a bigint. */
export const MAX_AMOUNT_VND = 10_000_000_000_000;

/** `AT-` and 8 Crockford base32 characters (no I, L, O, U): easy to read out over the phone. */
export const TRACKING_CODE_PATTERN = /^AT-[0-9A-HJKMNP-TV-Z]{8}$/;
export const TrackingCode = z
  .string()
  .regex(TRACKING_CODE_PATTERN)
  .meta({ description: 'Human-friendly tracking code of a complaint', example: 'AT-7K3M9Q2X' });

const VndAmount = z.number().int().min(0).max(MAX_AMOUNT_VND);

/**
 * A line of the order as the marketplace showed it. Strict objects throughout: an unknown field
 * in a submission is a client bug, and silently dropping it would lose what the shopper meant.
 * Optional identifiers default to null so that "absent" and "null" are the same submission (and
 * an idempotent retry that spells it differently is still the same body).
 */
export const ComplaintItem = z.strictObject({
  title: personText(MAX_ITEM_TITLE_LENGTH),
  productId: personText(100).nullable().default(null).meta({ description: "The marketplace's product id" }),
  variant: personText(200).nullable().default(null).meta({ description: 'Size, colour, model…' }),
  quantity: z.number().int().min(1).max(10000),
  unitPrice: VndAmount.nullable().default(null).meta({ description: 'Price per unit in đồng' }),
});
export type ComplaintItem = z.infer<typeof ComplaintItem>;

export const ComplaintOrderRequest = z.strictObject({
  orderCode: personText(MAX_ORDER_CODE_LENGTH).meta({ description: "The marketplace's order code" }),
  orderDate: z.iso.date().nullable().default(null).meta({ description: 'YYYY-MM-DD' }),
  items: z.array(ComplaintItem).max(MAX_ORDER_ITEMS).default([]),
  total: VndAmount.nullable().default(null).meta({ description: 'Order total in đồng' }),
  currency: z.literal('VND'),
});

/** Contact details, each optional: the registry needs none of them to run the case. */
export const ComplaintContact = z.strictObject({
  name: personText(200).optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9(][0-9 .()-]{5,29}$/, 'a phone number: digits, spaces, + . ( ) -')
    .optional(),
});
export type ComplaintContact = z.infer<typeof ComplaintContact>;

/**
 * The shopper's consent per purpose (Decree 13/2023/NĐ-CP). Without shareWithSeller the complaint
 * is recorded but not forwarded: the seller sees neither its content nor its order.
 */
export const ComplaintConsent = z.strictObject({
  shareWithSeller: z.boolean(),
  shareWithMarketplace: z.boolean(),
  shareWithAuthorities: z.boolean(),
});
export type ComplaintConsent = z.infer<typeof ComplaintConsent>;

export const SubmitComplaintRequest = z
  .strictObject({
    seller: SellerKeySchema,
    order: ComplaintOrderRequest,
    category: ComplaintCategory,
    desiredOutcome: DesiredOutcome,
    description: personText(MAX_DESCRIPTION_LENGTH),
    contact: ComplaintContact.optional(),
    consent: ComplaintConsent,
    // Optional so that a complaint queued by an earlier extension (or retried after a lost answer)
    // is still accepted; without it only the per-address limit applies, which is all a caller
    // inventing a new key per request would face anyway.
    installKey: z.string().regex(INSTALL_KEY_PATTERN).optional().meta({
      description:
        "The extension's random per-install id: new complaints per hour are limited per install as well as per address (the registry keeps no copy)",
    }),
  })
  .meta({ id: 'SubmitComplaintRequest' });
export type SubmitComplaintRequest = z.infer<typeof SubmitComplaintRequest>;
export type SubmitComplaintInput = z.input<typeof SubmitComplaintRequest>;

/**
 * What a submission answers, for either case kind: the tracking code, the secret token derived from
 * the Idempotency-Key (so a retry gets the same one) and the status.
 */
function submitted<S extends z.ZodType>(id: string, status: S, tokenUse: string) {
  return z
    .object({
      trackingCode: TrackingCode,
      token: z
        .string()
        .nullable()
        .meta({
          description:
            `${tokenUse} A retry with the same Idempotency-Key and body gets the same token again; ` +
            "it is null only if the registry's token secret changed since the first submission",
        }),
      status,
    })
    .meta({ id });
}

export const SubmittedComplaint = submitted(
  'SubmittedComplaint',
  ComplaintStatus,
  "The shopper's secret case token (Authorization: Bearer) to follow and act on the case.",
);
export type SubmittedComplaint = z.infer<typeof SubmittedComplaint>;

/** The personal part of a complaint, kept apart from its public facts. */
export const StoredComplaintContent = z.object({
  description: z.string(),
  items: z.array(ComplaintItem),
  contact: ComplaintContact.nullable(),
  consent: ComplaintConsent,
});
export type StoredComplaintContent = z.infer<typeof StoredComplaintContent>;

export const ComplaintOrderView = z.object({
  orderCode: z.string(),
  orderDate: z.iso.date().nullable(),
  total: z.number().int().nullable(),
  currency: z.literal('VND'),
});

export const ComplaintView = z
  .object({
    trackingCode: TrackingCode,
    seller: z.string().meta({ description: "The shop's canonical seller key" }),
    status: ComplaintStatus,
    late: z.boolean(),
    outcome: Outcome.nullable(),
    escalated: z.boolean(),
    verification: ComplaintVerification,
    category: ComplaintCategory,
    desiredOutcome: DesiredOutcome,
    order: ComplaintOrderView.nullable().meta({
      description: 'Null in a seller view when the shopper did not consent to sharing with the seller',
    }),
    submittedAt: IsoDateTime,
    forwardedAt: IsoDateTime.nullable(),
    dueAt: IsoDateTime.nullable(),
    respondedAt: IsoDateTime.nullable(),
    resolvedAt: IsoDateTime.nullable(),
    response: z.object({ kind: ResponseKind, message: z.string() }).nullable(),
    finding: z.string().nullable().meta({ description: "The moderator's finding, once resolved or closed" }),
    content: StoredComplaintContent.nullable().meta({
      description:
        "The shopper's description, items, contact and consent: always in the shopper's view, in a " +
        'seller view only with consent.shareWithSeller',
    }),
    allowedActions: z.array(CaseActionType).meta({ description: 'What the viewer may do now' }),
    timeline: z.array(CaseEvent),
    evidence: z.array(EvidenceView).meta({
      description:
        "The shopper's evidence files, oldest first: in a seller view only with consent.shareWithSeller; " +
        'fetch one with GET /v1/complaints/{code}/evidence/{id}',
    }),
  })
  .meta({ id: 'ComplaintView' });
export type ComplaintView = z.infer<typeof ComplaintView>;

export const SellerComplaintList = z
  .object({
    complaints: z.array(ComplaintView),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page' }),
  })
  .meta({ id: 'SellerComplaintList' });
export type SellerComplaintList = z.infer<typeof SellerComplaintList>;

// ---- Counterfeit report requests and views (the registry's report API) ----

export const MAX_LISTING_URL_LENGTH = 2000;
export const MAX_LISTING_TITLE_LENGTH = 500;
export const MAX_REPORT_REASON_LENGTH = 5000;

/**
 * A listing on a marketplace An Tâm knows. Hosts match exactly (as for badges), so a report cannot
 * point at a lookalike domain or at some unrelated site.
 */
export const ListingUrl = z
  .string()
  .trim()
  .max(MAX_LISTING_URL_LENGTH)
  .refine(
    (raw) => {
      try {
        return platformOfUrl(new URL(raw)) !== null;
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL on a marketplace An Tâm supports' },
  )
  .meta({ description: 'The listing URL, on shopee.vn, lazada.vn, tiki.vn, tiktok.com or sendo.vn' });

export const ReportListing = z.strictObject({
  url: ListingUrl,
  title: personText(MAX_LISTING_TITLE_LENGTH),
  price: VndAmount.nullable().default(null).meta({ description: 'Listed price in đồng' }),
  currency: z.literal('VND'),
});
export type ReportListing = z.infer<typeof ReportListing>;

export const SubmitReportRequest = z
  .strictObject({
    seller: SellerKeySchema,
    listing: ReportListing,
    reason: personText(MAX_REPORT_REASON_LENGTH),
    orderCode: personText(MAX_ORDER_CODE_LENGTH)
      .optional()
      .meta({ description: "The reporter's order code: a report tied to a complaint's order weighs more" }),
    installKey: z.string().regex(INSTALL_KEY_PATTERN).meta({
      description: "The extension's random per-install id (16–100 of A–Z a–z 0–9 _ -); only its hash is kept",
    }),
  })
  .meta({ id: 'SubmitReportRequest' });
export type SubmitReportRequest = z.infer<typeof SubmitReportRequest>;
export type SubmitReportInput = z.input<typeof SubmitReportRequest>;

export const SubmittedReport = submitted(
  'SubmittedReport',
  ReportStatus,
  "The reporter's secret report token (Authorization: Bearer) to follow the report, add evidence and delete its personal data.",
);
export type SubmittedReport = z.infer<typeof SubmittedReport>;

export const ReportEvent = z
  .object({
    at: IsoDateTime,
    actor: ActorRole,
    action: ReportActionType,
    from: ReportStatus,
    to: ReportStatus,
    note: z.string().nullable(),
  })
  .meta({ id: 'ReportEvent' });
export type ReportEvent = z.infer<typeof ReportEvent>;

/**
 * A report as a moderator or its reporter sees it. The reporter appears only as "verified order or
 * not"; `allowedActions` are the viewer's (none for the reporter).
 */
export const ReportView = z
  .object({
    trackingCode: TrackingCode,
    seller: z.string().meta({ description: "The shop's canonical seller key" }),
    status: ReportStatus,
    listing: z.object({
      url: z.string(),
      title: z.string(),
      price: z.number().int().nullable(),
      currency: z.literal('VND'),
    }),
    reason: z
      .string()
      .meta({ description: "The reporter's reason; empty once their personal data is deleted" }),
    orderVerified: z.boolean().meta({
      description: 'True when the order code matches a complaint against the same shop',
    }),
    receivedAt: IsoDateTime,
    decidedAt: IsoDateTime.nullable(),
    moderatorReason: z.string().nullable(),
    allowedActions: z.array(ReportActionType),
    timeline: z.array(ReportEvent),
    evidence: z.array(EvidenceView).meta({
      description: "The reporter's evidence files, oldest first; GET /v1/reports/{code}/evidence/{id}",
    }),
    personalDataDeleted: z.boolean().meta({
      description: 'The reporter had their personal data (reason, order code, evidence) deleted',
    }),
  })
  .meta({ id: 'ReportView' });
export type ReportView = z.infer<typeof ReportView>;
