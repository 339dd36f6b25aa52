/**
 * From a draft to the exact request the registry will receive, or to messages the shopper can act
 * on. The registry's own zod schemas (lib/registry/cases.ts) decide what is valid, so the page can
 * never accept what the registry would refuse; this module only turns the draft's loose form state
 * (empty strings, numbers the shopper cleared) into the request's shape and each zod issue into a
 * sentence in the shopper's language, keyed by the form field it belongs to.
 */
import type { z } from 'zod';
import { type Language, type MessageKey, t } from '../i18n';
import {
  MAX_DESCRIPTION_LENGTH,
  type SubmitComplaintInput,
  SubmitComplaintRequest,
  type SubmitReportInput,
  SubmitReportRequest,
} from '../registry/cases';
import type { Draft } from './model';

export interface FieldError {
  /** The request path, dot-joined (`order.items.0.quantity`); the form uses it as the field's id. */
  field: string;
  message: string;
}

export type Validation<T> = { ok: true; request: T } | { ok: false; errors: FieldError[] };

/** '' and blanks mean "not given" for optional text. */
function optionalText(value: string | null | undefined): string | undefined {
  return value !== null && value !== undefined && value.trim() !== '' ? value : undefined;
}

/** Optional identifiers are null when not given, as the schema's defaults spell "absent". */
function nullableText(value: string | null | undefined): string | null {
  return optionalText(value) ?? null;
}

/**
 * An amount field: null (or absent) is "not given"; NaN is text that does not read as đồng
 * (lib/cases/form-values.ts parseVnd) and goes on to be refused with the amount message.
 */
function nullableAmount(value: number | null | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

/** The complaint's request body as the draft spells it, before validation. */
export function complaintInput(draft: Draft, installKey: string): SubmitComplaintInput | null {
  const c = draft.complaint;
  if (!c) return null;
  const contact = {
    name: optionalText(c.contact.name),
    email: optionalText(c.contact.email)?.trim(),
    phone: optionalText(c.contact.phone),
  };
  const hasContact = Object.values(contact).some((v) => v !== undefined);
  return {
    seller: c.seller.key,
    order: {
      orderCode: c.order.orderCode,
      orderDate: nullableText(c.order.orderDate),
      items: c.order.items.map((item) => ({
        title: item.title,
        productId: nullableText(item.productId),
        variant: nullableText(item.variant),
        quantity: item.quantity,
        unitPrice: nullableAmount(item.unitPrice),
      })),
      total: nullableAmount(c.order.total),
      currency: 'VND',
    },
    // null reaches zod as it is, and comes back as the "pick one" message of its field.
    category: c.category as SubmitComplaintInput['category'],
    desiredOutcome: c.desiredOutcome as SubmitComplaintInput['desiredOutcome'],
    description: c.description,
    // No contact at all is a valid choice: the registry runs the case by its tracking code.
    ...(hasContact
      ? {
          contact: Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined)),
        }
      : {}),
    consent: { ...c.consent },
    installKey,
  };
}

export function reportInput(draft: Draft, installKey: string): SubmitReportInput | null {
  const r = draft.report;
  if (!r) return null;
  const orderCode = optionalText(r.orderCode);
  return {
    seller: r.seller.key,
    listing: {
      url: r.listing.url,
      title: r.listing.title,
      price: nullableAmount(r.listing.price),
      currency: 'VND',
    },
    reason: r.reason,
    ...(orderCode !== undefined ? { orderCode } : {}),
    installKey,
  };
}

type Issue = z.core.$ZodIssue;

/** The issue's path with item indexes replaced by `*`: the shape of the field, not which one. */
function shapeOf(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');
}

