/**
 * zod schemas of every message the background accepts (lib/messaging.ts). The background trusts
 * nothing it receives: a content script runs inside a marketplace's page, and a compromised
 * renderer can send anything. Kept apart from lib/messaging.ts so that zod stays out of the
 * content script's bundle.
 */
import { z } from 'zod';
import type { Envelope, MessageType, Request } from './messaging';
import {
  CaseAction,
  ComplaintCategory,
  DesiredOutcome,
  SubmitComplaintRequest,
  SubmitReportRequest,
} from './registry/cases';
import { MAX_EVIDENCE_BYTES } from './registry/evidence-type';
import { PLATFORMS, parseSellerKey, type SellerKey } from './registry/seller-key';

/** A listing page shows at most a few hundred sellers; more is not a page we made. */
export const MAX_LOOKUP_KEYS = 500;
const MAX_KEY_LENGTH = 140;

const Key = z.string().max(MAX_KEY_LENGTH);

const ValidSellerKey = Key.refine((k): k is SellerKey => parseSellerKey(k) !== null, {
  message: 'must be a seller key <platform>:<id> or <platform>:@<slug>',
});

/** VND amounts as pages show them: whole đồng, far below what a double holds exactly. */
const Vnd = z.number().int().min(0).max(10_000_000_000_000);
const PageUrl = z
  .string()
  .max(4000)
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) URL' });

export const ListingInfoSchema = z
  .object({
    id: z.string().min(1).max(100),
    title: z.string().max(1000).nullable(),
    price: Vnd.nullable(),
    url: PageUrl,
  })
  .strict();

export const PageReportSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    kind: z.enum(['product', 'shop', 'listing', 'order', 'other']),
    sellerKey: Key.nullable(),
    sellerName: z.string().max(500).nullable(),
    product: ListingInfoSchema.nullable().optional(),
  })
  .strict();

/**
 * A page capture is the order block or the listing, not the whole page: 2 MiB of UTF-8 is far
 * more than either, and well inside the evidence limit once wrapped (MAX_EVIDENCE_BYTES).
 */
export const MAX_CAPTURE_BYTES = 2 * 1024 * 1024;

export const PageCaptureSchema = z
  .object({
    // Checked in characters first (cheap, and a UTF-8 byte is at least one character), then in bytes.
    html: z
      .string()
      .max(MAX_CAPTURE_BYTES)
      .refine((h) => new TextEncoder().encode(h).length <= MAX_CAPTURE_BYTES, {
        message: `must be at most ${MAX_CAPTURE_BYTES} bytes of UTF-8`,
      }),
    url: PageUrl,
    title: z.string().max(1000),
    capturedAt: z.number().int().nonnegative(),
  })
  .strict();

const OrderItemSchema = z
  .object({
    title: z.string().max(1000),
    productId: z.string().max(100).nullable(),
    variant: z.string().max(500).nullable(),
    quantity: z.number().int().min(0).max(100_000),
    unitPrice: Vnd.nullable(),
  })
  .strict();

export const OrderInfoSchema = z
  .object({
    orderCode: z.string().trim().min(1).max(100),
    date: z.string().max(40).nullable(),
    // A draft is filed against this key: it must be one the registry can understand.
    seller: z
      .object({ key: ValidSellerKey, name: z.string().max(500).nullable() })
      .strict()
      .nullable(),
    items: z.array(OrderItemSchema).max(100),
    total: Vnd.nullable(),
    status: z.string().max(200).nullable(),
    currency: z.string().max(10),
    // extract (issue 12): a shop named only as text, a total printed in another currency.
    shopName: z.string().max(500).optional(),
    printedTotal: z.string().max(100).optional(),
  })
  .strict();

/*
 * The page operations on cases. A draft is the shopper's form state, not yet a request: its text
 * may be empty or too long and its numbers anything the shopper typed (the registry's own schemas
 * judge it at submission). These bounds only keep what a page can make the background store
 * within reason.
 */
const DRAFT_TEXT = 100_000;
const MAX_DRAFT_ITEMS = 1000;
const Id = z.string().min(1).max(100);
const DraftText = z.string().max(DRAFT_TEXT);
/** What a number field held; JSON turns a cleared field's NaN into null. */
const DraftNumber = z.number().nullable();

