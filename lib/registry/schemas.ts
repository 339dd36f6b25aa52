/**
 * The registry's API contract: zod schemas shared by the server (request parsing, response tests,
 * OpenAPI) and the extension's background (parsing whatever the registry answers). Everything here
 * is public data: nothing in a trust record identifies a shopper.
 */
import { z } from 'zod';
import { MAX_PREFIX_LENGTH, MIN_PREFIX_LENGTH, PLATFORMS, parseSellerKey } from './seller-key';

export const PlatformSchema = z.enum(PLATFORMS).meta({ description: 'Marketplace' });

export const SellerKeySchema = z
  .string()
  .max(140)
  .refine((k) => parseSellerKey(k) !== null, {
    message: 'seller key must be <platform>:<numeric id> or <platform>:@<slug>',
  })
  .meta({
    description: 'Seller key, e.g. shopee:672907573 or shopee:@nobistar.sg',
    example: 'shopee:672907573',
  });

export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256')
  .meta({ description: 'sha256(seller key), lowercase hex' });

export const HashPrefix = z
  .string()
  .regex(
    new RegExp(`^[0-9a-f]{${MIN_PREFIX_LENGTH},${MAX_PREFIX_LENGTH}}$`),
    `prefix must be ${MIN_PREFIX_LENGTH}–${MAX_PREFIX_LENGTH} lowercase hex characters`,
  )
  .meta({ description: 'Leading hex characters of sha256(seller key)', example: 'a3f1' });

const IsoDate = z.iso.date().meta({ description: 'Calendar date, YYYY-MM-DD' });
const IsoDateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 timestamp' });

export const Level = z
  .enum(['trusted', 'ok', 'caution', 'danger', 'unknown'])
  .meta({ description: 'Trust level derived by the registry from established facts' });
export type Level = z.infer<typeof Level>;

/**
 * Reason codes. Each names the facts behind it in `params`; the extension renders them in the
 * shopper's language. Codes are stable API: add, never rename.
 */