/** Text fields: their "empty" and "too long" messages. */
const TEXT_FIELDS: Record<string, { empty: MessageKey; tooLong: MessageKey }> = {
  description: { empty: 'validate.description.empty', tooLong: 'validate.description.tooLong' },
  reason: { empty: 'validate.reason.empty', tooLong: 'validate.reason.tooLong' },
  'order.orderCode': { empty: 'validate.orderCode.empty', tooLong: 'validate.text.tooLong' },
  orderCode: { empty: 'validate.orderCode.empty', tooLong: 'validate.text.tooLong' },
  'order.items.*.title': { empty: 'validate.item.title', tooLong: 'validate.text.tooLong' },
  'order.items.*.variant': { empty: 'validate.text.invalid', tooLong: 'validate.text.tooLong' },
  'order.items.*.productId': { empty: 'validate.text.invalid', tooLong: 'validate.text.tooLong' },
  'contact.name': { empty: 'validate.text.invalid', tooLong: 'validate.text.tooLong' },
  'listing.title': { empty: 'validate.listingTitle.empty', tooLong: 'validate.text.tooLong' },
};

/** Fields with one message whatever went wrong. */
const SINGLE_MESSAGE: Record<string, MessageKey> = {
  seller: 'validate.seller',
  category: 'validate.category.required',
  desiredOutcome: 'validate.outcome.required',
  'contact.email': 'validate.email',
  'contact.phone': 'validate.phone',
  'order.orderDate': 'validate.orderDate',
  'order.items.*.quantity': 'validate.item.quantity',
  'order.items.*.unitPrice': 'validate.amount',
  'order.total': 'validate.amount',
  'order.items': 'validate.items.tooMany',
  'listing.url': 'validate.listingUrl',
  'listing.price': 'validate.amount',
  installKey: 'validate.installKey',
};

function messageFor(issue: Issue, lang: Language): string {
  const shape = shapeOf(issue.path);
  const itemIndex = issue.path.find((p): p is number => typeof p === 'number');
  const params = { n: itemIndex === undefined ? '' : String(itemIndex + 1) };
  const single = SINGLE_MESSAGE[shape];
  if (single) return t(lang, single, { ...params, max: MAX_DESCRIPTION_LENGTH });
  const text = TEXT_FIELDS[shape];
  if (text) {
    if (issue.code === 'too_big') {
      return t(lang, text.tooLong, { ...params, max: Number(issue.maximum) });
    }
    if (issue.code === 'custom') return t(lang, 'validate.text.control');
    return t(lang, text.empty, params);
  }
  // A field the form does not show (a schema change the page has not caught up with): still name
  // it, so that nothing is lost.
  return t(lang, 'validate.generic', { field: shape || '—' });
}

function collect(issues: readonly Issue[], lang: Language): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    // One message per field is enough to act on; zod may report several checks of one value.
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: messageFor(issue, lang) });
  }
  return errors;
}

export function validateComplaintDraft(
  draft: Draft,
  lang: Language,
  installKey: string,
): Validation<SubmitComplaintRequest> {
  const input = complaintInput(draft, installKey);
  if (!input) return { ok: false, errors: [{ field: '', message: t(lang, 'validate.wrongKind') }] };
  const parsed = SubmitComplaintRequest.safeParse(input);
  return parsed.success
    ? { ok: true, request: parsed.data }
    : { ok: false, errors: collect(parsed.error.issues, lang) };
}

export function validateReportDraft(
  draft: Draft,
  lang: Language,
  installKey: string,
): Validation<SubmitReportRequest> {
  const input = reportInput(draft, installKey);
  if (!input) return { ok: false, errors: [{ field: '', message: t(lang, 'validate.wrongKind') }] };
  const parsed = SubmitReportRequest.safeParse(input);
  return parsed.success
    ? { ok: true, request: parsed.data }
    : { ok: false, errors: collect(parsed.error.issues, lang) };
}

/** True when the shopper shares the complaint with no one: it is recorded, but never forwarded. */
export function isRecordOnly(request: SubmitComplaintRequest): boolean {
  return !request.consent.shareWithSeller;
}
