/**
 * Sellers' public replies to the facts on their record: what a seller key reads and sends, and
 * what a moderator reads and sends to hide one. The public side of a reply (its text and date,
 * beside its fact) is in schemas.ts (PublicReply).
 */
import { z } from 'zod';
import { Level, MAX_REPLY_LENGTH, PlatformSchema } from './schemas';

const IsoDate = z.iso.date();
const IsoDateTime = z.iso.datetime({ offset: true });

export const ReplyFactKind = z.enum(['sanction', 'counterfeit', 'late_answers']).meta({
  description: 'A sanction, the confirmed counterfeits, or the complaints left past their deadline',
});
export type ReplyFactKind = z.infer<typeof ReplyFactKind>;

/** `counterfeit`, `late_answers` or `sanction-<the sanction's id>`. */
export const FACT_ID_PATTERN = /^(counterfeit|late_answers|sanction-[A-Za-z0-9-]{1,64})$/;
export const FACT_ID_MESSAGE =
  'a fact is "counterfeit", "late_answers" or "sanction-<id>" as listed by GET /v1/seller/replies';

export const FactId = z
  .string()
  .max(80)
  .regex(FACT_ID_PATTERN, FACT_ID_MESSAGE)
  .meta({ description: 'The fact answered, as listed by GET /v1/seller/replies', example: 'counterfeit' });
export type FactId = z.infer<typeof FactId>;

/** Characters that plain text does not need and that could disguise it: controls but tab and newline. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

export const ReplyText = z
  .string()
  .transform((t) => t.replaceAll('\r\n', '\n').trim())
  .pipe(
    z
      .string()
      .min(1, 'a reply needs some text')
      .max(MAX_REPLY_LENGTH, `a reply holds at most ${MAX_REPLY_LENGTH} characters`)
      .refine((t) => !CONTROL.test(t), 'a reply is plain text: no control characters'),
  );

export const PutReplyRequest = z
  .object({
    text: ReplyText.meta({
      description: `Plain text, 1–${MAX_REPLY_LENGTH} characters; shown as written (never as markup)`,
    }),
  })
  .strict()
  .meta({ id: 'PutReplyRequest' });
export type PutReplyRequest = z.input<typeof PutReplyRequest>;

export const ReplyHidden = z.object({
  at: IsoDateTime,
  reason: z.string(),
});

/** The seller's own view of its current reply to a fact. */
export const SellerReply = z
  .object({
    id: z.string(),
    fact: FactId,
    text: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    edited: z.boolean(),
    hidden: ReplyHidden.nullable().meta({
      description: 'Set when a moderator hid the reply: it is in no public answer until unhidden',
    }),
  })
  .meta({ id: 'SellerReply' });
export type SellerReply = z.infer<typeof SellerReply>;

const factBase = { id: FactId, reply: SellerReply.nullable() };

export const AnswerableFact = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sanction'),
    ...factBase,
    authority: z.string(),
    decision: z.string(),
    date: IsoDate,
    summary: z.string(),
  }),
  z.object({
    kind: z.literal('counterfeit'),
    ...factBase,
    confirmed: z.number().int().nonnegative(),
    lastConfirmedAt: IsoDate.nullable(),
  }),
  z.object({
    kind: z.literal('late_answers'),
    ...factBase,
    late: z.number().int().nonnegative().meta({ description: 'Verified complaints left past the deadline' }),
  }),
]);
export type AnswerableFact = z.infer<typeof AnswerableFact>;

export const ShopFacts = z.object({
  platform: PlatformSchema,
  sellerId: z.string(),
  name: z.string().nullable(),
  level: Level,
  facts: z.array(AnswerableFact),
});
export type ShopFacts = z.infer<typeof ShopFacts>;

export const SellerReplies = z.object({ shops: z.array(ShopFacts) }).meta({ id: 'SellerReplies' });
export type SellerReplies = z.infer<typeof SellerReplies>;

/** A reply as a moderator sees it, with its shop. */
export const ModeratedReply = SellerReply.extend({
  kind: ReplyFactKind,
  platform: PlatformSchema,
  sellerId: z.string(),
  name: z.string().nullable(),
}).meta({ id: 'ModeratedReply' });
export type ModeratedReply = z.infer<typeof ModeratedReply>;

export const ModeratedReplyList = z
  .object({ replies: z.array(ModeratedReply) })
  .meta({ id: 'ModeratedReplyList' });
export type ModeratedReplyList = z.infer<typeof ModeratedReplyList>;

export const SetReplyVisibility = z
  .object({
    hidden: z.boolean(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((v) => !v.hidden || v.reason !== undefined, {
    message: 'hiding a reply needs a reason',
    path: ['reason'],
  })
  .meta({ id: 'SetReplyVisibility' });
export type SetReplyVisibility = z.infer<typeof SetReplyVisibility>;