export const ReasonCode = z.enum([
  'registered', // registration with the Ministry (params: status, since)
  'official_store', // the marketplace marks it an official store (params: none)
  'unregistered', // no registration known (informational, never accusing on its own)
  'registration_revoked', // the Ministry revoked the registration (params: since)
  'complaints_answered_on_time', // params: total, share (12 months)
  'complaints_late', // params: late, total, share (12 months)
  'complaints_upheld', // resolved for the shopper after escalation, 12 months (params: upheld)
  'counterfeit_confirmed', // params: confirmed, last12Months, lastConfirmedAt
  'sanction_recent', // params: count, lastDate, authority
  'sanction_past', // params: count, lastDate
  'no_facts', // nothing established yet: params none
  'complaints_unverified', // complaints whose order nobody verified yet, 12 months (params: count); never moves the level
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

export const Reason = z.object({
  code: ReasonCode,
  effect: z.enum(['positive', 'neutral', 'negative']),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type Reason = z.infer<typeof Reason>;

export const RegistrationStatus = z
  .enum(['registered', 'notified', 'unregistered', 'revoked', 'unknown'])
  .meta({
    description:
      'online.gov.vn: "registered" (đã đăng ký) for e-commerce platforms/large sellers, "notified" (đã thông báo) for sales websites; revoked when the Ministry cancelled it',
  });

export const Registration = z.object({
  status: RegistrationStatus,
  businessName: z.string().nullable(),
  taxCode: z.string().nullable(),
  since: IsoDate.nullable(),
  source: z.string().nullable().meta({ description: 'Source reference, e.g. an online.gov.vn notice' }),
});
export type Registration = z.infer<typeof Registration>;

export const ComplaintStats = z.object({
  total: z.number().int().nonnegative(),
  open: z.number().int().nonnegative(),
  resolvedForShopper: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  unanswered: z.number().int().nonnegative().meta({ description: 'Seller missed the answer deadline' }),
  answeredOnTimeShare: z.number().min(0).max(1).nullable(),
  medianDaysToResolution: z.number().nonnegative().nullable(),
});
export type ComplaintStats = z.infer<typeof ComplaintStats>;

/** Longest public reply a seller may post, in characters. */
export const MAX_REPLY_LENGTH = 1000;

/**
 * A seller's public reply to one fact on its record, as every public answer carries it: only its
 * text and the day it was last written, so that buckets stay small. Plain text, never markup.
 */
export const PublicReply = z
  .object({
    text: z.string().max(MAX_REPLY_LENGTH),
    date: IsoDate.meta({ description: 'Day the reply was posted, or last edited' }),
    edited: z.boolean().meta({ description: 'The seller edited the reply after posting it' }),
  })
  .meta({ description: "The seller's public reply to this fact (plain text); absent when there is none" });
export type PublicReply = z.infer<typeof PublicReply>;

export const Sanction = z.object({
  authority: z.string(),
  decision: z.string(),
  date: IsoDate,
  summary: z.string(),
  url: z.string().nullable(),
  reply: PublicReply.optional(),
});
export type Sanction = z.infer<typeof Sanction>;

export const TrustRecord = z
  .object({
    platform: PlatformSchema,
    sellerId: z.string().meta({ description: 'Canonical seller id on the platform' }),
    name: z.string().nullable(),
    officialStore: z.boolean(),
    registration: Registration,
    complaints: z.object({
      last12Months: ComplaintStats.meta({
        description: 'Complaints whose order a platform or a moderator verified, filed in the last 12 months',
      }),
      allTime: ComplaintStats.meta({ description: 'Complaints whose order was verified, all time' }),
      unverified: z
        .object({
          last12Months: z.number().int().nonnegative(),
          allTime: z.number().int().nonnegative(),
        })
        .meta({
          description:
            'Complaints nobody has verified yet (chưa xác minh): shown as a count, never counted in the level',
        }),
      lateReply: PublicReply.optional().meta({
        description: "The seller's public reply to its verified complaints left past their deadline",
      }),
    }),
    counterfeit: z.object({
      reports: z.number().int().nonnegative().meta({
        description:
          "Reports awaiting a moderator's decision (received or in review): neither confirmed nor dismissed",
      }),
      confirmed: z.number().int().nonnegative().meta({ description: 'Reports a moderator confirmed' }),
      dismissed: z.number().int().nonnegative().meta({ description: 'Reports a moderator dismissed' }),
      lastConfirmedAt: IsoDate.nullable(),
      reply: PublicReply.optional().meta({
        description: "The seller's public reply to its confirmed counterfeits",
      }),
    }),
    sanctions: z.array(Sanction),
    level: Level,
    reasons: z.array(Reason),
    updatedAt: IsoDateTime,
    demo: z.boolean().meta({ description: 'True for demonstration data that describes no real seller' }),
  })
  .meta({ id: 'TrustRecord' });
export type TrustRecord = z.infer<typeof TrustRecord>;

export const BucketEntry = z.object({
  hash: Sha256Hex,
  record: TrustRecord,
});
export type BucketEntry = z.infer<typeof BucketEntry>;

export const BucketAnswer = z
  .object({
    prefix: HashPrefix,
    dataVersion: z.number().int().nonnegative(),
    entries: z.array(BucketEntry),
    padding: z
      .string()
      .meta({ description: 'Filler that makes answers of one size class identical in length' }),
  })
  .meta({ id: 'BucketAnswer' });
export type BucketAnswer = z.infer<typeof BucketAnswer>;

export const MAX_LOOKUP_PREFIXES = 100;

export const LookupRequest = z
  .object({
    prefixes: z.array(HashPrefix).min(1).max(MAX_LOOKUP_PREFIXES),
  })
  .strict()
  .meta({ id: 'LookupRequest' });
export type LookupRequest = z.infer<typeof LookupRequest>;

export const LookupAnswer = z
  .object({
    dataVersion: z.number().int().nonnegative(),
    buckets: z.array(BucketAnswer),
  })
  .meta({ id: 'LookupAnswer' });
export type LookupAnswer = z.infer<typeof LookupAnswer>;

export const Meta = z
  .object({
    name: z.string(),
    apiVersion: z.literal(1),
    prefixLength: z.number().int().min(MIN_PREFIX_LENGTH).max(MAX_PREFIX_LENGTH),
    minPrefixLength: z.number().int(),
    maxPrefixLength: z.number().int(),
    maxLookupPrefixes: z.number().int(),
    maxBodyBytes: z.number().int(),
    rateLimit: z.object({ requests: z.number().int(), windowSeconds: z.number().int() }),
    bucketStalenessSeconds: z.number().nonnegative(),
    dataVersion: z.number().int().nonnegative(),
    demoData: z.boolean(),
    // buckets (issue 13): how anonymous a lookup is at `prefixLength`.
    anonymity: z
      .object({
        sellerKeys: z.number().int().nonnegative(),
        keysPerBucket: z.number().nonnegative(),
        k: z.number().int().nonnegative(),
        targetK: z.number().int().positive(),
      })
      .optional()
      .meta({
        description:
          'sellerKeys: keys in the registry; keysPerBucket: their mean per bucket at prefixLength; k: the ' +
          'number of registered keys a bucket holds on average (floor), which the prefix length never drops ' +
          'below targetK to gain: the length grows past the minimum only while k stays ≥ targetK',
      }),
  })
  .meta({ id: 'Meta' });
export type Meta = z.infer<typeof Meta>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unavailable']),
});

export const ErrorCode = z.enum([
  'bad_request',
  'invalid_prefix',
  'too_many_prefixes',
  'unknown_platform',
  'invalid_seller_id',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'illegal_transition',
  'invalid_csv',
  'rate_limited',
  'database_unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      details: z
        .array(
          z.object({ line: z.number().int().optional(), path: z.string().optional(), message: z.string() }),
        )
        .optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---- Admin ----

/**
 * Who an API key acts as. A `platform` key speaks for one marketplace and all its shops: it
 * attests whether the order a complaint names exists (it never acts as the seller).
 */
export const Role = z.enum(['admin', 'moderator', 'seller', 'platform']);
export type Role = z.infer<typeof Role>;

export const CreateApiKeyRequest = z
  .object({
    role: Role,
    label: z.string().trim().min(1).max(200),
    sellers: z
      .array(SellerKeySchema)
      .max(1000)
      .optional()
      .meta({ description: 'Shops a seller key acts for, bound to the shops these keys name at creation' }),
    platform: PlatformSchema.optional().meta({ description: 'The marketplace a platform key speaks for' }),
  })
  .strict()
  .refine((v) => v.role !== 'seller' || (v.sellers?.length ?? 0) > 0, {
    message: 'a seller key needs at least one shop in "sellers"',
    path: ['sellers'],
  })
  .refine((v) => (v.role === 'platform') === (v.platform !== undefined), {
    message: 'a platform key names its marketplace in "platform", and only a platform key does',
    path: ['platform'],
  })
  .refine((v) => v.role === 'seller' || (v.sellers?.length ?? 0) === 0, {
    message: 'only a seller key is scoped to shops',
    path: ['sellers'],
  })
  .meta({ id: 'CreateApiKeyRequest' });

export const ApiKeyInfo = z.object({
  id: z.string(),
  role: Role,
  label: z.string(),
  sellers: z.array(z.string()),
  platform: PlatformSchema.nullable(),
  createdAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

export const CreatedApiKey = ApiKeyInfo.extend({
  key: z.string().meta({ description: 'The secret, shown once; only its hash is stored' }),
}).meta({ id: 'CreatedApiKey' });

export const ImportResult = z
  .object({
    kind: z.enum(['registrations', 'sanctions']),
    rows: z.number().int().nonnegative(),
    inserted: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    dataVersion: z.number().int().nonnegative(),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;