const DraftSellerSchema = z.object({ key: Key, name: z.string().max(500).nullable() }).strict();

const DraftOrderItemSchema = z
  .object({
    title: DraftText,
    productId: DraftText.nullable(),
    variant: DraftText.nullable(),
    quantity: z.number(),
    unitPrice: DraftNumber,
  })
  .strict();

const ComplaintDraftFieldsSchema = z
  .object({
    seller: DraftSellerSchema,
    order: z
      .object({
        orderCode: DraftText,
        orderDate: DraftText.nullable(),
        items: z.array(DraftOrderItemSchema).max(MAX_DRAFT_ITEMS),
        total: DraftNumber,
        status: DraftText.nullable(),
        // extract (issue 12): the currency and total the page printed, when not đồng.
        pageCurrency: z.string().max(10).optional(),
        pageTotal: z.string().max(100).nullable().optional(),
      })
      .strict(),
    // extract (issue 12): sellers this tab showed, when the page named none.
    sellerChoices: z.array(DraftSellerSchema).max(20).optional(),
    category: ComplaintCategory.nullable(),
    desiredOutcome: DesiredOutcome.nullable(),
    description: DraftText,
    contact: z.object({ name: DraftText, email: DraftText, phone: DraftText }).strict(),
    consent: z
      .object({
        shareWithSeller: z.boolean(),
        shareWithMarketplace: z.boolean(),
        shareWithAuthorities: z.boolean(),
      })
      .strict(),
  })
  .strict();

const ReportDraftFieldsSchema = z
  .object({
    seller: DraftSellerSchema,
    listing: z.object({ url: DraftText, title: DraftText, price: DraftNumber }).strict(),
    reason: DraftText,
    orderCode: DraftText,
  })
  .strict();

export const DraftSchema = z
  .object({
    id: Id,
    kind: z.enum(['complaint', 'report']),
    platform: z.enum(PLATFORMS),
    pageUrl: z.string().max(4000).nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
    complaint: ComplaintDraftFieldsSchema.optional(),
    report: ReportDraftFieldsSchema.optional(),
  })
  .strict()
  .refine((d) => (d.kind === 'complaint' ? d.complaint !== undefined : d.report !== undefined), {
    message: 'a draft holds the fields of its own kind',
  });

/** Base64 of at most MAX_EVIDENCE_BYTES: the evidence limit, checked before anything is decoded. */
export const MAX_EVIDENCE_BASE64 = Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4;
const Base64 = z
  .string()
  .max(MAX_EVIDENCE_BASE64)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' });

const SettingsPatchSchema = z
  .object({
    language: z.enum(['vi', 'en']).optional(),
    // The options page allows https, and http on this machine only (a choice it explains); the
    // background takes nothing but http(s): the URL is fetched from, never opened.
    registryUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional(),
    listingBadges: z.boolean().optional(),
    watchSellers: z.boolean().optional(),
  })
  .strict();

const Empty = z.object({}).strict();

/** Panel tokens are 22 base64url characters (lib/background/panel-tokens.ts); anything far longer is not one. */
const PANEL_TOKEN_MAX_LENGTH = 64;

