/**
 * The contract for complaints and counterfeit reports, shared by the registry server (request
 * parsing, stored timelines, OpenAPI) and the extension (drafts, outbox, timeline display). The
 * transition rules themselves live in server/cases/lifecycle.ts; this file only names the states,
 * the actions and the shape of what they carry.
 */
import { z } from 'zod';

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
 * Who performs a transition. Platform keys act as `seller`, scoped to their shops; `system` is the
 * server itself (forwarding right after submission, the deadline job). Mapping API keys to these
 * roles, and checking that a seller key covers the complaint's shop, is the server's job.
 */
export const ActorRole = z.enum(['shopper', 'seller', 'moderator', 'system']);
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

const EventParamValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One entry of a complaint's timeline. Every transition produces exactly one. */
export const CaseEvent = z
  .object({
    at: IsoDateTime,
    actor: ActorRole,
    action: CaseActionType,
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
