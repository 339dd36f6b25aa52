/**
 * zod schemas of every message the background accepts (lib/messaging.ts). The background trusts
 * nothing it receives: a content script runs inside a marketplace's page, and a compromised
 * renderer can send anything. Kept apart from lib/messaging.ts so that zod stays out of the
 * content script's bundle.
 */
import { z } from 'zod';
import type { Envelope, MessageType, Request } from './messaging';
import { PLATFORMS } from './registry/seller-key';

/** A listing page shows at most a few hundred sellers; more is not a page we made. */
export const MAX_LOOKUP_KEYS = 500;
const MAX_KEY_LENGTH = 140;

const Key = z.string().max(MAX_KEY_LENGTH);

export const PageReportSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    kind: z.enum(['product', 'shop', 'listing', 'order', 'other']),
    sellerKey: Key.nullable(),
    sellerName: z.string().max(500).nullable(),
  })
  .strict();

/** One schema per message type; `satisfies` keeps them in step with the `Messages` types. */
export const REQUEST_SCHEMAS = {
  'content:lookup': z.object({ keys: z.array(Key).max(MAX_LOOKUP_KEYS) }).strict(),
  'content:page': z.object({ page: PageReportSchema.nullable() }).strict(),
  'content:config': z.object({}).strict(),
  'page:record': z.object({ key: Key }).strict(),
  'page:tab-state': z.object({ tabId: z.number().int().nonnegative() }).strict(),
  'page:snooze': z.object({ key: Key, snoozed: z.boolean() }).strict(),
} satisfies { [T in MessageType]: z.ZodType<Request<T>> };

function envelopeOf<T extends MessageType>(type: T) {
  return z.object({ type: z.literal(type), data: REQUEST_SCHEMAS[type] }).strict();
}

/** A validated message: its `data` has the type its `type` names. */
export type ParsedEnvelope = { [T in MessageType]: Envelope<T> }[MessageType];

export const EnvelopeSchema = z.discriminatedUnion('type', [
  envelopeOf('content:lookup'),
  envelopeOf('content:page'),
  envelopeOf('content:config'),
  envelopeOf('page:record'),
  envelopeOf('page:tab-state'),
  envelopeOf('page:snooze'),
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