/** One schema per message type; `satisfies` keeps them in step with the `Messages` types. */
export const REQUEST_SCHEMAS = {
  'content:scan': z
    .object({ page: PageReportSchema.nullable(), keys: z.array(Key).max(MAX_LOOKUP_KEYS) })
    .strict(),
  'content:load': Empty,
  'page:record': z.object({ key: Key }).strict(),
  'page:tab-state': z.object({ tabId: z.number().int().nonnegative() }).strict(),
  'page:snooze': z
    .object({
      key: Key,
      snoozed: z.boolean(),
      // The seller's name as the page showed it, for options when the registry has none.
      name: z.string().trim().max(200).nullable().optional(),
    })
    .strict(),
  'content:start-complaint': z
    .object({ order: OrderInfoSchema, capture: PageCaptureSchema.nullable() })
    .strict(),
  'page:start-complaint': z
    .object({ tabId: z.number().int().nonnegative(), orderCode: z.string().trim().min(1).max(100) })
    .strict(),
  'page:start-report': z.object({ tabId: z.number().int().nonnegative().optional() }).strict(),
  'page:save-draft': z.object({ draft: DraftSchema }).strict(),
  'page:delete-draft': z.object({ draftId: Id }).strict(),
  'page:add-evidence': z.object({ owner: Id, name: z.string().max(1000), dataBase64: Base64 }).strict(),
  'page:remove-evidence': z.object({ evidenceId: Id }).strict(),
  'page:install-key': Empty,
  'page:submit-case': z
    .object({ draftId: Id, request: z.union([SubmitComplaintRequest, SubmitReportRequest]) })
    .strict(),
  'page:case-action': z.object({ caseId: Id, action: CaseAction }).strict(),
  'page:mark-seen': z.object({ caseId: Id }).strict(),
  'page:export-my-data': Empty,
  'page:delete-my-data': Empty,
  'page:save-settings': z.object({ patch: SettingsPatchSchema }).strict(),
  // Watch list
  'page:watch-list': Empty,
  'page:watch-remove': z.object({ key: Key }).strict(),
  'content:panel-token': z
    .object({
      key: ValidSellerKey,
      product: z.boolean(),
      // The seller's name as the page prints it: shown as text, only when the registry has none.
      name: z.string().trim().max(200).nullable().optional(),
    })
    .strict(),
  'page:redeem-panel-token': z
    .object({ token: z.string().min(1).max(PANEL_TOKEN_MAX_LENGTH), key: Key })
    .strict(),
  // rules (issue 12)
  'content:site-rules': z.object({ platform: z.enum(PLATFORMS) }).strict(),
  'page:site-rules': Empty,
} satisfies { [T in MessageType]: z.ZodType<Request<T>> };

function envelopeOf<T extends MessageType>(type: T) {
  return z.object({ type: z.literal(type), data: REQUEST_SCHEMAS[type] }).strict();
}

/** A validated message: its `data` has the type its `type` names. */
export type ParsedEnvelope = { [T in MessageType]: Envelope<T> }[MessageType];

export const EnvelopeSchema = z.discriminatedUnion('type', [
  envelopeOf('content:scan'),
  envelopeOf('content:load'),
  envelopeOf('page:record'),
  envelopeOf('page:tab-state'),
  envelopeOf('page:snooze'),
  envelopeOf('content:start-complaint'),
  envelopeOf('page:start-complaint'),
  envelopeOf('page:start-report'),
  envelopeOf('page:save-draft'),
  envelopeOf('page:delete-draft'),
  envelopeOf('page:add-evidence'),
  envelopeOf('page:remove-evidence'),
  envelopeOf('page:install-key'),
  envelopeOf('page:submit-case'),
  envelopeOf('page:case-action'),
  envelopeOf('page:mark-seen'),
  envelopeOf('page:export-my-data'),
  envelopeOf('page:delete-my-data'),
  envelopeOf('page:save-settings'),
  envelopeOf('page:watch-list'),
  envelopeOf('page:watch-remove'),
  envelopeOf('content:panel-token'),
  envelopeOf('page:redeem-panel-token'),
  // rules (issue 12)
  envelopeOf('content:site-rules'),
  envelopeOf('page:site-rules'),
]) satisfies z.ZodType<ParsedEnvelope>;

type AssertTrue<T extends true> = T;
/** Compile-time check that every message type has its envelope in the union above. */
export type EveryMessageHasASchema = AssertTrue<
  [Exclude<MessageType, z.infer<typeof EnvelopeSchema>['type']>] extends [never] ? true : false
>;

export type EnvelopeParse = { ok: true; envelope: ParsedEnvelope } | { ok: false; error: string };

export function parseEnvelope(raw: unknown): EnvelopeParse {
  const parsed = EnvelopeSchema.safeParse(raw);
  if (parsed.success) return { ok: true, envelope: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `invalid message${where}: ${issue?.message ?? 'unknown shape'}` };
}
